import { Client } from "pg";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { startTestApi, ok, type TestApi } from "../harness/api";
import { createTenantFixture, type TenantFixture } from "../harness/tenant-fixture";
import { register } from "../harness/ticket-flow";

/**
 * Platform tables: queues reached only through definer functions, holding ids and times but no tenant data.
 * They have no row-level security; instead the app role has no privilege on them at all (checked below).
 */
const PLATFORM_TABLES = ["ticket_due"];

/**
 * Shared tables the app role uses directly but that hold no tenant's rows: the sign-in throttle's counters,
 * keyed by hashes (no emails, no addresses). Checked below to keep exactly that shape.
 */
const SHARED_TABLES: Record<string, string[]> = { login_throttle: ["expire", "key", "points"] };

async function tenantTables(admin: Client): Promise<string[]> {
  const { rows } = await admin.query<{ table: string }>(
    `select c.relname as table from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r' and c.relname <> 'mikro_orm_migrations' and c.relname <> all($1) order by 1`,
    [[...PLATFORM_TABLES, ...Object.keys(SHARED_TABLES)]],
  );
  return rows.map((r) => r.table);
}

/** Raw SQL as the API's own database role, bypassing every line of application code. */
describe("row-level security for the app role", () => {
  let t: TestApi;
  let a: TenantFixture;
  let b: TenantFixture;
  let app: Client;
  let admin: Client;
  let tables: string[];

  beforeAll(async () => {
    t = await startTestApi();
    [a, b] = [await createTenantFixture(t, "rls-a"), await createTenantFixture(t, "rls-b")];
    // A request in each group, so both have rows in the report rollups (days, months) too: its month's delta is
    // folded here (any instance's fold may have done it already).
    for (const f of [a, b])
      await register(t, f.tokens.staffA, { type: "REPAIR", channel: "PHONE", unitId: f.unitA, content: "漏水" });
    app = new Client({ connectionString: inject("appDatabaseUrl") });
    admin = new Client({ connectionString: inject("adminDatabaseUrl") });
    await Promise.all([app.connect(), admin.connect()]);
    for (const f of [a, b]) await admin.query("select report_fold_month_deltas($1)", [f.tenantId]);
    tables = await tenantTables(admin);
  });
  afterAll(async () => {
    await Promise.all([app.end(), admin.end()]);
    await t.stop();
  });

  const column = (table: string) => (table === "tenant" ? "id" : "tenant_id");

  it("with tenant A set, selecting every row of every tenant table returns A's rows only — no WHERE needed", async () => {
    await app.query("begin");
    try {
      await app.query("select set_config('app.tenant_id', $1, true)", [a.tenantId]);
      const populated: string[] = [];
      for (const table of tables) {
        const { rows } = await app.query(`select distinct ${column(table)}::text as t from ${table}`);
        expect(
          rows.map((r) => r.t).filter((t) => t !== a.tenantId),
          table,
        ).toEqual([]);
        if (rows.length) populated.push(table);
      }
      // B has rows in these too (same fixture), so seeing only A's proves the filtering.
      expect(populated).toEqual(
        expect.arrayContaining([
          "tenant",
          "office",
          "property",
          "unit",
          "customer",
          "customer_unit",
          "staff",
          "api_token",
          "calendar_day",
          "report_office_day",
          "report_office_month",
          "report_property_units",
        ]),
      );
    } finally {
      await app.query("rollback");
    }
  });

  it("the report rollups (days, months, units per property): a group reads and writes only its own rows", async () => {
    // Each group's own rows, as the owner sees them with that group set (forced row-level security binds it too).
    const own = async (table: string, tenantId: string): Promise<number> => {
      await admin.query("begin");
      try {
        await admin.query("select set_config('app.tenant_id', $1, true)", [tenantId]);
        return (await admin.query(`select count(*)::int as n from ${table} where tenant_id = $1`, [tenantId])).rows[0].n;
      } finally {
        await admin.query("rollback");
      }
    };
    for (const table of ["report_office_day", "report_office_month", "report_property_units"]) {
      expect(
        [await own(table, a.tenantId), await own(table, b.tenantId)].every((n) => n > 0),
        table,
      ).toBe(true);
    }
    /** `sql` as the app role, in a savepoint: the error code it fails with, or null. */
    const refused = async (sql: string, values: unknown[]): Promise<string | null> => {
      await app.query("savepoint attempt");
      try {
        await app.query(sql, values);
        return null;
      } catch (error) {
        return (error as { code: string }).code;
      } finally {
        await app.query("rollback to savepoint attempt");
      }
    };
    await app.query("begin");
    try {
      await app.query("select set_config('app.tenant_id', $1, true)", [a.tenantId]);
      for (const table of ["report_office_day", "report_office_month", "report_property_units"]) {
        const seen = await app.query(`select count(*)::int as n from ${table} where tenant_id = $1`, [b.tenantId]);
        expect(seen.rows[0].n, table).toBe(0);
        expect((await app.query(`select count(*)::int as n from ${table}`)).rows[0].n, table).toBe(await own(table, a.tenantId));
      }
      for (const table of ["report_office_day", "report_property_units"]) {
        expect(
          (await app.query(`update ${table} set tenant_id = tenant_id where tenant_id = $1`, [b.tenantId])).rowCount,
          table,
        ).toBe(0);
        expect((await app.query(`delete from ${table} where tenant_id = $1`, [b.tenantId])).rowCount, table).toBe(0);
      }
      await expect(
        refused("insert into report_property_units (tenant_id, property_id, units) values ($1, $2, 1)", [
          b.tenantId,
          b.propertyA,
        ]),
      ).resolves.toBe("42501");
      // The months are written by the fold alone (as the owner): the app role may not write them at all.
      for (const sql of [
        "insert into report_office_month (tenant_id, office_id, month, bills) values ($1, $2, '2026-01-01', 1)",
        "update report_office_month set bills = bills where tenant_id = $1 or office_id = $2",
        "delete from report_office_month where tenant_id = $1 or office_id = $2",
      ]) {
        for (const [tenantId, officeId] of [
          [a.tenantId, a.officeA],
          [b.tenantId, b.officeA],
        ])
          await expect(refused(sql, [tenantId, officeId]), sql).resolves.toBe("42501");
      }
    } finally {
      await app.query("rollback");
    }
  });

  it("the month rollup's deltas: the app role appends its own group's only, sees only those, and changes none", async () => {
    const insert = "insert into report_office_month_delta (tenant_id, office_id, month, bills) values ($1, $2, '2026-01-01', 1)";
    await app.query("begin");
    try {
      // B's delta, appended in this very transaction: visible to B, and to A not at all (the policy, not the snapshot).
      await app.query("select set_config('app.tenant_id', $1, true)", [b.tenantId]);
      await app.query(insert, [b.tenantId, b.officeA]);
      const ofB = (await app.query("select count(*)::int as n from report_office_month_delta where tenant_id = $1", [b.tenantId]))
        .rows[0].n;
      expect(ofB).toBeGreaterThan(0);
      await app.query("select set_config('app.tenant_id', $1, true)", [a.tenantId]);
      await app.query(insert, [a.tenantId, a.officeA]);
      const tenants = await app.query("select distinct tenant_id::text as t from report_office_month_delta");
      expect(tenants.rows.map((r) => r.t)).toEqual([a.tenantId]);
      expect(
        (await app.query("select count(*)::int as n from report_office_month_delta where tenant_id = $1", [b.tenantId])).rows[0]
          .n,
      ).toBe(0);
      for (const [sql, values] of [
        [insert, [b.tenantId, b.officeA]],
        // Appending only: no update or delete, not even of its own rows.
        ["update report_office_month_delta set bills = 0 where tenant_id = $1", [a.tenantId]],
        ["delete from report_office_month_delta where tenant_id = $1", [a.tenantId]],
      ] as const) {
        await app.query("savepoint attempt");
        await expect(app.query(sql, [...values]), sql).rejects.toMatchObject({ code: "42501" });
        await app.query("rollback to savepoint attempt");
      }
      await app.query("select set_config('app.tenant_id', $1, true)", [b.tenantId]);
      expect(
        (await app.query("select count(*)::int as n from report_office_month_delta where tenant_id = $1", [b.tenantId])).rows[0]
          .n,
      ).toBe(ofB);
    } finally {
      await app.query("rollback");
    }
  });

  it("fails closed: with no tenant set, or set to an empty string, every tenant table reads as empty", async () => {
    for (const setting of [null, ""]) {
      await app.query("begin");
      try {
        if (setting !== null) await app.query("select set_config('app.tenant_id', $1, true)", [setting]);
        for (const table of tables) {
          const { rows } = await app.query(`select count(*)::int as n from ${table}`);
          expect(rows[0].n, `${table} with tenant ${JSON.stringify(setting)}`).toBe(0);
        }
      } finally {
        await app.query("rollback");
      }
    }
  });

  it("a transaction-local tenant never survives into the next statement on the same connection", async () => {
    await app.query("begin");
    await app.query("select set_config('app.tenant_id', $1, true)", [a.tenantId]);
    expect((await app.query("select count(*)::int as n from office")).rows[0].n).toBeGreaterThan(0);
    await app.query("commit");
    expect((await app.query("select current_setting('app.tenant_id', true) as s")).rows[0].s).toBe("");
    expect((await app.query("select count(*)::int as n from office")).rows[0].n).toBe(0);
  });

  it("pooled connections of the API carry no tenant from one request into the next", async () => {
    const single = await startTestApi({ poolMax: 1 });
    try {
      ok(await single.gql(`{ offices { totalCount } }`, {}, { token: a.tokens.admin }));
      const conn = single.api.orm.em.getConnection();
      const [setting] = await conn.execute<{ s: string }[]>("select current_setting('app.tenant_id', true) as s");
      expect(setting?.s ?? "").toBe("");
      const [count] = await conn.execute<{ n: number }[]>("select count(*)::int as n from office");
      expect(count?.n).toBe(0);
    } finally {
      await single.stop();
    }
  });

  it("failing: the database refuses a row of tenant A that points at tenant B's office", async () => {
    await app.query("begin");
    try {
      await app.query("select set_config('app.tenant_id', $1, true)", [a.tenantId]);
      await expect(
        app.query("insert into property (tenant_id, id, office_id, name) values ($1, $2, $3, 'cross')", [
          a.tenantId,
          randomUUID(),
          b.officeA,
        ]),
      ).rejects.toMatchObject({ code: "23503" });
    } finally {
      await app.query("rollback");
    }
  });

  it("failing: writing a row for another tenant, or moving a row to another tenant, violates the policy", async () => {
    for (const attempt of [
      () =>
        app.query("insert into property (tenant_id, id, office_id, name) values ($1, $2, $3, 'x')", [
          b.tenantId,
          randomUUID(),
          b.officeA,
        ]),
      () => app.query("update office set tenant_id = $1 where id = $2", [b.tenantId, a.officeA]),
    ]) {
      await app.query("begin");
      try {
        await app.query("select set_config('app.tenant_id', $1, true)", [a.tenantId]);
        await expect(attempt()).rejects.toMatchObject({ code: "42501" });
      } finally {
        await app.query("rollback");
      }
    }
  });

  it("failing: tenant A cannot update or delete tenant B's rows even by primary key (0 rows touched)", async () => {
    await app.query("begin");
    try {
      await app.query("select set_config('app.tenant_id', $1, true)", [a.tenantId]);
      expect((await app.query("update office set name = 'x' where id = $1", [b.officeA])).rowCount).toBe(0);
      expect((await app.query("delete from customer_unit where unit_id = $1", [b.unitA])).rowCount).toBe(0);
    } finally {
      await app.query("rollback");
    }
  });
});

