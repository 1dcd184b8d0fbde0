import { AppError } from "../../common/errors/app-error";

/** Reasons a document is refused before it runs; clients and tests branch on these. */
export type QueryLimitReason =
  | "QUERY_TOO_DEEP"
  | "TOO_MANY_ALIASES"
  | "TOO_MANY_DIRECTIVES"
  | "TOO_MANY_TOKENS"
  | "QUERY_TOO_COSTLY"
  | "INTROSPECTION_NOT_ALLOWED";

/**
 * A refused document: BAD_USER_INPUT with the reason, the limit and what was found, and HTTP 400 (the request
 * as a whole is refused, nothing ran).
 */
export function queryLimitError(reason: QueryLimitReason, message: string, limit?: number, found?: number): AppError {
  return new AppError("BAD_USER_INPUT", message, {
    reason,
    details: {
      ...(limit === undefined ? {} : { limit }),
      ...(found === undefined ? {} : { found }),
      http: { status: 400 },
    },
  });
}
