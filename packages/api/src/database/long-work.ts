import type { EntityManager } from "@mikro-orm/postgresql";

/**
 * Lifts the API's statement and idle-in-transaction timeouts for the rest of the current transaction (SET LOCAL),
 * for work that is long by design rather than stuck: loading the demo data, rebuilding a group's report rollup
 * after its time zone changed. Requests keep their bounds.
 */
export async function allowLongWork(em: EntityManager): Promise<void> {
  await em.execute("set local statement_timeout = 0");
  await em.execute("set local idle_in_transaction_session_timeout = 0");
  // Unbounded work must still end with its process: without this a statement whose client died (Ctrl+C during the
  // demo load) ran on to its end, holding its locks and rows against the next start.
  await em.execute("set local client_connection_check_interval = '1s'");
}
