import { UniqueConstraintViolationException } from "@mikro-orm/core";
import { v7 as uuidv7 } from "uuid";
import { hashPassword } from "../../auth/password";
import { Role } from "../../auth/roles";
import { conflict } from "../../common/errors/app-error";
import { withTenant } from "../../database/tenant-db";
import type { AppServices } from "../../context/app-services";
import { Staff } from "../staff/staff.entity";
import { normaliseEmail } from "../staff/staff.service";
import { createDefaultViolationTypes } from "../staff-assessment/staff-assessment.service";
import { CalendarDay } from "../tenancy/calendar-day.entity";
import { CHINA_PUBLIC_CALENDAR } from "../tenancy/default-calendar";
import { Office, OfficeKind } from "../tenancy/office.entity";
import { Tenant } from "../tenancy/tenant.entity";
import type { CreateTenantInput, CreateTenantPayload } from "./platform.input";

/**
 * Onboards a group: the tenant, its head office, first admin, the public-holiday calendar and the monthly
 * assessment catalogue, in one transaction under the new tenant's
 * own row-level security (the id is chosen here, so the policy admits exactly these rows).
 */
export async function createTenant(app: Pick<AppServices, "orm">, input: CreateTenantInput): Promise<CreateTenantPayload> {
  const tenantId = uuidv7();
  const passwordHash = await hashPassword(input.admin.password);
  try {
    return await withTenant(app.orm, tenantId, async (em) => {
      const tenant = em.create(Tenant, { id: tenantId, name: input.name.trim(), slug: input.slug, timeZone: input.timeZone });
      await em.flush();
      const headOffice = em.create(Office, {
        kind: OfficeKind.HEAD_OFFICE,
        code: "HQ",
        name: input.headOfficeName.trim(),
        parent: null,
      });
      const admin = em.create(Staff, {
        office: headOffice,
        email: normaliseEmail(input.admin.email),
        name: input.admin.name.trim(),
        role: Role.HEAD_OFFICE_ADMIN,
        passwordHash,
      });
      for (const day of CHINA_PUBLIC_CALENDAR) em.create(CalendarDay, { ...day });
      createDefaultViolationTypes(em);
      await em.flush();
      return { tenant, headOffice, admin };
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) {
      throw conflict("TENANT_SLUG_TAKEN", `The slug ${input.slug} is already in use; choose another.`, ["input", "slug"]);
    }
    throw error;
  }
}