describe("row-level security catalogue", () => {
  let admin: Client;
  let tables: string[];

  beforeAll(async () => {
    admin = new Client({ connectionString: inject("adminDatabaseUrl") });
    await admin.connect();
    tables = await tenantTables(admin);
  });
  afterAll(() => admin.end());

  it("every tenant table has row-level security enabled and forced, with a policy keyed on the tenant", async () => {
    expect(tables.length).toBeGreaterThanOrEqual(9);
    // Every policy that applies to the app role (to it, or to everyone) is keyed on the tenant. The only others
    // are the owner's for the month rollup's fold (`report_fold`), which binds no one else.
    const appUser = new URL(inject("appDatabaseUrl")).username;
    const { rows } = await admin.query(
      `select c.relname as table, c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
              (select count(*)::int from pg_policy p where p.polrelid = c.oid and (0::oid = any(p.polroles) or r.oid = any(p.polroles))) as policies,
              (select bool_and(pg_get_expr(p.polqual, p.polrelid) like '%app_current_tenant_id()%'
                           and pg_get_expr(p.polwithcheck, p.polrelid) like '%app_current_tenant_id()%')
                 from pg_policy p where p.polrelid = c.oid and (0::oid = any(p.polroles) or r.oid = any(p.polroles))) as keyed,
              (select coalesce(array_agg(p.polname::text order by p.polname), '{}')
                 from pg_policy p where p.polrelid = c.oid and not (0::oid = any(p.polroles) or r.oid = any(p.polroles))) as others
         from pg_class c, pg_roles r where c.relname = any($1) and r.rolname = $2 order by 1`,
      [tables, appUser],
    );
    expect(
      rows.filter((r) => r.others.length).map((r) => [r.table, r.others]),
      "policies for other roles than the app role",
    ).toEqual([
      ["report_office_month", ["report_fold"]],
      ["report_office_month_delta", ["report_fold"]],
    ]);
    for (const row of rows) {
      expect(row, row.table).toMatchObject({ enabled: true, forced: true, keyed: true });
      expect(row.policies, row.table).toBeGreaterThanOrEqual(1);
    }
  });

  it("every tenant table has a tenant_id column leading its primary key (tenant itself: id)", async () => {
    for (const table of tables) {
      const { rows } = await admin.query(
        `select a.attname as col from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
          where i.indrelid = $1::regclass and i.indisprimary`,
        [table],
      );
      expect(rows[0]?.col, table).toBe(table === "tenant" ? "id" : "tenant_id");
    }
  });

  it("every reference between tenant tables carries tenant_id on both sides", async () => {
    const { rows } = await admin.query(
      `select conname, conrelid::regclass::text as from_table, confrelid::regclass::text as to_table,
              (select array_agg(a.attname::text order by k.ord) from unnest(con.conkey) with ordinality k(attnum, ord)
                 join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum) as from_cols,
              (select array_agg(a.attname::text order by k.ord) from unnest(con.confkey) with ordinality k(attnum, ord)
                 join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.attnum) as to_cols
         from pg_constraint con where con.contype = 'f' and connamespace = 'public'::regnamespace`,
    );
    expect(rows.length).toBeGreaterThan(10);
    for (const fk of rows) {
      if (fk.to_table === "tenant") {
        expect(fk.from_cols, fk.conname).toEqual(["tenant_id"]);
        continue;
      }
      expect(fk.from_cols[0], fk.conname).toBe("tenant_id");
      expect(fk.to_cols[0], fk.conname).toBe("tenant_id");
    }
  });

  it("the app role is neither superuser nor able to bypass row-level security, and owns nothing", async () => {
    const appUser = new URL(inject("appDatabaseUrl")).username;
    const role = (
      await admin.query(`select rolsuper, rolbypassrls, rolcreaterole, rolcreatedb from pg_roles where rolname = $1`, [appUser])
    ).rows[0];
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, rolcreaterole: false, rolcreatedb: false });
    const owned = await admin.query(
      `select 'relation' as kind, relname as name from pg_class where relowner = (select oid from pg_roles where rolname = $1)
       union all select 'function', proname from pg_proc where proowner = (select oid from pg_roles where rolname = $1)
       union all select 'schema', nspname from pg_namespace where nspowner = (select oid from pg_roles where rolname = $1)
       union all select 'type', typname from pg_type where typowner = (select oid from pg_roles where rolname = $1)
       union all select 'database', datname from pg_database where datdba = (select oid from pg_roles where rolname = $1)`,
      [appUser],
    );
    expect(owned.rows).toEqual([]);
    for (const [table, columns] of Object.entries(SHARED_TABLES)) {
      const { rows } = await admin.query<{ column_name: string }>(
        "select column_name from information_schema.columns where table_schema = 'public' and table_name = $1 order by 1",
        [table],
      );
      expect(
        rows.map((r) => r.column_name),
        table,
      ).toEqual(columns);
    }
    for (const table of ["mikro_orm_migrations", ...PLATFORM_TABLES]) {
      const privileges = await admin.query(
        `select has_table_privilege($1, $2, 'select, insert, update, delete, truncate') as can`,
        [appUser, table],
      );
      expect(privileges.rows[0].can, table).toBe(false);
    }
  });
});
