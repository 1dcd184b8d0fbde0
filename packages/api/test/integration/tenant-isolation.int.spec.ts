import { getNamedType, isInputObjectType, type GraphQLArgument, type GraphQLInputType } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAppSchema } from "../../src/schema";
import { ok, startTestApi, type GqlResult, type TestApi } from "../harness/api";
import { createTenantFixture, type TenantFixture } from "../harness/tenant-fixture";
import { createAssessmentFlow, type AssessmentFlow } from "../harness/assessment-flow";
import { createFeesFlow, type FeesFlow } from "../harness/fees-flow";
import { createTicketFlow, type TicketFlow } from "../harness/ticket-flow";

type Group = TenantFixture & { flow: TicketFlow; fees: FeesFlow; assess: AssessmentFlow; note: string };

/**
 * One probe per root field that takes an id: tenant B's caller aims it at tenant A's records. Each probe says
 * how to call it and, for mutations, how to check as A that nothing changed.
 */
interface Probe {
  field: string;
  query: string;
  variables: (a: Group, b: Group) => Record<string, unknown>;
  /** For list filters: the answer must be an empty list, not an error. */
  expectEmptyList?: boolean;
  /** The caller's own group may have a record with the same key (e.g. a ticket number): only A's data must not show. */
  ownMatchAllowed?: boolean;
  /** Re-reads A's state as A (its admin unless `as` names another of A's callers); must equal what it was before. */
  unchanged?: { query: string; variables: (a: Group) => Record<string, unknown>; as?: (a: Group) => string };
}

const ticketState = {
  query: `query($id: ID!) { ticket(id: $id) { status version assignee { id } timeline { kind } followUps { status } } }`,
  variables: (a: Group) => ({ id: a.flow.openTicket }),
};
const resolvedState = {
  query: `query($id: ID!) { ticket(id: $id) { status version followUps { status attemptCount assignee { id } } } }`,
  variables: (a: Group) => ({ id: a.flow.resolvedTicket }),
};
const spotCheckState = {
  query: `query($s: ID) { spotChecks(sampleId: $s) { nodes { id status satisfaction } } }`,
  variables: (a: Group) => ({ s: a.flow.sample }),
};
const officeTickets = {
  query: `query($o: [ID!]) { tickets(filter: { officeIds: $o }) { totalCount } }`,
  variables: (a: Group) => ({ o: [a.officeA] }),
};
const officeState = {
  query: `query($id: ID!) { office(id: $id) { name code parent { id } } }`,
  variables: (a: Group) => ({ id: a.officeA }),
};
const propertyState = {
  query: `query($id: ID!) { property(id: $id) { name office { id } unitCount } }`,
  variables: (a: Group) => ({ id: a.propertyA }),
};
const unitState = {
  query: `query($id: ID!) { unit(id: $id) { number area occupants { customer { id } } } }`,
  variables: (a: Group) => ({ id: a.unitA }),
};
const customerState = {
  query: `query($id: ID!) { customer(id: $id) { name phone units { unit { id } } } }`,
  variables: (a: Group) => ({ id: a.customerA }),
};
const staffState = {
  query: `query($id: ID!) { staffMember(id: $id) { name role active office { id } } }`,
  variables: (a: Group) => ({ id: a.staff.staffA }),
};
const billState = {
  query: `query($u: ID) { bills(unitId: $u) { nodes { id amountCents paidCents status payments { id amountCents } } } dunningNotices { totalCount } }`,
  variables: (a: Group) => ({ u: a.unitA }),
};
const feeItemState = { query: `{ feeItems { id name rateCents active } }`, variables: () => ({}) };
const competencyState = {
  query: `query($s: ID) { competencyAssessments(staffId: $s) { totalCount nodes { id compositeScore } } }`,
  variables: (a: Group) => ({ s: a.staff.staffA }),
};
const assessmentEntryState = {
  query: `query($s: ID) { staffAssessmentEntries(staffId: $s, includeVoided: true) { totalCount nodes { id voidedAt } } violationTypes(includeRetired: true) { id name points active } }`,
  variables: (a: Group) => ({ s: a.staff.staffA }),
};
const tokenState = { query: `{ apiTokens(includeRevoked: true) { nodes { id revokedAt } } }`, variables: () => ({}) };
// Only the staff of the customer's office read its sensitive notes.
const noteState = {
  query: `query($c: ID!) { customer(id: $c) { sensitiveNotes(includeArchived: true) { id category text archivedAt } } }`,
  variables: (a: Group) => ({ c: a.customerA }),
  as: (a: Group) => a.tokens.staffA,
};

