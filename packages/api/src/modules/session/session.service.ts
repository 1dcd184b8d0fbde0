import type { MikroORM } from "@mikro-orm/postgresql";
import { hashPassword, validatePassword, verifyPassword } from "../../auth/password";
import { unauthenticated } from "../../common/errors/app-error";
import { TENANT_FILTER } from "../../common/entities/tenant-owned.entity";
import { withTenant } from "../../database/tenant-db";
import type { AppServices } from "../../context/app-services";
import type { Session } from "../../context/context.type";
import { Staff } from "../staff/staff.entity";
import { normaliseEmail } from "../staff/staff.service";
import { Tenant } from "../tenancy/tenant.entity";
import { announceRevocation } from "./live-sessions";

const invalidCredentials = () => unauthenticated("INVALID_CREDENTIALS", "The organisation, email or password is not right.");

/**
 * Finds the tenant by slug and the staff member by email. The slug is the one thing the tenant policy lets a
 * caller look up before a tenant is set (`app.tenant_slug`), so this never reads another tenant's rows.
 */
async function findAccount(orm: MikroORM, slug: string, email: string): Promise<{ tenant: Tenant; staff: Staff } | null> {
  const em = orm.em.fork();
  await em.begin();
  try {
    await em.execute("select set_config('app.tenant_slug', ?, true)", [slug]);
    const tenant = await em.findOne(Tenant, { slug });
    if (!tenant) return null;
    await em.execute("select set_config('app.tenant_id', ?, true)", [tenant.id]);
    em.setFilterParams(TENANT_FILTER, { tenantId: tenant.id });
    const staff = await em.findOne(Staff, { email }, { populate: ["passwordHash"] });
    return staff ? { tenant, staff } : null;
  } finally {
    await em.rollback();
  }
}

/** Signs in; refused with TOO_MANY_REQUESTS after too many failures for the account or from the address. */
export async function login(app: AppServices, tenantSlug: string, email: string, password: string, clientAddress: string) {
  const slug = tenantSlug.trim().toLowerCase();
  const normalisedEmail = normaliseEmail(email);
  const attempt = await app.loginThrottle.begin(slug, normalisedEmail, clientAddress);
  const account = await findAccount(app.orm, slug, normalisedEmail);
  const ok = await verifyPassword(account?.staff.passwordHash, password);
  if (!account || !ok) {
    await attempt.failed();
    throw invalidCredentials();
  }
  await attempt.succeeded();
  if (!account.staff.active) throw unauthenticated("ACCOUNT_DISABLED", "This account has been deactivated.");
  const now = app.now();
  const staff = await withTenant(app.orm, account.tenant.id, async (em) => {
    const fresh = await em.findOneOrFail(Staff, { id: account.staff.id });
    fresh.lastLoginAt = now;
    await em.flush();
    return fresh;
  });
  const { token, expiresAt } = await app.sessions.issue(staff, now);
  return { token, expiresAt, staff };
}

/** Changes the caller's own password, ends every other session and returns a fresh token. */
export async function changePassword(app: AppServices, session: Session, currentPassword: string, newPassword: string) {
  validatePassword(newPassword, ["newPassword"]);
  const em = await session.db.em();
  const staff = await em.findOneOrFail(Staff, { id: session.viewer.staff!.id }, { populate: ["passwordHash"] });
  if (!(await verifyPassword(staff.passwordHash, currentPassword))) {
    throw unauthenticated("INVALID_CREDENTIALS", "The current password is not right.");
  }
  const now = app.now();
  staff.passwordHash = await hashPassword(newPassword);
  staff.sessionVersion += 1;
  await em.flush();
  await announceRevocation(em, { tenantId: staff.tenantId, staffId: staff.id });
  const { token, expiresAt } = await app.sessions.issue(staff, now);
  return { token, expiresAt, staff };
}
