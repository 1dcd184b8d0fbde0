import { num, SqlBuilder, type ReportScope, type SqlQuery } from "../query";

/** Units per office (through their property), for per-100-unit figures. */
export function unitCountSql(scope: ReportScope): SqlQuery {
  const sql = new SqlBuilder();
  return sql.query(`
    select p.office_id::text as office_id, count(*) as units
      from unit u
      join property p on p.tenant_id = u.tenant_id and p.id = u.property_id
     where u.tenant_id = ${sql.p(scope.tenantId)} and ${sql.scope("p.office_id", scope)}
     group by p.office_id`);
}

export const parseUnitCounts = (rows: Record<string, unknown>[]): Map<string, number> =>
  new Map(rows.map((r) => [r.office_id as string, num(r.units)]));
