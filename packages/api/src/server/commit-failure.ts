import { AppError } from "../common/errors/app-error";
import type { FormattedExecutionResult } from "graphql";
import type { HTTPGraphQLHead } from "@apollo/server";
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS, serviceUnavailable } from "../common/errors/database-unavailable";

/**
 * The error that replaces a result whose transaction did not commit (the database went away, or a
 * before-commit write such as the access log failed): the caller must never be shown data or a success that
 * was not saved.
 */
export function commitFailure(error: unknown, correlationId: string): AppError {
  if (isDatabaseUnavailable(error)) return serviceUnavailable();
  return new AppError("INTERNAL_SERVER_ERROR", "The request could not be completed and nothing of it was saved; try again.", {
    reason: "COMMIT_FAILED",
    details: { correlationId },
  });
}

/**
 * An answer that failed because the database was unavailable tells HTTP clients when to retry, and is a 503
 * when nothing could be answered at all.
 */
export function signalUnavailable(result: FormattedExecutionResult, http: HTTPGraphQLHead): void {
  if (!result.errors?.some((e) => e.extensions?.code === "SERVICE_UNAVAILABLE")) return;
  http.headers.set("retry-after", String(RETRY_AFTER_SECONDS));
  if (result.data === null || result.data === undefined) http.status = 503;
}
