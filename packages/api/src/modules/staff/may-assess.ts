import { Role, isHeadOfficeRole } from "../../auth/roles";
import { forbidden } from "../../common/errors/app-error";
import type { Session } from "../../context/context.type";
import type { Staff } from "./staff.entity";

/**
 * Who may assess whom (competency assessments and the monthly 考核 alike): office managers assess the office
 * staff of their own office (visibility already limits them to it), head-office roles assess anyone, and
 * nobody assesses themselves.
 */
export function checkMayAssess(session: Session, staff: Staff): void {
  const { viewer } = session;
  if (viewer.staff?.id === staff.id) throw forbidden("SELF_ASSESSMENT", "Nobody assesses themselves.");
  if (viewer.role && isHeadOfficeRole(viewer.role)) return;
  if (viewer.role === Role.OFFICE_MANAGER && staff.role === Role.OFFICE_STAFF) return;
  throw forbidden(
    "ROLE_NOT_ALLOWED",
    "Office managers assess the office staff of their own office; head-office roles assess anyone.",
  );
}

/**
 * Assessments are personnel records: office staff see only their own, managers their offices' (the office
 * scope), head-office roles and BI tokens everyone in scope. Returns the staff id to restrict to, if any.
 */
export function ownAssessmentsOnly(session: Session): string | null {
  return session.viewer.role === Role.OFFICE_STAFF ? session.viewer.staff!.id : null;
}
