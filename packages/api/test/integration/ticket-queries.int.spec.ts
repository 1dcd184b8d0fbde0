import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCode, ok, startTestApi, type TestApi } from "../harness/api";
import { createTenantFixture, type TenantFixture } from "../harness/tenant-fixture";
import { gqlAs, register } from "../harness/ticket-flow";

const DEADLINES = `query($type: TicketType!, $severity: Severity, $channel: Channel!, $at: DateTimeISO) {
  ticketDeadlines(type: $type, severity: $severity, channel: $channel, at: $at) {
    replyDueAt resolveDueAt hardLimitAt rule { type severity channel reply { kind amount } resolve { kind amount } }
  }
}`;

describe("promising deadlines and the SLA policy", () => {
  let t: TestApi;
  let f: TenantFixture;

  beforeAll(async () => {
    t = await startTestApi();
    f = await createTenantFixture(t, "sla");
  });
  afterAll(() => t.stop());

  it("ticketDeadlines: a general complaint taken on a Friday afternoon is due at the end of Monday (Asia/Shanghai)", async () => {
    const d = ok(
      await t.gql(
        DEADLINES,
        { type: "COMPLAINT", channel: "PHONE", at: "2026-11-20T15:00:00+08:00" },
        { token: f.tokens.staffA },
      ),
    ).ticketDeadlines;
    expect(d).toEqual({
      replyDueAt: "2026-11-20T09:00:00.000Z",
      resolveDueAt: "2026-11-23T16:00:00.000Z",
      hardLimitAt: "2026-11-25T16:00:00.000Z",
      rule: {
        type: "COMPLAINT",
        severity: "GENERAL",
        channel: null,
        reply: { kind: "HOURS", amount: 2 },
        resolve: { kind: "WORKING_DAYS", amount: 1 },
      },
    });
  });

  it("ticketDeadlines: the National Day week and its make-up Saturday count as the group's calendar says", async () => {
    const before = ok(
      await t.gql(
        DEADLINES,
        { type: "SUGGESTION", channel: "ONLINE", at: "2026-09-30T10:00:00+08:00" },
        { token: f.tokens.staffA },
      ),
    ).ticketDeadlines;
    expect(before.resolveDueAt).toBe("2026-10-08T16:00:00.000Z");
    const friday = ok(
      await t.gql(
        DEADLINES,
        { type: "SUGGESTION", channel: "ONLINE", at: "2026-10-09T10:00:00+08:00" },
        { token: f.tokens.staffA },
      ),
    ).ticketDeadlines;
    expect(friday.resolveDueAt).toBe("2026-10-10T16:00:00.000Z");
    // The admin makes 9 October a holiday: the calendar is the group's own.
    ok(
      await t.gql(
        `mutation { setCalendarDays(days: [{ day: "2026-10-09", kind: HOLIDAY, name: "公司假日" }]) { day } }`,
        {},
        { token: f.tokens.admin },
      ),
    );
    const thursday = ok(
      await t.gql(
        DEADLINES,
        { type: "SUGGESTION", channel: "ONLINE", at: "2026-10-08T10:00:00+08:00" },
        { token: f.tokens.staffA },
      ),
    ).ticketDeadlines;
    expect(thursday.resolveDueAt).toBe("2026-10-10T16:00:00.000Z");
  });

  it("failing: a severity of another type is refused", async () => {
    const result = await t.gql(DEADLINES, { type: "REPAIR", severity: "URGENT", channel: "PHONE" }, { token: f.tokens.staffA });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      reason: "SEVERITY_NOT_FOR_TYPE",
      allowed: ["MINOR", "MEDIUM", "MAJOR"],
    });
  });

  it("successful: a head-office admin edits the policy; new tickets follow it; reset returns to the regulations", async () => {
    const admin = gqlAs(t, f.tokens.admin);
    const policy = (
      await admin(
        `{ slaPolicy { isDefault followUpDueDays dueSoonRatio rules { type severity channel reply { kind amount } resolve { kind amount } hardLimit { kind amount } note } spotCheckRates { sampler type rate } } }`,
      )
    ).slaPolicy;
    expect(policy).toMatchObject({ isDefault: true, followUpDueDays: 3, dueSoonRatio: 0.75 });
    expect(policy.rules).toHaveLength(13);
    const rules = policy.rules.map((r: any) => {
      const rule = { ...r };
      if (r.type === "CONSULTATION" && r.channel === null) rule.reply = { kind: "MINUTES", amount: 30 };
      for (const k of ["reply", "resolve", "hardLimit", "severity", "channel", "note"]) if (rule[k] === null) delete rule[k];
      return rule;
    });
    const updated = (
      await admin(`mutation($i: SlaPolicyInput!) { updateSlaPolicy(input: $i) { isDefault followUpDueDays updatedBy { id } } }`, {
        i: { rules, followUpDueDays: 5, dueSoonRatio: 0.8, spotCheckRates: policy.spotCheckRates },
      })
    ).updateSlaPolicy;
    expect(updated).toEqual({ isDefault: false, followUpDueDays: 5, updatedBy: { id: f.staff.admin } });
    const d = ok(
      await t.gql(
        DEADLINES,
        { type: "CONSULTATION", channel: "PHONE", at: "2026-11-20T10:00:00+08:00" },
        { token: f.tokens.staffA },
      ),
    ).ticketDeadlines;
    expect(d.replyDueAt).toBe("2026-11-20T02:30:00.000Z");

    const ticket = await register(t, f.tokens.staffA, {
      type: "HELP",
      channel: "PHONE",
      customerId: f.customerA,
      content: "帮忙开门",
    });
    const followUp = (
      await gqlAs(t, f.tokens.staffA)(
        `mutation($id: ID!) { resolveTicket(id: $id, input: { resolution: "已开门" }) { resolvedAt followUps { dueAt } } }`,
        { id: ticket.id },
      )
    ).resolveTicket;
    expect(new Date(followUp.followUps[0].dueAt).getTime() - new Date(followUp.resolvedAt).getTime()).toBe(5 * 24 * 3600_000);

    expect((await admin(`mutation { resetSlaPolicy { isDefault followUpDueDays } }`)).resetSlaPolicy).toEqual({
      isDefault: true,
      followUpDueDays: 3,
    });
  });

  it("failing: a policy leaving a type uncovered, or with impossible amounts, is refused with each problem", async () => {
    const result = await t.gql(
      `mutation($i: SlaPolicyInput!) { updateSlaPolicy(input: $i) { isDefault } }`,
      {
        i: {
          rules: [
            { type: "COMPLAINT", reply: { kind: "HOURS", amount: 0 } },
            { type: "REPAIR", severity: "URGENT" },
          ],
          followUpDueDays: 3,
          dueSoonRatio: 0.75,
          spotCheckRates: [],
        },
      },
      { token: f.tokens.admin },
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", reason: "INVALID_POLICY" });
    const messages = (result.errors?.[0]?.extensions?.problems as { message: string }[]).map((p) => p.message).join("\n");
    expect(messages).toContain("HOURS needs an amount from 1 to 720");
    expect(messages).toContain("URGENT is not a severity of REPAIR");
    expect(messages).toContain("no rule covers HELP NORMAL by PHONE");
    expect(errorCode(await t.gql(`mutation { resetSlaPolicy { isDefault } }`, {}, { token: f.tokens.managerA }))).toBe(
      "FORBIDDEN",
    );
  });
});

