import type { ErrorRequestHandler, RequestHandler } from "express";
import { randomUUID } from "node:crypto";
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
 * Failures before GraphQL sees the request (malformed JSON, a body over the limit, anything thrown in the
 * middleware chain) answered as GraphQL errors in JSON, never Express's HTML error page with its stack
 * trace. Unknown failures are masked like resolver errors: a generic message and a correlation id, the detail
 * in the log.
 */
export function graphqlHttpErrors(logger: Logger): ErrorRequestHandler {
  return (error: BodyParserError, _req, res, next) => {
    if (res.headersSent) return next(error);
    const known = error.type ? BODY_ERRORS[error.type] : undefined;
    if (known) {
      res.status(known.status).json({
        errors: [{ message: known.message(error), extensions: { code: "BAD_REQUEST", reason: known.reason } }],
      });
      return;
    }
    const correlationId = randomUUID();
    logger.error("unexpected HTTP error", { correlationId, error });
    res.status(500).json({
      errors: [
        {
          message: `Internal error. Quote reference ${correlationId} when reporting it.`,
          extensions: { code: "INTERNAL_SERVER_ERROR", correlationId },
        },
      ],
    });
  };
}

/**
 * Express 5 leaves `req.body` unset when no parser ran (a GET, or a POST that is not JSON), and Apollo's
 * Express integration answers that with a plain-text 500. Marking it empty lets Apollo answer instead: GET
 * queries run, other bodies get its 400 GraphQL error.
 */
export const markBodyParsed: RequestHandler = (req, _res, next) => {
  if (!("body" in req)) (req as { body?: unknown }).body = undefined;
  next();
};
