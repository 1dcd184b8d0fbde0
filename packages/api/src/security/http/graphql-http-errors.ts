import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import type { Logger } from "../../common/logger";

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  limit?: number;
}

/** What each body-parser failure means for the caller (https://github.com/expressjs/body-parser#errors). */
const BODY_ERRORS: Record<string, { status: number; reason: string; message: (e: BodyParserError) => string }> = {
  "entity.parse.failed": { status: 400, reason: "MALFORMED_JSON", message: () => "The request body is not valid JSON." },
  "entity.too.large": {
    status: 413,
    reason: "BODY_TOO_LARGE",
    message: (e) => `The request body is larger than ${e.limit ?? "the limit of"} bytes; send a smaller request.`,
  },
  "encoding.unsupported": {
    status: 415,
    reason: "UNSUPPORTED_ENCODING",
    message: () => "The request's content encoding is not supported.",
  },
  "charset.unsupported": { status: 415, reason: "UNSUPPORTED_CHARSET", message: () => "Send the request body as UTF-8 JSON." },
  "request.aborted": {
    status: 400,
    reason: "REQUEST_ABORTED",
    message: () => "The request was aborted before its body arrived.",
  },
  "request.size.invalid": {
    status: 400,
    reason: "BODY_LENGTH_MISMATCH",
    message: () => "The request body does not match its Content-Length.",
  },
};

/**
 * Failures before GraphQL sees the request (malformed JSON, a body over the limit, anything thrown on the way to
 * Apollo) answered as GraphQL errors in JSON, never an HTML error page with a stack trace. Unknown failures are
 * masked like resolver errors: a generic message and a correlation id, the detail in the log.
 */
export function answerHttpFailure(error: BodyParserError, res: ServerResponse, logger: Logger): void {
  if (res.headersSent) {
    logger.error("HTTP failure after the response began", { error });
    res.destroy();
    return;
  }
  const known = error.type ? BODY_ERRORS[error.type] : undefined;
  if (known) {
    sendJson(res, known.status, {
      errors: [{ message: known.message(error), extensions: { code: "BAD_REQUEST", reason: known.reason } }],
    });
    return;
  }
  const correlationId = randomUUID();
  logger.error("unexpected HTTP error", { correlationId, error });
  sendJson(res, 500, {
    errors: [
      {
        message: `Internal error. Quote reference ${correlationId} when reporting it.`,
        extensions: { code: "INTERNAL_SERVER_ERROR", correlationId },
      },
    ],
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.end(JSON.stringify(body));
}
