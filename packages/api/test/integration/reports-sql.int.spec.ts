import fc from "fast-check";
import {
  arrearsRows,
  arrearsSql,
  collectionCounts,
  collectionSql,
  compareClassification,
  compareIndicatorCounts,
  compareKeys,
  compareVolume,
  complaintClassificationRows,
  complaintClassificationSql,
  followUpCounts,
  followUpRateSql,
  indicatorCounts,
  indicatorSql,
  officeInputsFrom,
  officeTotalsSql,
  parseOfficeTotals,
  overdueRows,
  overdueSql,
  parseArrears,
  parseCollection,
  parseComplaintClassification,
  parseFollowUpRate,
  parseIndicators,
  parseOverdue,
  parseSatisfaction,
  parseSla,
  parseStaffAssessments,
  parseStaffIndicators,
  parseVolume,
  satisfactionCounts,
  satisfactionSql,
  slaCounts,
  slaSql,
  staffAssessmentSql,
  staffIndicatorCounts,
  staffIndicatorSql,
  volumeRows,
  volumeSql,
} from "@psp/reports";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../harness/api";
import {
  INDICATORS,
  billingDataArb,
  competencyDataArb,
  followUpDataArb,
  inRolledBackTenant,
  instantArb,
  loadBillingData,
  loadCompetencyData,
  loadFollowUpData,
  loadUnits,
  queryArb,
  run,
} from "../harness/report-data";
import { createTenantFixture, type TenantFixture } from "../harness/tenant-fixture";

/**
 * Every metric's SQL, run by PostgreSQL on the real tables, returns exactly what its reference function
 * computes from the same rows — for random data, periods (incl. local-midnight boundaries in five time
 * zones), scopes (all offices, one, none) and groupings.
 */
const RUNS = Number(process.env.REPORT_PROPERTY_RUNS ?? 40);

let t: TestApi;
let f: TenantFixture;
let offices: readonly [string, string];

beforeAll(async () => {
  t = await startTestApi();
  f = await createTenantFixture(t, "reports-sql");
  offices = [f.officeA, f.officeB];
});
afterAll(() => t?.stop());

const orm = () => t.api.services.orm;
const byKey = <T extends { officeId: string | null; month: string | null }>(rows: T[]) => rows.sort(compareKeys);

