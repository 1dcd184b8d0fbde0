import { ApiToken } from "../modules/api-token/api-token.entity";
import { Customer } from "../modules/customer/customer.entity";
import { CustomerUnit } from "../modules/customer/customer-unit.entity";
import { Property } from "../modules/property/property.entity";
import { Unit } from "../modules/property/unit.entity";
import { Staff } from "../modules/staff/staff.entity";
import { CalendarDay } from "../modules/tenancy/calendar-day.entity";
import { Office } from "../modules/tenancy/office.entity";
import { Tenant } from "../modules/tenancy/tenant.entity";
import { TenantEntity, TenantOwned } from "../common/entities/tenant-owned.entity";

/** Entities whose rows belong to one tenant (everything but Tenant itself); the tenant filter covers these. */
export const TENANT_OWNED_ENTITIES = [Office, CalendarDay, Property, Unit, Customer, CustomerUnit, Staff, ApiToken];

export const ALL_ENTITIES = [TenantOwned, TenantEntity, Tenant, ...TENANT_OWNED_ENTITIES];
