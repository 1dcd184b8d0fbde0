import type { ErrorRequestHandler } from "express";
import { randomUUID } from "node:crypto";
import type { Logger } from "../common/logger";

/** body-parser's error types, and what the caller is told about each. */
const BODY_ERRORS: Record<string, { status: number; reason: string; message: string }> = {
  "entity.parse.failed": {
    status: 400,
    reason: "INVALID_JSON",
    message: 'The request body is not valid JSON: send an object such as {"query": "{ me { role } }"}.',
  },
  "entity.too.large": { status: 413, reason: "BODY_TOO_LARGE", message: "The request body is larger than the limit of 1 MB." },
  "charset.unsupported": { status: 415, reason: "UNSUPPORTED_CHARSET", message: "Send the request body as UTF-8 JSON." },
  "encoding.unsupported": {
    status: 415,
    reason: "UNSUPPORTED_ENCODING",
    message: "Send the request body uncompressed or gzip/deflate encoded.",
  },
  "request.aborted": { status: 400, reason: "REQUEST_ABORTED", message: "The request body was not received completely." },
  "request.size.invalid": {
    status: 400,
    reason: "REQUEST_SIZE_INVALID",
    message: "The request body does not match its Content-Length.",
  },
};

/**
 * Errors of the HTTP layer, before GraphQL runs (an unreadable, oversized or mis-encoded body), answered as GraphQL
 * errors in JSON. Express would otherwise answer with an HTML page that, outside production, shows the stack trace.
 */
export function requestErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, _req, res, next) => {
    if (res.headersSent) return next(error);
    const known = BODY_ERRORS[(error as { type?: string }).type ?? ""];
    if (known) {
      res
        .status(known.status)
        .json({ errors: [{ message: known.message, extensions: { code: "BAD_REQUEST", reason: known.reason } }] });
      return;
    }
    const correlationId = randomUUID();
    logger.error("unexpected error in the HTTP layer", { correlationId, error });
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
