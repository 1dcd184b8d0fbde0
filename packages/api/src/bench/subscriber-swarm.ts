import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";

/**
 * A child process holding many graphql-ws subscribers (one socket each, like board screens), so the server's
 * memory is measured without the clients in it. Records when each event reached each subscriber.
 */
interface Config {
  wsUrl: string;
  token: string;
  officeId: string;
}

const clients: Client[] = [];
const receipts = new Map<string, number[]>();
let failed = 0;
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
      settle();
    });
    client.subscribe<{ ticketEvents: { ticketId: string } }>(
      {
        query: `subscription($o: ID) { ticketEvents(officeId: $o, kinds: [CREATED]) { sequence ticketId } }`,
        variables: { o: config.officeId },
      },
      {
        next: (value) => {
          const id = value.data?.ticketEvents.ticketId;
          if (!id) return;
          const list = receipts.get(id);
          if (list) list.push(now());
          else receipts.set(id, [now()]);
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
  } else if (message.type === "report") {
    process.send!({ type: "report", receipts: Object.fromEntries(receipts) });
    receipts.clear();
  } else if (message.type === "count") {
    let n = 0;
    for (const list of receipts.values()) n += list.length;
    process.send!({ type: "count", n });
  } else if (message.type === "close") {
    await Promise.all(clients.map((c) => c.dispose()));
    process.exit(0);
  }
});