describe("report SQL equals the reference definitions", () => {
  it("satisfaction, spot-check satisfaction and agreement, and follow-up rate", async () => {
    await fc.assert(
      fc.asyncProperty(
        queryArb(f.tenantId, offices).chain((q) => followUpDataArb(q, offices).map((data) => ({ q, data }))),
        async ({ q, data }) => {
          await inRolledBackTenant(orm(), f.tenantId, async (em) => {
            await loadFollowUpData(em, f, data);
            expect(byKey(parseSatisfaction(await run(em, satisfactionSql(q))))).toEqual(
              satisfactionCounts(data.followUps, data.spotChecks, q),
            );
            expect(byKey(parseFollowUpRate(await run(em, followUpRateSql(q))))).toEqual(followUpCounts(data.followUps, q));
          });
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("SLA compliance, overdue now, volumes and the complaint classification", async () => {
    await fc.assert(
      fc.asyncProperty(
        queryArb(f.tenantId, offices).chain((q) =>
          fc.record({ q: fc.constant(q), data: followUpDataArb(q, offices), now: instantArb(q) }),
        ),
        async ({ q, data, now }) => {
          await inRolledBackTenant(orm(), f.tenantId, async (em) => {
            await loadFollowUpData(em, f, data);
            expect(byKey(parseSla(await run(em, slaSql(q, now))))).toEqual(slaCounts(data.tickets, q, now));
            expect(byKey(parseOverdue(await run(em, overdueSql(q, q.groupBy, now))))).toEqual(
              overdueRows(data.tickets, q, q.groupBy, now),
            );
            expect(parseVolume(await run(em, volumeSql(q))).sort(compareVolume)).toEqual(volumeRows(data.tickets, q));
            expect(
              parseComplaintClassification(await run(em, complaintClassificationSql(q))).sort(compareClassification),
            ).toEqual(complaintClassificationRows(data.tickets, q));
          });
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("collection rate and arrears by age, reading payments or (after today) the bills alone", async () => {
    await fc.assert(
      fc.asyncProperty(queryArb(f.tenantId, offices), fc.integer({ min: 0, max: 2 ** 31 - 1 }), async (q, seed) => {
        await inRolledBackTenant(orm(), f.tenantId, async (em) => {
          const units = await loadUnits(em, f);
          const [data] = fc.sample(billingDataArb(q, units), { numRuns: 1, seed });
          await loadBillingData(em, f, data!);
          const { bills, payments, asOf, today } = data!;
          expect(byKey(parseCollection(await run(em, collectionSql(q, asOf, today))))).toEqual(
            collectionCounts(bills, payments, q, asOf),
          );
          expect(byKey(parseArrears(await run(em, arrearsSql(q, q.groupBy, asOf, today))))).toEqual(
            arrearsRows(bills, payments, q, q.groupBy, asOf),
          );
        });
      }),
      { numRuns: RUNS },
    );
  });

  it("top-five indicator scores and the staff composite", async () => {
    const staff = () => [f.staff.staffA, f.staff.staffB, f.staff.managerA, f.staff.managerB, f.staff.hoManager];
    const top = INDICATORS.slice(0, 3).map((i) => i.code);
    await fc.assert(
      fc.asyncProperty(
        queryArb(f.tenantId, offices).chain((q) =>
          competencyDataArb(q, offices, staff(), [f.staff.admin, f.staff.hoManager]).map((data) => ({ q, data })),
        ),
        async ({ q, data }) => {
          await inRolledBackTenant(orm(), f.tenantId, async (em) => {
            await loadCompetencyData(em, f, data);
            expect(parseIndicators(await run(em, indicatorSql(q, top))).sort(compareIndicatorCounts)).toEqual(
              indicatorCounts(data.assessments, data.ratings, INDICATORS.slice(0, 3), q),
            );
            const reference = staffIndicatorCounts(data.assessments, data.ratings, q);
            const byStaff = (a: { staffId: string; indicatorCode?: string }, b: { staffId: string; indicatorCode?: string }) =>
              `${a.staffId}|${a.indicatorCode ?? ""}` < `${b.staffId}|${b.indicatorCode ?? ""}` ? -1 : 1;
            expect(parseStaffIndicators(await run(em, staffIndicatorSql(q))).sort(byStaff)).toEqual(reference.indicators);
            expect(parseStaffAssessments(await run(em, staffAssessmentSql(q))).sort(byStaff)).toEqual(reference.staff);
          });
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("the office comparison's one-pass totals equal the per-metric definitions, office by office", async () => {
    await fc.assert(
      fc.asyncProperty(
        queryArb(f.tenantId, offices).chain((q) =>
          fc.record({
            q: fc.constant({ ...q, officeIds: q.officeIds ?? [...offices] }),
            data: followUpDataArb(q, offices),
            now: instantArb(q),
            seed: fc.nat(),
          }),
        ),
        async ({ q, data, now, seed }) => {
          await inRolledBackTenant(orm(), f.tenantId, async (em) => {
            await loadFollowUpData(em, f, data);
            const units = await loadUnits(em, f);
            const [billing] = fc.sample(billingDataArb(q, units), { numRuns: 1, seed });
            await loadBillingData(em, f, billing!);
            const allUnits = [...units, { officeId: f.officeA }, { officeId: f.officeB }];
            const expected = officeInputsFrom(
              { ...data, bills: billing!.bills, payments: billing!.payments, units: allUnits },
              q,
              now,
              billing!.asOf,
            );
            const actual = parseOfficeTotals(await run(em, officeTotalsSql(q, now, billing!.asOf, billing!.today)));
            const byOffice = (a: { officeId: string | null }, b: { officeId: string | null }) =>
              (a.officeId ?? "") < (b.officeId ?? "") ? -1 : 1;
            expect(actual.sort(byOffice)).toEqual(expected.sort(byOffice));
          });
        },
      ),
      { numRuns: RUNS },
    );
  });
});
