import type { EntityManager, MikroORM } from "@mikro-orm/postgresql";
import { TENANT_FILTER } from "../common/entities/tenant-owned.entity";
import { beginForTenant } from "./tenant-begin";

/**
 * One tenant's unit of work: an EntityManager fork inside a transaction that sets `app.tenant_id` with SET LOCAL
 * semantics as it begins (in the same round trip as the BEGIN, see `tenant-begin.ts`), so row-level security
 * applies to every statement and the setting dies with the transaction (a pooled connection never carries it
 * into the next request).
 * The transaction opens lazily on first use and must be closed by whoever created it.
 */
export class TenantDb {
  private opened?: Promise<EntityManager>;
  private closed = false;

  constructor(
    private readonly orm: MikroORM,
    readonly tenantId: string,
  ) {}

  em(): Promise<EntityManager> {
    if (this.closed) return Promise.reject(new Error("This unit of work is already closed"));
    this.opened ??= this.open();
    return this.opened;
  }

  get isOpen(): boolean {
    return this.opened !== undefined && !this.closed;
  }

  private async open(): Promise<EntityManager> {
    const em = this.orm.em.fork({ clear: true, useContext: false });
    em.setFilterParams(TENANT_FILTER, { tenantId: this.tenantId });
    const { tenantSet } = await beginForTenant(this.tenantId, () => em.begin());
    if (tenantSet) return em;
    try {
      await em.execute("select set_config('app.tenant_id', ?, true)", [this.tenantId]);
    } catch (error) {
      await em.rollback().catch(() => undefined);
      throw error;
    }
    return em;
  }

  /** Commits (or rolls back) what was flushed; anything left unflushed in the identity map is discarded. */
  async close(commit: boolean): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (!this.opened) return;
    const em = await this.opened.catch(() => undefined);
    if (!em) return;
    em.clear();
    if (commit) await em.commit();
    else await em.rollback();
  }
}

/** Runs `fn` in one tenant transaction: committed if it returns, rolled back if it throws. */
export async function withTenant<T>(orm: MikroORM, tenantId: string, fn: (em: EntityManager) => Promise<T>): Promise<T> {
  const db = new TenantDb(orm, tenantId);
  try {
    const result = await fn(await db.em());
    await db.close(true);
    return result;
  } catch (error) {
    await db.close(false).catch(() => undefined);
    throw error;
  }
}
