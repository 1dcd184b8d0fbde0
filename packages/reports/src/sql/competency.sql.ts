import type { IndicatorCounts, StaffAssessmentCounts, StaffIndicatorCounts } from "../metrics/competency";
import { num, SqlBuilder, type ReportQuery, type SqlQuery } from "../query";

/** Ratings of the given indicators per group from assessments whose period starts in the report period. */
export function indicatorSql(q: ReportQuery, indicatorCodes: readonly string[]): SqlQuery {
  const sql = new SqlBuilder();
  const k = sql.keys(q.groupBy, "a.office_id", () => sql.dateMonthKey("a.period_start"));
  return sql.query(`
    select ${k.select}, r.indicator_code, sum(r.rating) as rating_sum, count(*) as ratings, count(distinct a.id) as assessments
      from competency_assessment a
      join competency_rating r on r.tenant_id = a.tenant_id and r.assessment_id = a.id
     where a.tenant_id = ${sql.p(q.tenantId)} and ${sql.dateIn("a.period_start", q.period)} and ${sql.scope("a.office_id", q)}
       and r.indicator_code = any(string_to_array(${sql.p(indicatorCodes.join(","))}, ','))
     ${k.groupBy("r.indicator_code")}`);
}

export const parseIndicators = (rows: Record<string, unknown>[]): IndicatorCounts[] =>
  rows.map((r) => ({
    officeId: (r.office_id as string | null) ?? null,
    month: (r.month as string | null) ?? null,
    indicatorCode: r.indicator_code as string,
    ratingSum: num(r.rating_sum),
    ratings: num(r.ratings),
    assessments: num(r.assessments),
  }));

/** Assessments in the period, each with its staff member's latest office in the period. */
function assessed(sql: SqlBuilder, q: ReportQuery): string {
  return `
    with assessed as (
      select a.id, a.staff_id,
             first_value(a.office_id) over (partition by a.staff_id order by a.period_start desc, a.id desc)::text as office_id
        from competency_assessment a
       where a.tenant_id = ${sql.p(q.tenantId)} and ${sql.dateIn("a.period_start", q.period)} and ${sql.scope("a.office_id", q)}
    )`;
}

/** Per staff member and indicator: ratings from assessments in the period (the composite's inputs). */
export function staffIndicatorSql(q: ReportQuery): SqlQuery {
  const sql = new SqlBuilder();
  return sql.query(`${assessed(sql, q)}
    select a.staff_id::text as staff_id, a.office_id, r.indicator_code, sum(r.rating) as rating_sum, count(*) as ratings
      from assessed a
      join competency_rating r on r.tenant_id = ${sql.p(q.tenantId)} and r.assessment_id = a.id
     group by 1, 2, 3`);
}

export const parseStaffIndicators = (rows: Record<string, unknown>[]): StaffIndicatorCounts[] =>
  rows.map((r) => ({
    staffId: r.staff_id as string,
    officeId: r.office_id as string,
    indicatorCode: r.indicator_code as string,
    ratingSum: num(r.rating_sum),
    ratings: num(r.ratings),
  }));

/** Per staff member: assessments in the period. */
export function staffAssessmentSql(q: ReportQuery): SqlQuery {
  const sql = new SqlBuilder();
  return sql.query(`${assessed(sql, q)}
    select a.staff_id::text as staff_id, a.office_id, count(*) as assessments from assessed a group by 1, 2`);
}

export const parseStaffAssessments = (rows: Record<string, unknown>[]): StaffAssessmentCounts[] =>
  rows.map((r) => ({ staffId: r.staff_id as string, officeId: r.office_id as string, assessments: num(r.assessments) }));
