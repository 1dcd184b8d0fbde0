import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCode, startTestApi, type TestApi } from "../harness/api";
import { createTenantFixture, type TenantFixture } from "../harness/tenant-fixture";
import { gqlAs, register } from "../harness/ticket-flow";

/** Registers, resolves and follows up `count` tickets of a type, satisfied unless told otherwise. */
async function followedUp(
  t: TestApi,
  f: TenantFixture,
  type: string,
  count: number,
  satisfaction = "SATISFIED",
): Promise<string[]> {
  const staff = gqlAs(t, f.tokens.staffA);
  const ids: string[] = [];
  for (let batch = 0; batch < count; batch += 10) {
    const made = await Promise.all(
      Array.from({ length: Math.min(10, count - batch) }, async (_, i) => {
        const ticket = await register(t, f.tokens.staffA, {
          type,
          channel: "PHONE",
          customerId: f.customerA,
          content: `${type} ${batch + i}`,
        });
        const resolved = (
          await staff(`mutation($id: ID!) { resolveTicket(id: $id, input: { resolution: "done" }) { followUps { id } } }`, {
            id: ticket.id,
          })
        ).resolveTicket;
        await staff(
          `mutation($id: ID!, $s: Satisfaction) { recordFollowUpAttempt(id: $id, input: { method: PHONE, outcome: REACHED, satisfaction: $s }) { id } }`,
          {
            id: resolved.followUps[0].id,
            s: satisfaction,
          },
        );
        return ticket.id as string;
      }),
    );
    ids.push(...made);
  }
  return ids;
}

const DRAW = `mutation($s: SpotCheckSampler!, $from: DateTimeISO!, $to: DateTimeISO!, $seed: Int) {
  drawSpotCheckSample(input: { sampler: $s, from: $from, to: $to, seed: $seed }) {
    id seed population sampleSize checks { id status ticket { id type } followUp { satisfaction } office { id } }
  }
}`;

describe("head-office spot checks of follow-ups", () => {
  let t: TestApi;
  let f: TenantFixture;
  let from: string;
  let to: string;
  const counts: Record<string, number> = { COMPLAINT: 60, HELP: 30, REPAIR: 30 };

  beforeAll(async () => {
    t = await startTestApi();
    f = await createTenantFixture(t, "spot");
    from = new Date(Date.now() - 60_000).toISOString();
    for (const [type, n] of Object.entries(counts)) await followedUp(t, f, type, n);
    to = new Date(Date.now() + 60_000).toISOString();
  }, 180_000);
  afterAll(() => t.stop());

  it("successful: the management department draws 10% of complaints and 1% of help requests of the period, reproducibly", async () => {
    const hq = gqlAs(t, f.tokens.hoManager);
    const sample = (await hq(DRAW, { s: "HEAD_OFFICE_MANAGEMENT", from, to, seed: 2026 })).drawSpotCheckSample;
    const byType = (type: string) => sample.checks.filter((c: { ticket: { type: string } }) => c.ticket.type === type).length;
    expect(sample.population).toBe(120);
    expect([byType("COMPLAINT"), byType("HELP"), byType("REPAIR")]).toEqual([
      Math.ceil(0.1 * counts.COMPLAINT!),
      Math.ceil(0.01 * counts.HELP!),
      0,
    ]);
    expect(
      sample.checks.every((c: { status: string; office: { id: string } }) => c.status === "PENDING" && c.office.id === f.officeA),
    ).toBe(true);
    // Drawing the same period again gives the same sample, not a second one.
    const again = (await hq(DRAW, { s: "HEAD_OFFICE_MANAGEMENT", from, to, seed: 99 })).drawSpotCheckSample;
    expect(again.id).toBe(sample.id);
    expect(again.seed).toBe(2026);
  });

  it("successful: the general office draws 3% of all followed-up tickets", async () => {
    const sample = (await gqlAs(t, f.tokens.hoManager)(DRAW, { s: "GENERAL_OFFICE", from, to })).drawSpotCheckSample;
    expect(sample.sampleSize).toBe(Math.ceil(0.03 * 120));
    expect(sample.checks).toHaveLength(sample.sampleSize);
  });

  it("successful: a head-office rating that disagrees with the office's is a finding, visible on the ticket and to the office", async () => {
    const hq = gqlAs(t, f.tokens.hoManager);
    const sample = (await hq(DRAW, { s: "HEAD_OFFICE_MANAGEMENT", from, to })).drawSpotCheckSample;
    const [agreeing, disagreeing] = sample.checks;
    await hq(`mutation($id: ID!) { recordSpotCheck(id: $id, input: { satisfaction: VERY_SATISFIED }) { agrees } }`, {
      id: agreeing.id,
    });
    const finding = (
      await hq(
        `mutation($id: ID!) { recordSpotCheck(id: $id, input: { satisfaction: DISSATISFIED, comment: "回访记录与实际不符" }) { agrees status checkedBy { id } } }`,
        { id: disagreeing.id },
      )
    ).recordSpotCheck;
    expect(finding).toEqual({ agrees: false, status: "DONE", checkedBy: { id: f.staff.hoManager } });
    const findings = (
      await gqlAs(t, f.tokens.managerA)(`{ spotChecks(agrees: false) { nodes { id satisfaction comment ticket { id } } } }`)
    ).spotChecks.nodes;
    expect(findings).toEqual([
      { id: disagreeing.id, satisfaction: "DISSATISFIED", comment: "回访记录与实际不符", ticket: { id: disagreeing.ticket.id } },
    ]);
    const timeline = (
      await gqlAs(t, f.tokens.managerA)(`query($id: ID!) { ticket(id: $id) { timeline { kind changes { field from to } } } }`, {
        id: disagreeing.ticket.id,
      })
    ).ticket.timeline;
    expect(timeline.at(-1).kind).toBe("SPOT_CHECKED");
    expect(timeline.at(-1).changes).toEqual(
      expect.arrayContaining([
        { field: "spotCheck", from: "SATISFIED", to: "DISSATISFIED" },
        { field: "agrees", from: null, to: "false" },
      ]),
    );
    const twice = await t.gql(
      `mutation($id: ID!) { recordSpotCheck(id: $id, input: { satisfaction: SATISFIED }) { id } }`,
      { id: disagreeing.id },
      { token: f.tokens.hoManager },
    );
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", reason: "SPOT_CHECK_DONE" });
  });

  it("failing: office roles cannot draw samples or record spot checks", async () => {
    for (const who of ["managerA", "staffA"] as const) {
      expect(errorCode(await t.gql(DRAW, { s: "GENERAL_OFFICE", from, to }, { token: f.tokens[who] }))).toBe("FORBIDDEN");
    }
  });

  it("failing: a period that ends before it starts is refused", async () => {
    const result = await t.gql(DRAW, { s: "GENERAL_OFFICE", from: to, to: from }, { token: f.tokens.hoManager });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", reason: "INVALID_PERIOD" });
  });
});
