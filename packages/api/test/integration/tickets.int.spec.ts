import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCode, startTestApi, type TestApi } from "../harness/api";
import { createTenantFixture, type TenantFixture } from "../harness/tenant-fixture";
import { gqlAs, register } from "../harness/ticket-flow";

const HOUR = 3600_000;
const DETAIL = `id number status version type severity complaintClass validity reopenCount pausedSeconds paused
  replyDueAt resolveDueAt hardLimitAt firstRepliedAt resolvedAt closedAt replyOverdue resolveOverdue replyMet resolveMet
  department instruction assignee { id } receiver { id } allowedActions
  timeline { kind note actor { id } changes { field from to } }
  followUps { id round status dueAt satisfaction attemptCount exemption assignee { id } attempts { outcome method } }`;

describe("tickets through their lifecycle", () => {
  let t: TestApi;
  let f: TenantFixture;
  let staff: ReturnType<typeof gqlAs>;
  let manager: ReturnType<typeof gqlAs>;
  const detail = async (id: string) => (await staff(`query($id: ID!) { ticket(id: $id) { ${DETAIL} } }`, { id })).ticket;

  beforeAll(async () => {
    t = await startTestApi();
    f = await createTenantFixture(t, "tix");
    staff = gqlAs(t, f.tokens.staffA);
    manager = gqlAs(t, f.tokens.managerA);
  });
  afterAll(() => t.stop());

  it("successful: a complaint is registered, assigned, replied to, worked on, resolved, followed up and closed", async () => {
    const receivedAt = new Date(Date.now() - 10 * 60_000).toISOString();
    const ticket = await register(t, f.tokens.staffA, {
      type: "COMPLAINT",
      channel: "PHONE",
      unitId: f.unitA,
      customerId: f.customerA,
      content: "楼上住户装修噪音扰民",
      receivedAt,
    });
    expect(ticket).toMatchObject({
      status: "NEW",
      severity: "GENERAL",
      complaintClass: "GENERAL",
      office: { id: f.officeA },
      receivedAt,
    });
    expect(ticket.number).toMatch(/^A-\d{8}-\d{3}$/);
    // Policy: reply within 2 hours of receipt; resolution by the end of the next working day; hard limit 3 working days.
    expect(new Date(ticket.replyDueAt).getTime() - new Date(receivedAt).getTime()).toBe(2 * HOUR);
    expect(new Date(ticket.resolveDueAt).getTime()).toBeGreaterThan(new Date(receivedAt).getTime());
    expect(new Date(ticket.hardLimitAt).getTime()).toBeGreaterThan(new Date(ticket.resolveDueAt).getTime());

    const assigned = (
      await manager(
        `mutation($id: ID!, $s: ID) { assignTicket(id: $id, input: { assigneeId: $s, department: "工程部", instruction: "今天内上门协调" }) { status assignee { id } department instruction } }`,
        { id: ticket.id, s: f.staff.staffA },
      )
    ).assignTicket;
    expect(assigned).toEqual({
      status: "ASSIGNED",
      assignee: { id: f.staff.staffA },
      department: "工程部",
      instruction: "今天内上门协调",
    });
    await staff(`mutation($id: ID!) { replyToTicket(id: $id, input: { text: "已收到，今天下午上门" }) { id } }`, {
      id: ticket.id,
    });
    await staff(`mutation($id: ID!) { addTicketNote(id: $id, input: { text: "已与装修方沟通" }) { id } }`, { id: ticket.id });
    await manager(`mutation($id: ID!) { markComplaintValid(id: $id, input: { text: "装修时间违反管理规约" }) { validity } }`, {
      id: ticket.id,
    });
    const resolved = (
      await staff(
        `mutation($id: ID!) { resolveTicket(id: $id, input: { resolution: "装修方调整施工时间" }) { status replyMet resolveMet followUps { id status round assignee { id } dueAt } } }`,
        { id: ticket.id },
      )
    ).resolveTicket;
    expect(resolved).toMatchObject({ status: "RESOLVED", replyMet: true, resolveMet: true });
    const [followUp] = resolved.followUps;
    expect(followUp).toMatchObject({ status: "PENDING", round: 1, assignee: { id: f.staff.staffA } });
    expect(new Date(followUp.dueAt).getTime() - Date.now()).toBeGreaterThan(2.9 * 24 * HOUR);

    await staff(
      `mutation($id: ID!) { recordFollowUpAttempt(id: $id, input: { method: PHONE, outcome: NO_ANSWER }) { status } }`,
      { id: followUp.id },
    );
    expect((await detail(ticket.id)).status).toBe("RESOLVED");
    const done = (
      await staff(
        `mutation($id: ID!) { recordFollowUpAttempt(id: $id, input: { method: HOME_VISIT, outcome: REACHED, satisfaction: VERY_SATISFIED, comment: "处理及时" }) { status satisfaction method attemptCount completedBy { id } } }`,
        { id: followUp.id },
      )
    ).recordFollowUpAttempt;
    expect(done).toEqual({
      status: "COMPLETED",
      satisfaction: "VERY_SATISFIED",
      method: "HOME_VISIT",
      attemptCount: 2,
      completedBy: { id: f.staff.staffA },
    });

    const final = await detail(ticket.id);
    expect(final).toMatchObject({ status: "CLOSED", validity: "VALID", receiver: { id: f.staff.staffA } });
    expect(final.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      "CREATED",
      "ASSIGNED",
      "REPLIED",
      "NOTE_ADDED",
      "VALIDITY_SET",
      "RESOLVED",
      "FOLLOW_UP_ATTEMPTED",
      "FOLLOWED_UP",
      "CLOSED",
    ]);
    expect(final.timeline[1]).toMatchObject({ actor: { id: f.staff.managerA }, note: "今天内上门协调" });
    expect(final.timeline[1].changes).toEqual(expect.arrayContaining([{ field: "status", from: "NEW", to: "ASSIGNED" }]));
    expect(final.timeline.every((e: { actor: unknown }) => e.actor !== null)).toBe(true);
    expect(final.allowedActions).toEqual([]); // staff may not reopen
  });

  it("successful: a repair is paused waiting for parts, reopened after a dissatisfied follow-up, fixed and closed", async () => {
    const ticket = await register(t, f.tokens.staffA, {
      type: "REPAIR",
      severity: "MEDIUM",
      channel: "VISIT",
      unitId: f.unitA,
      content: "卫生间水管漏水",
    });
    expect(ticket.replyDueAt).toBeNull();
    expect(new Date(ticket.resolveDueAt).getTime()).toBeGreaterThan(Date.now() + 2 * 24 * HOUR); // 3 calendar days
    await manager(`mutation($id: ID!) { assignTicket(id: $id, input: { department: "工程部" }) { id } }`, { id: ticket.id });
    const paused = (
      await staff(
        `mutation($id: ID!) { pauseTicket(id: $id, input: { reason: WAITING_FOR_PARTS, note: "等待阀门到货" }) { paused resolveOverdue } }`,
        { id: ticket.id },
      )
    ).pauseTicket;
    expect(paused).toEqual({ paused: true, resolveOverdue: false });
    await new Promise((r) => setTimeout(r, 1200));
    const resumed = (
      await staff(`mutation($id: ID!) { resumeTicket(id: $id, input: {}) { paused pausedSeconds resolveDueAt } }`, {
        id: ticket.id,
      })
    ).resumeTicket;
    expect(resumed.paused).toBe(false);
    expect(resumed.pausedSeconds).toBeGreaterThanOrEqual(1);
    expect(new Date(resumed.resolveDueAt).getTime() - new Date(ticket.resolveDueAt).getTime()).toBeGreaterThanOrEqual(1000);

    const first = (
      await staff(`mutation($id: ID!) { resolveTicket(id: $id, input: { resolution: "更换阀门" }) { followUps { id } } }`, {
        id: ticket.id,
      })
    ).resolveTicket;
    await staff(
      `mutation($id: ID!) { recordFollowUpAttempt(id: $id, input: { method: PHONE, outcome: REACHED, satisfaction: DISSATISFIED, comment: "还在滴水" }) { id } }`,
      {
        id: first.followUps[0].id,
      },
    );
    const reopened = await detail(ticket.id);
    expect(reopened).toMatchObject({ status: "IN_PROGRESS", reopenCount: 1, resolvedAt: null });
    expect(new Date(reopened.resolveDueAt).getTime()).toBeGreaterThan(Date.now() + 2 * 24 * HOUR);
    expect(reopened.timeline.slice(-2).map((e: { kind: string }) => e.kind)).toEqual(["FOLLOWED_UP", "REOPENED"]);

    const second = (
      await staff(
        `mutation($id: ID!) { resolveTicket(id: $id, input: { resolution: "更换整段水管" }) { followUps { id round status } } }`,
        { id: ticket.id },
      )
    ).resolveTicket;
    expect(second.followUps.map((x: { round: number; status: string }) => [x.round, x.status])).toEqual([
      [1, "COMPLETED"],
      [2, "PENDING"],
    ]);
    await staff(
      `mutation($id: ID!) { recordFollowUpAttempt(id: $id, input: { method: PHONE, outcome: REACHED, satisfaction: SATISFIED }) { id } }`,
      {
        id: second.followUps[1].id,
      },
    );
    expect((await detail(ticket.id)).status).toBe("CLOSED");
  });

  it("successful: a consultation by letter gets 2 working days; one answered on the spot with confirmation closes without follow-up", async () => {
    const letter = await register(t, f.tokens.staffA, {
      type: "CONSULTATION",
      channel: "LETTER",
      customerId: f.customerA,
      content: "咨询停车位租赁",
    });
    const phone = await register(t, f.tokens.staffA, {
      type: "CONSULTATION",
      channel: "PHONE",
      customerId: f.customerA,
      content: "咨询物业费缴纳方式",
    });
    expect(new Date(phone.replyDueAt).getTime() - Date.now()).toBeLessThanOrEqual(15 * 60_000);
    expect(new Date(letter.replyDueAt).getTime()).toBeGreaterThan(new Date(phone.replyDueAt).getTime());
    const closed = (
      await staff(
        `mutation($id: ID!) { resolveTicket(id: $id, input: { resolution: "已告知缴费方式", followUpExemption: RESOLVED_ON_SPOT_CONFIRMED, exemptionNote: "业主当场确认" }) { status followUps { status exemption } timeline { kind } } }`,
        { id: phone.id },
      )
    ).resolveTicket;
    expect(closed).toMatchObject({
      status: "CLOSED",
      followUps: [{ status: "EXEMPTED", exemption: "RESOLVED_ON_SPOT_CONFIRMED" }],
    });
    expect(closed.timeline.map((e: { kind: string }) => e.kind)).toEqual(["CREATED", "RESOLVED", "FOLLOW_UP_EXEMPTED", "CLOSED"]);
  });

  it("successful: an anonymous request keeps no contact and needs no follow-up", async () => {
    const anonymous = await register(t, f.tokens.staffA, {
      type: "SUGGESTION",
      channel: "ONLINE",
      anonymous: true,
      contactName: "匿名",
      content: "建议增加垃圾分类指引",
    });
    const closed = (
      await staff(
        `mutation($id: ID!) { resolveTicket(id: $id, input: { resolution: "已张贴指引" }) { status contactName followUps { exemption } } }`,
        { id: anonymous.id },
      )
    ).resolveTicket;
    expect(closed).toEqual({ status: "CLOSED", contactName: null, followUps: [{ exemption: "ANONYMOUS" }] });
  });

  it("failing: illegal transitions get BAD_USER_INPUT naming the actions allowed now, and change nothing", async () => {
    const ticket = await register(t, f.tokens.staffA, {
      type: "REPAIR",
      channel: "PHONE",
      content: "灯不亮",
      officeId: f.officeA,
    });
    const close = await t.gql(
      `mutation($id: ID!) { closeTicket(id: $id, input: {}) { id } }`,
      { id: ticket.id },
      { token: f.tokens.staffA },
    );
    expect(close.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      reason: "ILLEGAL_TRANSITION",
      status: "NEW",
      allowedActions: expect.arrayContaining(["RESOLVE", "ASSIGN"]),
    });
    expect(close.errors?.[0]?.message).toMatch(/allowed now: .*RESOLVE/);
    const reject = await t.gql(
      `mutation($id: ID!) { rejectTicket(id: $id, input: { text: "x" }) { id } }`,
      { id: ticket.id },
      { token: f.tokens.managerA },
    );
    expect(reject.errors?.[0]?.extensions?.reason).toBe("ILLEGAL_TRANSITION");
    const resume = await t.gql(
      `mutation($id: ID!) { resumeTicket(id: $id, input: {}) { id } }`,
      { id: ticket.id },
      { token: f.tokens.staffA },
    );
    expect(resume.errors?.[0]?.extensions?.reason).toBe("ILLEGAL_TRANSITION");
    expect((await detail(ticket.id)).timeline.map((e: { kind: string }) => e.kind)).toEqual(["CREATED"]);
  });

  it("failing: a resolved ticket with a pending follow-up cannot be closed by hand", async () => {
    const ticket = await register(t, f.tokens.staffA, {
      type: "HELP",
      channel: "PHONE",
      customerId: f.customerA,
      content: "帮忙搬运快递",
    });
    await staff(`mutation($id: ID!) { resolveTicket(id: $id, input: { resolution: "已送达" }) { id } }`, { id: ticket.id });
    const close = await t.gql(
      `mutation($id: ID!) { closeTicket(id: $id, input: {}) { id } }`,
      { id: ticket.id },
      { token: f.tokens.staffA },
    );
    expect(close.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", reason: "FOLLOW_UP_PENDING" });
  });

  it("failing: office staff may not assign, reject, escalate or extend (FORBIDDEN); a read-only token may not register", async () => {
    const ticket = await register(t, f.tokens.staffA, {
      type: "COMPLAINT",
      channel: "PHONE",
      content: "保安态度差",
      officeId: f.officeA,
    });
    for (const m of [
      `assignTicket(id: $id, input: { department: "保安部" })`,
      `rejectTicket(id: $id, input: { text: "x" })`,
      `escalateTicket(id: $id, input: { text: "x" })`,
      `extendTicketDeadline(id: $id, input: { resolveDueAt: "2099-01-01T00:00:00Z", reason: "x" })`,
    ]) {
      const result = await t.gql(`mutation($id: ID!) { ${m} { id } }`, { id: ticket.id }, { token: f.tokens.staffA });
      expect(result.errors?.[0]?.extensions?.code, m).toBe("FORBIDDEN");
    }
    const viaToken = await t.gql(
      `mutation { registerTicket(input: { type: HELP, channel: PHONE, content: "x" }) { id } }`,
      {},
      { token: f.tokens.api },
    );
    expect(errorCode(viaToken)).toBe("FORBIDDEN");
  });

  it("failing: stale edits get CONFLICT; concurrent edits never overwrite silently", async () => {
    const ticket = await register(t, f.tokens.staffA, {
      type: "REPAIR",
      channel: "PHONE",
      content: "门禁故障",
      officeId: f.officeA,
    });
    // Two people opened the ticket at version 1; the second to save loses.
    await manager(
      `mutation($id: ID!) { assignTicket(id: $id, input: { department: "工程部", expectedVersion: 1 }) { version } }`,
      { id: ticket.id },
    );
    const stale = await t.gql(
      `mutation($id: ID!) { assignTicket(id: $id, input: { department: "保安部", expectedVersion: 1 }) { version } }`,
      { id: ticket.id },
      { token: f.tokens.managerA },
    );
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", reason: "TICKET_CHANGED", currentVersion: 2 });
    expect((await detail(ticket.id)).department).toBe("工程部");

    // Eight notes at once: each either lands or gets CONFLICT; none is lost or duplicated.
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        t.gql(
          `mutation($id: ID!, $n: String!) { addTicketNote(id: $id, input: { text: $n }) { version } }`,
          { id: ticket.id, n: `note ${i}` },
          { token: f.tokens.staffA },
        ),
      ),
    );
    const landed = results.filter((r) => !r.errors);
    expect(results.filter((r) => r.errors).every((r) => errorCode(r) === "CONFLICT")).toBe(true);
    const after = await detail(ticket.id);
    expect(after.timeline.filter((e: { kind: string }) => e.kind === "NOTE_ADDED")).toHaveLength(landed.length);
    expect(after.version).toBe(2 + landed.length);
  });

  it("successful: retrying a registration with its idempotency key returns the same ticket, even concurrently", async () => {
    const key = randomUUID();
    const input = {
      type: "HELP",
      channel: "PHONE",
      customerId: f.customerA,
      content: "老人摔倒需要帮助",
      severity: "URGENT",
      idempotencyKey: key,
    };
    const first = await register(t, f.tokens.staffA, input);
    const retry = await register(t, f.tokens.staffA, input);
    expect(retry.id).toBe(first.id);
    const key2 = randomUUID();
    const burst = await Promise.all(
      Array.from({ length: 5 }, () => register(t, f.tokens.staffA, { ...input, idempotencyKey: key2 })),
    );
    expect(new Set(burst.map((b) => b.id)).size).toBe(1);
    const count = (await staff(`query($q: String) { tickets(filter: { search: $q }) { totalCount } }`, { q: "老人摔倒需要帮助" }))
      .tickets.totalCount;
    expect(count).toBe(2);
    const reused = await t.gql(
      `mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { id } }`,
      { i: { ...input, content: "另一件事" } },
      { token: f.tokens.staffA },
    );
    expect(reused.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", reason: "IDEMPOTENCY_KEY_REUSED" });
  });

  it("a ticket knows when it is overdue and how much of its time is used", async () => {
    const late = await register(t, f.tokens.staffA, {
      type: "COMPLAINT",
      channel: "PHONE",
      content: "绿化带垃圾无人清理",
      officeId: f.officeA,
      receivedAt: new Date(Date.now() - 3 * HOUR).toISOString(),
    });
    const state = (
      await staff(`query($id: ID!) { ticket(id: $id) { replyOverdue replyMet replyTimeUsed resolveOverdue } }`, { id: late.id })
    ).ticket;
    expect(state).toMatchObject({ replyOverdue: true, replyMet: false, resolveOverdue: false });
    expect(state.replyTimeUsed).toBeGreaterThan(1.4);
    const overdue = (await staff(`{ tickets(filter: { overdue: true }, first: 200) { nodes { id } } }`)).tickets.nodes.map(
      (n: { id: string }) => n.id,
    );
    const onTime = (await staff(`{ tickets(filter: { overdue: false }, first: 200) { nodes { id } } }`)).tickets.nodes.map(
      (n: { id: string }) => n.id,
    );
    expect(overdue).toContain(late.id);
    expect(onTime).not.toContain(late.id);
  });

  it("complaints turn MAJOR with 10 or more complainants, or when still open a month after they were made", async () => {
    const collective = await register(t, f.tokens.staffA, {
      type: "COMPLAINT",
      channel: "VISIT",
      content: "集体投诉电梯长期故障",
      officeId: f.officeA,
      complainantCount: 12,
    });
    expect(collective.complaintClass).toBe("MAJOR");
    const old = await register(t, f.tokens.staffA, {
      type: "COMPLAINT",
      channel: "LETTER",
      content: "来函投诉外墙渗水",
      officeId: f.officeA,
      receivedAt: new Date(Date.now() - 31 * 24 * HOUR).toISOString(),
    });
    expect(old.complaintClass).toBe("MAJOR");
    expect((await detail(old.id)).timeline.map((e: { kind: string }) => e.kind)).toEqual(["CREATED", "CLASS_CHANGED"]);
  });

  it("extensions: a manager extends within the hard limit; past it only the head office can", async () => {
    const ticket = await register(t, f.tokens.staffA, {
      type: "COMPLAINT",
      severity: "COMPLEX",
      channel: "PHONE",
      content: "地下车库渗水",
      officeId: f.officeA,
    });
    const within = new Date(new Date(ticket.hardLimitAt).getTime() - HOUR).toISOString();
    const beyond = new Date(new Date(ticket.hardLimitAt).getTime() + 24 * HOUR).toISOString();
    const ok1 = (
      await manager(
        `mutation($id: ID!, $d: DateTimeISO!) { extendTicketDeadline(id: $id, input: { resolveDueAt: $d, reason: "需要防水施工" }) { resolveDueAt } }`,
        { id: ticket.id, d: within },
      )
    ).extendTicketDeadline;
    expect(ok1.resolveDueAt).toBe(within);
    const refused = await t.gql(
      `mutation($id: ID!, $d: DateTimeISO!) { extendTicketDeadline(id: $id, input: { resolveDueAt: $d, reason: "x" }) { id } }`,
      { id: ticket.id, d: beyond },
      { token: f.tokens.managerA },
    );
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", reason: "HARD_LIMIT_NEEDS_HEAD_OFFICE" });
    const approved = (
      await gqlAs(t, f.tokens.hoManager)(
        `mutation($id: ID!, $d: DateTimeISO!) { extendTicketDeadline(id: $id, input: { resolveDueAt: $d, reason: "总部批准" }) { resolveDueAt hardLimitAt extensionCount timeline { kind actor { id } } } }`,
        { id: ticket.id, d: beyond },
      )
    ).extendTicketDeadline;
    expect(approved).toMatchObject({ resolveDueAt: beyond, hardLimitAt: beyond, extensionCount: 2 });
  });

  it("failing: bad registrations get BAD_USER_INPUT naming the field", async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [
        { type: "REPAIR", channel: "PHONE", severity: "URGENT", content: "x", officeId: f.officeA },
        "SEVERITY_NOT_FOR_TYPE",
        "severity",
      ],
      [
        {
          type: "HELP",
          channel: "PHONE",
          content: "x",
          officeId: f.officeA,
          receivedAt: new Date(Date.now() + 24 * HOUR).toISOString(),
        },
        "RECEIVED_IN_FUTURE",
        "receivedAt",
      ],
      [
        { type: "HELP", channel: "PHONE", content: "x", anonymous: true, customerId: f.customerA },
        "ANONYMOUS_WITH_CUSTOMER",
        "customerId",
      ],
      [{ type: "HELP", channel: "PHONE", content: "x", officeId: f.officeB, unitId: f.unitA }, "OFFICE_MISMATCH", "officeId"],
      [{ type: "HELP", channel: "PHONE", content: "   ", officeId: f.officeA }, "CONTENT_REQUIRED", "content"],
    ];
    for (const [input, reason, field] of cases) {
      const result = await t.gql(
        `mutation($i: RegisterTicketInput!) { registerTicket(input: $i) { id } }`,
        { i: input },
        { token: f.tokens.admin },
      );
      expect(result.errors?.[0]?.extensions, reason).toMatchObject({ code: "BAD_USER_INPUT" });
      expect([
        result.errors?.[0]?.extensions?.reason,
        ...(result.errors?.[0]?.extensions?.problems ?? []).map(() => "VALIDATION_FAILED"),
      ]).toContain(reason);
      expect(JSON.stringify(result.errors?.[0]?.extensions)).toContain(field);
    }
    const noOffice = await t.gql(
      `mutation { registerTicket(input: { type: HELP, channel: PHONE, content: "x" }) { id } }`,
      {},
      { token: f.tokens.admin },
    );
    expect(noOffice.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", reason: "OFFICE_REQUIRED" });
  });
});
