import { Migration } from "@mikro-orm/migrations";
import { COUNTERS, NAMES, REBUILD_DAYS, rollupTriggers, upsertSums } from "./report-rollup";
import { tenantTableSecurity } from "./rls";

const MONTH_KEY = ["tenant_id", "office_id", "month"];
const UNIT_KEY = ["tenant_id", "property_id"];

/** Day rows of `rel` as deltas of their month, times `sign` (the month of a date, independent of the session's zone). */
const monthDeltas = (rel: string, sign: string): string =>
  `select r.tenant_id, r.office_id, date_trunc('month', r.day::timestamp)::date as month, ${NAMES.map((n) => `${sign} * r.${n} as ${n}`).join(", ")} from ${rel} r`;

/** Unit rows of `rel` as deltas of their property's count, times `sign`. */
const unitDeltas = (rel: string, sign: string): string => `select r.tenant_id, r.property_id, ${sign} as units from ${rel} r`;

const upsertMonths = (deltas: string) => upsertSums("report_office_month", MONTH_KEY, NAMES, deltas);
const upsertUnits = (deltas: string) => upsertSums("report_property_units", UNIT_KEY, ["units"], deltas);

/** Tables the backfill reads or writes across every tenant (row-level security would hide them all). */
const BACKFILL_TABLES = ["report_office_day", "report_office_month", "unit", "report_property_units"];

/**
 * Two more rollups for the head office's comparison, so a year reads a few hundred rows instead of every day
 * and every unit:
 *
 * - `report_office_month`: the day rollup's counters per office and calendar month, kept from the day table
 *   itself by statement triggers on `report_office_day` (new minus old rows, per month, upserted in key order),
 *   so whatever maintains the days — the source tables' triggers, a rebuild, a time-zone change — keeps the
 *   months. An `insert … on conflict do update` on the day table fires both the insert and the update trigger,
 *   each with its own transition rows (inserted rows; updated rows before and after), so nothing counts twice.
 * - `report_property_units`: units per property, kept by statement triggers on `unit` (insert, delete, and any
 *   update: a unit moved to another property). Reports add them up per office through `property`, so a property
 *   moved to another office needs nothing.
 *
 * `report_rebuild(tenant)` now also rebuilds both from scratch at the end: after a bulk load with triggers off
 * (`session_replication_role = replica`) the triggers on the day table never fired, and a repair should not
 * keep an error of the month table by adding deltas to it.
 */
export class Migration20261201000000_report_month_rollup extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table report_office_month (
        tenant_id uuid not null references tenant (id),
        office_id uuid not null,
        month date not null check (extract(day from month) = 1),
        ${COUNTERS.map(([name, type]) => `${name} ${type} not null default 0`).join(",\n        ")},
        primary key (tenant_id, office_id, month),
        foreign key (tenant_id, office_id) references office (tenant_id, id)
      );`);
    this.addSql(tenantTableSecurity("report_office_month", "select, insert, update, delete"));
    for (const sql of rollupTriggers(
      "report_office_day",
      "report_rollup_month",
      "report_rollup_month",
      upsertMonths,
      monthDeltas,
    ))
      this.addSql(sql);

    // A counter row goes with its property (when the property may go, its units have gone before it).
    this.addSql(`
      create table report_property_units (
        tenant_id uuid not null references tenant (id),
        property_id uuid not null,
        units integer not null default 0,
        primary key (tenant_id, property_id),
        foreign key (tenant_id, property_id) references property (tenant_id, id) on delete cascade
      );`);
    this.addSql(tenantTableSecurity("report_property_units", "select, insert, update, delete"));
    for (const sql of rollupTriggers("unit", "report_rollup_units", "report_rollup_units", upsertUnits, unitDeltas))
      this.addSql(sql);

    this.addSql(`
      create or replace function report_rebuild(p_tenant uuid) returns void language plpgsql as $$
      begin${REBUILD_DAYS}
        delete from report_office_month where tenant_id = p_tenant;
        ${upsertMonths(monthDeltas("(select * from report_office_day where tenant_id = p_tenant)", "1"))}
        delete from report_property_units where tenant_id = p_tenant;
        ${upsertUnits(unitDeltas("(select * from unit where tenant_id = p_tenant)", "1"))}
      end $$;`);

    // Existing groups (the triggers above already hold the tables: nothing changes underneath the backfill).
    for (const table of BACKFILL_TABLES) this.addSql(`alter table ${table} no force row level security;`);
    this.addSql(upsertMonths(monthDeltas("report_office_day", "1")));
    this.addSql(upsertUnits(unitDeltas("unit", "1")));
    for (const table of BACKFILL_TABLES) this.addSql(`alter table ${table} force row level security;`);
  }

  override async down(): Promise<void> {
    this.addSql(`
      create or replace function report_rebuild(p_tenant uuid) returns void language plpgsql as $$
      begin${REBUILD_DAYS}
      end $$;`);
    for (const [table, prefix] of [
      ["unit", "report_rollup_units"],
      ["report_office_day", "report_rollup_month"],
    ] as const) {
      for (const op of ["insert", "update", "delete"]) this.addSql(`drop trigger if exists ${prefix}_${op} on ${table};`);
      this.addSql(`drop function if exists ${prefix}();`);
    }
    this.addSql(`drop table if exists report_property_units;`);
    this.addSql(`drop table if exists report_office_month;`);
  }
}
