import type { ArrearsRow, CollectionCounts } from "../metrics/collection";
import { num, SqlBuilder, type GroupBy, type ReportQuery, type ReportScope, type SqlQuery } from "../query";

/**
 * What was paid on bill `b` before `asOf`, clamped to [0, amount] as the definition says. When `asOf` is
 * after today no payment can be dated on or after it (none is ever dated in the future), so the bill's own
 * net `paid_cents` is that amount and no payment is read.
 */
function paidExpression(sql: SqlBuilder, asOf: string, today: string): { expression: string; join: string } {
  if (asOf > today) return { expression: "b.paid_cents", join: "" };
  return {
    expression: "least(b.amount_cents, greatest(0, coalesce(p.paid, 0)))",
    join: `left join lateral (
             select sum(p.amount_cents) as paid from payment p
              where p.tenant_id = b.tenant_id and p.bill_id = b.id and p.paid_on < ${sql.p(asOf)}::date
           ) p on true`,
  };
}

/** Billed and paid-before-`asOf` on bills due in the period; months are due months. */
export function collectionSql(q: ReportQuery, asOf: string, today: string): SqlQuery {
  const sql = new SqlBuilder();
  const k = sql.keys(q.groupBy, "b.office_id", () => sql.dateMonthKey("b.due_on"));
  const paid = paidExpression(sql, asOf, today);
  return sql.query(`
    select ${k.select}, coalesce(sum(b.amount_cents), 0) as billed, coalesce(sum(${paid.expression}), 0) as paid, count(*) as bills
      from bill b
      ${paid.join}
     where b.tenant_id = ${sql.p(q.tenantId)} and ${sql.dateIn("b.due_on", q.period)} and ${sql.scope("b.office_id", q)}
     ${k.groupBy()}`);
}

export const parseCollection = (rows: Record<string, unknown>[]): CollectionCounts[] =>
  rows.map((r) => ({
    officeId: (r.office_id as string | null) ?? null,
    month: (r.month as string | null) ?? null,
    billedCents: num(r.billed),
    paidCents: num(r.paid),
    bills: num(r.bills),
  }));

/** Arrears at the start of `asOf` by age; with `asOf` after today only unpaid bills are read (partial index). */
export function arrearsSql(scope: ReportScope, groupBy: Pick<GroupBy, "office">, asOf: string, today: string): SqlQuery {
  const sql = new SqlBuilder();
  const k = sql.keys({ office: groupBy.office, month: false }, "x.office_id", () => "");
  const paid = paidExpression(sql, asOf, today);
  const day = sql.p(asOf);
  return sql.query(`
    select ${k.select}, coalesce(sum(owed), 0) as outstanding, count(*) as bills, count(distinct unit_id) as units,
           coalesce(sum(owed) filter (where age <= 30), 0) as b1,
           coalesce(sum(owed) filter (where age between 31 and 90), 0) as b2,
           coalesce(sum(owed) filter (where age between 91 and 180), 0) as b3,
           coalesce(sum(owed) filter (where age between 181 and 365), 0) as b4,
           coalesce(sum(owed) filter (where age > 365), 0) as b5
      from (
        select b.office_id, b.unit_id, b.amount_cents - ${paid.expression} as owed, ${day}::date - b.due_on as age
          from bill b
          ${paid.join}
         where b.tenant_id = ${sql.p(scope.tenantId)} and b.due_on < ${day}::date and ${sql.scope("b.office_id", scope)}
           ${asOf > today ? "and b.paid_cents < b.amount_cents" : ""}
      ) x
     where owed > 0
     ${k.groupBy()}`);
}

export const parseArrears = (rows: Record<string, unknown>[]): ArrearsRow[] =>
  rows.map((r) => ({
    officeId: (r.office_id as string | null) ?? null,
    month: null,
    outstandingCents: num(r.outstanding),
    billsInArrears: num(r.bills),
    unitsInArrears: num(r.units),
    days1To30: num(r.b1),
    days31To90: num(r.b2),
    days91To180: num(r.b3),
    days181To365: num(r.b4),
    over365Days: num(r.b5),
  }));
