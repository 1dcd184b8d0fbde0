import { AsyncLocalStorage } from "node:async_hooks";
import type { ClientBase, QueryConfig } from "pg";
import { validate as isUuid } from "uuid";

/**
 * How the tenant setting for row-level security reaches the database without costing round trips of its own.
 * Every pooled connection is wrapped (`carryTenant`, the pool's `afterCreate`) so that:
 *
 * - A transaction's `BEGIN;` sent inside `beginForTenant` becomes `BEGIN; select set_config('app.tenant_id', …,
 *   true);` — one message, and the setting is transaction-local exactly as before.
 * - A statement sent outside any transaction while a read-only request holds a tenant (`readAsTenant`) becomes
 *   `select set_config('app.tenant_id', …, true); <statement>` — one simple-protocol message, which PostgreSQL runs
 *   as one implicit transaction, so the setting covers that statement and nothing after it. Read-only requests
 *   therefore need no BEGIN/COMMIT at all (under READ COMMITTED each statement took its own snapshot anyway).
 *
 * Whether a connection is inside a transaction block is read from the server itself (the status byte of every
 * ReadyForQuery message), so statements of a transaction (a flush, a `withTenant`) are never re-scoped. The
 * tenant is always a UUID from a verified credential; it is checked again here before being inlined.
 */
interface Pending {
  tenantId: string;
  applied: boolean;
}

const beginning = new AsyncLocalStorage<Pending>();

/** A request's holder: set once its (read-only) unit of work knows the tenant. */
interface RequestScope {
  readTenant: string | null;
}

const requests = new AsyncLocalStorage<RequestScope>();

const PLAIN_BEGIN = "BEGIN;";

function checkedTenant(tenantId: string): string {
  if (!isUuid(tenantId)) throw new Error("A tenant id must be a UUID");
  return tenantId.toLowerCase();
}

const setting = (tenantId: string) => `select set_config('app.tenant_id', '${tenantId}', true);`;

/** Runs `begin` (which must send the transaction's BEGIN); resolves whether that BEGIN also set the tenant. */
export async function beginForTenant(tenantId: string, begin: () => Promise<unknown>): Promise<{ tenantSet: boolean }> {
  const pending: Pending = { tenantId: checkedTenant(tenantId), applied: false };
  await beginning.run(pending, begin);
  return { tenantSet: pending.applied };
}

/** Runs one HTTP request's handling in a scope its read-only unit of work can claim (see `readAsTenant`). */
export function withRequestScope<T>(fn: () => T): T {
  return requests.run({ readTenant: null }, fn);
}

/**
 * Claims the current request's scope for a read-only unit of work of `tenantId`: from now on, statements of this
 * request outside a transaction carry the tenant setting. False when there is no request scope or it already
 * belongs to another tenant — the caller then uses a transaction instead.
 */
export function readAsTenant(tenantId: string): boolean {
  const scope = requests.getStore();
  const tenant = checkedTenant(tenantId);
  if (!scope || (scope.readTenant !== null && scope.readTenant !== tenant)) return false;
  scope.readTenant = tenant;
  return true;
}

type Callback = (err: Error | null, result?: unknown) => void;
type Query = (config: QueryConfig, callback: Callback) => unknown;

/** Pool `afterCreate` hook: see the module comment. */
export function carryTenant(connection: ClientBase): void {
  const query = connection.query.bind(connection) as Query;
  // 'I' idle, 'T' in a transaction block, 'E' in a failed one; a fresh connection is idle.
  let status = "I";
  (connection as unknown as { connection: NodeJS.EventEmitter }).connection.prependListener(
    "readyForQuery",
    (message: { status: string }) => {
      status = message.status;
    },
  );
  (connection as { query: unknown }).query = function (config: unknown, ...rest: unknown[]) {
    const callback = rest[0];
    const text = typeof config === "object" && config !== null ? (config as QueryConfig).text : undefined;
    if (typeof callback !== "function" || typeof text !== "string") {
      return (query as (...args: unknown[]) => unknown)(config, ...rest);
    }
    const simple = !(config as QueryConfig).values?.length;
    const pending = beginning.getStore();
    if (pending && !pending.applied && text === PLAIN_BEGIN) {
      pending.applied = true;
      return query({ ...(config as QueryConfig), text: `BEGIN; ${setting(pending.tenantId)}` }, (err, results) => {
        if (err) {
          // The transaction block may be open and aborted: close it before the connection goes back to the pool.
          pending.applied = false;
          query({ text: "ROLLBACK" }, () => (callback as Callback)(err));
          return;
        }
        (callback as Callback)(null, Array.isArray(results) ? results[0] : results); // knex expects BEGIN's own result
      });
    }
    const readTenant = requests.getStore()?.readTenant;
    if (readTenant && status === "I") {
      if (text === PLAIN_BEGIN) {
        // A transaction a read-only request still opens (e.g. the ORM flushing a token's last use).
        return query({ ...(config as QueryConfig), text: `BEGIN; ${setting(readTenant)}` }, (err, results) =>
          (callback as Callback)(err, Array.isArray(results) ? results[0] : results),
        );
      }
      if (simple) {
        return query({ ...(config as QueryConfig), text: `${setting(readTenant)} ${text}` }, (err, results) =>
          (callback as Callback)(err, Array.isArray(results) ? results[results.length - 1] : results),
        );
      }
      // Parameters need the extended protocol (one statement per message): wrap it in a transaction of its own.
      return query({ text: `BEGIN; ${setting(readTenant)}` }, (err) => {
        if (err) return query({ text: "ROLLBACK" }, () => (callback as Callback)(err));
        query(config as QueryConfig, (queryError, result) =>
          query({ text: queryError ? "ROLLBACK" : "COMMIT" }, (endError) =>
            (callback as Callback)(queryError ?? endError ?? null, result),
          ),
        );
      });
    }
    return query(config as QueryConfig, callback as Callback);
  };
}
