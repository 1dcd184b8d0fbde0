import { timingSafeEqual, createHash, randomUUID } from "node:crypto";
import { AppError } from "../common/errors/app-error";
import { isDatabaseUnavailable, serviceUnavailable } from "../common/errors/database-unavailable";
import type { AppServices } from "./app-services";
import { authenticate } from "./authenticate";
import type { Context } from "./context.type";

export interface Credentials {
  /** `Bearer <token>` or the bare token. */
  authorization?: string | null;
  platformOperatorSecret?: string | null;
  requestId?: string;
  clientAddress?: string;
  /** The request can only read (an HTTP query): its unit of work needs no transaction. */
  readOnly?: boolean;
}

function sameSecret(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Builds the resolver context from credentials; HTTP headers and WebSocket connection params both land here. */
export async function buildContext(app: AppServices, credentials: Credentials): Promise<Context> {
  const context: Context = {
    requestId: credentials.requestId ?? randomUUID(),
    app,
    clientAddress: credentials.clientAddress ?? "unknown",
    session: null,
    authError: null,
    platformOperator:
      !!credentials.platformOperatorSecret && sameSecret(credentials.platformOperatorSecret, app.config.platformOperatorSecret),
  };
  const bearer = credentials.authorization?.replace(/^Bearer\s+/i, "").trim();
  if (bearer) {
    const result = await authenticate(app, bearer, { readOnly: credentials.readOnly }).catch((error: unknown) => {
      throw isDatabaseUnavailable(error) ? serviceUnavailable() : error;
    });
    if (result instanceof AppError) context.authError = result;
    else context.session = result;
  }
  return context;
}
