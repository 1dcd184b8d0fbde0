import type { FollowUpCounts } from "../metrics/follow-up-rate";
import { SATISFIED, type SatisfactionCounts } from "../metrics/satisfaction";
import { num, SqlBuilder, type ReportQuery, type SqlQuery } from "../query";

const TOP_TWO = SATISFIED.map((s) => `'${s}'`).join(", ");

/**
 * Satisfaction and spot-check counts: office follow-ups by completion time, spot checks by the completion
 * time of the follow-up they check. Reads the completed-follow-up index and the (few) spot checks.
 */
export function satisfactionSql(q: ReportQuery): SqlQuery {
  const sql = new SqlBuilder();
  const f = sql.keys(q.groupBy, "f.office_id", () => sql.instantMonthKey("f.completed_at", q.period.timeZone));
  const c = sql.keys(q.groupBy, "sc.office_id", () => sql.instantMonthKey("f.completed_at", q.period.timeZone));
  const tenant = sql.p(q.tenantId);
  return sql.query(`
    select office_id, month, sum(rated) as rated, sum(satisfied) as satisfied, sum(checked) as checked,
           sum(check_satisfied) as check_satisfied, sum(agreeing) as agreeing
      from (
        select ${f.select}, count(*) as rated, count(*) filter (where f.satisfaction in (${TOP_TWO})) as satisfied,
               0 as checked, 0 as check_satisfied, 0 as agreeing
          from follow_up f
         where f.tenant_id = ${tenant} and f.status = 'COMPLETED' and ${sql.instantIn("f.completed_at", q.period)}
           and ${sql.scope("f.office_id", q)}
         ${f.groupBy()}
        union all
        select ${c.select}, 0, 0, count(*), count(*) filter (where sc.satisfaction in (${TOP_TWO})), count(*) filter (where sc.agrees)
          from spot_check sc
          join follow_up f on f.tenant_id = sc.tenant_id and f.id = sc.follow_up_id
         where sc.tenant_id = ${tenant} and sc.status = 'DONE' and ${sql.instantIn("f.completed_at", q.period)}
           and ${sql.scope("sc.office_id", q)}
         ${c.groupBy()}
      ) x
     group by office_id, month`);
}

export const parseSatisfaction = (rows: Record<string, unknown>[]): SatisfactionCounts[] =>
  rows.map((r) => ({
    officeId: (r.office_id as string | null) ?? null,
    month: (r.month as string | null) ?? null,
    rated: num(r.rated),
    satisfied: num(r.satisfied),
    checked: num(r.checked),
    checkSatisfied: num(r.check_satisfied),
    agreeing: num(r.agreeing),
  }));

/** Follow-up tasks created (tickets resolved) in the period: needed unless exempted, done when completed. */
export function followUpRateSql(q: ReportQuery): SqlQuery {
  const sql = new SqlBuilder();
  const k = sql.keys(q.groupBy, "f.office_id", () => sql.instantMonthKey("f.created_at", q.period.timeZone));
  return sql.query(`
    select ${k.select}, count(*) filter (where f.status <> 'EXEMPTED') as needed, count(*) filter (where f.status = 'COMPLETED') as done
      from follow_up f
     where f.tenant_id = ${sql.p(q.tenantId)} and ${sql.instantIn("f.created_at", q.period)} and ${sql.scope("f.office_id", q)}
     ${k.groupBy()}`);
}

export const parseFollowUpRate = (rows: Record<string, unknown>[]): FollowUpCounts[] =>
  rows.map((r) => ({
    officeId: (r.office_id as string | null) ?? null,
    month: (r.month as string | null) ?? null,
    needed: num(r.needed),
    done: num(r.done),
  }));
