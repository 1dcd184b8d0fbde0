import { Migration } from "@mikro-orm/migrations";
import { COUNTERS, DELTAS, REBUILD_DAYS, rollupTriggers, upsertDays } from "./report-rollup";
import { tenantTableSecurity } from "./rls";

/**
 * Per-office, per-day report counters kept by the database itself: statement triggers on tickets, follow-ups,
 * spot checks and bills add what each statement changed (new rows minus old rows, from transition tables), so
 * a year of reports reads at most 366 rows per office instead of every ticket. Days are local days in the
 * group's time zone; changing the zone rebuilds the group's rollup. What depends on the clock (an open ticket
 * whose deadline passes) is not stored: reports add it from the few open tickets.
 */
export class Migration20261122050000_report_rollups extends Migration {
  override async up(): Promise<void> {
    // A spot check is dated by the follow-up it checks, which never changes once completed.
    this.addSql(`alter table spot_check add column followed_up_at timestamptz;`);
    this.addSql(`alter table spot_check no force row level security;`);
    this.addSql(`alter table follow_up no force row level security;`);
    this.addSql(
      `update spot_check sc set followed_up_at = f.completed_at from follow_up f where f.tenant_id = sc.tenant_id and f.id = sc.follow_up_id;`,
    );
    this.addSql(`alter table spot_check force row level security;`);
    this.addSql(`alter table follow_up force row level security;`);
    this.addSql(`alter table spot_check alter column followed_up_at set not null;`);

    this.addSql(`
      create table report_office_day (
        tenant_id uuid not null references tenant (id),
        office_id uuid not null,
        day date not null,
        ${COUNTERS.map(([name, type]) => `${name} ${type} not null default 0`).join(",\n        ")},
        primary key (tenant_id, office_id, day),
        foreign key (tenant_id, office_id) references office (tenant_id, id)
      );`);
    this.addSql(tenantTableSecurity("report_office_day", "select, insert, update, delete"));

    for (const [table, deltas] of Object.entries(DELTAS)) {
      for (const sql of rollupTriggers(table, `report_rollup_${table}`, "report_rollup", upsertDays, deltas)) this.addSql(sql);
    }

    // Rebuilds a group's rollup from its rows (after a time-zone change, a bulk load with triggers off, or a repair).
    this.addSql(`
      create function report_rebuild(p_tenant uuid) returns void language plpgsql as $$
      begin${REBUILD_DAYS}
      end $$;`);
    this.addSql(`
      create function report_rebuild_on_zone_change() returns trigger language plpgsql as $$
      begin
        perform report_rebuild(new.id);
        return null;
      end $$;`);
    this.addSql(
      `create trigger report_rebuild_on_zone_change after update of time_zone on tenant for each row
         when (old.time_zone is distinct from new.time_zone) execute function report_rebuild_on_zone_change();`,
    );
    this.addSql(`grant execute on function report_rebuild(uuid) to psp_app;`);

    // Existing groups.
    for (const table of ["report_office_day", "tenant", "ticket", "follow_up", "spot_check", "bill"]) {
      this.addSql(`alter table ${table} no force row level security;`);
    }
    this.addSql(`select report_rebuild(id) from tenant;`);
    for (const table of ["report_office_day", "tenant", "ticket", "follow_up", "spot_check", "bill"]) {
      this.addSql(`alter table ${table} force row level security;`);
    }
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists report_rebuild_on_zone_change on tenant;`);
    this.addSql(`drop function if exists report_rebuild_on_zone_change();`);
    this.addSql(`drop function if exists report_rebuild(uuid);`);
    for (const table of Object.keys(DELTAS)) {
      for (const op of ["insert", "update", "delete"]) this.addSql(`drop trigger if exists report_rollup_${op} on ${table};`);
      this.addSql(`drop function if exists report_rollup_${table}();`);
    }
    this.addSql(`drop table if exists report_office_day;`);
    this.addSql(`alter table spot_check drop column if exists followed_up_at;`);
  }
}
