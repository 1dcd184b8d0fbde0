/** The role the API connects as: owns nothing, cannot bypass row-level security. */
export const APP_ROLE = "psp_app";

/**
 * Row-level security for a table with a `tenant_id` column: enabled, forced (so even the owner is subject to
 * it), one policy for reads and writes, then the grants to the app role (policy before grant).
 */
export function tenantTableSecurity(table: string, privileges: string): string {
  return `
    alter table ${table} enable row level security;
    alter table ${table} force row level security;
    create policy tenant_isolation on ${table}
      using (tenant_id = app_current_tenant_id())
      with check (tenant_id = app_current_tenant_id());
    grant ${privileges} on ${table} to ${APP_ROLE};`;
}
