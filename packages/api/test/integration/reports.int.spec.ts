import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCode, startTestApi, type TestApi } from "../harness/api";
import { createAssessmentFlow } from "../harness/assessment-flow";
import { createFeesFlow, type FeesFlow } from "../harness/fees-flow";
import { createTenantFixture, type TenantFixture } from "../harness/tenant-fixture";
import { createTicketFlow, gqlAs, register } from "../harness/ticket-flow";

let t: TestApi;
let f: TenantFixture;
let fees: FeesFlow;
const today = DateTime.now().setZone("Asia/Shanghai").startOf("day");
const recent = { from: today.minus({ days: 30 }).toISODate()!, to: today.plus({ days: 2 }).toISODate()! };

const RATE = "{ numerator denominator value }";

beforeAll(async () => {
  t = await startTestApi();
  f = await createTenantFixture(t, "reports");
  await createTicketFlow(t, f);
  fees = await createFeesFlow(t, f);
  await createAssessmentFlow(t, f, "2026-Q3");
});
afterAll(() => t?.stop());

const comparison = (token: string, period = recent) =>
  t.gql(
    `query($from: LocalDate!, $to: LocalDate!) { officeComparison(from: $from, to: $to) {
       from to asOf timeZone targets { satisfaction collection }
       rows { officeId office { code } units satisfaction ${RATE} followUpRate ${RATE} collectionRate ${RATE} replyCompliance ${RATE}
              resolveCompliance ${RATE} overdueNow complaints repairs tickets complaintsPer100Units repairsPer100Units
              spotCheckDisagreement ${RATE} belowTarget }
       total { officeId office { code } units complaints repairs satisfaction ${RATE} } } }`,
    period,
    { token },
  );

describe("the office comparison", () => {
  it("successful: the head office sees each office's work against its targets, an idle office with null rates, and the total", async () => {
    const result = (await comparison(f.tokens.hoManager)).data!.officeComparison;
    expect(result).toMatchObject({
      ...recent,
      timeZone: "Asia/Shanghai",
      asOf: today.plus({ days: 1 }).toISODate(),
      targets: { satisfaction: 0.96, collection: 0.95 },
    });
    expect(result.rows.map((r: { office: { code: string } }) => r.office.code)).toEqual(["A", "B"]);
    const [a, b] = result.rows;
    // The ticket flow: two complaints and a repair in office A; one follow-up done (satisfied), one pending.
    expect(a).toMatchObject({
      officeId: f.officeA,
      units: 1,
      complaints: 2,
      repairs: 1,
      tickets: 3,
      complaintsPer100Units: 200,
      satisfaction: { numerator: 1, denominator: 1, value: 1 },
      followUpRate: { numerator: 1, denominator: 2, value: 0.5 },
      belowTarget: [],
    });
    expect(b).toMatchObject({
      officeId: f.officeB,
      complaints: 0,
      satisfaction: { value: null },
      collectionRate: { value: null },
      belowTarget: [],
    });
    expect(result.total).toMatchObject({
      officeId: null,
      office: null,
      units: 2,
      complaints: 2,
      repairs: 1,
      satisfaction: { numerator: 1, denominator: 1 },
    });
  });

  it("successful: collection counts bills due in the period, and the office below target is marked", async () => {
    const start = DateTime.fromISO(`${fees.periodCode}-01`);
    const period = { from: start.toISODate()!, to: start.plus({ months: 1 }).toISODate()! };
    const [a] = (await comparison(f.tokens.admin, period)).data!.officeComparison.rows;
    expect(a.collectionRate).toEqual({ numerator: 10_000, denominator: 24_780 + 1_500, value: 10_000 / 26_280 });
    expect(a.belowTarget).toEqual(["COLLECTION"]);
  });

  it("failing: an office manager compares only their own office", async () => {
    const rows = (await comparison(f.tokens.managerB)).data!.officeComparison.rows;
    expect(rows.map((r: { officeId: string }) => r.officeId)).toEqual([f.officeB]);
  });

  it("failing: a period that ends before it starts, or spans more than five years, is refused", async () => {
    const backwards = await comparison(f.tokens.admin, { from: recent.to, to: recent.from });
    expect(errorCode(backwards)).toBe("BAD_USER_INPUT");
    expect(backwards.errors?.[0]?.extensions?.reason).toBe("INVALID_PERIOD");
    expect(errorCode(await comparison(f.tokens.admin, { from: "2010-01-01", to: "2026-01-01" }))).toBe("BAD_USER_INPUT");
    expect(errorCode(await comparison(f.tokens.admin, { from: "2026-02-30", to: "2026-03-01" }))).toBe("BAD_USER_INPUT");
  });
});

