import { ApiToken } from "../modules/api-token/api-token.entity";
import { Customer } from "../modules/customer/customer.entity";
import { CustomerUnit } from "../modules/customer/customer-unit.entity";
import { FollowUp } from "../modules/follow-ups/follow-up.entity";
import { FollowUpAttempt } from "../modules/follow-ups/follow-up-attempt.entity";
import { Property } from "../modules/property/property.entity";
import { Unit } from "../modules/property/unit.entity";
import { ServicePolicy } from "../modules/sla/service-policy.entity";
import { SlaRule } from "../modules/sla/sla-rule.entity";
import { SpotCheck } from "../modules/spot-checks/spot-check.entity";
import { SpotCheckSample } from "../modules/spot-checks/spot-check-sample.entity";
import { Staff } from "../modules/staff/staff.entity";
import { CalendarDay } from "../modules/tenancy/calendar-day.entity";
import { Office } from "../modules/tenancy/office.entity";
import { Tenant } from "../modules/tenancy/tenant.entity";
import { Ticket } from "../modules/tickets/ticket.entity";
import { Bill } from "../modules/billing/bill.entity";
import { BillingPeriod } from "../modules/billing/billing-period.entity";
import { DunningNotice } from "../modules/billing/dunning-notice.entity";
import { FeeItem } from "../modules/billing/fee-item.entity";
import { Payment } from "../modules/billing/payment.entity";
import { CompetencyAssessment, CompetencyIndicatorRow, CompetencyRating } from "../modules/competency/competency.entity";
import { StaffAssessmentEntry } from "../modules/staff-assessment/staff-assessment-entry.entity";
import { ViolationType } from "../modules/staff-assessment/violation-type.entity";
import { TicketEvent } from "../modules/tickets/ticket-event.entity";
import { PersonalDataAccess } from "../modules/privacy/access-log.entity";
import { SensitiveNote } from "../modules/privacy/sensitive-note.entity";
import { TenantEntity, TenantOwned } from "../common/entities/tenant-owned.entity";

/** Entities whose rows belong to one tenant (everything but Tenant itself); the tenant filter covers these. */
export const TENANT_OWNED_ENTITIES = [
  Office,
  CalendarDay,
  Property,
  Unit,
  Customer,
  CustomerUnit,
  Staff,
  ApiToken,
  ServicePolicy,
  SlaRule,
  Ticket,
  TicketEvent,
  FollowUp,
  FollowUpAttempt,
  SpotCheckSample,
  SpotCheck,
  FeeItem,
  BillingPeriod,
  Bill,
  Payment,
  DunningNotice,
  CompetencyIndicatorRow,
  CompetencyAssessment,
  CompetencyRating,
  ViolationType,
  StaffAssessmentEntry,
  SensitiveNote,
  PersonalDataAccess,
];

export const ALL_ENTITIES = [TenantOwned, TenantEntity, Tenant, ...TENANT_OWNED_ENTITIES];
