import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";

export interface Subscriber<T> {
  received: T[];
  errors: unknown[];
  /** Close code of the socket, once closed. */
  closed: Promise<number>;
  /** Resolves when `predicate` holds for the messages received (checked on every message). */
  until: (predicate: (received: T[]) => boolean, timeoutMs?: number) => Promise<T[]>;
  dispose: () => Promise<void>;
}

const TICKET_EVENTS = `subscription($officeId: ID, $kinds: [TicketEventKind!], $after: Int) {
  ticketEvents(officeId: $officeId, kinds: $kinds, after: $after) {
    sequence eventId kind at ticketId officeId actorName
    ticket { id number officeId status replyOverdue resolveOverdue }
  }
}`;

export interface EventMessage {
  sequence: number;
  eventId: string;
  kind: string;
  at: string;
  ticketId: string;
  officeId: string;
  actorName: string | null;
  ticket: { id: string; number: string; officeId: string; status: string; replyOverdue: boolean; resolveOverdue: boolean };
}

/** A graphql-ws client subscribed to one operation, collecting what it receives. */
export function subscribe<T = EventMessage>(
  url: string,
  token: string,
  variables: Record<string, unknown> = {},
  query = TICKET_EVENTS,
): Subscriber<T> {
  const received: T[] = [];
  const errors: unknown[] = [];
  const waiters: (() => void)[] = [];
  let onClosed: (code: number) => void = () => undefined;
  const closed = new Promise<number>((resolve) => (onClosed = resolve));
  const client: Client = createClient({
    url,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: false,
    // A socket the server closes (4401 when a session ends) is what several tests wait for, not noise for stderr.
    onNonLazyError: (error) => errors.push(error),
    connectionParams: { authorization: `Bearer ${token}` },
    on: { closed: (event) => onClosed((event as { code: number }).code) },
  });
  client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        if (value.errors) errors.push(value.errors);
        if (value.data) received.push(Object.values(value.data)[0] as T);
        waiters.splice(0).forEach((w) => w());
      },
      error: (error) => {
        errors.push(error);
        waiters.splice(0).forEach((w) => w());
      },
      complete: () => undefined,
    },
  );
  const until = (predicate: (r: T[]) => boolean, timeoutMs = 10_000) =>
    new Promise<T[]>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timed out; received ${JSON.stringify(received)} errors ${JSON.stringify(errors)}`)),
        timeoutMs,
      );
      const check = () => {
        if (predicate(received)) {
          clearTimeout(timer);
          resolve(received);
        } else waiters.push(check);
      };
      check();
    });
  return { received, errors, closed, until, dispose: () => client.dispose() as Promise<void> };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
