import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, seedDemoData } from "../../src/seeders/demo-data";
import { startTestApi, type TestApi } from "../harness/api";
import { login } from "../harness/tenant-fixture";
import { gqlAs } from "../harness/ticket-flow";

/**
 * The demo the README promises: loaded once through the same code `pnpm start` runs, with a year of fees
 * whose collection looks like real offices (most 90–98%, one lagging) and assessments for everyone.
 */
let t: TestApi;
let admin: (query: string, variables?: Record<string, unknown>) => Promise<any>;
let firstLoad: { created: boolean };

beforeAll(async () => {
  t = await startTestApi({ ownDatabase: true });
  firstLoad = await seedDemoData(t.api.services);
  admin = gqlAs(t, await login(t, "huaxia", "admin@huaxia.demo", DEMO_PASSWORD));
}, 300_000);
afterAll(() => t?.stop());

describe("demo data", () => {
  it("successful: loads once; starting again adds nothing", async () => {
    expect(firstLoad.created).toBe(true);
    const before = await admin(
      `{ bills(first: 1) { totalCount } payments(first: 1) { totalCount } competencyAssessments(first: 1) { totalCount } }`,
    );
    expect((await seedDemoData(t.api.services)).created).toBe(false);
    expect(
      await admin(
        `{ bills(first: 1) { totalCount } payments(first: 1) { totalCount } competencyAssessments(first: 1) { totalCount } }`,
      ),
    ).toEqual(before);
  }, 120_000);

  it("successful: every unit is billed for each of twelve months", async () => {
    const periods = (await admin(`{ billingPeriods { code } }`)).billingPeriods;
    expect(periods).toHaveLength(12);
    const units = (await admin(`{ units(first: 1) { totalCount } }`)).units.totalCount;
    const bills = (await admin(`{ bills(first: 1) { totalCount } }`)).bills.totalCount;
    expect(bills).toBe(units * 3 * 12);
  });

  it("successful: most offices collect 90–98% of what fell due, one lags well behind, and the books reconcile", async () => {
    const offices = (await admin(`{ officeArrears { officeName billedCents paidCents outstandingCents unitsInArrears } }`))
      .officeArrears as {
      officeName: string;
      billedCents: number;
      paidCents: number;
      outstandingCents: number;
    }[];
    expect(offices).toHaveLength(6);
    const rates = offices.map((o) => ({ name: o.officeName, rate: o.paidCents / o.billedCents }));
    for (const o of offices) expect(o.billedCents).toBe(o.paidCents + o.outstandingCents);
    const lagging = rates.filter((r) => r.rate < 0.9);
    expect(lagging.map((r) => r.name)).toEqual(["银杏管理处"]);
    expect(lagging[0]!.rate).toBeGreaterThan(0.7);
    for (const r of rates.filter((x) => x.rate >= 0.9)) expect(r.rate).toBeLessThanOrEqual(0.985);
    const notices = (await admin(`{ dunningNotices(first: 1) { totalCount } }`)).dunningNotices.totalCount;
    expect(notices).toBeGreaterThan(0);
  });

  it("successful: everyone but the admin has competency assessments; monthly assessments are on record", async () => {
    const staff = (await admin(`{ staffMembers(first: 500) { nodes { id role } } }`)).staffMembers.nodes as {
      id: string;
      role: string;
    }[];
    const assessed = new Set(
      (
        await admin(`{ competencyAssessments(first: 500) { nodes { staff { id } compositeScore } } }`)
      ).competencyAssessments.nodes.map((n: { staff: { id: string } }) => n.staff.id),
    );
    expect(staff.filter((s) => s.role !== "HEAD_OFFICE_ADMIN" && !assessed.has(s.id))).toEqual([]);
    const entries = (await admin(`{ staffAssessmentEntries(first: 1) { totalCount } }`)).staffAssessmentEntries.totalCount;
    expect(entries).toBeGreaterThan(10);
  });

  it("successful: the office comparison shows six offices with every metric, and 银杏 below its targets", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const from = `${Number(today.slice(0, 4)) - 1}${today.slice(4, 8)}01`;
    const comparison = (
      await admin(
        `query($from: LocalDate!, $to: LocalDate!) { officeComparison(from: $from, to: $to) {
           targets { satisfaction collection }
           rows { office { code } units satisfaction { value denominator } followUpRate { value } collectionRate { value }
                  replyCompliance { value } resolveCompliance { value } overdueNow complaintsPer100Units repairsPer100Units
                  spotCheckDisagreement { value denominator } belowTarget }
           total { units satisfaction { value } collectionRate { value } } } }`,
        { from, to: `${today.slice(0, 8)}01` },
      )
    ).officeComparison;
    expect(comparison.targets).toEqual({ satisfaction: 0.96, collection: 0.95 });
    expect(comparison.rows.map((r: { office: { code: string } }) => r.office.code)).toEqual(["BJ", "CH", "FL", "HJ", "JG", "YX"]);
    for (const row of comparison.rows) {
      for (const metric of ["satisfaction", "followUpRate", "collectionRate", "replyCompliance", "resolveCompliance"]) {
        expect(row[metric].value, `${row.office.code} ${metric}`).not.toBeNull();
      }
      expect(row.units).toBeGreaterThan(0);
      expect(row.repairsPer100Units).toBeGreaterThan(0);
    }
    const yx = comparison.rows.find((r: { office: { code: string } }) => r.office.code === "YX");
    expect(yx.belowTarget).toEqual(expect.arrayContaining(["SATISFACTION", "COLLECTION"]));
    expect(comparison.rows.filter((r: { belowTarget: string[] }) => r.belowTarget.length === 0).length).toBeGreaterThan(0);
    // Small offices may have had no spot check drawn; the group as a whole has.
    expect(
      comparison.rows.reduce(
        (n: number, r: { spotCheckDisagreement: { denominator: number } }) => n + r.spotCheckDisagreement.denominator,
        0,
      ),
    ).toBeGreaterThan(5);
    expect(comparison.total.units).toBe(comparison.rows.reduce((n: number, r: { units: number }) => n + r.units, 0));
  });

  it("successful: a few residents of each office carry sensitive notes, which only that office's staff read", async () => {
    const notesSeenBy = async (query: (q: string, v?: Record<string, unknown>) => Promise<any>) => {
      const seen: (unknown[] | null)[] = [];
      let after: string | null = null;
      do {
        const page: any = (
          await query(
            `query($after: String) { customers(first: 500, after: $after) { nodes { sensitiveNotes { category text } } pageInfo { hasNextPage endCursor } } }`,
            {
              after,
            },
          )
        ).customers;
        seen.push(...page.nodes.map((n: { sensitiveNotes: unknown[] | null }) => n.sensitiveNotes));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      return seen;
    };
    const staff = await notesSeenBy(gqlAs(t, await login(t, "huaxia", "ch.staff1@huaxia.demo", DEMO_PASSWORD)));
    expect(staff.flatMap((n) => n ?? []).length).toBe(3);
    expect(staff.every((n) => Array.isArray(n))).toBe(true);
    const head = await notesSeenBy(admin);
    expect(head.every((n) => n === null)).toBe(true);
  });
});
