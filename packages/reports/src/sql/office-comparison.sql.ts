import { SATISFIED } from "../metrics/satisfaction";
import { OPEN_STATUSES, type TicketType } from "../metrics/tickets";
import type { OfficeInputs } from "../office-comparison";
import { num, SqlBuilder, type ReportQuery, type SqlQuery } from "../query";

const TOP_TWO = SATISFIED.map((s) => `'${s}'`).join(", ");
const OPEN = OPEN_STATUSES.map((s) => `'${s}'`).join(", ");
export const TICKET_TYPES: readonly TicketType[] = [
  "COMPLAINT",
  "SUGGESTION",
  "HELP",
  "COORDINATION",
  "REPAIR",
  "CONSULTATION",
  "QUALITY",
];

/**
 * Everything the office comparison needs, per office, in one statement and one pass over each table: the
 * same counts as the per-metric queries grouped by office (tickets by type and both SLA deadlines from one
 * ticket scan, satisfaction and follow-up rate from one follow-up scan), collection, spot checks, overdue now
 * and units. Every office of the list gets a row, with zeros where nothing happened.
 */
export function officeTotalsSql(
  q: ReportQuery & { officeIds: readonly string[] },
  now: Date,
  asOf: string,
  today: string,
): SqlQuery {
  const sql = new SqlBuilder();
  const tenant = sql.p(q.tenantId);
  const at = `${sql.p(now.toISOString())}::timestamptz`;
  const received = sql.instantIn("t.received_at", q.period);
  const replyDue = sql.instantIn("t.reply_due_at", q.period);
  const resolveDue = sql.instantIn("t.resolve_due_at", q.period);
  const completed = sql.instantIn("f.completed_at", q.period);
  const created = sql.instantIn("f.created_at", q.period);
  const fast = asOf > today;
  const types = TICKET_TYPES.map(
    (type) => `count(*) filter (where ${received} and t.type = '${type}') as type_${type.toLowerCase()}`,
  ).join(",\n             ");
  return sql.query(`
    with offices as (
      select unnest(string_to_array(${sql.p(q.officeIds.join(","))}, ',')::uuid[]) as id
    ), tickets as (
      select t.office_id,
             ${types},
             count(*) filter (where ${replyDue} and (t.first_replied_at is not null or t.status not in (${OPEN}) or t.reply_due_at < coalesce(t.paused_at, ${at}))) as reply_decided,
             count(*) filter (where ${replyDue} and t.first_replied_at <= t.reply_due_at) as reply_met,
             count(*) filter (where ${resolveDue} and (t.resolved_at is not null or (t.status in (${OPEN}) and t.resolve_due_at < coalesce(t.paused_at, ${at})))) as resolve_decided,
             count(*) filter (where ${resolveDue} and t.resolved_at <= t.resolve_due_at) as resolve_met
        from ticket t
       where t.tenant_id = ${tenant} and ${sql.scope("t.office_id", q)} and ((${received}) or (${replyDue}) or (${resolveDue}))
       group by t.office_id
    ), follow_ups as (
      select f.office_id,
             count(*) filter (where f.status = 'COMPLETED' and ${completed}) as rated,
             count(*) filter (where f.status = 'COMPLETED' and ${completed} and f.satisfaction in (${TOP_TWO})) as satisfied,
             count(*) filter (where ${created} and f.status <> 'EXEMPTED') as needed,
             count(*) filter (where ${created} and f.status = 'COMPLETED') as done
        from follow_up f
       where f.tenant_id = ${tenant} and ${sql.scope("f.office_id", q)}
         and ((f.status = 'COMPLETED' and ${completed}) or (${created}))
       group by f.office_id
    ), checks as (
      select sc.office_id, count(*) as checked, count(*) filter (where sc.satisfaction in (${TOP_TWO})) as check_satisfied,
             count(*) filter (where sc.agrees) as agreeing
        from spot_check sc
        -- Spot checks are few: look each follow-up up by its key rather than scanning the follow-ups.
        cross join lateral (select f.completed_at from follow_up f where f.tenant_id = sc.tenant_id and f.id = sc.follow_up_id) f
       where sc.tenant_id = ${tenant} and sc.status = 'DONE' and ${sql.scope("sc.office_id", q)} and ${completed}
       group by sc.office_id
    ), bills as (
      select b.office_id, sum(b.amount_cents) as billed,
             sum(${fast ? "b.paid_cents" : "least(b.amount_cents, greatest(0, coalesce(p.paid, 0)))"}) as paid, count(*) as bills
        from bill b
        ${
          fast
            ? ""
            : `left join lateral (select sum(p.amount_cents) as paid from payment p
                                   where p.tenant_id = b.tenant_id and p.bill_id = b.id and p.paid_on < ${sql.p(asOf)}::date) p on true`
        }
       where b.tenant_id = ${tenant} and ${sql.scope("b.office_id", q)} and ${sql.dateIn("b.due_on", q.period)}
       group by b.office_id
    ), overdue as (
      select t.office_id, count(*) as overdue,
             count(*) filter (where t.first_replied_at is null and t.reply_due_at < coalesce(t.paused_at, ${at})) as reply_overdue,
             count(*) filter (where t.resolve_due_at < coalesce(t.paused_at, ${at})) as resolve_overdue
        from ticket t
       where t.tenant_id = ${tenant} and t.status in (${OPEN}) and ${sql.scope("t.office_id", q)}
         and ((t.first_replied_at is null and t.reply_due_at < coalesce(t.paused_at, ${at})) or t.resolve_due_at < coalesce(t.paused_at, ${at}))
       group by t.office_id
    ), units as (
      select p.office_id, count(*) as units
        from unit u join property p on p.tenant_id = u.tenant_id and p.id = u.property_id
       where u.tenant_id = ${tenant} and ${sql.scope("p.office_id", q)}
       group by p.office_id
    )
    select o.id::text as office_id, units.units, ${TICKET_TYPES.map((type) => `t.type_${type.toLowerCase()}`).join(", ")},
           t.reply_decided, t.reply_met, t.resolve_decided, t.resolve_met, f.rated, f.satisfied, f.needed, f.done, c.checked, c.check_satisfied, c.agreeing,
           b.billed, b.paid, b.bills, d.overdue, d.reply_overdue, d.resolve_overdue
      from offices o
      left join units on units.office_id = o.id
      left join tickets t on t.office_id = o.id
      left join follow_ups f on f.office_id = o.id
      left join checks c on c.office_id = o.id
      left join bills b on b.office_id = o.id
      left join overdue d on d.office_id = o.id`);
}

