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
import { Client } from "pg";
import { monthDeltas, upsertMonths } from "../../src/migrations/Migration20261201000000_report_month_rollup";
import { NAMES, rollupTriggers } from "../../src/migrations/report-rollup";
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

/**
 * The month rollup of the fixture's group — alone, and with its pending deltas added (what reports read) — and
 * the day rollup summed per month: rows with a count only; and how many deltas are pending.
 */
async function monthsAndDaySums(
  em: EntityManager,
  tenantId: string,
): Promise<{ months: unknown[]; withDeltas: unknown[]; daySums: unknown[]; deltas: number }> {
  const counters = COUNTER_COLUMNS.map((c) => `${c}::bigint::text as ${c}`).join(", ");
  const nonZero = COUNTER_COLUMNS.map((c) => `${c} <> 0`).join(" or ");
  const sums = COUNTER_COLUMNS.map((c) => `sum(${c}) as ${c}`).join(", ");
  const perMonth = (from: string, tenants = 1) =>
    em.execute(
      `select office_id::text, month::text, ${counters}
         from (select office_id, month, ${sums} from (${from}) r group by 1, 2) s
        where ${nonZero} order by office_id, month`,
      Array(tenants).fill(tenantId),
    );
  const columns = `office_id, month, ${COUNTER_COLUMNS.join(", ")}`;
  const months = await perMonth(`select ${columns} from report_office_month where tenant_id = ?`);
  const withDeltas = await perMonth(
    `select ${columns} from report_office_month where tenant_id = ?
     union all select ${columns} from report_office_month_delta where tenant_id = ?`,
    2,
  );
  const daySums = await perMonth(
    `select office_id, date_trunc('month', day::timestamp)::date as month, ${COUNTER_COLUMNS.join(", ")}
       from report_office_day where tenant_id = ?`,
  );
  const [pending] = await em.execute<{ n: number }[]>(
    "select count(*)::int as n from report_office_month_delta where tenant_id = ?",
    [tenantId],
  );
  return { months, withDeltas, daySums, deltas: pending!.n };
}