export const PROBES: Probe[] = [
  { field: "office", query: `query($id: ID!) { office(id: $id) { id name } }`, variables: (a) => ({ id: a.officeA }) },
  { field: "property", query: `query($id: ID!) { property(id: $id) { id name } }`, variables: (a) => ({ id: a.propertyA }) },
  { field: "unit", query: `query($id: ID!) { unit(id: $id) { id number } }`, variables: (a) => ({ id: a.unitA }) },
  {
    field: "customer",
    query: `query($id: ID!) { customer(id: $id) { id name phone } }`,
    variables: (a) => ({ id: a.customerA }),
  },
  {
    field: "staffMember",
    query: `query($id: ID!) { staffMember(id: $id) { id email } }`,
    variables: (a) => ({ id: a.staff.staffA }),
  },
  {
    field: "properties",
    query: `query($id: ID) { properties(officeId: $id) { totalCount nodes { id } } }`,
    variables: (a) => ({ id: a.officeA }),
    expectEmptyList: true,
  },
  {
    field: "units",
    query: `query($p: ID, $o: ID) { a: units(propertyId: $p) { totalCount nodes { id } } b: units(officeId: $o) { totalCount nodes { id } } }`,
    variables: (a) => ({ p: a.propertyA, o: a.officeA }),
    expectEmptyList: true,
  },
  {
    field: "customers",
    query: `query($o: ID, $u: ID) { a: customers(officeId: $o) { totalCount nodes { id } } b: customers(unitId: $u) { totalCount nodes { id } } }`,
    variables: (a) => ({ o: a.officeA, u: a.unitA }),
    expectEmptyList: true,
  },
  {
    field: "staffMembers",
    query: `query($o: ID) { staffMembers(officeId: $o) { totalCount nodes { id } } }`,
    variables: (a) => ({ o: a.officeA }),
    expectEmptyList: true,
  },
  {
    field: "createOffice",
    query: `mutation($p: ID) { createOffice(input: { name: "Intruder", code: "X1", parentId: $p }) { id } }`,
    variables: (a) => ({ p: a.officeA }),
    unchanged: { query: `query($id: ID!) { office(id: $id) { children { id } } }`, variables: (a) => ({ id: a.officeA }) },
  },
  {
    field: "updateOffice",
    query: `mutation($id: ID!) { updateOffice(id: $id, input: { name: "Hijacked" }) { id name } }`,
    variables: (a) => ({ id: a.officeA }),
    unchanged: officeState,
  },
  {
    field: "updateOffice (own office under the other group's office)",
    query: `mutation($id: ID!, $p: ID) { updateOffice(id: $id, input: { parentId: $p }) { id parent { id } } }`,
    variables: (a, b) => ({ id: b.officeB, p: a.officeA }),
    unchanged: officeState,
  },
  {
    field: "createProperty",
    query: `mutation($o: ID!) { createProperty(input: { officeId: $o, name: "Intruder" }) { id } }`,
    variables: (a) => ({ o: a.officeA }),
    unchanged: { query: `query($o: ID) { properties(officeId: $o) { totalCount } }`, variables: (a) => ({ o: a.officeA }) },
  },
  {
    field: "updateProperty",
    query: `mutation($id: ID!) { updateProperty(id: $id, input: { name: "Hijacked" }) { id } }`,
    variables: (a) => ({ id: a.propertyA }),
    unchanged: propertyState,
  },
  {
    field: "updateProperty (own property into the other group's office)",
    query: `mutation($id: ID!, $o: ID) { updateProperty(id: $id, input: { officeId: $o }) { id } }`,
    variables: (a, b) => ({ id: b.propertyB, o: a.officeA }),
    unchanged: propertyState,
  },
  {
    field: "createUnit",
    query: `mutation($p: ID!) { createUnit(input: { propertyId: $p, building: "X", number: "1", area: 1 }) { id } }`,
    variables: (a) => ({ p: a.propertyA }),
    unchanged: propertyState,
  },
  {
    field: "updateUnit",
    query: `mutation($id: ID!) { updateUnit(id: $id, input: { number: "666", area: 1 }) { id } }`,
    variables: (a) => ({ id: a.unitA }),
    unchanged: unitState,
  },
  {
    field: "createCustomer",
    query: `mutation($o: ID!) { createCustomer(input: { officeId: $o, name: "Intruder" }) { id } }`,
    variables: (a) => ({ o: a.officeA }),
    unchanged: { query: `query($o: ID) { customers(officeId: $o) { totalCount } }`, variables: (a) => ({ o: a.officeA }) },
  },
  {
    field: "createCustomer (in own office, linked to the other group's unit)",
    query: `mutation($o: ID!, $u: ID!) { createCustomer(input: { officeId: $o, name: "Intruder", units: [{ unitId: $u, relation: OWNER }] }) { id } }`,
    variables: (a, b) => ({ o: b.officeB, u: a.unitA }),
    unchanged: unitState,
  },
  {
    field: "updateCustomer",
    query: `mutation($id: ID!) { updateCustomer(id: $id, input: { phone: "000" }) { id } }`,
    variables: (a) => ({ id: a.customerA }),
    unchanged: customerState,
  },
  {
    field: "linkCustomerUnit",
    query: `mutation($c: ID!, $u: ID!) { linkCustomerUnit(customerId: $c, unitId: $u, relation: TENANT) { relation } }`,
    variables: (a, b) => ({ c: b.customerB, u: a.unitA }),
    unchanged: unitState,
  },
  {
    field: "linkCustomerUnit (other group's customer)",
    query: `mutation($c: ID!, $u: ID!) { linkCustomerUnit(customerId: $c, unitId: $u, relation: TENANT) { relation } }`,
    variables: (a, b) => ({ c: a.customerA, u: b.unitB }),
    unchanged: customerState,
  },
  {
    field: "unlinkCustomerUnit",
    query: `mutation($c: ID!, $u: ID!) { unlinkCustomerUnit(customerId: $c, unitId: $u) { id } }`,
    variables: (a) => ({ c: a.customerA, u: a.unitA }),
    unchanged: customerState,
  },
  {
    field: "createStaff",
    query: `mutation($o: ID!) { createStaff(input: { officeId: $o, email: "spy@x.test", name: "Spy", role: OFFICE_STAFF, password: "0123456789ab" }) { id } }`,
    variables: (a) => ({ o: a.officeA }),
    unchanged: { query: `query($o: ID) { staffMembers(officeId: $o) { totalCount } }`, variables: (a) => ({ o: a.officeA }) },
  },
  {
    field: "updateStaff",
    query: `mutation($id: ID!) { updateStaff(id: $id, input: { active: false }) { id } }`,
    variables: (a) => ({ id: a.staff.staffA }),
    unchanged: staffState,
  },
  {
    field: "updateStaff (own staff into the other group's office)",
    query: `mutation($id: ID!, $o: ID) { updateStaff(id: $id, input: { officeId: $o }) { id } }`,
    variables: (a, b) => ({ id: b.staff.staffB, o: a.officeA }),
    unchanged: { query: `query($o: ID) { staffMembers(officeId: $o) { totalCount } }`, variables: (a) => ({ o: a.officeA }) },
  },
  {
    field: "resetStaffPassword",
    query: `mutation($id: ID!) { resetStaffPassword(id: $id, password: "taken-over-123") { id } }`,
    variables: (a) => ({ id: a.staff.staffA }),
    unchanged: staffState,
  },
  {
    field: "createApiToken",
    query: `mutation($o: ID) { createApiToken(input: { name: "Spy", officeId: $o }) { token } }`,
    variables: (a) => ({ o: a.officeA }),
    unchanged: tokenState,
  },
  { field: "ticket", query: `query($id: ID!) { ticket(id: $id) { id content } }`, variables: (a) => ({ id: a.flow.openTicket }) },
  {
    field: "followUp",
    query: `query($id: ID!) { followUp(id: $id) { id } }`,
    variables: (a) => ({ id: a.flow.pendingFollowUp }),
  },
  {
    field: "spotCheckSample",
    query: `query($id: ID!) { spotCheckSample(id: $id) { id } }`,
    variables: (a) => ({ id: a.flow.sample }),
  },
  {
    field: "tickets",
    query: `query($o: [ID!], $r: ID, $s: ID) { a: tickets(filter: { officeIds: $o }) { totalCount nodes { id } } b: tickets(filter: { receiverId: $r }) { totalCount nodes { id } } c: tickets(filter: { assigneeId: $s }) { totalCount nodes { id } } }`,
    variables: (a) => ({ o: [a.officeA], r: a.staff.staffA, s: a.staff.staffA }),
    expectEmptyList: true,
  },
  {
    field: "followUps",
    query: `query($o: ID, $s: ID) { a: followUps(officeId: $o) { totalCount nodes { id } } b: followUps(assigneeId: $s) { totalCount nodes { id } } }`,
    variables: (a) => ({ o: a.officeA, s: a.staff.staffA }),
    expectEmptyList: true,
  },
  {
    field: "spotChecks",
    query: `query($o: ID, $s: ID) { a: spotChecks(officeId: $o) { totalCount nodes { id } } b: spotChecks(sampleId: $s) { totalCount nodes { id } } }`,
    variables: (a) => ({ o: a.officeA, s: a.flow.sample }),
    expectEmptyList: true,
  },
  {
    field: "board",
    query: `query($o: ID!) { board(officeId: $o) { asOfSequence counts { total } } }`,
    variables: (a) => ({ o: a.officeA }),
  },
  {
    field: "events",
    query: `query($o: ID) { events(officeId: $o) { lastSequence events { ticketId } } }`,
    variables: (a) => ({ o: a.officeA }),
  },
  {
    field: "events (unfiltered: the caller's own group only)",
    query: `{ events(first: 1000) { events { ticketId officeId ticket { id } } } }`,
    variables: () => ({}),
    ownMatchAllowed: true,
  },
  {
    field: "ticketByNumber (not an id, but as good as one to a customer)",
    query: `query($n: String!) { ticketByNumber(number: $n) { id } }`,
    variables: (a) => ({ n: a.flow.openTicketNumber }),
    ownMatchAllowed: true,
  },
  {
    field: "registerTicket",
    query: `mutation($o: ID) { registerTicket(input: { type: COMPLAINT, channel: PHONE, officeId: $o, content: "x" }) { id } }`,
    variables: (a) => ({ o: a.officeA }),
    unchanged: officeTickets,
  },
  {
    field: "registerTicket (in own office, about the other group's unit)",
    query: `mutation($o: ID, $u: ID) { registerTicket(input: { type: REPAIR, channel: PHONE, officeId: $o, unitId: $u, content: "x" }) { id } }`,
    variables: (a, b) => ({ o: b.officeA, u: a.unitA }),
    unchanged: officeTickets,
  },
  {
    field: "registerTicket (in own office, for the other group's customer)",
    query: `mutation($o: ID, $c: ID) { registerTicket(input: { type: HELP, channel: PHONE, officeId: $o, customerId: $c, content: "x" }) { id } }`,
    variables: (a, b) => ({ o: b.officeA, c: a.customerA }),
    unchanged: officeTickets,
  },
  {
    field: "assignTicket",
    query: `mutation($id: ID!, $s: ID) { assignTicket(id: $id, input: { assigneeId: $s, instruction: "x" }) { id } }`,
    variables: (a, b) => ({ id: a.flow.openTicket, s: b.staff.staffA }),
    unchanged: ticketState,
  },
  {
    field: "assignTicket (own ticket to the other group's staff)",
    query: `mutation($id: ID!, $s: ID) { assignTicket(id: $id, input: { assigneeId: $s }) { id } }`,
    variables: (a, b) => ({ id: b.flow.openTicket, s: a.staff.staffA }),
    unchanged: ticketState,
  },
  ...(
    [
      ["replyToTicket", `replyToTicket(id: $id, input: { text: "x" })`],
      ["addTicketNote", `addTicketNote(id: $id, input: { text: "x" })`],
      ["resolveTicket", `resolveTicket(id: $id, input: { resolution: "x" })`],
      ["rejectTicket", `rejectTicket(id: $id, input: { text: "x" })`],
      ["escalateTicket", `escalateTicket(id: $id, input: { text: "x" })`],
      ["pauseTicket", `pauseTicket(id: $id, input: { reason: OTHER })`],
      ["resumeTicket", `resumeTicket(id: $id, input: {})`],
      ["extendTicketDeadline", `extendTicketDeadline(id: $id, input: { resolveDueAt: "2099-01-01T00:00:00Z", reason: "x" })`],
      ["setComplaintClass", `setComplaintClass(id: $id, input: { complaintClass: MINOR, reason: "x" })`],
      ["markComplaintValid", `markComplaintValid(id: $id, input: { text: "x" })`],
    ] as const
  ).map(([field, call]): Probe => ({
    field,
    query: `mutation($id: ID!) { ${call} { id } }`,
    variables: (a) => ({ id: a.flow.openTicket }),
    unchanged: ticketState,
  })),
  {
    field: "reopenTicket",
    query: `mutation($id: ID!) { reopenTicket(id: $id, input: { text: "x" }) { id } }`,
    variables: (a) => ({ id: a.flow.closedTicket }),
    unchanged: {
      query: `query($id: ID!) { ticket(id: $id) { status version } }`,
      variables: (a) => ({ id: a.flow.closedTicket }),
    },
  },
  {
    field: "closeTicket",
    query: `mutation($id: ID!) { closeTicket(id: $id, input: {}) { id } }`,
    variables: (a) => ({ id: a.flow.resolvedTicket }),
    unchanged: resolvedState,
  },
  {
    field: "recordFollowUpAttempt",
    query: `mutation($id: ID!) { recordFollowUpAttempt(id: $id, input: { method: PHONE, outcome: REACHED, satisfaction: VERY_DISSATISFIED }) { id } }`,
    variables: (a) => ({ id: a.flow.pendingFollowUp }),
    unchanged: resolvedState,
  },
  {
    field: "exemptFollowUp",
    query: `mutation($id: ID!) { exemptFollowUp(id: $id, input: { exemption: SENSITIVE }) { id } }`,
    variables: (a) => ({ id: a.flow.pendingFollowUp }),
    unchanged: resolvedState,
  },
  {
    field: "assignFollowUp",
    query: `mutation($id: ID!, $s: ID!) { assignFollowUp(id: $id, assigneeId: $s) { id } }`,
    variables: (a, b) => ({ id: a.flow.pendingFollowUp, s: b.staff.staffA }),
    unchanged: resolvedState,
  },
  {
    field: "assignFollowUp (own follow-up to the other group's staff)",
    query: `mutation($id: ID!, $s: ID!) { assignFollowUp(id: $id, assigneeId: $s) { id } }`,
    variables: (a, b) => ({ id: b.flow.pendingFollowUp, s: a.staff.staffA }),
    unchanged: resolvedState,
  },
  {
    field: "recordSpotCheck",
    query: `mutation($id: ID!) { recordSpotCheck(id: $id, input: { satisfaction: VERY_DISSATISFIED }) { id } }`,
    variables: (a) => ({ id: a.flow.spotCheck }),
    unchanged: spotCheckState,
  },
  {
    field: "revokeApiToken",
    query: `mutation($id: ID!) { revokeApiToken(id: $id) { id revokedAt } }`,
    variables: (a) => ({ id: a.apiTokenId }),
    unchanged: tokenState,
  },
  {
    field: "bill",
    query: `query($id: ID!) { bill(id: $id) { id amountCents } }`,
    variables: (a) => ({ id: a.fees.bill }),
  },
  {
    field: "bills",
    query: `query($o: ID, $p: ID, $u: ID) { a: bills(officeId: $o) { totalCount nodes { id } } b: bills(propertyId: $p) { totalCount nodes { id } } c: bills(unitId: $u) { totalCount nodes { id } } }`,
    variables: (a) => ({ o: a.officeA, p: a.propertyA, u: a.unitA }),
    expectEmptyList: true,
  },
  {
    field: "payments",
    query: `query($o: ID, $b: ID) { a: payments(officeId: $o) { totalCount nodes { id } } b: payments(billId: $b) { totalCount nodes { id } } }`,
    variables: (a) => ({ o: a.officeA, b: a.fees.bill }),
    expectEmptyList: true,
  },
  {
    field: "dunningNotices",
    query: `query($o: ID, $u: ID) { a: dunningNotices(officeId: $o) { totalCount nodes { id } } b: dunningNotices(unitId: $u) { totalCount nodes { id } } }`,
    variables: (a) => ({ o: a.officeA, u: a.unitA }),
    expectEmptyList: true,
  },
  {
    field: "unitArrears",
    query: `query($o: ID) { unitArrears(officeId: $o) { totalCount nodes { unitId } } }`,
    variables: (a) => ({ o: a.officeA }),
    expectEmptyList: true,
  },
  {
    field: "updateFeeItem",
    query: `mutation($id: ID!) { updateFeeItem(id: $id, input: { rateCents: 1 }) { id } }`,
    variables: (a) => ({ id: a.fees.feeItem }),
    unchanged: feeItemState,
  },
  {
    field: "generateBills",
    query: `mutation($p: ID!, $period: ID!) { generateBills(input: { propertyId: $p, periodId: $period }) { created } }`,
    variables: (a) => ({ p: a.propertyA, period: a.fees.period }),
    unchanged: billState,
  },
  {
    field: "generateBills (own property, the other group's period and fee item)",
    query: `mutation($p: ID!, $period: ID!, $f: [ID!]) { generateBills(input: { propertyId: $p, periodId: $period, feeItemIds: $f }) { created } }`,
    variables: (a, b) => ({ p: b.propertyA, period: a.fees.period, f: [a.fees.feeItem] }),
    unchanged: billState,
  },
  {
    field: "recordPayment",
    query: `mutation($b: ID!) { recordPayment(input: { billId: $b, amountCents: 1, method: CASH }) { payment { id } } }`,
    variables: (a) => ({ b: a.fees.bill }),
    unchanged: billState,
  },
  {
    field: "reversePayment",
    query: `mutation($id: ID!) { reversePayment(id: $id, reason: "x") { payment { id } } }`,
    variables: (a) => ({ id: a.fees.payment }),
    unchanged: billState,
  },
  {
    field: "recordDunningNotice",
    query: `mutation($u: ID!) { recordDunningNotice(input: { unitId: $u, method: SMS }) { id } }`,
    variables: (a) => ({ u: a.unitA }),
    unchanged: billState,
  },
  {
    field: "competencyAssessments",
    query: `query($o: ID, $s: ID) { a: competencyAssessments(officeId: $o) { totalCount nodes { id } } b: competencyAssessments(staffId: $s) { totalCount nodes { id } } }`,
    variables: (a) => ({ o: a.officeA, s: a.staff.staffA }),
    expectEmptyList: true,
  },
  {
    field: "recordCompetencyAssessment",
    query: `mutation($s: ID!) { recordCompetencyAssessment(input: { staffId: $s, period: "2026-Q4", ratings: [] }) { id } }`,
    variables: (a) => ({ s: a.staff.staffA }),
    unchanged: competencyState,
  },
  {
    field: "staffAssessmentEntries",
    query: `query($o: ID, $s: ID) { a: staffAssessmentEntries(officeId: $o) { totalCount nodes { id } } b: staffAssessmentEntries(staffId: $s) { totalCount nodes { id } } }`,
    variables: (a) => ({ o: a.officeA, s: a.staff.staffA }),
    expectEmptyList: true,
  },
  {
    field: "staffMonthlyScores",
    query: `query($o: ID) { staffMonthlyScores(month: "2026-11", officeId: $o) { staff { id } score } }`,
    variables: (a) => ({ o: a.officeA }),
    expectEmptyList: true,
  },
  {
    field: "recordStaffAssessmentEntry",
    query: `mutation($s: ID!) { recordStaffAssessmentEntry(input: { staffId: $s, violationCode: "ABSENCE", occurredOn: "2026-01-05" }) { id } }`,
    variables: (a) => ({ s: a.staff.staffA }),
    unchanged: assessmentEntryState,
  },
  {
    field: "voidStaffAssessmentEntry",
    query: `mutation($id: ID!) { voidStaffAssessmentEntry(id: $id, reason: "x") { id } }`,
    variables: (a) => ({ id: a.assess.entry }),
    unchanged: assessmentEntryState,
  },
  {
    field: "updateViolationType",
    query: `mutation($id: ID!) { updateViolationType(id: $id, input: { points: 1, active: false }) { id } }`,
    variables: (a) => ({ id: a.assess.violationType }),
    unchanged: assessmentEntryState,
  },
  {
    field: "addSensitiveNote",
    query: `mutation($c: ID!) { addSensitiveNote(input: { customerId: $c, category: HEALTH, text: "x" }) { id } }`,
    variables: (a) => ({ c: a.customerA }),
    unchanged: noteState,
  },
  {
    field: "updateSensitiveNote",
    query: `mutation($id: ID!) { updateSensitiveNote(id: $id, input: { text: "x" }) { id text } }`,
    variables: (a) => ({ id: a.note }),
    unchanged: noteState,
  },
  {
    field: "archiveSensitiveNote",
    query: `mutation($id: ID!) { archiveSensitiveNote(id: $id) { id } }`,
    variables: (a) => ({ id: a.note }),
    unchanged: noteState,
  },
  {
    field: "personalDataAccessLog",
    query: `query($c: ID, $s: ID, $r: ID, $o: ID) {
      a: personalDataAccessLog(filter: { customerId: $c }) { totalCount nodes { id } }
      b: personalDataAccessLog(filter: { staffId: $s }) { totalCount nodes { id } }
      c: personalDataAccessLog(filter: { recordId: $r }) { totalCount nodes { id } }
      d: personalDataAccessLog(filter: { officeId: $o }) { totalCount nodes { id } } }`,
    variables: (a) => ({ c: a.customerA, s: a.staff.staffA, r: a.note, o: a.officeA }),
    expectEmptyList: true,
  },
  ...(
    [
      [
        "satisfactionReport",
        `satisfactionReport(from: "2025-01-01", to: "2027-01-01", officeId: $o) { officeId satisfaction { denominator } }`,
      ],
      [
        "followUpReport",
        `followUpReport(from: "2025-01-01", to: "2027-01-01", officeId: $o) { officeId followUpRate { denominator } }`,
      ],
      ["collectionReport", `collectionReport(from: "2025-01-01", to: "2027-01-01", officeId: $o) { officeId billedCents }`],
      ["arrearsReport", `arrearsReport(officeId: $o) { officeId outstandingCents }`],
      ["slaReport", `slaReport(from: "2025-01-01", to: "2027-01-01", officeId: $o) { officeId replyCompliance { denominator } }`],
      ["overdueReport", `overdueReport(officeId: $o) { officeId overdue }`],
      ["ticketVolumeReport", `ticketVolumeReport(from: "2025-01-01", to: "2027-01-01", officeId: $o) { officeId tickets }`],
      [
        "complaintClassificationReport",
        `complaintClassificationReport(from: "2025-01-01", to: "2027-01-01", officeId: $o) { officeId complaints }`,
      ],
      [
        "competencyTopFiveReport",
        `competencyTopFiveReport(from: "2025-01-01", to: "2027-01-01", officeId: $o) { officeId score }`,
      ],
      [
        "staffCompositeRanking",
        `staffCompositeRanking(from: "2025-01-01", to: "2027-01-01", officeId: $o) { staff { id } compositeScore }`,
      ],
    ] as const
  ).map(([field, call]): Probe => ({
    field,
    query: `query($o: ID) { ${call} }`,
    variables: (a) => ({ o: a.officeA }),
  })),
];