/** One `OfficeInputs` per office row, in the order of the rows. */
export function parseOfficeTotals(rows: Record<string, unknown>[]): OfficeInputs[] {
  return rows.map((r) => {
    const officeId = r.office_id as string;
    const key = { officeId, month: null };
    return {
      officeId,
      units: num(r.units),
      satisfaction: {
        ...key,
        rated: num(r.rated),
        satisfied: num(r.satisfied),
        checked: num(r.checked),
        checkSatisfied: num(r.check_satisfied),
        agreeing: num(r.agreeing),
      },
      followUps: { ...key, needed: num(r.needed), done: num(r.done) },
      collection: { ...key, billedCents: num(r.billed), paidCents: num(r.paid), bills: num(r.bills) },
      sla: {
        ...key,
        replyDecided: num(r.reply_decided),
        replyMet: num(r.reply_met),
        resolveDecided: num(r.resolve_decided),
        resolveMet: num(r.resolve_met),
      },
      overdue: { ...key, overdue: num(r.overdue), replyOverdue: num(r.reply_overdue), resolveOverdue: num(r.resolve_overdue) },
      volumes: [...TICKET_TYPES]
        .sort()
        .map((type) => ({ ...key, type, tickets: num(r[`type_${type.toLowerCase()}`]) }))
        .filter((v) => v.tickets > 0),
    };
  });
}
