import {
  createSourceEventStream,
  execute,
  print,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLFormattedError,
} from "graphql";
import { mapAsyncIterator } from "graphql/execution/mapAsyncIterator";
import type { WebSocketServer } from "ws";
import type { Context } from "../../context/context.type";

/**
 * Live-board fan-out: an event reaches many subscribers that asked the same thing. graphql-js would execute the
 * subscription's selection once per subscriber and graphql-ws would serialise the result once per subscriber;
 * here both happen once per audience and event.
 *
 * An audience is every subscriber of one tenant with the same role, office and token kind that sent the same
 * document, operation name and variables. Which events a subscriber receives is still decided per subscriber
 * by its own stream (tenant, visible offices, kinds); only the result for an event it does receive is shared,
 * and that result depends on nothing but the event, the document, the variables and the caller's identity —
 * all part of the key. Results are keyed by the event object itself (one object per event, shared by every
 * stream of the tenant), so they go away with the event.
 */
/** How often an event's selection was executed in this process (tests prove it is once per audience). */
export const fanoutStats = { executions: 0 };

export function audienceSubscribe(): (args: ExecutionArgs) => Promise<AsyncGenerator<ExecutionResult> | ExecutionResult> {
  const results = new WeakMap<object, Map<string, ExecutionResult | Promise<ExecutionResult>>>();
  return async (args) => {
    const source = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in source)) return source as ExecutionResult;
    const audience = audienceKey(args);
    return mapAsyncIterator(source as AsyncIterable<unknown>, (event) => {
      if (typeof event !== "object" || event === null) {
        fanoutStats.executions++;
        return execute({ ...args, rootValue: event });
      }
      let byAudience = results.get(event);
      if (!byAudience) results.set(event, (byAudience = new Map()));
      let result = byAudience.get(audience);
      if (!result) {
        fanoutStats.executions++;
        result = execute({ ...args, rootValue: event });
        byAudience.set(audience, result);
      }
      return result;
    });
  };
}

/** Documents are shared by every subscriber that sent the same text (see OperationChecks): print each once. */
const printed = new WeakMap<object, string>();
function printedOnce(document: ExecutionArgs["document"]): string {
  let text = printed.get(document);
  if (text === undefined) printed.set(document, (text = print(document)));
  return text;
}

function audienceKey(args: ExecutionArgs): string {
  const viewer = (args.contextValue as Context | undefined)?.session?.viewer;
  // Role and office, not the person: event payloads hold nothing personal to the caller. A field that depends on
  // who exactly asks must not be added to them without adding the person here.
  const who = viewer ? [viewer.tenantId, viewer.kind, viewer.role, viewer.officeId, viewer.seesAllOffices] : null;
  return JSON.stringify([who, args.operationName ?? null, printedOnce(args.document), args.variableValues ?? null]);
}

/**
 * Serialises each shared result once: graphql-ws stringifies every `next` message with `replacer`, which swaps a
 * shared payload for a marker, and the socket's `send` swaps the marker for the payload's JSON, computed once.
 * Both happen in the same synchronous call (`socket.send(stringifyMessage(…))`), so one pending slot suffices.
 */
export class SharedPayloads {
  private readonly json = new WeakMap<object, string>();
  private pending: string | null = null;
  private static readonly MARKER = "\u0000psp-shared-payload";
  private static readonly MARKER_JSON = JSON.stringify(SharedPayloads.MARKER);

  /** For graphql-ws `onNext`: the result to send (the shared object itself, so `replacer` recognises it). */
  payload(result: ExecutionResult, formatError: (error: GraphQLFormattedError, original: unknown) => GraphQLFormattedError) {
    if (result.errors?.length) return { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e)) };
    return result;
  }

  /** For graphql-ws `jsonMessageReplacer`. */
  readonly replacer = (key: string, value: unknown): unknown => {
    if (key !== "payload" || typeof value !== "object" || value === null || "errors" in value) return value;
    let json = this.json.get(value);
    if (json === undefined) {
      json = JSON.stringify(value);
      this.json.set(value, json);
    }
    this.pending = json;
    return SharedPayloads.MARKER;
  };

  /** Makes every socket of `wsServer` put the pending payload where the marker is. */
  attach(wsServer: WebSocketServer): void {
    wsServer.on("connection", (socket) => {
      const send = socket.send.bind(socket) as (data: unknown, ...rest: unknown[]) => void;
      (socket as { send: unknown }).send = (data: unknown, ...rest: unknown[]) => {
        const pending = this.pending;
        if (pending !== null && typeof data === "string") {
          this.pending = null;
          const at = data.indexOf(SharedPayloads.MARKER_JSON);
          if (at >= 0) data = data.slice(0, at) + pending + data.slice(at + SharedPayloads.MARKER_JSON.length);
        }
        send(data, ...rest);
      };
    });
  }
}
