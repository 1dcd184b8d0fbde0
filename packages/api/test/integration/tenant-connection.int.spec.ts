import { randomUUID } from "node:crypto";
import type { MikroORM } from "@mikro-orm/postgresql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { initOrm } from "../../src/database/orm";
import { countSqlStatements, currentSqlStatementCount } from "../../src/database/sql-counter";
import { withRequestScope } from "../../src/database/tenant-connection";
import { TenantDb, withTenant } from "../../src/database/tenant-db";

const setting = "select current_setting('app.tenant_id', true) as tenant";

describe("the tenant setting for row-level security costs no round trip of its own", () => {
  let orm: MikroORM;

  beforeAll(async () => {
    orm = await initOrm({ clientUrl: inject("appDatabaseUrl"), poolMax: 2 });
  });
  afterAll(() => orm.close(true));

  it("successful: the first statement already runs as the tenant, and opening costs one round trip", async () => {
    const tenantId = randomUUID();
    const [seen, statements] = await countSqlStatements(async () => {
      const rows = await withTenant(orm, tenantId, (em) => em.execute<{ tenant: string }[]>(setting));
      return [rows[0]!.tenant, currentSqlStatementCount()] as const;
    });
    expect(seen).toBe(tenantId);
    // BEGIN (carrying the setting), the query, COMMIT.
    expect(statements).toBe(3);
  });

  it("successful: with two pooled connections and many units of work of two tenants at once, each sees only its own", async () => {
    const tenants = [randomUUID(), randomUUID()];
    const seen = await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        const tenantId = tenants[i % 2]!;
        const rows = await withTenant(orm, tenantId, async (em) => {
          await new Promise((r) => setTimeout(r, i % 5));
          return em.execute<{ tenant: string }[]>(setting);
        });
        return [tenantId, rows[0]!.tenant];
      }),
    );
    for (const [expected, actual] of seen) expect(actual).toBe(expected);
  });

  it("successful: a connection back in the pool carries no tenant, after a commit and after a rollback", async () => {
    await withTenant(orm, randomUUID(), (em) => em.execute(setting));
    const failed = new TenantDb(orm, randomUUID());
    await (await failed.em()).execute(setting);
    await failed.close(false);
    for (let i = 0; i < 4; i++) {
      const [row] = await orm.em.fork().getConnection().execute<{ tenant: string | null }[]>(setting);
      expect(row?.tenant ?? "").toBe("");
    }
  });

  it("failing: a malformed tenant id never reaches SQL", async () => {
    const db = new TenantDb(orm, "x'); drop table ticket; --");
    await expect(db.em()).rejects.toThrow(/UUID/);
    await db.close(false);
  });

  const read = async (db: TenantDb) => {
    const em = await db.em();
    const [row] = await em.execute<{ tenant: string }[]>(setting);
    return row!.tenant;
  };

  it("successful: a read-only unit of work in a request needs no transaction: each statement carries the tenant itself", async () => {
    const tenantId = randomUUID();
    const [seen, statements, transactional] = await countSqlStatements(() =>
      withRequestScope(async () => {
        const db = new TenantDb(orm, tenantId, { readOnly: true });
        const first = await read(db);
        const second = await read(db);
        await db.close(true);
        return [[first, second], currentSqlStatementCount(), db.inTransaction] as const;
      }),
    );
    expect(seen).toEqual([tenantId, tenantId]);
    expect(transactional).toBe(false);
    expect(statements).toBe(2); // no BEGIN, no set_config, no COMMIT of their own
    const [row] = await orm.em.fork().getConnection().execute<{ tenant: string | null }[]>(setting);
    expect(row?.tenant ?? "").toBe("");
  });

  it("successful: outside a request, a read-only unit of work falls back to a transaction", async () => {
    const tenantId = randomUUID();
    const db = new TenantDb(orm, tenantId, { readOnly: true });
    expect(await read(db)).toBe(tenantId);
    expect(db.inTransaction).toBe(true);
    await db.close(true);
  });

  it("successful: transactions inside a read-only request keep their own tenant; a second tenant cannot claim the request", async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    await withRequestScope(async () => {
      const reader = new TenantDb(orm, a, { readOnly: true });
      expect(await read(reader)).toBe(a);
      // A transaction of another tenant in the same request (e.g. onboarding) is scoped by its own BEGIN.
      expect(await withTenant(orm, b, (em) => em.execute<{ tenant: string }[]>(setting).then((r) => r[0]!.tenant))).toBe(b);
      // The ORM's own transactions (a flush) carry the reader's tenant.
      const em = await reader.em();
      expect(await em.transactional((tx) => tx.execute<{ tenant: string }[]>(setting)).then((r) => r[0]!.tenant)).toBe(a);
      const other = new TenantDb(orm, b, { readOnly: true });
      expect(await read(other)).toBe(b);
      expect(other.inTransaction).toBe(true);
      await Promise.all([reader.close(true), other.close(true)]);
    });
  });

  it("successful: many read-only requests of two tenants at once on two pooled connections each see only their own", async () => {
    const tenants = [randomUUID(), randomUUID()];
    const seen = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        withRequestScope(async () => {
          const tenantId = tenants[i % 2]!;
          const db = new TenantDb(orm, tenantId, { readOnly: true });
          const results = [];
          for (let k = 0; k < 3; k++) {
            results.push(await read(db));
            await new Promise((r) => setTimeout(r, (i + k) % 3));
          }
          await db.close(true);
          return results.map((r) => [tenantId, r]);
        }),
      ),
    );
    for (const [expected, actual] of seen.flat()) expect(actual).toBe(expected);
  });
});
