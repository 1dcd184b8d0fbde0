import { randomUUID } from "node:crypto";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";

/** Longer than any bounded wait of the API under test: an answer that takes this long is a hang. */
export const HANG_MS = 20_000;

export interface Attempt {
  key: string;
  /** Who registered it (a retry must come from the same person). */
  token: string;
  via: "http" | "ws";
  /** ack: the ticket was registered; error: a GraphQL error answer; hang / transport: no proper answer at all. */
  outcome: "ack" | "error" | "hang" | "transport";
  ticketId?: string;
  status?: number;
  code?: string;
  reason?: string;
  ms: number;
  startedAt: number;
  detail?: string;
}

export const REGISTER = `mutation Register($k: String!) {
  registerTicket(input: { type: REPAIR, channel: PHONE, content: "fault test", idempotencyKey: $k }) { id }
}`;

type Answer = { data?: { registerTicket?: { id: string } } | null; errors?: { extensions?: Record<string, any> }[] };

type Base = Pick<Attempt, "key" | "token" | "via" | "startedAt">;

function classify(base: Base, answer: Answer, status?: number): Attempt {
  const ms = Date.now() - base.startedAt;
  const id = answer.data?.registerTicket?.id;
  if (id && !answer.errors?.length) return { ...base, outcome: "ack", ticketId: id, status, ms };
  const ext = answer.errors?.[0]?.extensions ?? {};
  return {
    ...base,
    outcome: "error",
    status,
    code: ext.code,
    reason: ext.reason,
    ms,
    detail: JSON.stringify(answer).slice(0, 300),
  };
}

const failure = (base: Base, outcome: "hang" | "transport", detail?: string, status?: number): Attempt => ({
  ...base,
  outcome,
  status,
  ms: Date.now() - base.startedAt,
  detail,
});

/** One registration over HTTP, bounded by HANG_MS. */
export async function registerOverHttp(url: string, token: string, key: string = randomUUID()): Promise<Attempt> {
  const base: Base = { key, token, via: "http", startedAt: Date.now() };
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: REGISTER, variables: { k: key } }),
      signal: AbortSignal.timeout(HANG_MS),
    });
    const text = await response.text();
    try {
      return classify(base, JSON.parse(text) as Answer, response.status);
    } catch {
      return failure(base, "transport", text.slice(0, 300), response.status);
    }
  } catch (error) {
    return failure(base, (error as Error).name === "TimeoutError" ? "hang" : "transport", String(error));
  }
}

/** A graphql-ws connection that registers tickets (mutations over WebSocket), reconnecting when the socket ends. */
export function wsRegistrar(wsUrl: string, token: string) {
  let client: Client = connect();
  function connect(): Client {
    return createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      lazy: true,
      retryAttempts: 1000,
      retryWait: () => new Promise((r) => setTimeout(r, 300)),
      shouldRetry: () => true,
      connectionParams: { authorization: `Bearer ${token}` },
    });
  }
  const register = (key: string = randomUUID()) =>
    new Promise<Attempt>((resolve) => {
      const base: Base = { key, token, via: "ws", startedAt: Date.now() };
      let answer: Answer = {};
      const timer = setTimeout(() => {
        resolve(failure(base, "hang"));
        // A socket that answers nothing is replaced.
        void client.dispose();
        client = connect();
      }, HANG_MS);
      client.subscribe<{ registerTicket: { id: string } }>(
        { query: REGISTER, variables: { k: key } },
        {
          next: (value) => (answer = value as Answer),
          error: (error) => {
            clearTimeout(timer);
            resolve(
              Array.isArray(error)
                ? classify(base, { errors: error as Answer["errors"] })
                : failure(base, "transport", String((error as { code?: number }).code ?? error)),
            );
          },
          complete: () => {
            clearTimeout(timer);
            resolve(classify(base, answer));
          },
        },
      );
    });
  return { register, dispose: () => client.dispose() };
}

/** Keeps registering tickets until stopped, one after another, recording every attempt. */
export function writerLoop(register: () => Promise<Attempt>, attempts: Attempt[], pauseMs = 25) {
  let stopped = false;
  const done = (async () => {
    while (!stopped) {
      attempts.push(await register());
      await new Promise((r) => setTimeout(r, pauseMs));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await done;
    },
  };
}

const EVENTS = `subscription($after: Int) { ticketEvents(after: $after) { sequence ticketId } }`;

/**
 * A live board: one subscription to every event the caller sees. `resume: false` never resubscribes (the server
 * must keep it alive); `resume: true` resubscribes after any end with `after` = the last sequence seen, as the
 * console does, and can be dropped on purpose (`drop`) to simulate a lost network.
 */
export function board(wsUrl: string, token: string, options: { resume: boolean; after?: number }) {
  const sequences: number[] = [];
  const ends: string[] = [];
  const closeCodes: number[] = [];
  let last = options.after;
  let stopped = false;
  let client: Client;
  const open = () => {
    client = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      lazy: false,
      onNonLazyError: () => undefined,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${token}` },
      on: { closed: (event) => closeCodes.push((event as { code: number }).code) },
    });
    client.subscribe<{ ticketEvents: { sequence: number } }>(
      { query: EVENTS, variables: last === undefined ? {} : { after: last } },
      {
        next: (value) => {
          if (value.errors) ends.push(`errors ${JSON.stringify(value.errors)}`);
          const seq = value.data?.ticketEvents.sequence;
          if (seq !== undefined) {
            sequences.push(seq);
            last = seq;
          }
        },
        error: (error) => {
          ends.push(
            `error ${JSON.stringify(Array.isArray(error) ? error : ((error as { code?: number }).code ?? String(error)))}`,
          );
          again();
        },
        complete: () => {
          ends.push("complete");
          again();
        },
      },
    );
  };
  const again = () => {
    void client.dispose();
    if (options.resume && !stopped) setTimeout(open, 300);
  };
  open();
  return {
    sequences,
    ends,
    closeCodes,
    /** Cuts the connection abruptly, like a lost network. */
    drop: () => client.terminate(),
    stop: async () => {
      stopped = true;
      await client.dispose();
    },
  };
}

export const waitUntil = async (what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 60_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};
