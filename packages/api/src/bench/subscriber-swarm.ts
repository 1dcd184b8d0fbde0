import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";

/**
 * A child process holding many graphql-ws subscribers (one socket each, like board screens), so the server's
 * memory is measured without the clients in it. Records when each event reached each subscriber.
 */
interface Config {
  wsUrl: string;
  token: string;
  /** Subscriber i watches officeIds[i % length] (null: every office the token sees). */
  officeIds: (string | null)[];
  /** The subscription document (variable `$o` is the office); by default the ticket id of each new ticket. */
  query?: string;
}

const DEFAULT_QUERY = `subscription($o: ID) { ticketEvents(officeId: $o, kinds: [CREATED]) { sequence ticketId } }`;

/** When each subscriber received a ticket's first event (registration), with the event's office and server time. */
export interface Receipt {
  office: string | null;
  at: number;
  times: number[];
}

const clients: Client[] = [];
let closing = false;
const receipts = new Map<string, Receipt>();
let failed = 0;
/** Subscribers whose socket closed after connecting (e.g. the server's keep-alive gave up on a starved client). */
let lost = 0;
let errors = 0;

const now = () => performance.timeOrigin + performance.now();

function connectOne(config: Config): Promise<void> {
  return new Promise((resolve) => {
    const client = createClient({
      url: config.wsUrl,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: false,
      connectionParams: { authorization: `Bearer ${config.token}` },
    });
    let settled = false;
    const settle = () => {
      if (!settled) {
        settled = true;
        resolve();
      }
    };
    client.on("connected", () => setTimeout(settle, 0));
    client.on("closed", () => {
      if (!settled) failed++;
      else if (!closing) lost++;
      settle();
    });
    const officeId = config.officeIds[clients.length % config.officeIds.length] ?? null;
    client.subscribe<{ ticketEvents: { ticketId: string; kind?: string; officeId?: string; at?: string } }>(
      { query: config.query ?? DEFAULT_QUERY, variables: { o: officeId } },
      {
        next: (value) => {
          const event = value.data?.ticketEvents;
          if (!event?.ticketId || (event.kind && event.kind !== "CREATED")) return;
          const receipt = receipts.get(event.ticketId);
          if (receipt) receipt.times.push(now());
          else
            receipts.set(event.ticketId, {
              office: event.officeId ?? null,
              at: event.at ? Date.parse(event.at) : NaN,
              times: [now()],
            });
        },
        error: (error) => {
          errors++;
          if (errors <= 3) process.stderr.write(`[swarm] subscription error: ${JSON.stringify(error)}\n`);
        },
        complete: () => undefined,
      },
    );
    clients.push(client);
  });
}

process.on("message", async (message: { type: string; config?: Config; count?: number }) => {
  if (message.type === "connect") {
    const target = clients.length + message.count!;
    while (clients.length < target) {
      const batch = Math.min(100, target - clients.length);
      await Promise.all(Array.from({ length: batch }, () => connectOne(message.config!)));
    }
    // Let the subscriptions reach the server before reporting.
    await new Promise((r) => setTimeout(r, 1000));
    process.send!({ type: "connected", total: clients.length, failed });
  } else if (message.type === "report" || message.type === "peek") {
    process.send!({ type: message.type, receipts: Object.fromEntries(receipts), lost });
    if (message.type === "report") receipts.clear();
  } else if (message.type === "count") {
    let n = 0;
    for (const receipt of receipts.values()) n += receipt.times.length;
    process.send!({ type: "count", n });
  } else if (message.type === "close") {
    closing = true;
    await Promise.all(clients.map((c) => c.dispose()));
    process.exit(0);
  }
});
