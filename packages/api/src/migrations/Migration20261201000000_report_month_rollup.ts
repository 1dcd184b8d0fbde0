import { Migration } from "@mikro-orm/migrations";
import { COUNTERS, insertSums, NAMES, REBUILD_DAYS, rollupTriggers, upsertSums } from "./report-rollup";
import { APP_ROLE, tenantTableSecurity } from "./rls";

const MONTH_KEY = ["tenant_id", "office_id", "month"];
const UNIT_KEY = ["tenant_id", "property_id"];

/** Day rows of `rel` as deltas of their month, times `sign` (the month of a date, independent of the session's zone). */
export const monthDeltas = (rel: string, sign: string): string =>
  `select r.tenant_id, r.office_id, date_trunc('month', r.day::timestamp)::date as month, ${NAMES.map((n) => `${sign} * r.${n} as ${n}`).join(", ")} from ${rel} r`;

/** Rows of the month table or of its deltas (`rel`, with a `month` column), times `sign`. */
const monthRows = (rel: string, sign: string): string =>
  `select r.tenant_id, r.office_id, r.month, ${NAMES.map((n) => `${sign} * r.${n} as ${n}`).join(", ")} from ${rel} r`;

/** Unit rows of `rel` as deltas of their property's count, times `sign`. */
const unitDeltas = (rel: string, sign: string): string => `select r.tenant_id, r.property_id, ${sign} as units from ${rel} r`;

/** Summed deltas upserted into the month table in key order (the backfill; the design before deltas, kept for its test). */
export const upsertMonths = (deltas: string) => upsertSums("report_office_month", MONTH_KEY, NAMES, deltas);
/** Summed deltas appended to the month table's deltas (locks no row). */
const insertMonthDeltas = (deltas: string) => insertSums("report_office_month_delta", MONTH_KEY, NAMES, deltas);
const upsertUnits = (deltas: string) => upsertSums("report_property_units", UNIT_KEY, ["units"], deltas);

/**
 * On only while `report_fold_month_deltas` runs (it sets it and clears it; a setting in the function's
 * definition would need a superuser): the owner's policies on the month table and its deltas let it reach
 * every group's rows then, and no other time.
 */
const FOLDING = `current_setting('app.report_fold', true) = 'on'`;

/** Tables the backfill reads or writes across every tenant (row-level security would hide them all). */
const BACKFILL_TABLES = ["report_office_day", "report_office_month", "unit", "report_property_units"];

/**
 * Two more rollups for the head office's comparison, so a year reads a few hundred rows instead of every day
 * and every unit:
 *
 * - `report_office_month`: the day rollup's counters per office and calendar month. Statement triggers on
 *   `report_office_day` never touch it: they append what each statement changed (new minus old rows, summed per
 *   office and month) to `report_office_month_delta`, an insert-only table whose rows nobody else ever waits
 *   for, and `report_fold_month_deltas()` (called every second by each API instance) moves the deltas into the
 *   months in one statement. Upserting the month rows in the writing transactions, as first written, made each
 *   office's month a lock every writer of that office takes, in an order no one chose (a ticket of November
 *   and a follow-up of December): two front-desk transactions deadlocked where the day rows alone only wait.
 *   Reports read a whole month as its row plus its deltas not folded yet; the fold is one statement, so a
 *   reader sees a delta either still there or in its month, never both or neither. An `insert … on conflict
 *   do update` on the day table fires both the insert and the update trigger, each with its own transition
 *   rows (inserted rows; updated rows before and after), so nothing counts twice.
 * - `report_property_units`: units per property, kept by statement triggers on `unit` (insert, delete, and any
 *   update: a unit moved to another property). Reports add them up per office through `property`, so a property
 *   moved to another office needs nothing.
 *
 * `report_rebuild(tenant)` now also repairs both at the end: after a bulk load with triggers off
 * (`session_replication_role = replica`) the triggers on the day table never fired, and a repair should not
 * keep an error of the month table. The months' error (days minus months minus deltas, read in one statement)
 * becomes one more delta, and the group's deltas are folded: a writer committing meanwhile adds its own delta
 * for its own change, so nothing is lost or counted twice.
 */
export class Migration20261201000000_report_month_rollup extends Migration {
  override async up(): Promise<void> {
    for (const table of ["report_office_month", "report_office_month_delta"]) {
      this.addSql(`
      create table ${table} (
        tenant_id uuid not null references tenant (id),${table.endsWith("_delta") ? `\n        id bigint generated always as identity,` : ""}
        office_id uuid not null,
        month date not null check (extract(day from month) = 1),
        ${COUNTERS.map(([name, type]) => `${name} ${type} not null default 0`).join(",\n        ")},
        primary key (tenant_id, ${table.endsWith("_delta") ? "id" : "office_id, month"}),
        foreign key (tenant_id, office_id) references office (tenant_id, id)
      );`);
    }
    // The app role reads both; it only ever appends deltas (the triggers, a repair). The months are written by
    // the fold alone, which runs as the owner: forced row-level security binds the owner too, so its own policy
    // opens every group's rows to it while the fold's setting is on.
    this.addSql(tenantTableSecurity("report_office_month", "select"));
    this.addSql(tenantTableSecurity("report_office_month_delta", "select, insert"));
    for (const table of ["report_office_month", "report_office_month_delta"])
      this.addSql(`create policy report_fold on ${table} to current_user using (${FOLDING}) with check (${FOLDING});`);
    for (const sql of rollupTriggers(
      "report_office_day",
      "report_rollup_month",
      "report_rollup_month",
      insertMonthDeltas,
      monthDeltas,
    ))
      this.addSql(sql);

    // Every delta (of one group, or of all), moved into its month in one statement: the deleted rows, summed per
    // office and month, upserted in key order. Two folds at once each move the rows they deleted (a row deleted
    // by the other is skipped once that one commits), and lock months in the same order, so they never deadlock.
    this.addSql(`
      create function report_fold_month_deltas(p_tenant uuid default null) returns bigint
        language plpgsql security definer set search_path = public
      as $$
      declare folded bigint;
      begin
        perform set_config('app.report_fold', 'on', true);
        with moved as (
          delete from report_office_month_delta where p_tenant is null or tenant_id = p_tenant
          returning ${MONTH_KEY.join(", ")}, ${NAMES.join(", ")}
        ), months as (${upsertMonths("select * from moved").replace(/;\s*$/, "")}
        )
        select count(*) into folded from moved;
        perform set_config('app.report_fold', '', true);
        return folded;
      end $$;`);
    this.addSql(`revoke all on function report_fold_month_deltas(uuid) from public;`);
    this.addSql(`grant execute on function report_fold_month_deltas(uuid) to ${APP_ROLE};`);

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
        ${insertMonthDeltas(
          [
            monthDeltas("(select * from report_office_day where tenant_id = p_tenant)", "1"),
            monthRows("(select * from report_office_month where tenant_id = p_tenant)", "-1"),
            monthRows("(select * from report_office_month_delta where tenant_id = p_tenant)", "-1"),
          ].join(" union all "),
        )}
        perform report_fold_month_deltas(p_tenant);
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
    this.addSql(`drop function if exists report_fold_month_deltas(uuid);`);
    this.addSql(`drop table if exists report_property_units;`);
    this.addSql(`drop table if exists report_office_month_delta;`);
    this.addSql(`drop table if exists report_office_month;`);
  }
}