/** Root fields that take an ID anywhere in their arguments (directly or inside input objects). */
async function rootFieldsTakingIds(): Promise<string[]> {
  const schema = await buildAppSchema();
  const takesId = (type: GraphQLInputType, seen = new Set<string>()): boolean => {
    const named = getNamedType(type);
    if (named.name === "ID") return true;
    if (!isInputObjectType(named) || seen.has(named.name)) return false;
    seen.add(named.name);
    return Object.values(named.getFields()).some((f) => takesId(f.type, seen));
  };
  const fields = [schema.getQueryType(), schema.getMutationType()].flatMap((root) => Object.values(root?.getFields() ?? {}));
  return fields.filter((f) => f.args.some((a: GraphQLArgument) => takesId(a.type))).map((f) => f.name);
}

function assertNoDataOf(result: GqlResult, a: Group): void {
  const body = JSON.stringify(result.data ?? {});
  const { flow } = a;
  for (const id of [
    a.officeA,
    a.officeB,
    a.propertyA,
    a.unitA,
    a.customerA,
    a.staff.staffA,
    a.apiTokenId,
    a.tenantId,
    flow.openTicket,
    flow.resolvedTicket,
    flow.closedTicket,
    flow.pendingFollowUp,
    flow.sample,
    flow.spotCheck,
    ...Object.values(a.fees).filter((v) => typeof v === "string" && v.length === 36),
    a.assess.competencyAssessment,
    a.assess.violationType,
    a.assess.entry,
    a.note,
  ]) {
    expect(body).not.toContain(id);
  }
}

