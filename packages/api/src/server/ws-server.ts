import type { Server } from "node:http";
import { WebSocketServer, type WebSocket } from "ws";
import { useServer, type Extra } from "graphql-ws/use/ws";
import { getOperationAST, type GraphQLFormattedError, type GraphQLSchema } from "graphql";
import { AppError } from "../common/errors/app-error";
import { authenticate } from "../context/authenticate";
import { buildContext } from "../context/build-context";
import type { AppServices } from "../context/app-services";
import type { Context } from "../context/context.type";
import { audienceSubscribe, SharedPayloads } from "../modules/events/audience-fanout";

type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/** graphql-ws close code for "sign in again": the credential expired or was revoked. */
export const SESSION_ENDED = 4401;

interface ConnectionState {
  credential?: string;
  operations: Map<string, Context>;
  unregister?: () => void;
  expiry?: NodeJS.Timeout;
}

function credentialFrom(params: Record<string, unknown> | undefined): string | undefined {
  const value = params?.authorization ?? params?.authToken;
  return typeof value === "string" ? value.replace(/^Bearer\s+/i, "").trim() : undefined;
}

/** setTimeout cannot wait longer than ~24.8 days. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * graphql-ws on the API's own HTTP port and path. The connection is authenticated once in the handshake with the
 * same token as HTTP (refused with 4403 when missing or invalid) and ended with 4401 when the token expires or is
 * revoked. Every operation gets a context built exactly like an HTTP request's; a query or mutation's
 * transaction closes when it completes, a subscription's right after it starts (it reads in short transactions
 * of its own, never holding one open for its lifetime).
 */
export function attachWebSocketServer(httpServer: Server, schema: GraphQLSchema, app: AppServices, formatError: FormatError) {
  const wsServer = new WebSocketServer({ server: httpServer, path: "/graphql" });
  // Live events are executed and serialised once per audience, not once per subscriber.
  const shared = new SharedPayloads();
  shared.attach(wsServer);
  const state = new WeakMap<object, ConnectionState>();
  const stateOf = (extra: object) => {
    let s = state.get(extra);
    if (!s) state.set(extra, (s = { operations: new Map() }));
    return s;
  };
  const finish = async (extra: object, id: string) => {
    const context = stateOf(extra).operations.get(id);
    stateOf(extra).operations.delete(id);
    await context?.session?.db.close(true).catch(() => undefined);
  };
  const end = (socket: WebSocket, reason: string) => {
    if (socket.readyState === socket.OPEN) socket.close(SESSION_ENDED, reason);
  };

  const cleanup = useServer<Record<string, unknown> | undefined, Extra & Record<PropertyKey, unknown>>(
    {
      schema,
      subscribe: audienceSubscribe(),
      jsonMessageReplacer: shared.replacer,
      onConnect: async (ctx) => {
        const credential = credentialFrom(ctx.connectionParams);
        if (!credential) return false;
        const session = await authenticate(app, credential);
        if (session instanceof AppError) return false;
        await session.db.close(true);
        const s = stateOf(ctx.extra);
        s.credential = credential;
        const { viewer } = session;
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
      context: async (ctx, id, _payload, args) => {
        const context = await buildContext(app, { authorization: stateOf(ctx.extra).credential });
        const operation = getOperationAST(args.document, args.operationName);
        if (operation?.operation === "subscription" && context.session) {
          await context.session.db.close(true);
        }
        stateOf(ctx.extra).operations.set(id, context);
        return context;
      },
      onNext: (_ctx, _id, _payload, _args, result) => shared.payload(result, formatError),
      onError: (ctx, id, _payload, errors) => {
        void finish(ctx.extra, id);
        return errors.map((e) => formatError(e.toJSON(), e));
      },
      onComplete: (ctx, id) => finish(ctx.extra, id),
      onClose: async (ctx) => {
        const s = stateOf(ctx.extra);
        s.unregister?.();
        if (s.expiry) clearTimeout(s.expiry);
        for (const id of [...s.operations.keys()]) await finish(ctx.extra, id);
      },
    },
    wsServer,
  );

  return {
    wsServer,
    dispose: async () => {
      await cleanup.dispose();
      wsServer.close();
    },
  };
}