describe("finding tickets", () => {
  let t: TestApi;
  let f: TenantFixture;
  let ids: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApi();
    f = await createTenantFixture(t, "find");
    const leak = await register(t, f.tokens.staffA, {
      type: "REPAIR",
      severity: "MINOR",
      channel: "PHONE",
      unitId: f.unitA,
      content: "厨房水龙头漏水",
    });
    const noise = await register(t, f.tokens.staffA, {
      type: "COMPLAINT",
      channel: "VISIT",
      customerId: f.customerA,
      content: "夜间施工噪音",
    });
    const other = await register(t, f.tokens.staffB, {
      type: "COMPLAINT",
      channel: "ONLINE",
      officeId: f.officeB,
      content: "B区垃圾未清运",
    });
    await gqlAs(t, f.tokens.managerA)(`mutation($id: ID!, $s: ID) { assignTicket(id: $id, input: { assigneeId: $s }) { id } }`, {
      id: leak.id,
      s: f.staff.staffA,
    });
    await gqlAs(t, f.tokens.staffA)(`mutation($id: ID!) { resolveTicket(id: $id, input: { resolution: "已处理" }) { id } }`, {
      id: noise.id,
    });
    ids = { leak: leak.id, noise: noise.id, other: other.id, leakNumber: leak.number };
    // A batch of tickets of the same shape (unit, customer, assignee, resolver, follow-up) for the statement count.
    for (let i = 0; i < 12; i++) {
      const x = await register(t, f.tokens.staffA, {
        type: "REPAIR",
        channel: "PHONE",
        unitId: f.unitA,
        customerId: f.customerA,
        content: `批量 ${i}`,
      });
      await gqlAs(t, f.tokens.managerA)(
        `mutation($id: ID!, $s: ID) { assignTicket(id: $id, input: { assigneeId: $s }) { id } }`,
        { id: x.id, s: f.staff.staffA },
      );
      await gqlAs(t, f.tokens.staffA)(`mutation($id: ID!) { resolveTicket(id: $id, input: { resolution: "ok" }) { id } }`, {
        id: x.id,
      });
    }
  });
  afterAll(() => t.stop());

  const find = async (token: string, filter: Record<string, unknown>, orderBy = "CREATED_DESC") =>
    ok(
      await t.gql(
        `query($f: TicketFilter, $o: TicketOrder) { tickets(filter: $f, orderBy: $o) { totalCount nodes { id } } }`,
        { f: filter, o: orderBy },
        { token },
      ),
    ).tickets.nodes.map((n: { id: string }) => n.id);

  it("filters by status, type, channel, receiver, assignee, class, text (Chinese) and dates", async () => {
    const admin = f.tokens.admin;
    expect(await find(admin, { statuses: ["RESOLVED"], types: ["COMPLAINT"] })).toEqual([ids.noise]);
    expect((await find(admin, { types: ["COMPLAINT"] })).sort()).toEqual([ids.noise, ids.other].sort());
    expect(await find(admin, { channels: ["ONLINE"] })).toEqual([ids.other]);
    expect(await find(admin, { assigneeId: f.staff.staffA, search: "水龙头" })).toEqual([ids.leak]);
    expect((await find(admin, { receiverId: f.staff.staffB })).sort()).toEqual([ids.other]);
    expect(await find(admin, { search: "水龙头" })).toEqual([ids.leak]);
    expect(await find(admin, { search: ids.leakNumber })).toEqual([ids.leak]);
    expect((await find(admin, { complaintClasses: ["GENERAL"] })).sort()).toEqual([ids.noise, ids.other].sort());
    expect(await find(admin, { createdFrom: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
    expect(await find(admin, { resolvedFrom: new Date(Date.now() - 600_000).toISOString(), types: ["COMPLAINT"] })).toEqual([
      ids.noise,
    ]);
    expect((await find(admin, { search: "批量" })).length).toBe(12);
    const byDue = await find(admin, { types: ["COMPLAINT"] }, "RESOLVE_DUE_ASC");
    expect(byDue.sort()).toEqual([ids.noise, ids.other].sort());
  });

  it("an office manager finds only their office's tickets; ticketByNumber answers like ticket(id)", async () => {
    expect(await find(f.tokens.managerB, {})).toEqual([ids.other]);
    expect(await find(f.tokens.managerB, { officeIds: [f.officeA] })).toEqual([]);
    expect(
      errorCode(
        await t.gql(
          `query($n: String!) { ticketByNumber(number: $n) { id } }`,
          { n: ids.leakNumber },
          { token: f.tokens.managerB },
        ),
      ),
    ).toBe("NOT_FOUND");
    const byNumber = ok(
      await t.gql(
        `query($n: String!) { ticketByNumber(number: $n) { id } }`,
        { n: ids.leakNumber!.toLowerCase() },
        { token: f.tokens.managerA },
      ),
    );
    expect(byNumber.ticketByNumber.id).toBe(ids.leak);
  });

  it("a page of tickets with all their relations costs the same number of SQL statements for 12 tickets as for 2", async () => {
    const query = `query($n: Int!) { tickets(first: $n) { nodes { id office { name } unit { number property { name } } customer { name } receiver { name }
      assignee { name } resolvedBy { name } followUps { status } timeline { kind actor { name } } } } }`;
    const few = await t.gql(query, { n: 2 }, { token: f.tokens.admin });
    const many = await t.gql(query, { n: 12 }, { token: f.tokens.admin });
    expect(ok(many).tickets.nodes).toHaveLength(12);
    expect(many.extensions?.sqlStatements).toBe(few.extensions?.sqlStatements);
  });
});
