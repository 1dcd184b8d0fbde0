import { AsyncLocalStorage } from "node:async_hooks";
import type { ClientBase, QueryConfig } from "pg";
import { validate as isUuid } from "uuid";

/**
 * The tenant setting travels in the same message as the transaction's BEGIN, so opening a tenant's unit of work
 * costs one round trip instead of two (BEGIN, then `select set_config(…)`).
 *
 * `beginForTenant` runs the ORM's `begin()` with the tenant in an async-local store; the pool wraps every
 * connection it creates so that the plain `BEGIN;` knex sends inside that call becomes
 * `BEGIN; select set_config('app.tenant_id', '<uuid>', true);` — one simple-protocol message, still transaction-
 * local (`is_local = true`), so the setting dies with the transaction exactly as before and a pooled connection
 * never carries it into the next request. The store is only consulted for a BEGIN, only inside that call; if the
 * BEGIN did not carry the setting (another code path, another driver), the caller is told and sets it itself.
 */
interface Pending {
  tenantId: string;
  applied: boolean;
}

const beginning = new AsyncLocalStorage<Pending>();

const PLAIN_BEGIN = "BEGIN;";

/** Runs `begin` (which must send the transaction's BEGIN); resolves whether that BEGIN also set the tenant. */
export async function beginForTenant(tenantId: string, begin: () => Promise<unknown>): Promise<{ tenantSet: boolean }> {
  // Inlined into SQL below: only a canonical UUID may get there.
  if (!isUuid(tenantId)) throw new Error("A tenant id must be a UUID");
  const pending: Pending = { tenantId, applied: false };
  await beginning.run(pending, begin);
  return { tenantSet: pending.applied };
}

type Callback = (err: Error | null, result?: unknown) => void;

/** Pool `afterCreate` hook: lets a BEGIN sent inside `beginForTenant` carry the tenant setting. */
export function carryTenantInBegin(connection: ClientBase): void {
  const query = connection.query.bind(connection) as (config: QueryConfig, callback: Callback) => unknown;
  (connection as { query: unknown }).query = function (config: unknown, ...rest: unknown[]) {
    const pending = beginning.getStore();
    const callback = rest[0];
    if (
      !pending ||
      pending.applied ||
      typeof callback !== "function" ||
      typeof config !== "object" ||
      config === null ||
      (config as QueryConfig).text !== PLAIN_BEGIN ||
      (config as QueryConfig).values?.length
    ) {
      return (query as (...args: unknown[]) => unknown)(config, ...rest);
    }
    pending.applied = true;
    const text = `BEGIN; select set_config('app.tenant_id', '${pending.tenantId}', true);`;
    return query({ ...(config as QueryConfig), text }, (err, results) => {
      if (err) {
        // The transaction block may be open and aborted: close it before the connection goes back to the pool.
        pending.applied = false;
        query({ text: "ROLLBACK" }, () => (callback as Callback)(err));
        return;
      }
      // Knex expects BEGIN's own result.
      (callback as Callback)(null, Array.isArray(results) ? results[0] : results);
    });
  };
}
