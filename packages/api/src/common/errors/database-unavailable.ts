import { AppError } from "./app-error";

/**
 * SQLSTATEs meaning "the database cannot serve this now" rather than "this request is wrong": the server is
 * shutting down, starting up or crashed (57P0x), the connection broke (08xxx), it has no connection slots
 * (53300), or our own statement / lock timeouts fired (57014, 55P03).
 */
const UNAVAILABLE_SQLSTATES = new Set(["57P01", "57P02", "57P03", "57P05", "53300", "57014", "55P03"]);
const UNAVAILABLE_ERRNOS = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);
/** What pg, knex and tarn say when a connection is lost, cannot be made in time, or a pool slot never frees. */
const UNAVAILABLE_MESSAGES = [
  /Connection terminated/i,
  /Knex: Timeout acquiring a connection/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error and is not queryable/i,
  /Query read timeout/i,
  /Connection ended unexpectedly/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /terminating connection due to/i,
  /This socket has been ended by the other party/i,
  /Unable to acquire a connection/i,
  // knex, for a query in a transaction whose connection already failed (our units of work never query after
  // their commit: TenantDb refuses). Logged as a warning with the cause, so a bug would still show.
  /Transaction query already complete/i,
];

function* causes(error: unknown): Generator<Record<string, unknown>> {
  let current = error;
  for (let depth = 0; depth < 6 && current && typeof current === "object"; depth++) {
    yield current as Record<string, unknown>;
    const next = current as { originalError?: unknown; cause?: unknown; previous?: unknown };
    current = next.originalError ?? next.cause ?? next.previous;
  }
}

/** True when `error` (or what it wraps) says the database is down, unreachable, overloaded or too slow. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const e of causes(error)) {
    const code = typeof e.code === "string" ? e.code : undefined;
    // 08P01 (protocol violation) is a request the driver should never have sent, not an outage.
    if (code === "08P01") return false;
    if (code && (UNAVAILABLE_SQLSTATES.has(code) || code.startsWith("08") || UNAVAILABLE_ERRNOS.has(code))) return true;
    const message = typeof e.message === "string" ? e.message : "";
    if (UNAVAILABLE_MESSAGES.some((m) => m.test(message))) return true;
  }
  return false;
}

/** Seconds a client should wait before retrying when the database is unavailable. */
export const RETRY_AFTER_SECONDS = 2;

/**
 * What a caller is told when the database cannot serve the request: it was not done; retry shortly. Ending a
 * request (e.g. in context creation) it makes the response a 503 with `Retry-After`.
 */
export function serviceUnavailable(): AppError {
  const error = new AppError(
    "SERVICE_UNAVAILABLE",
    `The database is briefly unavailable or busy, so this was not done. Try again in ${RETRY_AFTER_SECONDS} seconds.`,
    { reason: "DATABASE_UNAVAILABLE", details: { retryAfterSeconds: RETRY_AFTER_SECONDS } },
  );
  // Apollo Server takes the status and headers of a response from `extensions.http`.
  const http = error.extensions.http as { status: number; headers?: Map<string, string> };
  http.headers = new Map([["retry-after", String(RETRY_AFTER_SECONDS)]]);
  return error;
}
