import type { Server } from "node:http";
import { WebSocketServer } from "ws";
import { useServer } from "graphql-ws/use/ws";
import type { GraphQLFormattedError, GraphQLSchema } from "graphql";
import { AppError } from "../common/errors/app-error";
import { authenticate } from "../context/authenticate";
import { buildContext } from "../context/build-context";
import type { AppServices } from "../context/app-services";
import type { Context } from "../context/context.type";

type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

interface ConnectionState {
  credential?: string;
  operations: Map<string, Context>;
}

function credentialFrom(params: Record<string, unknown> | undefined): string | undefined {
  const value = params?.authorization ?? params?.authToken;
  return typeof value === "string" ? value.replace(/^Bearer\s+/i, "").trim() : undefined;
}

/**
 * graphql-ws on the API's own HTTP port and path. The connection is authenticated once in the handshake with
 * the same token as HTTP (refused with 4403 when missing or invalid); every operation then gets a context
 * built exactly like an HTTP request's, closed when the operation completes.
 */
export function attachWebSocketServer(httpServer: Server, schema: GraphQLSchema, app: AppServices, formatError: FormatError) {
  const wsServer = new WebSocketServer({ server: httpServer, path: "/graphql" });
  const state = new WeakMap<object, ConnectionState>();
  const stateOf = (extra: object) => {
    let s = state.get(extra);
    if (!s) state.set(extra, (s = { operations: new Map() }));
    return s;
  };
  const finish = async (extra: object, id: string) => {
    const context = stateOf(extra).operations.get(id);
    stateOf(extra).operations.delete(id);
    await context?.session?.db.close(true);
  };

  const cleanup = useServer<Record<string, unknown> | undefined, Record<PropertyKey, unknown>>(
    {
      schema,
      onConnect: async (ctx) => {
        const credential = credentialFrom(ctx.connectionParams);
        if (!credential) return false;
        const session = await authenticate(app, credential);
        if (session instanceof AppError) return false;
        await session.db.close(true);
        stateOf(ctx.extra).credential = credential;
        return true;
      },
      context: async (ctx, id) => {
        const context = await buildContext(app, { authorization: stateOf(ctx.extra).credential });
        stateOf(ctx.extra).operations.set(id, context);
        return context;
      },
      onNext: (_ctx, _id, _payload, _args, result) => {
        if (!result.errors?.length) return;
        return { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e)) };
      },
      onError: (ctx, id, _payload, errors) => {
        void finish(ctx.extra, id);
        return errors.map((e) => formatError(e.toJSON(), e));
      },
      onComplete: (ctx, id) => finish(ctx.extra, id),
      onClose: async (ctx) => {
        for (const id of [...stateOf(ctx.extra).operations.keys()]) await finish(ctx.extra, id);
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
