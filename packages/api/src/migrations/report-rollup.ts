/**
 * The SQL the report rollup migrations share: the counters of the per-office rollups, what each source table's
 * rows contribute to them, and the key-ordered upsert of summed deltas. Used by
 * `Migration20261122050000_report_rollups` (the day table) and `Migration20261201000000_report_month_rollup`
 * (the month table, kept from the day table); a change here changes what both generate, so only ever add.
 */

const OPEN = `('NEW', 'ASSIGNED', 'IN_PROGRESS')`;
const TOP_TWO = `('VERY_SATISFIED', 'SATISFIED')`;
const TYPES = ["COMPLAINT", "SUGGESTION", "HELP", "COORDINATION", "REPAIR", "CONSULTATION", "QUALITY"];

/** The rollup's counters, each with the SQL type it is summed in. */
export const COUNTERS: [string, "integer" | "bigint"][] = [
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
export const NAMES = COUNTERS.map(([name]) => name);

/** A delta row: the key, and the given counters (all others 0). */
function deltaSelect(key: string, values: Record<string, string>): string {
  return `select ${key}, ${NAMES.map((n) => `${values[n] ?? "0"} as ${n}`).join(", ")}`;
}

/** What rows of `rel` (a table or transition table) contribute, times `sign`, per office and local day. */
export const DELTAS: Record<string, (rel: string, sign: string) => string> = {
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

/**
 * Adds summed deltas (rows with the `keys` columns and the `counters`) to a rollup `table` whose primary key is
 * `keys`: one row per key, in key order (so concurrent writers never deadlock), keys whose deltas cancel out
 * left alone.
 */
export function upsertSums(table: string, keys: string[], counters: string[], deltas: string): string {
  const key = keys.join(", ");
  return `
    insert into ${table} as d (${key}, ${counters.join(", ")})
    select ${key}, ${counters.map((n) => `sum(${n})`).join(", ")}
      from (${deltas}) x
     group by ${key}
    having ${counters.map((n) => `sum(${n}) <> 0`).join(" or ")}
     order by ${key}
    on conflict (${key}) do update
       set ${counters.map((n) => `${n} = d.${n} + excluded.${n}`).join(", ")};`;
}

/**
 * A trigger function `fn` and its three statement triggers (`<prefix>_insert`, `_update`, `_delete`) on `table`:
 * each statement adds what it changed — `deltas` of its new rows, times 1, and of its old rows, times -1 — through
 * `upsert`. Transition tables rule out column lists (`update of …`), so every update fires; unchanged keys cancel.
 */
export function rollupTriggers(
  table: string,
  fn: string,
  prefix: string,
  upsert: (deltas: string) => string,
  deltas: (rel: string, sign: string) => string,
): string[] {
  return [
    `
        create function ${fn}() returns trigger language plpgsql as $$
        begin
          if tg_op = 'INSERT' then
            ${upsert(deltas("new_rows", "1"))}
          elsif tg_op = 'UPDATE' then
            ${upsert(`${deltas("new_rows", "1")} union all ${deltas("old_rows", "-1")}`)}
          else
            ${upsert(deltas("old_rows", "-1"))}
          end if;
          return null;
        end $$;`,
    `create trigger ${prefix}_insert after insert on ${table} referencing new table as new_rows for each statement execute function ${fn}();`,
    `create trigger ${prefix}_update after update on ${table} referencing old table as old_rows new table as new_rows for each statement execute function ${fn}();`,
    `create trigger ${prefix}_delete after delete on ${table} referencing old table as old_rows for each statement execute function ${fn}();`,
  ];
}

/** Adds the summed deltas to the day rollup (`report_office_day`). */
export const upsertDays = (deltas: string): string =>
  upsertSums("report_office_day", ["tenant_id", "office_id", "day"], NAMES, deltas);

/** The day rollup rebuilt for `p_tenant` from its rows (the body of `report_rebuild` as first written). */
export const REBUILD_DAYS = `
        delete from report_office_day where tenant_id = p_tenant;
        ${upsertDays(
          Object.keys(DELTAS)
            .map(
              (table) =>
                `select * from (${DELTAS[table]!(`(select * from ${table} where tenant_id = p_tenant)`, "1")}) ${table}_deltas`,
            )
            .join(" union all "),
        )}`;

/**
 * Inserts summed deltas (rows with the `keys` columns and the `counters`) into an insert-only `table`: one row
 * per key, keys whose deltas cancel out left out. Unlike `upsertSums` it locks no existing row, so concurrent
 * writers never wait for each other on it.
 */
export function insertSums(table: string, keys: string[], counters: string[], deltas: string): string {
  const key = keys.join(", ");
  return `
    insert into ${table} (${key}, ${counters.join(", ")})
    select ${key}, ${counters.map((n) => `sum(${n})`).join(", ")}
      from (${deltas}) x
     group by ${key}
    having ${counters.map((n) => `sum(${n}) <> 0`).join(" or ")};`;
}
