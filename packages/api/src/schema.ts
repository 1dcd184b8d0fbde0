import "reflect-metadata";
import { createPubSub } from "@graphql-yoga/subscription";
import { buildSchema } from "type-graphql";
import type { GraphQLSchema } from "graphql";
import { authChecker } from "./auth/auth-checker";
import { withMutationSavepoints } from "./common/middleware/mutation-savepoint";
import { validateArgs } from "./common/validation/validate-args";
import { ApiTokenResolver } from "./modules/api-token/api-token.resolver";
import { FollowUpAttemptResolver, FollowUpResolver } from "./modules/follow-ups/follow-up.resolver";
import { SlaPolicyResolver } from "./modules/sla/sla-policy.resolver";
import { SpotCheckResolver, SpotCheckSampleResolver } from "./modules/spot-checks/spot-check.resolver";
import { TicketEventResolver } from "./modules/tickets/ticket-event.resolver";
import { TicketResolver } from "./modules/tickets/ticket.resolver";
import { BoardResolver } from "./modules/boards/board.resolver";
import { BillResolver, BillingResolver, DunningNoticeResolver, PaymentResolver } from "./modules/billing/billing.resolver";
import { CompetencyResolver } from "./modules/competency/competency.resolver";
import { StaffAssessmentResolver } from "./modules/staff-assessment/staff-assessment.resolver";
import { REPORT_ROW_RESOLVERS, ReportsResolver } from "./modules/reports/reports.resolver";
import { TicketEventsResolver } from "./modules/events/events.resolver";
import { CustomerResolver, CustomerUnitResolver } from "./modules/customer/customer.resolver";
import { PlatformResolver } from "./modules/platform/platform.resolver";
import { PropertyResolver } from "./modules/property/property.resolver";
import { UnitResolver } from "./modules/property/unit.resolver";
import { SessionResolver } from "./modules/session/session.resolver";
import { StaffResolver } from "./modules/staff/staff.resolver";
import { OfficeResolver } from "./modules/tenancy/office.resolver";
import { TenantResolver } from "./modules/tenancy/tenant.resolver";
import { PERSONAL_DATA_RESOLVERS } from "./modules/privacy/privacy.resolvers";

export const RESOLVERS = [
  SessionResolver,
  PlatformResolver,
  TenantResolver,
  OfficeResolver,
  PropertyResolver,
  UnitResolver,
  CustomerResolver,
  CustomerUnitResolver,
  StaffResolver,
  ApiTokenResolver,
  SlaPolicyResolver,
  TicketResolver,
  TicketEventResolver,
  FollowUpResolver,
  FollowUpAttemptResolver,
  SpotCheckResolver,
  SpotCheckSampleResolver,
  TicketEventsResolver,
  BoardResolver,
  BillingResolver,
  BillResolver,
  PaymentResolver,
  DunningNoticeResolver,
  CompetencyResolver,
  StaffAssessmentResolver,
  ReportsResolver,
  ...REPORT_ROW_RESOLVERS,
  ...PERSONAL_DATA_RESOLVERS,
] as const;

let built: Promise<GraphQLSchema> | undefined;

/** type-graphql cannot describe the root types; BI users read these descriptions too. */
function describeRootTypes(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  const subscription = schema.getSubscriptionType();
  if (query) query.description = "Everything a caller can read. All data is scoped to the caller's group and role.";
  if (mutation) mutation.description = "Everything a caller can change. Each mutation is all-or-nothing.";
  if (subscription) subscription.description = "Live updates over graphql-ws on the same URL.";
  return schema;
}

/** The API's GraphQL schema (built once per process: type-graphql metadata is global). */
export function buildAppSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: RESOLVERS,
    authChecker,
    authMode: "error",
    validateFn: validateArgs,
    // Required by type-graphql once a subscription exists; ours stream from the event hub, not from topics.
    pubSub: createPubSub(),
  })
    .then(describeRootTypes)
    .then(withMutationSavepoints);
  return built;
}
