import { badInput, conflict, notFound } from "../../common/errors/app-error";

export enum TicketError {
  TICKET_NOT_FOUND = "TICKET_NOT_FOUND",
  TICKET_CHANGED = "TICKET_CHANGED",
  SEVERITY_NOT_FOR_TYPE = "SEVERITY_NOT_FOR_TYPE",
  RECEIVED_IN_FUTURE = "RECEIVED_IN_FUTURE",
  RECEIVED_TOO_LONG_AGO = "RECEIVED_TOO_LONG_AGO",
  OFFICE_REQUIRED = "OFFICE_REQUIRED",
  OFFICE_MISMATCH = "OFFICE_MISMATCH",
  ANONYMOUS_WITH_CUSTOMER = "ANONYMOUS_WITH_CUSTOMER",
  ASSIGNEE_REQUIRED = "ASSIGNEE_REQUIRED",
  ASSIGNEE_NOT_IN_OFFICE = "ASSIGNEE_NOT_IN_OFFICE",
  IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED",
  FOLLOW_UP_PENDING = "FOLLOW_UP_PENDING",
  CONTENT_REQUIRED = "CONTENT_REQUIRED",
}

export const ticketNotFound = (field: string[] = ["id"]) =>
  notFound(TicketError.TICKET_NOT_FOUND, "No such ticket, or it is not visible to you.", field);

export const ticketChanged = (expected: number, actual: number) =>
  conflict(
    TicketError.TICKET_CHANGED,
    `The ticket was changed by someone else (version ${actual}, you saw ${expected}); reload it and try again.`,
    ["input", "expectedVersion"],
    { currentVersion: actual },
  );

export const severityNotForType = (severity: string, type: string, allowed: readonly string[]) =>
  badInput(
    TicketError.SEVERITY_NOT_FOR_TYPE,
    allowed.length
      ? `${severity} is not a severity of ${type}; use one of ${allowed.join(", ")}.`
      : `${type} requests have no severity.`,
    ["input", "severity"],
    { allowed },
  );