describe("every root field that takes an id has a cross-tenant probe", () => {
  it("the probe table covers the schema", async () => {
    const probed = new Set(PROBES.map((p) => p.field.split(" ")[0]));
    const missing = (await rootFieldsTakingIds()).filter((f) => !probed.has(f));
    expect(missing, "add a cross-tenant probe for these fields").toEqual([]);
  });
});

describe.each([
  ["with ORM scoping and row-level security", true],
  ["with row-level security alone (ORM tenant filter switched off)", false],
])("tenant isolation %s", (_label, ormTenantFilter) => {
  let t: TestApi;
  let a: Group;
  let b: Group;

  const group = async (label: string): Promise<Group> => {
    const f = await createTenantFixture(t, label);
    const note = ok(
      await t.gql(
        `mutation($c: ID!) { addSensitiveNote(input: { customerId: $c, category: ELDERLY_LIVING_ALONE, text: "独居" }) { id } }`,
        { c: f.customerA },
        { token: f.tokens.staffA },
      ),
    ).addSensitiveNote.id as string;
    // Reads of A's data by A's own staff, so the access log has entries another group could try to see.
    ok(
      await t.gql(
        `query($c: ID!) { customer(id: $c) { phone sensitiveNotes { text } } }`,
        { c: f.customerA },
        { token: f.tokens.staffA },
      ),
    );
    return {
      ...f,
      flow: await createTicketFlow(t, f),
      fees: await createFeesFlow(t, f),
      assess: await createAssessmentFlow(t, f),
      note,
    };
  };

  beforeAll(async () => {
    t = await startTestApi({ ormTenantFilter });
    [a, b] = [await group("iso-a"), await group("iso-b")];
  });
  afterAll(() => t.stop());

  it.each(PROBES.map((p) => [p.field, p] as const))(
    "failing: another group's admin aiming %s at group A gets no data and changes nothing",
    async (_f, probe) => {
      const asA = probe.unchanged?.as?.(a) ?? a.tokens.admin;
      const before = probe.unchanged
        ? ok(await t.gql(probe.unchanged.query, probe.unchanged.variables(a), { token: asA }))
        : null;
      const result = await t.gql(probe.query, probe.variables(a, b), { token: b.tokens.admin });
      if (probe.expectEmptyList) {
        expect(result.errors).toBeUndefined();
        for (const list of Object.values(ok(result)) as unknown[]) {
          expect(list).toEqual(Array.isArray(list) ? [] : { totalCount: 0, nodes: [] });
        }
      } else if (!probe.ownMatchAllowed) {
        expect(["NOT_FOUND", "FORBIDDEN"]).toContain(result.errors?.[0]?.extensions?.code);
        expect(result.data).toBeNull();
      }
      assertNoDataOf(result, a);
      if (probe.unchanged) {
        expect(ok(await t.gql(probe.unchanged.query, probe.unchanged.variables(a), { token: asA }))).toEqual(before);
      }
    },
  );

  it("failing: another group's read-only API token gets nothing of group A", async () => {
    for (const probe of PROBES.filter((p) => !p.query.trimStart().startsWith("mutation"))) {
      const result = await t.gql(probe.query, probe.variables(a, b), { token: b.tokens.api });
      assertNoDataOf(result, a);
      if (!probe.expectEmptyList && !probe.ownMatchAllowed)
        expect(["NOT_FOUND", "FORBIDDEN"]).toContain(result.errors?.[0]?.extensions?.code);
    }
  });

  it("successful: lists only ever contain the caller's own group", async () => {
    const lists = ok(
      await t.gql(
        `{ offices { nodes { id } } properties { nodes { id } } units { nodes { id } } customers { nodes { id } } staffMembers { nodes { id } } apiTokens { nodes { id } } calendarDays(from: "2026-01-01", to: "2026-12-31") { day } tenant { id }
           tickets { nodes { id timeline { id } } } followUps { nodes { id } } spotChecks { nodes { id } } spotCheckSamples { nodes { id } }
           feeItems { id } billingPeriods { id } bills { nodes { id } } payments { nodes { id } } dunningNotices { nodes { id } } unitArrears(asOf: "2099-01-01") { nodes { unitId } }
           officeArrears(asOf: "2099-01-01") { officeId } competencyAssessments { nodes { id } } staffAssessmentEntries { nodes { id } } violationTypes { id } staffMonthlyScores(month: "2026-11") { staff { id } }
           officeComparison(from: "2025-01-01", to: "2027-01-01") { rows { officeId } } satisfactionReport(from: "2025-01-01", to: "2027-01-01", groupBy: [OFFICE]) { officeId }
           staffCompositeRanking(from: "2025-01-01", to: "2027-01-01") { staff { id } } arrearsReport(byOffice: true) { officeId } }`,
        {},
        { token: b.tokens.admin },
      ),
    );
    assertNoDataOf({ status: 200, data: lists }, a);
    expect(lists.tenant.id).toBe(b.tenantId);
    expect(lists.offices.nodes.map((o: { id: string }) => o.id).sort()).toEqual([b.headOfficeId, b.officeA, b.officeB].sort());
    expect(lists.calendarDays.length).toBeGreaterThan(0);
  });
});
