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
  type ReportQuery,
} from "@psp/reports";
import type { EntityManager } from "@mikro-orm/postgresql";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startTestApi, type TestApi } from "../harness/api";
import {
  INDICATORS,
  applyUpdates,
  billingDataArb,
  competencyDataArb,
  followUpDataArb,
  inRolledBackOwnerTenant,
  inRolledBackTenant,
  instantArb,
  loadBillingData,
  loadCompetencyData,
  loadFollowUpData,
  loadUnits,
  queryArb,
  queryInPeriodsArb,
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

/** The month rollup, and the day rollup summed per month, of the fixture's group: rows with a count only. */
async function monthsAndDaySums(em: EntityManager, tenantId: string): Promise<{ months: unknown[]; daySums: unknown[] }> {
  const counters = COUNTER_COLUMNS.map((c) => `${c}::bigint::text as ${c}`).join(", ");
  const nonZero = COUNTER_COLUMNS.map((c) => `${c} <> 0`).join(" or ");
  const months = await em.execute(
    `select office_id::text, month::text, ${counters} from report_office_month
      where tenant_id = ? and (${nonZero}) order by office_id, month`,
    [tenantId],
  );
  const daySums = await em.execute(
    `select office_id::text, month::text, ${counters}
       from (select office_id, date_trunc('month', day::timestamp)::date as month, ${COUNTER_COLUMNS.map((c) => `sum(${c}) as ${c}`).join(", ")}
               from report_office_day where tenant_id = ? group by 1, 2) s
      where ${nonZero} order by office_id, month`,
    [tenantId],
  );
  return { months, daySums };
}

const COUNTER_COLUMNS = [
  ...["complaint", "suggestion", "help", "coordination", "repair", "consultation", "quality"].map((t) => `received_${t}`),
  "reply_due",
  "reply_decided",
  "reply_met",
  "resolve_due",
  "resolve_decided",
  "resolve_met",
  "follow_ups_created",
  "follow_ups_needed",
  "follow_ups_done",
  "follow_ups_rated",
  "follow_ups_satisfied",
  "spot_checks",
  "spot_checks_satisfied",
  "spot_checks_agreeing",
  "bills",
  "billed_cents",
  "paid_cents",
];

const GROUPINGS = [
  { office: false, month: false },
  { office: true, month: false },
  { office: false, month: true },
  { office: true, month: true },
] as const;

/**
 * Periods where the rollup reads whole months from the month table and the edges from the day table: aligned to
 * months or not, one partial month, one whole month, across year ends, and beyond the data on both sides.
 */
const EDGE_PERIODS = [
  { from: "2026-01-15", to: "2026-03-10" },
  { from: "2026-01-01", to: "2027-01-01" },
  { from: "2025-12-01", to: "2026-12-01" },
  { from: "2026-02-03", to: "2026-02-21" },
  { from: "2026-03-01", to: "2026-04-01" },
  { from: "2026-04-01", to: "2026-04-30" },
  { from: "2026-04-02", to: "2026-05-01" },
  { from: "2025-12-10", to: "2026-02-05" },
  { from: "2025-12-20", to: "2026-01-10" },
  { from: "2025-11-15", to: "2026-09-01" },
];

describe("report SQL equals the reference definitions", () => {
  const rollupProperty = (queries: fc.Arbitrary<ReportQuery>, allGroupings: boolean) =>
    fc.asyncProperty(
      queries.chain((q) =>
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

          for (const groupBy of allGroupings ? GROUPINGS : [q.groupBy]) {
            const g = { ...q, groupBy };
            const rows = await run(em, rollupSql(g, now)).then(parseRollup);
            expect(byKey(satisfactionFromRollup(rows, groupBy)), "satisfaction").toEqual(
              satisfactionCounts(data.followUps, data.spotChecks, g),
            );
            expect(byKey(followUpsFromRollup(rows, groupBy)), "follow-ups").toEqual(followUpCounts(data.followUps, g));
            expect(byKey(slaFromRollup(rows, groupBy)), "SLA").toEqual(slaCounts(data.tickets, g, now));
            expect(volumesFromRollup(rows).sort(compareVolume), "volumes").toEqual(volumeRows(data.tickets, g));
            expect(byKey(collectionFromRollup(rows, groupBy)), "collection").toEqual(
              collectionCounts(bills, paidInFull(bills), g, "2999-01-01"),
            );
          }

          const comparison = { ...q, officeIds: q.officeIds ?? [...offices], groupBy: { office: true, month: false } };
          const perOffice = await run(em, rollupSql(comparison, now)).then(parseRollup);
          const unitCounts = await run(em, unitCountSql(comparison)).then(parseUnitCounts);
          const overdue = await run(em, overdueSql(comparison, { office: true }, now)).then(parseOverdue);
          const allUnits = [...units, { officeId: f.officeA }, { officeId: f.officeB }];
          expect(officeInputsFromRollup(perOffice, comparison.officeIds, unitCounts, overdue)).toEqual(
            officeInputsFrom({ ...data, bills, payments: paidInFull(bills), units: allUnits }, comparison, now, "2999-01-01"),
          );

          // Maintained step by step, the rollups equal ones rebuilt from the rows; the months are the days' sums.
          const snapshot = () =>
            em.execute(`select * from report_office_day where tenant_id = ? order by office_id, day`, [f.tenantId]);
          const maintained = (await snapshot()).filter((r: Record<string, unknown>) =>
            Object.values(r).some((v) => typeof v !== "string" && Number(v) !== 0),
          );
          const maintainedMonths = await monthsAndDaySums(em, f.tenantId);
          expect(maintainedMonths.months).toEqual(maintainedMonths.daySums);
          await em.execute("select report_rebuild(?)", [f.tenantId]);
          expect(await snapshot()).toEqual(maintained);
          expect(await monthsAndDaySums(em, f.tenantId)).toEqual(maintainedMonths);
        });
      },
    );

  it("the rollup: satisfaction, follow-up rate, SLA, volumes, collection and the office comparison, after inserts and updates", async () => {
    await fc.assert(rollupProperty(queryArb(f.tenantId, offices), false), { numRuns: RUNS });
  });

  it("the rollup over whole months and partial ones: aligned or not, one partial month, across year ends, every grouping", async () => {
    await fc.assert(rollupProperty(queryInPeriodsArb(f.tenantId, offices, EDGE_PERIODS), true), { numRuns: RUNS });
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

describe("the month rollup and the unit counts stay exact", () => {
  const adminUrl = () => inject("adminDatabaseUrl");

  it("successful: after inserts, upserts onto existing days, updates and deletes, the months are the days summed per month, also after report_rebuild", async () => {
    await fc.assert(
      fc.asyncProperty(
        queryArb(f.tenantId, offices).chain((q) =>
          fc.record({
            q: fc.constant(q),
            first: followUpDataArb(q, offices),
            // (Spot checks once: a group draws one sample per sampler and period.)
            second: followUpDataArb(q, offices).map((d) => ({ ...d, spotChecks: [] })),
            billingSeed: fc.nat(),
            updateSeed: fc.nat(),
            deleteSeed: fc.nat(2),
          }),
        ),
        async ({ q, first, second, billingSeed, updateSeed, deleteSeed }) => {
          // As the owner (with the tenant set): the app role may not delete tickets, follow-ups or bills.
          await inRolledBackOwnerTenant(adminUrl(), f.tenantId, async (em) => {
            const exact = async (step: string) => {
              const { months, daySums } = await monthsAndDaySums(em, f.tenantId);
              expect(months, step).toEqual(daySums);
            };
            await em.execute("update tenant set time_zone = ? where id = ?", [q.period.timeZone, f.tenantId]);
            const ids = await loadFollowUpData(em, f, first);
            await exact("inserts");
            // The same days again: each statement's day upsert inserts some rows and updates others (so both the
            // insert and the update trigger of the day table fire, each with its own transition rows).
            const more = await loadFollowUpData(em, f, second);
            await exact("inserts onto existing days");
            const units = await loadUnits(em, f);
            const [billing] = fc.sample(billingDataArb(q, units), { numRuns: 1, seed: billingSeed });
            await loadBillingData(em, f, billing!);
            await exact("bills");
            const [updates] = fc.sample(updatesArb(q, offices, first, billing!.bills), { numRuns: 1, seed: updateSeed });
            await applyUpdates(em, f, ids, first, billing!.bills, updates!);
            await exact("updates");

            // One upsert straight into the day table: an existing day (if any) and a new one, in two months.
            await em.execute(
              `insert into report_office_day as d (tenant_id, office_id, day, reply_due, billed_cents)
               select tenant_id, office_id, day, 1, 7 from (
                 (select tenant_id, office_id, day from report_office_day where tenant_id = ? order by day limit 1)
                 union all select ?::uuid, ?::uuid, '2026-05-31'::date
               ) k
               on conflict (tenant_id, office_id, day) do update
                  set reply_due = d.reply_due + excluded.reply_due, billed_cents = d.billed_cents + excluded.billed_cents`,
              [f.tenantId, f.tenantId, f.officeB],
            );
            await exact("an upsert into the day table");
            await em.execute("update report_office_day set paid_cents = paid_cents + 1 where tenant_id = ?", [f.tenantId]);
            await exact("a multi-row update of the day table");

            // Deletes: some spot checks, some follow-ups (with their checks), some tickets (with theirs), some bills.
            const some = (xs: string[]) => xs.filter((_, i) => i % 3 === deleteSeed);
            const del = (sql: string, list: string[]) => em.execute(sql, [f.tenantId, list]);
            await del("delete from spot_check where tenant_id = ? and id = any(?::uuid[])", some(ids.spotChecks));
            await exact("spot checks deleted");
            const followUps = some([...ids.followUps, ...more.followUps]);
            await del("delete from spot_check where tenant_id = ? and follow_up_id = any(?::uuid[])", followUps);
            await del("delete from follow_up where tenant_id = ? and id = any(?::uuid[])", followUps);
            await exact("follow-ups deleted");
            const tickets = some([...ids.tickets, ...more.tickets]);
            await del("delete from spot_check where tenant_id = ? and ticket_id = any(?::uuid[])", tickets);
            await del("delete from follow_up where tenant_id = ? and ticket_id = any(?::uuid[])", tickets);
            await del("delete from ticket where tenant_id = ? and id = any(?::uuid[])", tickets);
            await exact("tickets deleted");
            const bills = some(billing!.bills.map((b) => b.id));
            await del("delete from payment where tenant_id = ? and bill_id = any(?::uuid[])", bills);
            await del("delete from bill where tenant_id = ? and id = any(?::uuid[])", bills);
            await exact("bills deleted");

            await em.execute("select report_rebuild(?)", [f.tenantId]);
            await exact("after report_rebuild");
            // A rebuild also repairs a month table that went wrong.
            await em.execute("update report_office_month set bills = bills + 5 where tenant_id = ?", [f.tenantId]);
            await em.execute("select report_rebuild(?)", [f.tenantId]);
            await exact("repaired by report_rebuild");
          });
        },
      ),
      { numRuns: Math.max(5, Math.round(RUNS / 2)) },
    );
  });

  it("successful: units per office equal a fresh count after inserts, deletes, units moved between properties and a property moved to another office", async () => {
    await inRolledBackOwnerTenant(adminUrl(), f.tenantId, async (em) => {
      const fresh = async () =>
        parseUnitCounts(
          await em.execute(
            `select p.office_id::text as office_id, count(*) as units
               from unit u join property p on p.tenant_id = u.tenant_id and p.id = u.property_id
              where u.tenant_id = ? group by p.office_id`,
            [f.tenantId],
          ),
        );
      const perProperty = (sql: string) =>
        em.execute(`${sql} order by 1`, [f.tenantId]).then((rows) => rows.map((r: any) => [r.property_id, Number(r.units)]));
      const exact = async (step: string) => {
        const counts = await fresh();
        for (const officeIds of [null, [f.officeA], [f.officeB], [...offices], []]) {
          const expected = new Map([...counts].filter(([office]) => officeIds === null || officeIds.includes(office)));
          const got = parseUnitCounts(await run(em, unitCountSql({ tenantId: f.tenantId, officeIds })));
          expect(got, `${step}, offices ${JSON.stringify(officeIds)}`).toEqual(expected);
        }
        expect(
          await perProperty("select property_id::text, units from report_property_units where tenant_id = ? and units <> 0"),
          step,
        ).toEqual(await perProperty("select property_id::text, count(*) as units from unit where tenant_id = ? group by 1"));
      };
      const addUnits = async (propertyId: string, numbers: string[]) => {
        const rows = numbers.map(() => randomUUID());
        await em.execute(
          `insert into unit (tenant_id, id, property_id, building, number, area_centi_m2)
           select ?, id, ?, 'T', n, 100 from unnest(?::uuid[], ?::text[]) as x(id, n)`,
          [f.tenantId, propertyId, rows, numbers],
        );
        return rows;
      };
      await exact("the fixture");
      const a = await addUnits(f.propertyA, ["1", "2", "3", "4"]);
      const b = await addUnits(f.propertyB, ["1", "2"]);
      await exact("units inserted");
      const propertyC = randomUUID();
      await em.execute("insert into property (tenant_id, id, office_id, name) values (?, ?, ?, 'C')", [
        f.tenantId,
        propertyC,
        f.officeA,
      ]);
      const c = await addUnits(propertyC, ["1", "2", "3"]);
      await exact("a second property of office A");
      await em.execute("delete from unit where tenant_id = ? and id = any(?::uuid[])", [f.tenantId, [a[0], a[1], b[0]]]);
      await exact("units deleted");
      await em.execute("update unit set property_id = ?, number = 'moved' where tenant_id = ? and id = ?", [
        f.propertyB,
        f.tenantId,
        a[2],
      ]);
      await exact("a unit moved to another office's property");
      // Two units trade properties in one statement, and one more moves: one update, several keys.
      await em.execute(
        `update unit u set property_id = x.property_id, number = x.number
           from (values (?::uuid, ?::uuid, 's1'), (?::uuid, ?::uuid, 's2'), (?::uuid, ?::uuid, 's3')) as x(id, property_id, number)
          where u.tenant_id = ? and u.id = x.id`,
        [b[1], propertyC, c[0], f.propertyB, c[1], f.propertyA, f.tenantId],
      );
      await exact("units traded between properties");
      await em.execute("update unit set area_centi_m2 = area_centi_m2 + 1 where tenant_id = ?", [f.tenantId]);
      await exact("an update that moves nothing");
      await em.execute("update property set office_id = ? where tenant_id = ? and id = ?", [f.officeB, f.tenantId, propertyC]);
      await exact("a property moved to another office");
      await em.execute("delete from unit where tenant_id = ? and property_id = ?", [f.tenantId, propertyC]);
      await em.execute("delete from property where tenant_id = ? and id = ?", [f.tenantId, propertyC]);
      await exact("a property's units deleted, then the property (its count goes with it)");
      await em.execute("update report_property_units set units = units + 3 where tenant_id = ?", [f.tenantId]);
      await em.execute("select report_rebuild(?)", [f.tenantId]);
      await exact("repaired by report_rebuild");
    });
  });
});
