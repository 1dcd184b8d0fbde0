import { GraphQLError } from "graphql";

/** The small, stable set of `extensions.code` values clients branch on. */
export type ErrorCode =
  | "BAD_USER_INPUT"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "TOO_MANY_REQUESTS"
  | "SERVICE_UNAVAILABLE"
  | "INTERNAL_SERVER_ERROR";

/** Codes that decide the HTTP status of a whole response when they end it (e.g. in context creation). */
const HTTP_STATUS: Partial<Record<ErrorCode, number>> = { SERVICE_UNAVAILABLE: 503 };

export interface AppErrorOptions {
  /** Domain reason, e.g. OFFICE_NOT_FOUND; finer than the code, stable, for clients and translations. */
  reason: string;
  /** Input path of the offending argument, e.g. ["input", "officeId"]. */
  field?: string[];
  /** Any further facts a client may use (allowed transitions, limits…). */
  details?: Record<string, unknown>;
}

/**
 * An error meant for the caller: its message is written for a person and is shown as is; everything else
 * thrown inside the API is masked (see format-error.ts).
 */
export class AppError extends GraphQLError {
  readonly code: ErrorCode;
  readonly reason: string;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions) {
    super(message, {
      extensions: {
        code,
        reason: options.reason,
        ...(options.field ? { field: options.field } : {}),
        ...(options.details ?? {}),
        ...(HTTP_STATUS[code] ? { http: { status: HTTP_STATUS[code] } } : {}),
      },
    });
    this.code = code;
    this.reason = options.reason;
  }
}

export const badInput = (reason: string, message: string, field?: string[], details?: Record<string, unknown>) =>
  new AppError("BAD_USER_INPUT", message, { reason, field, details });

export const notFound = (reason: string, message: string, field?: string[]) =>
  new AppError("NOT_FOUND", message, { reason, field });

export const forbidden = (reason: string, message: string) => new AppError("FORBIDDEN", message, { reason });

export const conflict = (reason: string, message: string, field?: string[], details?: Record<string, unknown>) =>
  new AppError("CONFLICT", message, { reason, field, details });

export const unauthenticated = (reason: string, message: string) => new AppError("UNAUTHENTICATED", message, { reason });
