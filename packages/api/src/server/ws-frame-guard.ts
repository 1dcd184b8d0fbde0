import type { WebSocketServer } from "ws";

/** What a client may send under graphql-transport-ws; anything else is a protocol violation. */
const CLIENT_MESSAGES = new Set(["connection_init", "ping", "pong", "subscribe", "complete"]);
const BAD_REQUEST = 4400;

/**
 * Closes a socket with 4400 (Bad Request) when the client sends a message type only servers send (`next`,
 * `connection_ack`…): graphql-ws would close it with 4500, reporting the client's mistake as an internal error.
 * Must be attached before graphql-ws's own handler so its listener runs first.
 */
export function guardClientFrames(wsServer: WebSocketServer): void {
  wsServer.on("connection", (socket) => {
    socket.on("message", (data) => {
      let type: unknown;
      try {
        type = (JSON.parse(String(data)) as { type?: unknown } | null)?.type;
      } catch {
        return; // graphql-ws answers unparseable frames with 4400 itself
      }
      if (typeof type === "string" && !CLIENT_MESSAGES.has(type))
        socket.close(BAD_REQUEST, `Invalid message type "${type.slice(0, 40)}"`);
    });
  });
}