/** The rollup tables' counters, as their migrations define them. */
const COUNTER_COLUMNS = NAMES;

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

          // The whole months as reports first find them (rows of the time-zone change's rebuild plus the loads'
          // deltas), and again once the deltas are folded into the months.
          const compare = async (state: string) => {
            for (const groupBy of allGroupings ? GROUPINGS : [q.groupBy]) {
              const g = { ...q, groupBy };
              const rows = await run(em, rollupSql(g, now)).then(parseRollup);
              expect(byKey(satisfactionFromRollup(rows, groupBy)), `satisfaction, ${state}`).toEqual(
                satisfactionCounts(data.followUps, data.spotChecks, g),
              );
              expect(byKey(followUpsFromRollup(rows, groupBy)), `follow-ups, ${state}`).toEqual(
                followUpCounts(data.followUps, g),
              );
              expect(byKey(slaFromRollup(rows, groupBy)), `SLA, ${state}`).toEqual(slaCounts(data.tickets, g, now));
              expect(volumesFromRollup(rows).sort(compareVolume), `volumes, ${state}`).toEqual(volumeRows(data.tickets, g));
              expect(byKey(collectionFromRollup(rows, groupBy)), `collection, ${state}`).toEqual(
                collectionCounts(bills, paidInFull(bills), g, "2999-01-01"),
              );
            }

            const comparison = { ...q, officeIds: q.officeIds ?? [...offices], groupBy: { office: true, month: false } };
            const perOffice = await run(em, rollupSql(comparison, now)).then(parseRollup);
            const unitCounts = await run(em, unitCountSql(comparison)).then(parseUnitCounts);
            const overdue = await run(em, overdueSql(comparison, { office: true }, now)).then(parseOverdue);
            const allUnits = [...units, { officeId: f.officeA }, { officeId: f.officeB }];
            expect(officeInputsFromRollup(perOffice, comparison.officeIds, unitCounts, overdue), `comparison, ${state}`).toEqual(
              officeInputsFrom({ ...data, bills, payments: paidInFull(bills), units: allUnits }, comparison, now, "2999-01-01"),
            );
          };
          const unfolded = await monthsAndDaySums(em, f.tenantId);
          if (unfolded.deltas > 0) runsWithDeltas++;
          await compare("deltas not folded");
          await em.execute("select report_fold_month_deltas(?)", [f.tenantId]);
          expect((await monthsAndDaySums(em, f.tenantId)).deltas).toBe(0);
          await compare("deltas folded");

          // Maintained step by step, the rollups equal ones rebuilt from the rows; the months are the days' sums.
          const snapshot = () =>
            em.execute(`select * from report_office_day where tenant_id = ? order by office_id, day`, [f.tenantId]);
          const maintained = (await snapshot()).filter((r: Record<string, unknown>) =>
            Object.values(r).some((v) => typeof v !== "string" && Number(v) !== 0),
          );
          expect(unfolded.withDeltas, "months and deltas before the fold").toEqual(unfolded.daySums);
          const maintainedMonths = await monthsAndDaySums(em, f.tenantId);
          expect(maintainedMonths.months, "months after the fold").toEqual(unfolded.daySums);
          await em.execute("select report_rebuild(?)", [f.tenantId]);
          expect(await snapshot()).toEqual(maintained);
          expect(await monthsAndDaySums(em, f.tenantId)).toEqual(maintainedMonths);
        });
      },
    );

  // How many runs found deltas to read (the check above must not pass for want of any).
  let runsWithDeltas = 0;
  afterAll(() => {
    if (RUNS >= 10) expect(runsWithDeltas, "runs that read pending deltas").toBeGreaterThan(0);
  });

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
            // What reports read: the months plus the deltas not folded yet (the triggers only ever append).
            const exact = async (step: string) => {
              const { withDeltas, daySums } = await monthsAndDaySums(em, f.tenantId);
              expect(withDeltas, step).toEqual(daySums);
            };
            /** The deltas all folded: none left, the months alone are the days' sums. */
            const folded = async (step: string) => {
              const { months, daySums, deltas } = await monthsAndDaySums(em, f.tenantId);
              expect(deltas, step).toBe(0);
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
            expect((await monthsAndDaySums(em, f.tenantId)).deltas, "deltas pending after the writes").toBeGreaterThan(0);

            const [foldedRow] = await em.execute<{ n: string }[]>("select report_fold_month_deltas(?) as n", [f.tenantId]);
            expect(Number(foldedRow?.n), "deltas folded").toBeGreaterThan(0);
            await folded("after report_fold_month_deltas");
            await em.execute("update ticket set content = 'changes no count' where tenant_id = ?", [f.tenantId]);
            await exact("an update that changes no count");
            await loadFollowUpData(em, f, second);
            await exact("more inserts after the fold");
            await em.execute("select report_rebuild(?)", [f.tenantId]);
            await folded("after report_rebuild");
            // A rebuild also repairs a month table that went wrong, pending deltas or not.
            await em.execute("update report_office_month set bills = bills + 5 where tenant_id = ?", [f.tenantId]);
            await em.execute("select report_rebuild(?)", [f.tenantId]);
            await folded("repaired by report_rebuild");
            await em.execute("update report_office_month set paid_cents = paid_cents - 3 where tenant_id = ?", [f.tenantId]);
            await loadFollowUpData(em, f, second);
            await em.execute("select report_rebuild(?)", [f.tenantId]);
            await folded("repaired by report_rebuild with deltas pending");
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

/**
 * Writers and folds at once, on real connections of their own, in a database of this test's own (no other
 * instance folds there, and this one's fold is off: each fold here is one the test makes).
 */
describe("the month rollup under concurrent writers and folds", () => {
  let own: TestApi;
  let g: TenantFixture;
  let admin: Client;
  const clients: Client[] = [];

  beforeAll(async () => {
    own = await startTestApi({ ownDatabase: true, sweeper: false });
    g = await createTenantFixture(own, "fold");
    admin = await connect(own.database.adminUrl!);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
    await admin?.end();
    await own?.stop();
  });

  async function connect(url: string): Promise<Client> {
    const client = new Client({ connectionString: url });
    await client.connect();
    clients.push(client);
    return client;
  }
  /** A connection of the app role in a transaction of the group. */
  async function appTransaction(): Promise<Client> {
    const client = await connect(own.database.appUrl);
    await client.query("begin");
    await client.query("select set_config('app.tenant_id', $1, true)", [g.tenantId]);
    return client;
  }
  const pid = async (c: Client): Promise<number> => (await c.query("select pg_backend_pid() as p")).rows[0].p;
  const waitingForLock = async (p: number): Promise<boolean> =>
    (await admin.query("select wait_event_type = 'Lock' as w from pg_stat_activity where pid = $1", [p])).rows[0]?.w === true;
  /** A statement started without awaiting it: whether it has ended, and how (the error's code). */
  function started(query: Promise<unknown>) {
    const state = { done: false, code: null as string | null };
    const ended = query.then(
      () => void (state.done = true),
      (error: { code?: string }) => void Object.assign(state, { done: true, code: error.code ?? String(error) }),
    );
    return { state, ended };
  }
  async function until(condition: () => Promise<boolean> | boolean, what: string): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Per office and month, where days differ from months plus pending deltas — read in one statement (one snapshot). */
  async function mismatches(): Promise<unknown[]> {
    const columns = (sign: string) => COUNTER_COLUMNS.map((c) => `${sign}${c} as ${c}`).join(", ");
    await admin.query("begin");
    try {
      await admin.query("select set_config('app.tenant_id', $1, true)", [g.tenantId]);
      const { rows } = await admin.query(
        `select office_id::text, month::text from (
           select office_id, date_trunc('month', day::timestamp)::date as month, ${columns("")} from report_office_day where tenant_id = $1
           union all select office_id, month, ${columns("-")} from report_office_month where tenant_id = $1
           union all select office_id, month, ${columns("-")} from report_office_month_delta where tenant_id = $1
         ) x group by 1, 2 having ${COUNTER_COLUMNS.map((c) => `sum(${c}) <> 0`).join(" or ")}`,
        [g.tenantId],
      );
      return rows;
    } finally {
      await admin.query("rollback");
    }
  }
  const pendingDeltas = async () => Number((await admin.query("select count(*) as n from report_office_month_delta")).rows[0].n);

  /** Two open tickets of office A, due to be resolved on the given local days (the group's zone: Asia/Shanghai). */
  async function twoTickets(label: string, dueX: string, dueY: string): Promise<[string, string]> {
    const c = await appTransaction();
    const ids: [string, string] = [randomUUID(), randomUUID()];
    for (const [i, due] of [dueX, dueY].entries())
      await c.query(
        `insert into ticket (tenant_id, id, number, office_id, type, channel, status, content, received_at, receiver_id, resolve_due_at)
         values ($1, $2, $3, $4, 'REPAIR', 'PHONE', 'IN_PROGRESS', 'deadlock test', '2026-11-20T04:00:00Z', $5, $6)`,
        [g.tenantId, ids[i], `${label}-${i}`, g.officeA, g.staff.staffA, `${due}T04:00:00Z`],
      );
    await c.query("commit");
    return ids;
  }

  /**
   * The front-desk interleaving: T1 resolves ticket X (due Nov 28), T2 resolves ticket Y (due Dec 3), T1 inserts a
   * follow-up of X created Dec 1, then T2 one of Y created Dec 1 — two transactions of the app role, one office.
   * Returns each transaction's outcome (null: committed; else the error code) and who waited for whom.
   */
  async function frontDesk(label: string) {
    const [x, y] = await twoTickets(label, "2026-11-28", "2026-12-03");
    const [t1, t2] = [await appTransaction(), await appTransaction()];
    const [pid1, pid2] = [await pid(t1), await pid(t2)];
    const resolve =
      "update ticket set status = 'RESOLVED', resolved_at = '2026-11-27T04:00:00Z' where tenant_id = $1 and id = $2";
    const followUp = `insert into follow_up (tenant_id, id, ticket_id, office_id, round, status, due_at, created_at)
                      values ($1, $2, $3, $4, 1, 'PENDING', '2026-12-01T04:00:00Z', '2026-12-01T04:00:00Z')`;
    // Statement 1 of each: day (A, Nov 28) for T1, day (A, Dec 3) for T2.
    await t1.query(resolve, [g.tenantId, x]);
    await t2.query(resolve, [g.tenantId, y]);
    // Statement 2 of T1: day (A, Dec 1). With month rows upserted by the triggers it then waits for month (A, Dec), T2's.
    const s1 = started(t1.query(followUp, [g.tenantId, randomUUID(), x, g.officeA]));
    let t1Waited = false;
    await until(async () => s1.state.done || (t1Waited = await waitingForLock(pid1)), "T1's follow-up has ended or waits");
    // Statement 2 of T2: day (A, Dec 1), T1's — it waits for T1.
    const s2 = started(t2.query(followUp, [g.tenantId, randomUUID(), y, g.officeA]));
    let t2Waited = false;
    await until(
      async () => s2.state.done || s1.state.code !== null || (t2Waited = await waitingForLock(pid2)),
      "T2's follow-up has ended or waits",
    );
    await s1.ended;
    await t1.query(s1.state.code ? "rollback" : "commit");
    await s2.ended;
    await t2.query(s2.state.code ? "rollback" : "commit");
    return { t1: s1.state.code, t2: s2.state.code, t1Waited, t2Waited };
  }

  it("successful: the front-desk interleaving (a ticket and a follow-up in each of two transactions, one office) commits both, without a deadlock", async () => {
    const outcome = await frontDesk("FD");
    // T1's follow-up waits for no one; T2's waits for T1's day row (the interleaving happened), then goes on.
    expect(outcome).toEqual({ t1: null, t2: null, t1Waited: false, t2Waited: true });
    expect(await mismatches()).toEqual([]);
    expect(await pendingDeltas()).toBeGreaterThan(0);
    await admin.query("select report_fold_month_deltas()");
    expect(await pendingDeltas()).toBe(0);
    expect(await mismatches()).toEqual([]);
  });

  it("the control: with the month rows upserted by the triggers (the design before deltas), the same interleaving deadlocks", async () => {
    // The trigger function as 2b587e9 had it, and the grants it needs; put back afterwards.
    const current = (await admin.query("select pg_get_functiondef('report_rollup_month'::regproc) as sql")).rows[0].sql as string;
    const previous = rollupTriggers(
      "report_office_day",
      "report_rollup_month",
      "report_rollup_month",
      upsertMonths,
      monthDeltas,
    )[0]!;
    await admin.query(previous.replace("create function", "create or replace function"));
    await admin.query("grant insert, update on report_office_month to psp_app");
    try {
      const outcome = await frontDesk("CTRL");
      expect(outcome.t1Waited, "T1's follow-up waited for T2's month").toBe(true);
      expect([outcome.t1, outcome.t2].sort(), "one of them is the deadlock's victim").toEqual(["40P01", null].sort());
    } finally {
      await admin.query("revoke insert, update on report_office_month from psp_app");
      await admin.query(current);
    }
    // (The old triggers kept the months themselves: the sums still hold.)
    expect(await mismatches()).toEqual([]);
  });

  it("successful: two folds at once, while a third connection writes, move each delta once and keep the sums exact", async () => {
    /** Tickets received and due across several months and both offices, in a few statements (committed). */
    const write = async (n: number) => {
      const client = await appTransaction();
      for (let s = 0; s < 3; s++)
        await client.query(
          `insert into ticket (tenant_id, id, number, office_id, type, channel, status, content, received_at, receiver_id, resolve_due_at)
           select $1, gen_random_uuid(), 'L-' || gen_random_uuid(), case when i % 2 = 0 then $2 else $3 end::uuid,
                  'REPAIR', 'PHONE', 'NEW', 'fold test', timestamptz '2026-08-01' + (i * 37 % 150) * interval '1 day', $4,
                  timestamptz '2026-08-03' + (i * 53 % 150) * interval '1 day'
             from generate_series(1, $5::int) i`,
          [g.tenantId, g.officeA, g.officeB, g.staff.staffA, n + s],
        );
      await client.query("commit");
    };
    const fold = async (c: Client) => Number((await c.query("select report_fold_month_deltas() as n")).rows[0].n);
    const appended = async () =>
      Number(
        (
          await admin.query(
            "select coalesce(last_value, 0) as n from pg_sequences where sequencename = 'report_office_month_delta_id_seq'",
          )
        ).rows[0].n,
      );
    const [f1, f2] = [await connect(own.database.appUrl), await connect(own.database.appUrl)];
    await fold(f1);
    const before = await appended();
    const folded: number[] = [];

    await write(20);
    const first = await pendingDeltas();
    expect(first).toBeGreaterThan(0);
    // Fold 1 holds its deltas (not committed yet); fold 2 waits for them, while more are written.
    await f1.query("begin");
    folded.push(await fold(f1));
    const pidF2 = await pid(f2);
    const second = started(fold(f2).then((n) => folded.push(n)));
    await until(() => waitingForLock(pidF2), "fold 2 waits for fold 1");
    await write(15);
    await f1.query("commit");
    await second.ended;
    expect(second.state.code).toBeNull();
    expect(folded, "fold 1 moved them all; fold 2, finding them gone, none").toEqual([first, 0]);
    expect(await mismatches()).toEqual([]);

    // Both at once, and a writer.
    const [n3, n4] = await Promise.all([fold(f1), fold(f2), write(25)]);
    folded.push(n3, n4, await fold(f1));
    expect(await pendingDeltas()).toBe(0);
    expect(await mismatches()).toEqual([]);
    // Every delta appended meanwhile (counted by the identity) was folded exactly once.
    expect(folded.reduce((a, b) => a + b, 0)).toBe((await appended()) - before);
  });
});
