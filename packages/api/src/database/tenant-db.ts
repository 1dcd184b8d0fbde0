import type { EntityManager, MikroORM } from "@mikro-orm/postgresql";
import { TENANT_FILTER } from "../common/entities/tenant-owned.entity";
import { beginForTenant, readAsTenant } from "./tenant-connection";

export interface TenantDbOptions {
  /**
   * The unit of work only reads (an HTTP query operation): no transaction; each statement carries the tenant
   * setting in its own message instead (see `tenant-connection.ts`). Falls back to a transaction outside an HTTP
   * request scope. Writes are still possible and run in transactions of their own (the ORM's flush, the access
   * log's insert before the answer is sent).
   */
  readOnly?: boolean;
}

/**
 * One tenant's unit of work: an EntityManager fork inside a transaction that sets `app.tenant_id` with SET LOCAL
 * semantics as it begins (in the same round trip as the BEGIN, see `tenant-connection.ts`), so row-level
 * security applies to every statement and the setting dies with the transaction (a pooled connection never
 * carries it into the next request) — or, read-only, with every statement carrying the setting itself.
 * The unit of work opens lazily on first use and must be closed by whoever created it.
 */
export class TenantDb {
  private opened?: Promise<EntityManager>;
  private closed = false;
  private closing?: Promise<void>;
  private transactional = true;
  private readonly commitHooks: (() => Promise<void>)[] = [];

  constructor(
    private readonly orm: MikroORM,
    readonly tenantId: string,
    private readonly options: TenantDbOptions = {},
  ) {}

  /** Whether this unit of work runs in one transaction (false for a read-only request's). */
  get inTransaction(): boolean {
    return this.transactional;
  }

  em(): Promise<EntityManager> {
    if (this.closed) return Promise.reject(new Error("This unit of work is already closed"));
    this.opened ??= this.open();
    return this.opened;
  }

  get isOpen(): boolean {
    return this.opened !== undefined && !this.closed;
  }

  /** True once the unit of work has ended (committed or rolled back) or is ending. */
  get isClosed(): boolean {
    return this.closed || this.closing !== undefined;
  }

  /**
   * Runs `hook` right before the unit of work commits (it may still write, e.g. the access log). If a hook fails,
   * the transaction rolls back and `close(true)` rejects: nothing of the unit of work is kept, and the caller is
   * answered with an error instead of what it read.
   */
  beforeCommit(hook: () => Promise<void>): void {
    this.commitHooks.push(hook);
  }

  private async open(): Promise<EntityManager> {
    const em = this.orm.em.fork({ clear: true, useContext: false });
    em.setFilterParams(TENANT_FILTER, { tenantId: this.tenantId });
    if (this.options.readOnly && readAsTenant(this.tenantId)) {
      this.transactional = false;
      return em;
    }
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

  /**
   * Commits (or rolls back) what was flushed; anything left unflushed in the identity map is discarded. Closing
   * twice, even concurrently, ends the unit of work once (the first call decides).
   */
  close(commit: boolean): Promise<void> {
    this.closing ??= this.end(commit);
    return this.closing;
  }

  private async end(commit: boolean): Promise<void> {
    if (this.closed) return;
    if (commit && this.commitHooks.length) {
      try {
        for (const hook of this.commitHooks) await hook();
      } catch (error) {
        await this.end(false).catch(() => undefined);
        throw error;
      }
    }
    this.closed = true;
    if (!this.opened) return;
    const em = await this.opened.catch(() => undefined);
    if (!em) return;
    em.clear();
    // A subscription's context lives as long as its socket: let the fork go with the unit of work.
    this.opened = undefined;
    if (!this.transactional) return;
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
