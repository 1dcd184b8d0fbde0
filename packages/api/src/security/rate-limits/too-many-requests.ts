import { HeaderMap } from "@apollo/server";
import { AppError } from "../../common/errors/app-error";

export type RateLimitReason = "RATE_LIMITED" | "LOGIN_THROTTLED";

/**
 * TOO_MANY_REQUESTS with `retryAfter` (whole seconds, at least 1) for clients, and on HTTP status 429 with a
 * Retry-After header.
 */
export function tooManyRequests(reason: RateLimitReason, message: string, retryAfterMs: number, limit: number): AppError {
  const retryAfter = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new AppError("TOO_MANY_REQUESTS", message.replace("{retryAfter}", String(retryAfter)), {
    reason,
    details: {
      retryAfter,
      limit,
      http: { status: 429, headers: new HeaderMap([["retry-after", String(retryAfter)]]) },
    },
  });
}
