import { randomUUID } from "node:crypto";
import type { IncomingMessage, Server } from "node:http";
import { WebSocketServer, type WebSocket } from "ws";
import { useServer, type Extra } from "graphql-ws/use/ws";
import { getOperationAST, GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from "graphql";
import { AppError } from "../common/errors/app-error";
import { isDatabaseUnavailable } from "../common/errors/database-unavailable";
import { authenticate } from "../context/authenticate";
import { buildContext } from "../context/build-context";
import type { AppServices } from "../context/app-services";
import type { Context } from "../context/context.type";
import { audienceSubscribe, SharedPayloads } from "../modules/events/audience-fanout";
import type { OperationChecks } from "../security/query-limits/operation-checks";
import { callerKey, type CallerKey } from "../security/rate-limits/caller-key";
import { originAllowed } from "../security/sockets/origin-policy";
import { ConnectionCaps } from "../security/sockets/socket-caps";
import { tooManySubscriptions, wsOperationRefused } from "../security/sockets/ws-operation-errors";
import { guardClientFrames } from "./ws-frame-guard";
import { commitBeforeReply } from "./ws-operations";

type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/** graphql-ws close code for "sign in again": the credential expired or was revoked. */
export const SESSION_ENDED = 4401;
/** WebSocket close code 1012 Service Restart: this instance is stopping; clients reconnect (to another one). */
export const SERVICE_RESTART = 1012;
/** WebSocket close code 1008 Policy Violation: a cap was hit (graphql-ws clients do not retry it). */
export const POLICY_VIOLATION = 1008;
/** WebSocket close code 1013 Try Again Later: a passing failure (graphql-ws clients retry it). */
export const TRY_AGAIN_LATER = 1013;

export interface WsSecurity {
  checks: OperationChecks;
  /** The caller's address for an upgrade request (X-Forwarded-For only through trusted proxies). */
  clientAddress: (req: IncomingMessage) => string;
}

interface ConnectionState {
  credential?: string;
  caller?: CallerKey;
  address: string;
  operations: Map<string, Context>;
  subscriptions: Set<string>;
  /** Queries and mutations still executing: a stopping instance waits for them before closing the socket. */
  running: Set<string>;
  unregister?: () => void;
  releaseSlot?: () => void;
  expiry?: NodeJS.Timeout;
}

function credentialFrom(params: Record<string, unknown> | undefined): string | undefined {
  const value = params?.authorization ?? params?.authToken;
  return typeof value === "string" ? value.replace(/^Bearer\s+/i, "").trim() : undefined;
}

/** setTimeout cannot wait longer than ~24.8 days. */
const MAX_TIMER_MS = 2 ** 31 - 1;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * graphql-ws on the API's own HTTP port and path. Upgrades from pages of other sites are refused (403); the
 * connection is authenticated once in the handshake with the same token as HTTP (refused with 4403 when missing
 * or invalid), capped per caller (1008), and ended with 4401 when the token expires or is revoked. Every
 * operation passes the same limits as on HTTP (tokens, depth, aliases, directives, cost, rate) and gets a
 * context built exactly like an HTTP request's; a query or mutation's transaction commits before its result is
 * sent, a subscription's right after it starts (it reads in short transactions of its own).
 */
export function attachWebSocketServer(
  httpServer: Server,
  schema: GraphQLSchema,
  app: AppServices,
  formatError: FormatError,
  security: WsSecurity,
) {
  const limits = app.config.security;
  let draining = false;
  const wsServer = new WebSocketServer({
    server: httpServer,
    path: "/graphql",
    maxPayload: limits.maxPayloadBytes,
    verifyClient: ({ req }, done) => {
      if (draining) done(false, 503, "This instance is restarting; connect again.");
      else if (!originAllowed(req, app.config.corsOrigins)) done(false, 403, "This origin may not open a WebSocket here.");
      else done(true);
    },
  });
  guardClientFrames(wsServer);
  // Live events are executed and serialised once per audience, not once per subscriber.
  const shared = new SharedPayloads();
  shared.attach(wsServer);
  const caps = new ConnectionCaps(limits.maxConnectionsPerUser);
  const state = new WeakMap<object, ConnectionState>();
  const everyState = new Set<ConnectionState>();
  const stateOf = (extra: Extra) => {
    let s = state.get(extra);
    if (!s) {
      s = { address: security.clientAddress(extra.request), operations: new Map(), subscriptions: new Set(), running: new Set() };
      state.set(extra, s);
      everyState.add(s);
    }
    return s;
  };
  const finish = async (extra: Extra, id: string, commit: boolean) => {
    const s = stateOf(extra);
    const context = s.operations.get(id);
    s.operations.delete(id);
    s.subscriptions.delete(id);
    s.running.delete(id);
    await context?.session?.db.close(commit).catch(() => undefined);
  };
  const end = (socket: WebSocket, reason: string) => {
    if (socket.readyState === socket.OPEN) socket.close(SESSION_ENDED, reason);
  };

  const cleanup = useServer<Record<string, unknown> | undefined, Extra & Record<PropertyKey, unknown>>(
    {
      schema,
      // Close reasons never carry error messages, whatever NODE_ENV says.
      isProd: true,
      subscribe: audienceSubscribe(),
      jsonMessageReplacer: shared.replacer,
      onConnect: async (ctx) => {
        const s = stateOf(ctx.extra);
        const credential = credentialFrom(ctx.connectionParams);
        if (!credential) return false;
        // The handshake's own unit of work ends here too: a commit lost with the connection is a passing failure.
        const authenticated = authenticate(app, credential).then(async (result) => {
          if (!(result instanceof AppError)) await result.db.close(true);
          return result;
        });
        const session = await authenticated.catch((error: unknown) => {
          // The database is unreachable, say: retryable (1013), and nothing of the error reaches the client.
          const correlationId = randomUUID();
          if (isDatabaseUnavailable(error))
            app.logger.warn("WebSocket authentication: database unavailable", { correlationId, error });
          else app.logger.error("WebSocket authentication failed", { correlationId, error });
          ctx.extra.socket.close(TRY_AGAIN_LATER, `Temporarily unavailable; reconnect (reference ${correlationId}).`);
          return undefined;
        });
        if (!session || session instanceof AppError) return false;
        const { viewer } = session;
        const caller = callerKey(viewer, s.address);
        const release = caps.take(caller.key);
        if (!release) {
          ctx.extra.socket.close(
            POLICY_VIOLATION,
            `At most ${limits.maxConnectionsPerUser} open connections per user; close another tab or app first.`,
          );
          return false;
        }
        s.credential = credential;
        s.caller = caller;
        s.releaseSlot = release;
        s.unregister = app.liveSessions.register({
          tenantId: viewer.tenantId,
          staffId: viewer.staff?.id,
          apiTokenId: viewer.apiToken?.id,
          end: (reason) => end(ctx.extra.socket, reason),
        });
        if (viewer.expiresAt) {
          const ms = Math.max(0, viewer.expiresAt.getTime() - app.now().getTime());
          s.expiry = setTimeout(() => end(ctx.extra.socket, "The session expired; sign in again."), Math.min(ms, MAX_TIMER_MS));
        }
        return true;
      },
      onSubscribe: async (ctx, id, payload) => {
        const s = stateOf(ctx.extra);
        try {
          if (draining) return [wsOperationRefused()];
          const budget = await app.rateLimiter.consume(s.caller!);
          if (budget instanceof AppError) return [budget];
          const document = security.checks.check(payload.query);
          if (Array.isArray(document)) return document;
          const operation = getOperationAST(document, payload.operationName);
          if (!operation) {
            return [
              new GraphQLError("Name the operation to run (`operationName`): the document has none or several.", {
                extensions: { code: "OPERATION_RESOLUTION_FAILURE" },
              }),
            ];
          }
          const subscription = operation.operation === "subscription";
          // Checked and taken in one synchronous step, so concurrent subscribes cannot all pass the check.
          if (subscription && s.subscriptions.size >= limits.maxSubscriptionsPerConnection) {
            return [tooManySubscriptions(limits.maxSubscriptionsPerConnection)];
          }
          (subscription ? s.subscriptions : s.running).add(id);
          const context = await buildContext(app, { authorization: s.credential, clientAddress: s.address });
          s.operations.set(id, context);
          const refused = security.checks.afterValidation(document, payload.operationName, payload.variables, !!context.session);
          if (refused) {
            await finish(ctx.extra, id, false);
            return [refused];
          }
          if (subscription) await context.session?.db.close(true);
          return {
            schema,
            document,
            operationName: payload.operationName,
            variableValues: payload.variables,
            contextValue: context,
          };
        } catch (error) {
          await finish(ctx.extra, id, false);
          // Formatted (and masked, or SERVICE_UNAVAILABLE for a database outage) by onError like any other
          // error; the socket stays open.
          return [new GraphQLError("The operation failed.", { originalError: error as Error })];
        }
      },
      onNext: async (ctx, id, _payload, args, value) =>
        shared.payload(await commitBeforeReply(stateOf(ctx.extra).operations.get(id), args, value, app.logger), formatError),
      onError: (ctx, id, _payload, errors) => {
        void finish(ctx.extra, id, false);
        return errors.map((e) => formatError(e.toJSON(), e));
      },
      onComplete: (ctx, id) => finish(ctx.extra, id, true),
      onClose: async (ctx) => {
        const s = stateOf(ctx.extra);
        s.unregister?.();
        s.releaseSlot?.();
        if (s.expiry) clearTimeout(s.expiry);
        everyState.delete(s);
        // Subscriptions only: a query or mutation still executing ends (and commits or rolls back) by itself.
        for (const id of [...s.subscriptions]) await finish(ctx.extra, id, true);
      },
    },
    wsServer,
  );

  return {
    wsServer,
    /**
     * Stops taking connections and operations, lets running queries and mutations finish (at most `graceMs`),
     * then closes every socket with 1012 Service Restart so clients reconnect — to another instance — and resume
     * their subscriptions after the last event they saw.
     */
    drain: async (graceMs: number) => {
      draining = true;
      const deadline = Date.now() + graceMs;
      while (Date.now() < deadline && [...everyState].some((s) => s.running.size > 0)) await sleep(25);
      const closing = [...wsServer.clients].map(
        (socket) =>
          new Promise<void>((resolve) => {
            if (socket.readyState === socket.CLOSED) return resolve();
            socket.once("close", () => resolve());
            socket.close(SERVICE_RESTART, "The server is restarting; reconnect.");
            // A client that does not answer the closing handshake is cut off.
            setTimeout(() => {
              socket.terminate();
              resolve();
            }, 2000).unref();
          }),
      );
      await Promise.all(closing);
    },
    dispose: async () => {
      draining = true;
      await cleanup.dispose();
      wsServer.close();
    },
  };
}
