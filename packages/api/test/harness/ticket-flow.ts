import { randomUUID } from "node:crypto";
import { ok, type TestApi } from "./api";
import type { TenantFixture } from "./tenant-fixture";

export interface TicketFlow {
  /** An open complaint of office A, assigned to staff A. */
  openTicket: string;
  openTicketNumber: string;
  /** A repair of office A, resolved and waiting for its follow-up. */
  resolvedTicket: string;
  pendingFollowUp: string;
  /** A complaint of office A, followed up (satisfied) and closed. */
  closedTicket: string;
  completedFollowUp: string;
  /** A general-office sample of the period, holding the closed ticket. */
  sample: string;
  spotCheck: string;
}

export const gqlAs =
  (t: TestApi, token: string) =>
  async <T = any>(query: string, variables?: Record<string, unknown>) =>
    ok(await t.gql<T>(query, variables, { token }));

export async function register(t: TestApi, token: string, input: Record<string, unknown>): Promise<any> {
  return (
    await gqlAs(t, token)(
      `mutation($i: RegisterTicketInput!) { registerTicket(input: $i) {
        id number status type severity complaintClass version replyDueAt resolveDueAt hardLimitAt receivedAt office { id }
      } }`,
      { i: input },
    )
  ).registerTicket;
}

/** Tickets in every state of office A, with follow-ups and a spot check, built through the API. */
export async function createTicketFlow(t: TestApi, f: TenantFixture): Promise<TicketFlow> {
  const asStaff = gqlAs(t, f.tokens.staffA);
  const asManager = gqlAs(t, f.tokens.managerA);
  const open = await register(t, f.tokens.staffA, { type: "COMPLAINT", channel: "PHONE", unitId: f.unitA, content: "楼上漏水" });
  await asManager(
    `mutation($id: ID!, $s: ID) { assignTicket(id: $id, input: { assigneeId: $s, instruction: "尽快上门" }) { id } }`,
    {
      id: open.id,
      s: f.staff.staffA,
    },
  );
  const resolved = await register(t, f.tokens.staffA, { type: "REPAIR", channel: "PHONE", unitId: f.unitA, content: "门锁坏了" });
  const r = await asStaff(`mutation($id: ID!) { resolveTicket(id: $id, input: { resolution: "已换锁" }) { followUps { id } } }`, {
    id: resolved.id,
  });
  const closed = await register(t, f.tokens.staffA, {
    type: "COMPLAINT",
    channel: "VISIT",
    customerId: f.customerA,
    content: "电梯噪音",
    idempotencyKey: randomUUID(),
  });
  const c = await asStaff(`mutation($id: ID!) { resolveTicket(id: $id, input: { resolution: "已调整" }) { followUps { id } } }`, {
    id: closed.id,
  });
  const completedFollowUp = c.resolveTicket.followUps[0].id;
  await asStaff(
    `mutation($id: ID!) { recordFollowUpAttempt(id: $id, input: { method: PHONE, outcome: REACHED, satisfaction: SATISFIED }) { id } }`,
    {
      id: completedFollowUp,
    },
  );
  const from = new Date(Date.now() - 3600_000).toISOString();
  const to = new Date(Date.now() + 3600_000).toISOString();
  const sample = (
    await gqlAs(t, f.tokens.hoManager)(
      `mutation($from: DateTimeISO!, $to: DateTimeISO!) { drawSpotCheckSample(input: { sampler: GENERAL_OFFICE, from: $from, to: $to, seed: 1 }) { id checks { id } } }`,
      { from, to },
    )
  ).drawSpotCheckSample;
  return {
    openTicket: open.id,
    openTicketNumber: open.number,
    resolvedTicket: resolved.id,
    pendingFollowUp: r.resolveTicket.followUps[0].id,
    closedTicket: closed.id,
    completedFollowUp,
    sample: sample.id,
    spotCheck: sample.checks[0].id,
  };
}
