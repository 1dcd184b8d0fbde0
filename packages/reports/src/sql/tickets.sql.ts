import {
  OPEN_STATUSES,
  type ComplaintClassificationRow,
  type OverdueRow,
  type SlaCounts,
  type TicketType,
  type VolumeRow,
  type Channel,
} from "../metrics/tickets";
import { num, SqlBuilder, type GroupBy, type ReportQuery, type ReportScope, type SqlQuery } from "../query";

const OPEN = OPEN_STATUSES.map((s) => `'${s}'`).join(", ");

/**
 * Reply and resolution deadlines falling due in the period, decided (met, or passed unmet) and met, each
 * deadline by its own due time. Reads the due-time indexes.
 */
export function slaSql(q: ReportQuery, now: Date): SqlQuery {
  const sql = new SqlBuilder();
  const r = sql.keys(q.groupBy, "t.office_id", () => sql.instantMonthKey("t.reply_due_at", q.period.timeZone));
  const s = sql.keys(q.groupBy, "t.office_id", () => sql.instantMonthKey("t.resolve_due_at", q.period.timeZone));
  const tenant = sql.p(q.tenantId);
  const at = sql.p(now.toISOString());
  const clock = `coalesce(t.paused_at, ${at}::timestamptz)`;
  return sql.query(`
    select office_id, month, sum(reply_decided) as reply_decided, sum(reply_met) as reply_met,
           sum(resolve_decided) as resolve_decided, sum(resolve_met) as resolve_met
      from (
        select ${r.select},
               count(*) filter (where t.first_replied_at is not null or t.status not in (${OPEN}) or t.reply_due_at < ${clock}) as reply_decided,
               count(*) filter (where t.first_replied_at <= t.reply_due_at) as reply_met,
               0 as resolve_decided, 0 as resolve_met
          from ticket t
         where t.tenant_id = ${tenant} and ${sql.instantIn("t.reply_due_at", q.period)} and ${sql.scope("t.office_id", q)}
         ${r.groupBy()}
        union all
        select ${s.select}, 0, 0,
               count(*) filter (where t.resolved_at is not null or (t.status in (${OPEN}) and t.resolve_due_at < ${clock})),
               count(*) filter (where t.resolved_at <= t.resolve_due_at)
          from ticket t
         where t.tenant_id = ${tenant} and ${sql.instantIn("t.resolve_due_at", q.period)} and ${sql.scope("t.office_id", q)}
         ${s.groupBy()}
      ) x
     group by office_id, month`);
}

export const parseSla = (rows: Record<string, unknown>[]): SlaCounts[] =>
  rows.map((r) => ({
    officeId: (r.office_id as string | null) ?? null,
    month: (r.month as string | null) ?? null,
    replyDecided: num(r.reply_decided),
    replyMet: num(r.reply_met),
    resolveDecided: num(r.resolve_decided),
    resolveMet: num(r.resolve_met),
  }));

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

/** Tickets received in the period by type. */
export function volumeSql(q: ReportQuery): SqlQuery {
  const sql = new SqlBuilder();
  const k = sql.keys(q.groupBy, "t.office_id", () => sql.instantMonthKey("t.received_at", q.period.timeZone));
  return sql.query(`
    select ${k.select}, t.type, count(*) as tickets
      from ticket t
     where t.tenant_id = ${sql.p(q.tenantId)} and ${sql.instantIn("t.received_at", q.period)} and ${sql.scope("t.office_id", q)}
     ${k.groupBy("t.type")}`);
}

export const parseVolume = (rows: Record<string, unknown>[]): VolumeRow[] =>
  rows.map((r) => ({
    officeId: (r.office_id as string | null) ?? null,
    month: (r.month as string | null) ?? null,
    type: r.type as TicketType,
    tickets: num(r.tickets),
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
