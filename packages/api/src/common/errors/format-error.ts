import { unwrapResolverError } from "@apollo/server/errors";
import {
  CheckConstraintViolationException,
  ForeignKeyConstraintViolationException,
  NotNullConstraintViolationException,
  OptimisticLockError,
  UniqueConstraintViolationException,
  DriverException,
} from "@mikro-orm/core";
import type { GraphQLFormattedError } from "graphql";
import { randomUUID } from "node:crypto";
import { AuthenticationError, AuthorizationError } from "type-graphql";
import { AppError } from "./app-error";
import { tokenLimitError } from "../../security/query-limits/operation-checks";
import { isDatabaseUnavailable, serviceUnavailable } from "./database-unavailable";
import type { Logger } from "../logger";

/** Codes produced by graphql-js / Apollo itself that are safe and useful to pass through. */
const PASSTHROUGH_CODES = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
]);

/** The error that was thrown, beneath the GraphQL errors wrapping it (subscription streams wrap it without a path). */
function innermost(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5; depth++) {
    const inner = (current as { originalError?: unknown } | null)?.originalError;
    if (!inner || current instanceof AppError) return current;
    current = inner;
  }
  return current;
}

/** A GraphQLError made by graphql-js or Apollo, wrapping nothing but other GraphQLErrors (no exception of ours). */
function isRequestError(error: unknown): boolean {
  let current = error as { name?: string; originalError?: unknown } | undefined;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current.name !== "GraphQLError" || current instanceof AppError) return false;
    current = current.originalError as typeof current;
  }
  return true;
}

/** Turns a database or ORM failure into the caller-facing error it stands for, or undefined if it is a bug. */
export function translateDatabaseError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (isDatabaseUnavailable(error)) return serviceUnavailable();
  if (error instanceof UniqueConstraintViolationException) {
    return new AppError("CONFLICT", "Something with the same unique value already exists.", {
      reason: "UNIQUE_VIOLATION",
      details: { constraint: (error as { constraint?: string }).constraint },
    });
  }
  if (error instanceof OptimisticLockError) {
    return new AppError("CONFLICT", "Someone else changed this record at the same time; reload it and try again.", {
      reason: "CONCURRENT_MODIFICATION",
    });
  }
  if (error instanceof ForeignKeyConstraintViolationException) {
    return new AppError("BAD_USER_INPUT", "The change refers to something that does not exist.", {
      reason: "REFERENCE_NOT_FOUND",
    });
  }
  if (error instanceof CheckConstraintViolationException || error instanceof NotNullConstraintViolationException) {
    return new AppError("BAD_USER_INPUT", "A value is not allowed here.", { reason: "CONSTRAINT_VIOLATION" });
  }
  if (error instanceof DriverException && (error as { code?: string }).code === "42501") {
    return new AppError("FORBIDDEN", "You may not change this record.", { reason: "ROW_LEVEL_SECURITY" });
  }
  return undefined;
}

/**
 * Shapes every error the API returns: known errors keep their message and code; anything else becomes a
 * generic INTERNAL_SERVER_ERROR with a correlation id, and the detail goes to the log only. No stack
 * traces, SQL or file paths ever reach the caller.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = innermost(unwrapResolverError(error));
    const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };

    const known =
      translateDatabaseError(original) ??
      (formatted.extensions?.code === "GRAPHQL_PARSE_FAILED" ? tokenLimitError(formatted.message) : undefined);
    if (known?.reason === "DATABASE_UNAVAILABLE" && known !== original) {
      logger.warn("database unavailable", { error: original, path: formatted.path });
    }
    if (known) {
      const { http: _http, ...extensions } = known.extensions as Record<string, unknown>;
      return { ...base, message: known.message, extensions };
    }
    if (original instanceof AuthenticationError) {
      return { ...base, message: "Sign in first.", extensions: { code: "UNAUTHENTICATED", reason: "NOT_SIGNED_IN" } };
    }
    if (original instanceof AuthorizationError) {
      return {
        ...base,
        message: "Your role does not allow this.",
        extensions: { code: "FORBIDDEN", reason: "ROLE_NOT_ALLOWED" },
      };
    }
    const code = formatted.extensions?.code;
    // Codes set by graphql-js or Apollo themselves (no instanceof: the ESM and CommonJS builds of graphql
    // are different classes).
    if (typeof code === "string" && PASSTHROUGH_CODES.has(code)) {
      return { ...base, extensions: { code } };
    }
    // graphql-js and Apollo raise some errors about the request itself without a code (variables that do not
    // coerce over graphql-ws, a persisted-query hash that does not match): no resolver ran, and the message names
    // only the request's own values.
    if (!formatted.path && isRequestError(error)) {
      return { ...base, extensions: { code: /^Variable "\$/.test(formatted.message) ? "BAD_USER_INPUT" : "BAD_REQUEST" } };
    }
    const correlationId = randomUUID();
    logger.error("unexpected error", { correlationId, error: original, path: formatted.path });
    return {
      ...base,
      message: `Internal error. Quote reference ${correlationId} when reporting it.`,
      extensions: { code: "INTERNAL_SERVER_ERROR", correlationId },
    };
  };
}
