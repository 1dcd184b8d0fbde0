import { badInput, conflict, notFound } from "../../common/errors/app-error";

export enum OfficeError {
  OFFICE_NOT_FOUND = "OFFICE_NOT_FOUND",
  OFFICE_CODE_TAKEN = "OFFICE_CODE_TAKEN",
  PARENT_WOULD_CYCLE = "PARENT_WOULD_CYCLE",
  HEAD_OFFICE_IS_ROOT = "HEAD_OFFICE_IS_ROOT",
}

export const officeNotFound = (field: string[] = ["id"]) =>
  notFound(OfficeError.OFFICE_NOT_FOUND, "No such office, or it is not visible to you.", field);

export const officeCodeTaken = (code: string) =>
  conflict(OfficeError.OFFICE_CODE_TAKEN, `Another office already uses the code ${code}.`, ["input", "code"]);

export const parentWouldCycle = () =>
  badInput(OfficeError.PARENT_WOULD_CYCLE, "An office cannot be placed under itself or one of its own sub-offices.", [
    "input",
    "parentId",
  ]);

export const headOfficeIsRoot = () =>
  badInput(OfficeError.HEAD_OFFICE_IS_ROOT, "The head office is the root of the tree and has no parent.", ["input", "parentId"]);
