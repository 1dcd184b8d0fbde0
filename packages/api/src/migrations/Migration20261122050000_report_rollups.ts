import { Migration } from "@mikro-orm/migrations";
import { tenantTableSecurity } from "./rls";

const OPEN = `('NEW', 'ASSIGNED', 'IN_PROGRESS')`;
const TOP_TWO = `('VERY_SATISFIED', 'SATISFIED')`;
const TYPES = ["COMPLAINT", "SUGGESTION", "HELP", "COORDINATION", "REPAIR", "CONSULTATION", "QUALITY"];

/** The rollup's counters, each with the SQL type it is summed in. */
const COUNTERS: [string, "integer" | "bigint"][] = [
  ...TYPES.map((t): [string, "integer"] => [`received_${t.toLowerCase()}`, "integer"]),
  ["reply_due", "integer"],
  ["reply_decided", "integer"],
  ["reply_met", "integer"],
  ["resolve_due", "integer"],
  ["resolve_decided", "integer"],
  ["resolve_met", "integer"],
  ["follow_ups_created", "integer"],
  ["follow_ups_needed", "integer"],
  ["follow_ups_done", "integer"],
  ["follow_ups_rated", "integer"],
  ["follow_ups_satisfied", "integer"],
  ["spot_checks", "integer"],
  ["spot_checks_satisfied", "integer"],
  ["spot_checks_agreeing", "integer"],
  ["bills", "integer"],
  ["billed_cents", "bigint"],
  ["paid_cents", "bigint"],
];
const NAMES = COUNTERS.map(([name]) => name);

/** A delta row: the key, and the given counters (all others 0). */
function deltaSelect(key: string, values: Record<string, string>): string {
  return `select ${key}, ${NAMES.map((n) => `${values[n] ?? "0"} as ${n}`).join(", ")}`;
}

/** What rows of `rel` (a table or transition table) contribute, times `sign`, per office and local day. */
const DELTAS: Record<string, (rel: string, sign: string) => string> = {
  ticket: (rel, sign) => {
    const key = (column: string) => `r.tenant_id, r.office_id, (r.${column} at time zone z.time_zone)::date as day`;
    const from = `from ${rel} r join tenant z on z.id = r.tenant_id`;
    return [
      `${deltaSelect(key("received_at"), Object.fromEntries(TYPES.map((t) => [`received_${t.toLowerCase()}`, `${sign} * (r.type = '${t}')::int`])))} ${from}`,
      // Decided for good: replied, or no longer open. Open and unreplied is decided by the clock (reports add it live).
      `${deltaSelect(key("reply_due_at"), {
        reply_due: sign,
        reply_decided: `${sign} * (r.first_replied_at is not null or r.status not in ${OPEN})::int`,
        reply_met: `${sign} * coalesce(r.first_replied_at <= r.reply_due_at, false)::int`,
      })} ${from} where r.reply_due_at is not null`,
      `${deltaSelect(key("resolve_due_at"), {
        resolve_due: sign,
        resolve_decided: `${sign} * (r.resolved_at is not null)::int`,
        resolve_met: `${sign} * coalesce(r.resolved_at <= r.resolve_due_at, false)::int`,
      })} ${from} where r.resolve_due_at is not null`,
    ].join(" union all ");
  },
  follow_up: (rel, sign) => {
    const key = (column: string) => `r.tenant_id, r.office_id, (r.${column} at time zone z.time_zone)::date as day`;
    const from = `from ${rel} r join tenant z on z.id = r.tenant_id`;
    return [
      `${deltaSelect(key("created_at"), {
        follow_ups_created: sign,
        follow_ups_needed: `${sign} * (r.status <> 'EXEMPTED')::int`,
        follow_ups_done: `${sign} * (r.status = 'COMPLETED')::int`,
      })} ${from}`,
      `${deltaSelect(key("completed_at"), {
        follow_ups_rated: sign,
        follow_ups_satisfied: `${sign} * (r.satisfaction in ${TOP_TWO})::int`,
      })} ${from} where r.status = 'COMPLETED'`,
    ].join(" union all ");
  },
  spot_check: (rel, sign) =>
    `${deltaSelect(`r.tenant_id, r.office_id, (r.followed_up_at at time zone z.time_zone)::date as day`, {
      spot_checks: sign,
      spot_checks_satisfied: `${sign} * (r.satisfaction in ${TOP_TWO})::int`,
      spot_checks_agreeing: `${sign} * coalesce(r.agrees, false)::int`,
    })} from ${rel} r join tenant z on z.id = r.tenant_id where r.status = 'DONE'`,
  bill: (rel, sign) =>
    `${deltaSelect(`r.tenant_id, r.office_id, r.due_on as day`, {
      bills: sign,
      billed_cents: `${sign} * r.amount_cents`,
      paid_cents: `${sign} * r.paid_cents`,
    })} from ${rel} r`,
};

/** Adds the summed deltas to the rollup, one row per key, in key order (so concurrent writers never deadlock). */
function upsert(deltas: string): string {
  return `
    insert into report_office_day as d (tenant_id, office_id, day, ${NAMES.join(", ")})
    select tenant_id, office_id, day, ${NAMES.map((n) => `sum(${n})`).join(", ")}
      from (${deltas}) x
     group by tenant_id, office_id, day
    having ${NAMES.map((n) => `sum(${n}) <> 0`).join(" or ")}
     order by tenant_id, office_id, day
    on conflict (tenant_id, office_id, day) do update
       set ${NAMES.map((n) => `${n} = d.${n} + excluded.${n}`).join(", ")};`;
}

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
      this.addSql(`
        create function report_rollup_${table}() returns trigger language plpgsql as $$
        begin
          if tg_op = 'INSERT' then
            ${upsert(deltas("new_rows", "1"))}
          elsif tg_op = 'UPDATE' then
            ${upsert(`${deltas("new_rows", "1")} union all ${deltas("old_rows", "-1")}`)}
          else
            ${upsert(deltas("old_rows", "-1"))}
          end if;
          return null;
        end $$;`);
      this.addSql(
        `create trigger report_rollup_insert after insert on ${table} referencing new table as new_rows for each statement execute function report_rollup_${table}();`,
      );
      this.addSql(
        `create trigger report_rollup_update after update on ${table} referencing old table as old_rows new table as new_rows for each statement execute function report_rollup_${table}();`,
      );
      this.addSql(
        `create trigger report_rollup_delete after delete on ${table} referencing old table as old_rows for each statement execute function report_rollup_${table}();`,
      );
    }

    // Rebuilds a group's rollup from its rows (after a time-zone change, a bulk load with triggers off, or a repair).
    this.addSql(`
      create function report_rebuild(p_tenant uuid) returns void language plpgsql as $$
      begin
        delete from report_office_day where tenant_id = p_tenant;
        ${upsert(
          Object.keys(DELTAS)
            .map(
              (table) =>
                `select * from (${DELTAS[table]!(`(select * from ${table} where tenant_id = p_tenant)`, "1")}) ${table}_deltas`,
            )
            .join(" union all "),
        )}
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
