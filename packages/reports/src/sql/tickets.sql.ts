import { OPEN_STATUSES, type Channel, type ComplaintClassificationRow, type OverdueRow } from "../metrics/tickets";
import { num, SqlBuilder, type GroupBy, type ReportQuery, type ReportScope, type SqlQuery } from "../query";

const OPEN = OPEN_STATUSES.map((s) => `'${s}'`).join(", ");

/** Open tickets past a deadline now (reads the open-ticket index). */
export function overdueSql(scope: ReportScope, groupBy: Pick<GroupBy, "office">, now: Date): SqlQuery {
  const sql = new SqlBuilder();
  const k = sql.keys({ office: groupBy.office, month: false }, "x.office_id", () => "");
  const at = sql.p(now.toISOString());
  return sql.query(`
    select ${k.select}, count(*) as overdue, count(*) filter (where reply_overdue) as reply_overdue,
           count(*) filter (where resolve_overdue) as resolve_overdue
      from (
        select t.office_id,
               coalesce(t.first_replied_at is null and t.reply_due_at < coalesce(t.paused_at, ${at}::timestamptz), false) as reply_overdue,
               coalesce(t.resolve_due_at < coalesce(t.paused_at, ${at}::timestamptz), false) as resolve_overdue
          from ticket t
         where t.tenant_id = ${sql.p(scope.tenantId)} and t.status in (${OPEN}) and ${sql.scope("t.office_id", scope)}
      ) x
     where reply_overdue or resolve_overdue
     ${k.groupBy()}`);
}

export const parseOverdue = (rows: Record<string, unknown>[]): OverdueRow[] =>
  rows.map((r) => ({
    officeId: (r.office_id as string | null) ?? null,
    month: null,
    overdue: num(r.overdue),
    replyOverdue: num(r.reply_overdue),
    resolveOverdue: num(r.resolve_overdue),
  }));

/** Complaints received in the period by type, class, validity and channel. */
export function complaintClassificationSql(q: ReportQuery): SqlQuery {
  const sql = new SqlBuilder();
  const k = sql.keys(q.groupBy, "t.office_id", () => sql.instantMonthKey("t.received_at", q.period.timeZone));
  return sql.query(`
    select ${k.select}, t.severity, t.complaint_class, t.validity, t.channel, count(*) as complaints, sum(t.complainant_count) as complainants
      from ticket t
     where t.tenant_id = ${sql.p(q.tenantId)} and t.type = 'COMPLAINT' and ${sql.instantIn("t.received_at", q.period)}
       and ${sql.scope("t.office_id", q)}
     ${k.groupBy("t.severity", "t.complaint_class", "t.validity", "t.channel")}`);
}

export const parseComplaintClassification = (rows: Record<string, unknown>[]): ComplaintClassificationRow[] =>
  rows.map((r) => ({
    officeId: (r.office_id as string | null) ?? null,
    month: (r.month as string | null) ?? null,
    severity: (r.severity as string | null) ?? null,
    complaintClass: r.complaint_class as string,
    validity: (r.validity as string | null) ?? null,
    channel: r.channel as Channel,
    complaints: num(r.complaints),
    complainants: num(r.complainants),
  }));
