import { randomUUID } from "node:crypto";
import type { MikroORM } from "@mikro-orm/postgresql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { initOrm } from "../../src/database/orm";
import { countSqlStatements, currentSqlStatementCount } from "../../src/database/sql-counter";
import { TenantDb, withTenant } from "../../src/database/tenant-db";

const setting = "select current_setting('app.tenant_id', true) as tenant";

describe("the tenant setting travels with the BEGIN of each unit of work", () => {
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
});
