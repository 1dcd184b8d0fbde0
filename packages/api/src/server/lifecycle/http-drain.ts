import type { Server } from "node:http";
import type { Socket } from "node:net";

/**
 * Stops an HTTP server gracefully: no new connections, idle keep-alive connections closed at once, busy ones
 * closed as soon as their last response is sent, everything cut after the grace period. Modelled on Apollo
 * Server's drain plugin, with one difference that matters here: sockets upgraded to WebSockets are left to
 * the WebSocket server, which closes them with a reconnectable close code instead of a bare TCP end.
 */
export class HttpDrain {
  private readonly requestsPerSocket = new Map<Socket, number>();
  private stopping = false;

  constructor(private readonly server: Server) {
    server.on("connection", (socket: Socket) => {
      this.requestsPerSocket.set(socket, 0);
      socket.once("close", () => this.requestsPerSocket.delete(socket));
    });
    server.on("upgrade", (req) => this.requestsPerSocket.delete(req.socket));
    server.on("request", (req, res) => {
      const socket = req.socket;
      this.requestsPerSocket.set(socket, (this.requestsPerSocket.get(socket) ?? 0) + 1);
      res.once("finish", () => {
        const pending = (this.requestsPerSocket.get(socket) ?? 1) - 1;
        if (!this.requestsPerSocket.has(socket)) return;
        this.requestsPerSocket.set(socket, pending);
        if (this.stopping && pending === 0) socket.end();
      });
    });
  }

  /** In-flight HTTP requests right now (WebSockets not included). */
  get inFlight(): number {
    let n = 0;
    for (const count of this.requestsPerSocket.values()) n += count;
    return n;
  }

  /** Resolves once every HTTP connection has ended; true when that happened within the grace period. */
  async stop(graceMs: number): Promise<boolean> {
    this.stopping = true;
    const closed = new Promise<void>((resolve) => {
      if (!this.server.listening) return resolve();
      this.server.close(() => resolve());
    });
    for (const [socket, requests] of this.requestsPerSocket) if (requests === 0) socket.end();
    const waitForHttp = async () => {
      while (this.requestsPerSocket.size > 0) await new Promise((r) => setTimeout(r, 25));
    };
    let timer: NodeJS.Timeout | undefined;
    const graceful = await Promise.race([
      waitForHttp().then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceMs))),
    ]);
    clearTimeout(timer);
    if (!graceful) for (const socket of this.requestsPerSocket.keys()) socket.destroy();
    // The listening socket closes once the WebSocket connections are gone too (the WebSocket drain closes them).
    await closed;
    return graceful;
  }
}
