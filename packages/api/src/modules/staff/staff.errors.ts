import { badInput, conflict, forbidden, notFound } from "../../common/errors/app-error";

export enum StaffError {
  STAFF_NOT_FOUND = "STAFF_NOT_FOUND",
  EMAIL_TAKEN = "EMAIL_TAKEN",
  ROLE_OFFICE_MISMATCH = "ROLE_OFFICE_MISMATCH",
  ROLE_NOT_GRANTABLE = "ROLE_NOT_GRANTABLE",
  CANNOT_DEACTIVATE_SELF = "CANNOT_DEACTIVATE_SELF",
  PASSWORD_TOO_SHORT = "PASSWORD_TOO_SHORT",
}

export const staffNotFound = (field: string[] = ["id"]) =>
  notFound(StaffError.STAFF_NOT_FOUND, "No such staff member, or they are not visible to you.", field);

export const emailTaken = (email: string) =>
  conflict(StaffError.EMAIL_TAKEN, `Another staff member already signs in with ${email}.`, ["input", "email"]);

export const roleOfficeMismatch = (headOfficeRole: boolean) =>
  badInput(
    StaffError.ROLE_OFFICE_MISMATCH,
    headOfficeRole
      ? "Head-office roles belong to the head office; choose the head office or an office role."
      : "Office roles belong to a management office; choose an office or a head-office role.",
    ["input", "role"],
  );

export const roleNotGrantable = () =>
  forbidden(StaffError.ROLE_NOT_GRANTABLE, "Office managers may only add or change office staff of their own office.");

export const cannotDeactivateSelf = () =>
  badInput(StaffError.CANNOT_DEACTIVATE_SELF, "You cannot deactivate or demote your own account.", ["input", "active"]);
