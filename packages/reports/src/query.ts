import type { Period } from "./period";

/** Whose data a report covers: always one tenant, and either all its offices or some of them. */
export interface ReportScope {
  tenantId: string;
  /** The offices to include; null for every office of the tenant. */
  officeIds: readonly string[] | null;
}

/** How rows are grouped: by office, by month, both, or neither (one row for the whole scope). */
export interface GroupBy {
  office: boolean;
  month: boolean;
}

export interface ReportQuery extends ReportScope {
  period: Period;
  groupBy: GroupBy;
}

/** The group a row belongs to; a key not grouped by is null. */
export interface GroupKey {
  officeId: string | null;
  month: string | null;
}

export type SqlValue = string | number | boolean | null;

/** Parameterised SQL with `?` placeholders (the form MikroORM's `em.execute` and knex take). */
export interface SqlQuery {
  text: string;
  values: SqlValue[];
}

export const inScope = (scope: ReportScope, officeId: string): boolean =>
  scope.officeIds === null || scope.officeIds.includes(officeId);

/** The row's group key under a grouping. */
export const keyOf = (groupBy: GroupBy, officeId: string, month: string): GroupKey => ({
  officeId: groupBy.office ? officeId : null,
  month: groupBy.month ? month : null,
});

const keyString = (k: GroupKey) => `${k.officeId ?? ""}|${k.month ?? ""}`;

/** Orders rows by office id, then month (null first), the order every report returns. */
export function compareKeys(a: GroupKey, b: GroupKey): number {
  return keyString(a) < keyString(b) ? -1 : keyString(a) > keyString(b) ? 1 : 0;
}

/**
 * Folds rows into per-group aggregates the way SQL `GROUP BY` does: with no grouping there is exactly one
 * row even when nothing matched (an aggregate over nothing), with grouping only the groups that have rows.
 */
export function aggregate<R, A extends GroupKey>(
  rows: Iterable<R>,
  groupBy: GroupBy,
  keyOfRow: (row: R) => GroupKey | null,
  empty: (key: GroupKey) => A,
  add: (acc: A, row: R) => void,
): A[] {
  const groups = new Map<string, A>();
  if (!groupBy.office && !groupBy.month)
    groups.set(keyString({ officeId: null, month: null }), empty({ officeId: null, month: null }));
  for (const row of rows) {
    const key = keyOfRow(row);
    if (!key) continue;
    const k = keyString(key);
    if (!groups.has(k)) groups.set(k, empty(key));
    add(groups.get(k)!, row);
  }
  return [...groups.values()].sort(compareKeys);
}

/**
 * Builds SQL text and its parameters together, so a placeholder never drifts from its value: `p()` hands out
 * numbered placeholders in any order (and they may be reused); `query()` turns them into `?` placeholders
 * with the values in text order.
 */
export class SqlBuilder {
  private readonly params: SqlValue[] = [];

  /** A placeholder for a value. */
  p(value: SqlValue): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  /** The finished query. */
  query(text: string): SqlQuery {
    const values: SqlValue[] = [];
    const positional = text.replace(/\$(\d+)(?!\d)/g, (_m, n: string) => {
      values.push(this.params[Number(n) - 1]!);
      return "?";
    });
    return { text: positional, values };
  }

  /** `column` restricted to the scope's offices (nothing when the list is empty). */
  scope(column: string, scope: ReportScope): string {
    if (scope.officeIds === null) return "true";
    if (!scope.officeIds.length) return "false";
    return `${column} = any(string_to_array(${this.p(scope.officeIds.join(","))}, ',')::uuid[])`;
  }

  /** The instant a local date starts in the period's time zone. */
  startOf(date: string, timeZone: string): string {
    return `(${this.p(date)}::date::timestamp at time zone ${this.p(timeZone)})`;
  }

  /** `column` (timestamptz) within the period. */
  instantIn(column: string, period: Period): string {
    return `${column} >= ${this.startOf(period.from, period.timeZone)} and ${column} < ${this.startOf(period.to, period.timeZone)}`;
  }

  /** `column` (date) within the period. */
  dateIn(column: string, period: Period): string {
    return `${column} >= ${this.p(period.from)}::date and ${column} < ${this.p(period.to)}::date`;
  }

  /**
   * The group-key columns `office_id, month` that open a select list, and the GROUP BY clause. Rows are
   * grouped by the raw office id and month start (`instantMonthKey` / `dateMonthKey`), which PostgreSQL hashes
   * cheaply, and only the groups are turned into text. `extra` adds further grouping columns.
   */
  keys(
    groupBy: GroupBy,
    officeColumn: string,
    monthKey: () => string,
  ): { select: string; groupBy: (...extra: string[]) => string } {
    const month = groupBy.month ? monthKey() : null;
    const raw = [...(groupBy.office ? [officeColumn] : []), ...(month ? [month] : [])];
    return {
      select: `${groupBy.office ? `${officeColumn}::text` : "null::text"} as office_id, ${month ? `to_char(${month}, 'YYYY-MM')` : "null::text"} as month`,
      groupBy: (...extra) => {
        const all = [...raw, ...extra];
        return all.length ? `group by ${all.join(", ")}` : "";
      },
    };
  }

  /**
   * The start of the local month of a timestamptz column (a grouping key). The zone is written into the SQL
   * rather than passed as a parameter, so the select list and GROUP BY hold the very same expression for any
   * driver; only IANA zone names (letters, digits, `_ + - /`) are accepted.
   */
  instantMonthKey(column: string, timeZone: string): string {
    if (!/^[A-Za-z0-9_+\-/]+$/.test(timeZone)) throw new RangeError(`Not a time zone name: ${timeZone}`);
    return `date_trunc('month', ${column} at time zone '${timeZone}')`;
  }

  /** The start of the month of a date column (a grouping key). */
  dateMonthKey(column: string): string {
    return `date_trunc('month', ${column})`;
  }
}

/** Numbers as PostgreSQL returns them (bigint and numeric arrive as strings). */
export const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));