describe("reports as flat rows", () => {
  it("successful: grouped by office and month, each row names its office and month", async () => {
    const rows = (
      await gqlAs(t, f.tokens.api)(
        `query($from: LocalDate!, $to: LocalDate!) { satisfactionReport(from: $from, to: $to, groupBy: [OFFICE, MONTH]) { officeId office { code } month satisfaction ${RATE} spotCheckSatisfaction ${RATE} spotCheckAgreement ${RATE} } }`,
        recent,
      )
    ).satisfactionReport;
    expect(rows).toEqual([
      {
        officeId: f.officeA,
        office: { code: "A" },
        month: today.toFormat("yyyy-MM"),
        satisfaction: { numerator: 1, denominator: 1, value: 1 },
        spotCheckSatisfaction: { numerator: 0, denominator: 0, value: null },
        spotCheckAgreement: { numerator: 0, denominator: 0, value: null },
      },
    ]);
  });

  it("successful: without grouping there is one row for the whole scope, even when nothing happened", async () => {
    const rows = (
      await gqlAs(
        t,
        f.tokens.admin,
      )(`{ followUpReport(from: "2020-01-01", to: "2020-02-01") { officeId month followUpRate ${RATE} } }`)
    ).followUpReport;
    expect(rows).toEqual([{ officeId: null, month: null, followUpRate: { numerator: 0, denominator: 0, value: null } }]);
  });

  it("successful: tickets by type, the complaint classification, SLA compliance and overdue now", async () => {
    const q = `query($from: LocalDate!, $to: LocalDate!, $o: ID) {
      ticketVolumeReport(from: $from, to: $to, officeId: $o) { type tickets }
      complaintClassificationReport(from: $from, to: $to, officeId: $o) { severity complaintClass validity channel complaints complainants }
      slaReport(from: $from, to: $to, officeId: $o) { replyCompliance ${RATE} resolveCompliance ${RATE} }
      overdueReport(officeId: $o, byOffice: true) { officeId overdue replyOverdue resolveOverdue } }`;
    // Up to two months ahead, so every deadline of today's tickets falls inside.
    const r = await gqlAs(t, f.tokens.managerA)(q, {
      from: recent.from,
      to: today.plus({ months: 2 }).toISODate(),
      o: f.officeA,
    });
    expect(r.ticketVolumeReport).toEqual([
      { type: "COMPLAINT", tickets: 2 },
      { type: "REPAIR", tickets: 1 },
    ]);
    expect(r.complaintClassificationReport.reduce((n: number, x: { complaints: number }) => n + x.complaints, 0)).toBe(2);
    expect(new Set(r.complaintClassificationReport.map((x: { channel: string }) => x.channel))).toEqual(
      new Set(["PHONE", "VISIT"]),
    );
    // Deadlines of today's tickets are still ahead: resolved ones are decided (met), open ones not yet.
    expect(r.slaReport[0].resolveCompliance).toEqual({ numerator: 2, denominator: 2, value: 1 });
    expect(r.overdueReport).toEqual([]);
  });

  it("successful: collection and arrears by age for the fees on record", async () => {
    const start = DateTime.fromISO(`${fees.periodCode}-01`);
    const r = await gqlAs(t, f.tokens.hoManager)(
      `query($from: LocalDate!, $to: LocalDate!) {
        collectionReport(from: $from, to: $to, groupBy: [OFFICE, MONTH]) { officeId month billedCents paidCents outstandingCents bills collectionRate ${RATE} }
        arrearsReport(byOffice: true) { officeId outstandingCents billsInArrears unitsInArrears days1To30 days31To90 days91To180 days181To365 over365Days } }`,
      { from: start.toISODate(), to: start.plus({ months: 1 }).toISODate() },
    );
    expect(r.collectionReport).toEqual([
      {
        officeId: f.officeA,
        month: fees.periodCode,
        billedCents: 26_280,
        paidCents: 10_000,
        outstandingCents: 16_280,
        bills: 2,
        collectionRate: { numerator: 10_000, denominator: 26_280, value: 10_000 / 26_280 },
      },
    ]);
    const [arrears] = r.arrearsReport;
    expect(arrears).toMatchObject({ officeId: f.officeA, outstandingCents: 16_280, billsInArrears: 2, unitsInArrears: 1 });
    expect(arrears.days31To90 + arrears.days91To180).toBe(16_280);
  });

  it("successful: the model's top five and the staff ranking by composite score; office staff see only their own row", async () => {
    const args = { from: "2026-07-01", to: "2026-10-01" };
    const top = (
      await gqlAs(t, f.tokens.hoManager)(
        `query($from: LocalDate!, $to: LocalDate!) { competencyTopFiveReport(from: $from, to: $to) { indicator { code combinedWeight } score ratings assessments } }`,
        args,
      )
    ).competencyTopFiveReport;
    expect(top.map((r: { indicator: { combinedWeight: number } }) => r.indicator.combinedWeight)).toEqual([
      11.55, 10.38, 10.35, 10.1, 9.98,
    ]);
    expect(top.every((r: { score: number; assessments: number }) => r.score === 80 && r.assessments === 1)).toBe(true);
    const ranking = `query($from: LocalDate!, $to: LocalDate!) { staffCompositeRanking(from: $from, to: $to) { rank staff { id } office { id } compositeScore assessments } }`;
    expect((await gqlAs(t, f.tokens.hoManager)(ranking, args)).staffCompositeRanking).toEqual([
      { rank: 1, staff: { id: f.staff.staffA }, office: { id: f.officeA }, compositeScore: 80, assessments: 1 },
    ]);
    expect((await gqlAs(t, f.tokens.staffA)(ranking, args)).staffCompositeRanking).toHaveLength(1);
    expect((await gqlAs(t, f.tokens.staffB)(ranking, args)).staffCompositeRanking).toEqual([]);
  });

  it("failing: an office role asking for another office's report gets NOT_FOUND, not its numbers", async () => {
    for (const field of ["satisfactionReport", "followUpReport", "slaReport", "ticketVolumeReport"]) {
      const result = await t.gql(
        `query($o: ID) { ${field}(from: "2026-01-01", to: "2027-01-01", officeId: $o) { officeId } }`,
        { o: f.officeA },
        { token: f.tokens.managerB },
      );
      expect(errorCode(result), field).toBe("NOT_FOUND");
    }
  });
});

describe("the group's time zone", () => {
  it("successful: changing it moves each ticket into the month it fell in locally, in every report", async () => {
    const g = await createTenantFixture(t, "zone");
    // 04:00 on 1 November in Shanghai, 16:00 on 31 October in New York.
    await register(t, g.tokens.staffA, {
      type: "REPAIR",
      channel: "PHONE",
      unitId: g.unitA,
      content: "夜间漏水",
      receivedAt: "2026-10-31T20:00:00Z",
    });
    const months = async () =>
      (
        await gqlAs(
          t,
          g.tokens.admin,
        )(`{ ticketVolumeReport(from: "2026-10-01", to: "2026-12-01", groupBy: [MONTH]) { month tickets } }`)
      ).ticketVolumeReport.map((r: { month: string }) => r.month);
    expect(await months()).toEqual(["2026-11"]);
    await gqlAs(t, g.tokens.admin)(`mutation { updateTenant(input: { timeZone: "America/New_York" }) { timeZone } }`);
    expect(await months()).toEqual(["2026-10"]);
  });
});
