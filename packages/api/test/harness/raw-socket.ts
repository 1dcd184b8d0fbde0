import WebSocket from "ws";

export interface SocketMessage {
  type: string;
  id?: string;
  payload?: any;
}

/**
 * A graphql-transport-ws connection driven frame by frame, so a test can send what no well-behaved client
 * sends and see exactly what comes back.
 */
export class RawSocket {
  readonly received: SocketMessage[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private listeners: (() => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    this.closed = new Promise((resolve) => ws.on("close", (code, reason) => resolve({ code, reason: String(reason) })));
    ws.on("message", (data) => {
      let message: SocketMessage;
      try {
        message = JSON.parse(String(data)) as SocketMessage;
      } catch {
        message = { type: "unparseable", payload: String(data) };
      }
      this.received.push(message);
      this.listeners.splice(0).forEach((l) => l());
    });
    ws.on("error", () => undefined);
  }

  static open(url: string): Promise<RawSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, "graphql-transport-ws");
      ws.once("open", () => resolve(new RawSocket(ws)));
      ws.once("error", reject);
    });
  }

  /** Opens a socket and completes the handshake with `token`; rejects when the server refuses. */
  static async connect(url: string, token?: string, timeoutMs = 10_000): Promise<RawSocket> {
    const socket = await RawSocket.open(url);
    socket.send({ type: "connection_init", payload: token ? { authorization: `Bearer ${token}` } : {} });
    const ack = await socket.next((m) => m.type === "connection_ack", timeoutMs);
    if (!ack) {
      socket.ws.terminate();
      throw new Error(`handshake refused: ${JSON.stringify(await Promise.race([socket.closed, Promise.resolve("open")]))}`);
    }
    return socket;
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  send(message: unknown): void {
    this.ws.send(typeof message === "string" ? message : JSON.stringify(message));
  }

  /** Resolves with the first message (from now or already received after `from`) matching, or null on timeout or close. */
  next(match: (m: SocketMessage) => boolean, timeoutMs: number, from = 0): Promise<SocketMessage | null> {
    return new Promise((resolve) => {
      let done = false;
      const finish = (value: SocketMessage | null) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        resolve(value);
      };
      const timer = setTimeout(() => finish(null), timeoutMs);
      void this.closed.then(() => setTimeout(() => finish(this.received.slice(from).find(match) ?? null), 0));
      const check = () => {
        const found = this.received.slice(from).find(match);
        if (found) finish(found);
        else if (!done) this.listeners.push(check);
      };
      check();
    });
  }

  /**
   * Runs one operation and collects its messages until it errors or completes. A subscription still open after
   * `settleMs` is completed by the client (it is working as it should); anything else must end within `timeoutMs`.
   */
  async run(
    id: string,
    payload: unknown,
    options: { subscription: boolean; settleMs: number; timeoutMs: number },
  ): Promise<{ messages: SocketMessage[]; ended: boolean }> {
    const from = this.received.length;
    const ends = (m: SocketMessage) => m.id === id && (m.type === "complete" || m.type === "error");
    this.send({ id, type: "subscribe", payload });
    let end = await this.next(ends, options.subscription ? options.settleMs : options.timeoutMs, from);
    if (!end && options.subscription && this.open) {
      this.send({ id, type: "complete" });
      // The server ends a completed subscription without another message: it is over once nothing more comes.
      end = (await this.next(ends, 100, from)) ?? { type: "complete", id };
    }
    return { messages: this.received.slice(from).filter((m) => m.id === id), ended: end !== null };
  }

  close(): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.close(1000);
    else this.ws.terminate();
  }
}
