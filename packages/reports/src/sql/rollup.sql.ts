import { OPEN_STATUSES, type TicketType } from "../metrics/tickets";
import { wholeMonthsOf } from "../period";
import { num, SqlBuilder, type GroupKey, type ReportQuery, type SqlQuery } from "../query";
import { TICKET_TYPES, type RollupCounts } from "../rollup";

const OPEN = OPEN_STATUSES.map((s) => `'${s}'`).join(", ");

const COLUMNS = [
  ...TICKET_TYPES.map((t) => `received_${t.toLowerCase()}`),
  "reply_due",
  "reply_decided",
  "reply_met",
  "resolve_due",
  "resolve_decided",
  "resolve_met",
  "follow_ups_created",
  "follow_ups_needed",
  "follow_ups_done",
  "follow_ups_rated",
  "follow_ups_satisfied",
  "spot_checks",
  "spot_checks_satisfied",
  "spot_checks_agreeing",
  "bills",
  "billed_cents",
  "paid_cents",
];

/**
 * The rollup's counters per group for a period, plus what the clock decides: open tickets whose reply or
 * resolution deadline (in the period) has passed unmet count as decided and missed. Whole calendar months of
 * the period come from the month rollup (one row per office and month) plus its deltas not folded into it yet
 * (the triggers on the day table append them, the API folds them every second: usually none or a second's
 * worth), the partial months at its edges from the day rollup (one row per office and day); all carry the same
 * counters, so their sum is the period's, and one statement sees each delta either still there or in its month.
 * Reads at most a month's days at either edge, a row per whole month per office and the pending deltas, and the
 * open tickets. The period's time zone must be the group's (the rollup's days are).
 */
export function rollupSql(q: ReportQuery, now: Date): SqlQuery {
  const sql = new SqlBuilder();
  const tenant = sql.p(q.tenantId);
  const at = `${sql.p(now.toISOString())}::timestamptz`;
  const days = sql.keys(q.groupBy, "d.office_id", () => sql.dateMonthKey("d.day"));
  const scope = sql.scope("office_id", q);
  const select = (table: string, column: string, from: string, to: string) => `
          select office_id, ${column} as day, ${COLUMNS.join(", ")}
            from ${table}
           where tenant_id = ${tenant} and ${column} >= ${sql.p(from)}::date and ${column} < ${sql.p(to)}::date and ${scope}`;
  const months = wholeMonthsOf(q.period);
  const parts = months
    ? [
        ...(q.period.from < months.from ? [select("report_office_day", "day", q.period.from, months.from)] : []),
        select("report_office_month", "month", months.from, months.to),
        select("report_office_month_delta", "month", months.from, months.to),
        ...(months.to < q.period.to ? [select("report_office_day", "day", months.to, q.period.to)] : []),
      ]
    : [select("report_office_day", "day", q.period.from, q.period.to)];
  const reply = sql.keys(q.groupBy, "t.office_id", () => sql.instantMonthKey("t.reply_due_at", q.period.timeZone));
  const resolve = sql.keys(q.groupBy, "t.office_id", () => sql.instantMonthKey("t.resolve_due_at", q.period.timeZone));
  return sql.query(`
    with days as (
      select ${days.select}, ${COLUMNS.map((c) => `coalesce(sum(d.${c}), 0) as ${c}`).join(", ")}
        from (${parts.join(`
          union all`)}
        ) d
       ${days.groupBy()}
    ), live as (
      select office_id, month, sum(reply_missed) as reply_missed, sum(resolve_missed) as resolve_missed
        from (
          select ${reply.select}, count(*) as reply_missed, 0 as resolve_missed
            from ticket t
           where t.tenant_id = ${tenant} and t.status in (${OPEN}) and ${sql.scope("t.office_id", q)} and t.first_replied_at is null
             and ${sql.instantIn("t.reply_due_at", q.period)} and t.reply_due_at < coalesce(t.paused_at, ${at})
           ${reply.groupBy()}
          union all
          select ${resolve.select}, 0, count(*)
            from ticket t
           where t.tenant_id = ${tenant} and t.status in (${OPEN}) and ${sql.scope("t.office_id", q)} and t.resolved_at is null
             and ${sql.instantIn("t.resolve_due_at", q.period)} and t.resolve_due_at < coalesce(t.paused_at, ${at})
           ${resolve.groupBy()}
        ) x
       group by office_id, month
    )
    select days.*, coalesce(live.reply_missed, 0) as reply_missed, coalesce(live.resolve_missed, 0) as resolve_missed
      from days
      left join live on live.office_id is not distinct from days.office_id and live.month is not distinct from days.month`);
}

export function parseRollup(rows: Record<string, unknown>[]): RollupCounts[] {
  return rows
    .map((r) => ({
      officeId: (r.office_id as string | null) ?? null,
      month: (r.month as string | null) ?? null,
      received: Object.fromEntries(TICKET_TYPES.map((t) => [t, num(r[`received_${t.toLowerCase()}`])])) as Record<
        TicketType,
        number
      >,
      replyDue: num(r.reply_due),
      replyDecided: num(r.reply_decided) + num(r.reply_missed),
      replyMet: num(r.reply_met),
      resolveDue: num(r.resolve_due),
      resolveDecided: num(r.resolve_decided) + num(r.resolve_missed),
      resolveMet: num(r.resolve_met),
      followUpsCreated: num(r.follow_ups_created),
      followUpsNeeded: num(r.follow_ups_needed),
      followUpsDone: num(r.follow_ups_done),
      followUpsRated: num(r.follow_ups_rated),
      followUpsSatisfied: num(r.follow_ups_satisfied),
      spotChecks: num(r.spot_checks),
      spotChecksSatisfied: num(r.spot_checks_satisfied),
      spotChecksAgreeing: num(r.spot_checks_agreeing),
      bills: num(r.bills),
      billedCents: num(r.billed_cents),
      paidCents: num(r.paid_cents),
    }))
    .sort((a: GroupKey, b: GroupKey) =>
      (a.officeId ?? "") + "|" + (a.month ?? "") < (b.officeId ?? "") + "|" + (b.month ?? "") ? -1 : 1,
    );
}
