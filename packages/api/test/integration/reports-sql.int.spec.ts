import fc from "fast-check";
import {
  arrearsRows,
  arrearsSql,
  collectionCounts,
  collectionFromRollup,
  collectionSql,
  compareClassification,
  compareIndicatorCounts,
  compareKeys,
  compareVolume,
  complaintClassificationRows,
  complaintClassificationSql,
  followUpCounts,
  followUpsFromRollup,
  indicatorCounts,
  indicatorSql,
  officeInputsFrom,
  officeInputsFromRollup,
  overdueRows,
  overdueSql,
  parseArrears,
  parseCollection,
  parseComplaintClassification,
  parseIndicators,
  parseOverdue,
  parseRollup,
  parseStaffAssessments,
  parseStaffIndicators,
  parseUnitCounts,
  rollupSql,
  satisfactionCounts,
  satisfactionFromRollup,
  slaCounts,
  slaFromRollup,
  staffAssessmentSql,
  staffIndicatorCounts,
  staffIndicatorSql,
  unitCountSql,
  volumeRows,
  volumesFromRollup,
  type BillRow,
  type PaymentRow,
} from "@psp/reports";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../harness/api";
import {
  INDICATORS,
  applyUpdates,
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
  updatesArb,
} from "../harness/report-data";
import { createTenantFixture, type TenantFixture } from "../harness/tenant-fixture";

/**
 * Every report's SQL, run by PostgreSQL on the real tables, returns exactly what its reference definition
 * computes from the same rows — for random data, periods (incl. local-midnight boundaries in five time
 * zones), scopes (all offices, one, none) and groupings. The rollup is checked after inserts and after
 * multi-row updates, and against a rebuild from scratch.
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
/** With every payment counted, a bill's paid amount is its own `paid_cents`: one payment of it stands for them all. */
const paidInFull = (bills: BillRow[]): PaymentRow[] =>
  bills.map((b) => ({ billId: b.id, amountCents: b.paidCents, paidOn: "2000-01-01" }));

describe("report SQL equals the reference definitions", () => {
  it("the rollup: satisfaction, follow-up rate, SLA, volumes, collection and the office comparison, after inserts and updates", async () => {
    await fc.assert(
      fc.asyncProperty(
        queryArb(f.tenantId, offices).chain((q) =>
          fc.record({
            q: fc.constant(q),
            data: followUpDataArb(q, offices),
            now: instantArb(q),
            billingSeed: fc.nat(),
            updateSeed: fc.nat(),
          }),
        ),
        async ({ q, data: inserted, now, billingSeed, updateSeed }) => {
          await inRolledBackTenant(orm(), f.tenantId, async (em) => {
            // The rollup keeps local days of the group's zone; reports ask in the same zone.
            await em.execute("update tenant set time_zone = ? where id = ?", [q.period.timeZone, f.tenantId]);
            const ids = await loadFollowUpData(em, f, inserted);
            const units = await loadUnits(em, f);
            const [billing] = fc.sample(billingDataArb(q, units), { numRuns: 1, seed: billingSeed });
            await loadBillingData(em, f, billing!);
            const [updates] = fc.sample(updatesArb(q, offices, inserted, billing!.bills), { numRuns: 1, seed: updateSeed });
            const { data, bills } = await applyUpdates(em, f, ids, inserted, billing!.bills, updates!);

            const rows = await run(em, rollupSql(q, now)).then(parseRollup);
            expect(byKey(satisfactionFromRollup(rows, q.groupBy))).toEqual(
              satisfactionCounts(data.followUps, data.spotChecks, q),
            );
            expect(byKey(followUpsFromRollup(rows, q.groupBy))).toEqual(followUpCounts(data.followUps, q));
            expect(byKey(slaFromRollup(rows, q.groupBy))).toEqual(slaCounts(data.tickets, q, now));
            expect(volumesFromRollup(rows).sort(compareVolume)).toEqual(volumeRows(data.tickets, q));
            expect(byKey(collectionFromRollup(rows, q.groupBy))).toEqual(
              collectionCounts(bills, paidInFull(bills), q, "2999-01-01"),
            );

            const comparison = { ...q, officeIds: q.officeIds ?? [...offices], groupBy: { office: true, month: false } };
            const perOffice = await run(em, rollupSql(comparison, now)).then(parseRollup);
            const unitCounts = await run(em, unitCountSql(comparison)).then(parseUnitCounts);
            const overdue = await run(em, overdueSql(comparison, { office: true }, now)).then(parseOverdue);
            const allUnits = [...units, { officeId: f.officeA }, { officeId: f.officeB }];
            expect(officeInputsFromRollup(perOffice, comparison.officeIds, unitCounts, overdue)).toEqual(
              officeInputsFrom({ ...data, bills, payments: paidInFull(bills), units: allUnits }, comparison, now, "2999-01-01"),
            );

            // Maintained step by step, the rollup equals one rebuilt from the rows.
            const snapshot = () =>
              em.execute(`select * from report_office_day where tenant_id = ? order by office_id, day`, [f.tenantId]);
            const maintained = (await snapshot()).filter((r: Record<string, unknown>) =>
              Object.values(r).some((v) => typeof v !== "string" && Number(v) !== 0),
            );
            await em.execute("select report_rebuild(?)", [f.tenantId]);
            expect(await snapshot()).toEqual(maintained);
          });
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("overdue now and the complaint classification", async () => {
    await fc.assert(
      fc.asyncProperty(
        queryArb(f.tenantId, offices).chain((q) =>
          fc.record({ q: fc.constant(q), data: followUpDataArb(q, offices), now: instantArb(q) }),
        ),
        async ({ q, data, now }) => {
          await inRolledBackTenant(orm(), f.tenantId, async (em) => {
            await loadFollowUpData(em, f, data);
            expect(byKey(parseOverdue(await run(em, overdueSql(q, q.groupBy, now))))).toEqual(
              overdueRows(data.tickets, q, q.groupBy, now),
            );
            expect(
              parseComplaintClassification(await run(em, complaintClassificationSql(q))).sort(compareClassification),
            ).toEqual(complaintClassificationRows(data.tickets, q));
          });
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("collection rate and arrears by age as of any day, reading payments or (after today) the bills alone", async () => {
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
});
