import { Client } from "pg";
import type { Logger } from "../../common/logger";

export interface ListenerOptions {
  url: string;
  channels: string[];
  onNotification: (channel: string, payload: string) => void;
  /** Called after every (re)connection: anything committed while disconnected must be caught up. */
  onConnected: () => void;
  logger: Logger;
}

/**
 * One dedicated connection that LISTENs on the given channels. It reconnects by itself (with backoff) after the
 * database or the connection goes away, and tells the owner so it can catch up.
 */
export class PgListener {
  private client: Client | null = null;
  private stopped = false;
  private retryMs = 250;
  private timer: NodeJS.Timeout | null = null;
  connected = false;

  constructor(private readonly options: ListenerOptions) {}

  start(): void {
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const client = this.client;
    this.client = null;
    this.connected = false;
    await client?.end().catch(() => undefined);
  }

  /** For tests: the backend process id of the listening connection. */
  get backendPid(): number | null {
    return (this.client as unknown as { processID?: number } | null)?.processID ?? null;
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.options.url, keepAlive: true });
    client.on("notification", (msg) => {
      if (msg.payload !== undefined) this.options.onNotification(msg.channel, msg.payload);
    });
    client.on("error", (error) => this.lost(client, error));
    client.on("end", () => this.lost(client));
    try {
      await client.connect();
      for (const channel of this.options.channels) await client.query(`listen ${client.escapeIdentifier(channel)}`);
      if (this.stopped) {
        await client.end();
        return;
      }
      this.client = client;
      this.connected = true;
      this.retryMs = 250;
      this.options.onConnected();
    } catch (error) {
      await client.end().catch(() => undefined);
      this.lost(client, error);
    }
  }

  private lost(client: Client, error?: unknown): void {
    if (this.client && this.client !== client) return;
    this.client = null;
    this.connected = false;
    if (this.stopped || this.timer) return;
    this.options.logger.warn("event listener disconnected; reconnecting", { error, retryInMs: this.retryMs });
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect();
    }, this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, 5000);
  }
}
