import { forbidden, notFound } from "../../common/errors/app-error";

export enum PrivacyError {
  SENSITIVE_NOTE_NOT_FOUND = "SENSITIVE_NOTE_NOT_FOUND",
  SENSITIVE_NOTES_OWN_OFFICE_ONLY = "SENSITIVE_NOTES_OWN_OFFICE_ONLY",
  ACCESS_NOT_RECORDED = "ACCESS_NOT_RECORDED",
}

export const sensitiveNoteNotFound = (field: string[] = ["id"]) =>
  notFound(PrivacyError.SENSITIVE_NOTE_NOT_FOUND, "No such sensitive note, or it is not visible to you.", field);

export const ownOfficeOnly = () =>
  forbidden(
    PrivacyError.SENSITIVE_NOTES_OWN_OFFICE_ONLY,
    "Sensitive notes are kept and read only by the staff of the office that serves the customer.",
  );

/** A read that can no longer be written to the access log is not served. */
export const accessNotRecorded = () =>
  forbidden(
    PrivacyError.ACCESS_NOT_RECORDED,
    "This personal data can only be read where the read is recorded; query it over HTTP.",
  );
