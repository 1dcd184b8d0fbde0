import { num, SqlBuilder, type ReportScope, type SqlQuery } from "../query";

/**
 * Units per office (through their property), for per-100-unit figures: the maintained count per property
 * (`report_property_units`, kept by triggers on `unit`) summed per office, so a few rows per office are read
 * instead of every unit. Offices without units have no row, as when counting the units themselves.
 */
export function unitCountSql(scope: ReportScope): SqlQuery {
  const sql = new SqlBuilder();
  return sql.query(`
    select p.office_id::text as office_id, sum(c.units) as units
      from report_property_units c
      join property p on p.tenant_id = c.tenant_id and p.id = c.property_id
     where c.tenant_id = ${sql.p(scope.tenantId)} and c.units > 0 and ${sql.scope("p.office_id", scope)}
     group by p.office_id`);
}

export const parseUnitCounts = (rows: Record<string, unknown>[]): Map<string, number> =>
  new Map(rows.map((r) => [r.office_id as string, num(r.units)]));
