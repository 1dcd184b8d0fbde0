import type { EntityManager } from "@mikro-orm/postgresql";
import { UniqueConstraintViolationException, ref, type FilterQuery } from "@mikro-orm/core";
import { hashPassword } from "../../auth/password";
import { Role, isHeadOfficeRole } from "../../auth/roles";
import type { Session } from "../../context/context.type";
import { likeContains } from "../../common/text-search";
import { findVisible } from "../../context/find-visible";
import { Office, OfficeKind } from "../tenancy/office.entity";
import { findVisibleOffice } from "../tenancy/office.service";
import { Staff } from "./staff.entity";
import { cannotDeactivateSelf, emailTaken, roleNotGrantable, roleOfficeMismatch, staffNotFound } from "./staff.errors";
import type { CreateStaffInput, StaffListArgs, UpdateStaffInput } from "./staff.input";
import { forgetLocally } from "../../context/principal-cache";
import { announceRevocation } from "../session/live-sessions";

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export function findVisibleStaff(em: EntityManager, session: Session, id: string, field: string[] = ["id"]): Promise<Staff> {
  return findVisible(em, session, Staff, id, "office", () => staffNotFound(field));
}

export async function staffWhere(session: Session, args: StaffListArgs): Promise<FilterQuery<Staff>> {
  const where: Record<string, unknown> = { ...(await session.scope.where(args.officeId)) };
  if (args.role) where.role = args.role;
  if (args.active !== undefined && args.active !== null) where.active = args.active;
  if (args.search) {
    const pattern = likeContains(args.search);
    where.$or = [{ name: { $ilike: pattern } }, { email: { $ilike: pattern } }];
  }
  return where as FilterQuery<Staff>;
}

/** Head-office roles sit in the head office, office roles in a management office. */
function checkRoleFitsOffice(role: Role, office: Office): void {
  const headOfficeRole = isHeadOfficeRole(role);
  if (headOfficeRole !== (office.kind === OfficeKind.HEAD_OFFICE)) throw roleOfficeMismatch(headOfficeRole);
}

/** Office managers manage office staff of their own office; head-office admins manage everyone. */
function checkMayManage(session: Session, role: Role): void {
  if (session.viewer.role === Role.HEAD_OFFICE_ADMIN) return;
  if (session.viewer.role === Role.OFFICE_MANAGER && role === Role.OFFICE_STAFF) return;
  throw roleNotGrantable();
}

async function flushStaff(em: EntityManager, email: string): Promise<void> {
  try {
    await em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw emailTaken(email);
    throw error;
  }
}

export async function createStaff(em: EntityManager, session: Session, input: CreateStaffInput): Promise<Staff> {
  checkMayManage(session, input.role);
  const office = await findVisibleOffice(em, session, input.officeId, ["input", "officeId"]);
  checkRoleFitsOffice(input.role, office);
  const email = normaliseEmail(input.email);
  const staff = em.create(Staff, {
    office,
    email,
    name: input.name.trim(),
    phone: input.phone ?? null,
    role: input.role,
    passwordHash: await hashPassword(input.password),
  });
  await flushStaff(em, email);
  return staff;
}

export async function updateStaff(em: EntityManager, session: Session, id: string, input: UpdateStaffInput): Promise<Staff> {
  const staff = await findVisibleStaff(em, session, id);
  checkMayManage(session, staff.role);
  const isSelf = staff.id === session.viewer.staff?.id;
  if (isSelf && (input.active === false || (input.role !== undefined && input.role !== staff.role))) throw cannotDeactivateSelf();
  const role = input.role ?? staff.role;
  checkMayManage(session, role);
  const office = input.officeId
    ? await findVisibleOffice(em, session, input.officeId, ["input", "officeId"])
    : await em.findOneOrFail(Office, { id: staff.office.id });
  checkRoleFitsOffice(role, office);
  // Open live connections carry the old role and office: end them (the token stays valid for reconnecting).
  const accessChanged = role !== staff.role || office.id !== staff.office.id || input.active === false;
  if (input.name !== undefined) staff.name = input.name.trim();
  if (input.phone !== undefined) staff.phone = input.phone;
  staff.role = role;
  staff.office = ref(office);
  if (input.active !== undefined && input.active !== staff.active) {
    staff.active = input.active;
    // Deactivation ends every session at once, not when the token expires.
    if (!input.active) staff.sessionVersion += 1;
  }
  await flushStaff(em, staff.email);
  if (accessChanged) await announceRevocation(em, { tenantId: staff.tenantId, staffId: staff.id });
  // A new name or number shows at once here (other instances remember the old one for a few seconds).
  else forgetLocally({ tenantId: staff.tenantId, staffId: staff.id });
  return staff;
}

export async function resetStaffPassword(em: EntityManager, session: Session, id: string, password: string): Promise<Staff> {
  const staff = await findVisibleStaff(em, session, id);
  checkMayManage(session, staff.role);
  staff.passwordHash = await hashPassword(password);
  staff.sessionVersion += 1;
  await em.flush();
  await announceRevocation(em, { tenantId: staff.tenantId, staffId: staff.id });
  return staff;
}
