import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";

export interface WsResult {
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: Record<string, any> }[];
}

export interface WsConnection {
  client: Client;
  /** Resolves once the server acknowledged the connection. */
  connected: Promise<void>;
  /** The close code, once the socket closed. */
  closed: Promise<number>;
  /** Runs one operation: its first result, or the errors the server answered the operation with. */
  run: (query: string, variables?: Record<string, unknown>) => Promise<WsResult>;
  dispose: () => Promise<void>;
}

/** A graphql-ws client (no retries) authenticated with `token`, for running single operations. */
export function wsConnect(url: string, token?: string, headers?: Record<string, string>): WsConnection {
  let onClosed: (code: number) => void = () => undefined;
  let onConnected: () => void = () => undefined;
  const closed = new Promise<number>((resolve) => (onClosed = resolve));
  const connected = new Promise<void>((resolve) => (onConnected = resolve));
  const client = createClient({
    url,
    webSocketImpl: headers
      ? class extends WebSocket {
          constructor(address: string, protocols?: string | string[]) {
            super(address, protocols, { headers });
          }
        }
      : WebSocket,
    retryAttempts: 0,
    lazy: false,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    // Closing is expected in these tests (caps, shutdown): reported through `closed`, not logged.
    onNonLazyError: () => undefined,
    on: { closed: (event) => onClosed((event as { code: number }).code), connected: () => onConnected() },
  });
  const run = async (query: string, variables?: Record<string, unknown>): Promise<WsResult> => {
    const iterator = client.iterate({ query, variables });
    try {
      const first = await iterator.next();
      return first.done ? {} : (first.value as WsResult);
    } catch (error) {
      if (Array.isArray(error)) return { errors: error as WsResult["errors"] };
      throw error;
    } finally {
      await iterator.return?.();
    }
  };
  return { client, connected, closed, run, dispose: () => client.dispose() as Promise<void> };
}
