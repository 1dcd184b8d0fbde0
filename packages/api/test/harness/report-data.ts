import { randomUUID } from "node:crypto";
import type { EntityManager, MikroORM } from "@mikro-orm/postgresql";
import fc from "fast-check";
import { Client } from "pg";
import {
  startOfDay,
  wholeMonthsOf,
  type AssessmentRow,
  type BillRow,
  type FollowUpRow,
  type PaymentRow,
  type RatingRow,
  type ReportQuery,
  type Satisfaction,
  type SpotCheckRow,
  type SqlQuery,
  type TicketRow,
} from "@psp/reports";
import { TenantDb } from "../../src/database/tenant-db";
import type { TenantFixture } from "./tenant-fixture";

/**
 * Random report data for the SQL-equals-reference property tests: plain rows for the reference functions,
 * and the same rows written into the real tables (inside a transaction that is rolled back, so every run
 * starts from the fixture alone).
 */

const ZONES = ["Asia/Shanghai", "America/New_York", "Europe/London", "Australia/Adelaide", "UTC"] as const;
const DAY = 86_400_000;
const WINDOW_START = Date.parse("2025-12-01T00:00:00Z");
const WINDOW_END = Date.parse("2026-08-01T00:00:00Z");
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A report query: zone, period (some starting on the 1st), scope and grouping. */
export function queryArb(tenantId: string, offices: readonly [string, string]): fc.Arbitrary<ReportQuery> {
  return fc
    .record({
      timeZone: fc.constantFrom(...ZONES),
      from: fc.oneof(
        fc.integer({ min: 14, max: 200 }).map((d) => isoDate(WINDOW_START + d * DAY)),
        fc.constantFrom("2026-01-01", "2026-03-01", "2026-04-01"),
      ),
      length: fc.integer({ min: 1, max: 120 }),
      office: fc.boolean(),
      month: fc.boolean(),
      officeIds: fc.constantFrom<readonly string[] | null>(null, [offices[0]], [...offices], []),
    })
    .map((r) => ({
      tenantId,
      officeIds: r.officeIds,
      period: { from: r.from, to: isoDate(Date.parse(`${r.from}T00:00:00Z`) + r.length * DAY), timeZone: r.timeZone },
      groupBy: { office: r.office, month: r.month },
    }));
}

/** The period's bounds, and where its whole months start and end (where the reports switch rollups). */
function boundaries(q: ReportQuery): string[] {
  const months = wholeMonthsOf(q.period);
  return [...new Set([q.period.from, q.period.to, ...(months ? [months.from, months.to] : [])])];
}

/** A report query as `queryArb` makes them, over one of the given periods. */
export function queryInPeriodsArb(
  tenantId: string,
  offices: readonly [string, string],
  periods: readonly { from: string; to: string }[],
): fc.Arbitrary<ReportQuery> {
  return fc
    .tuple(queryArb(tenantId, offices), fc.constantFrom(...periods))
    .map(([q, p]) => ({ ...q, period: { ...q.period, from: p.from, to: p.to } }));
}

/** An instant anywhere in the window, or just around the local midnights of the period's boundaries. */
export function instantArb(q: ReportQuery): fc.Arbitrary<Date> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: WINDOW_START, max: WINDOW_END }).map((ms) => new Date(ms)) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...boundaries(q)), fc.constantFrom(-3_600_000, -1_000, -1, 0, 1, 1_000))
        .map(([d, offset]) => new Date(startOfDay(d, q.period.timeZone).getTime() + offset)),
    },
  );
}

/** A date anywhere in the window, or on either side of the period's bounds (and of its whole months). */
export function dateArb(q: ReportQuery): fc.Arbitrary<string> {
  const around = (d: string, days: number) => isoDate(Date.parse(`${d}T00:00:00Z`) + days * DAY);
  return fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: WINDOW_START, max: WINDOW_END }).map(isoDate) },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom(...boundaries(q)), fc.constantFrom(-1, 0, 1)).map(([d, n]) => around(d, n)),
    },
  );
}

const TYPES = ["COMPLAINT", "SUGGESTION", "HELP", "COORDINATION", "REPAIR", "CONSULTATION", "QUALITY"] as const;
const SEVERITY: Record<string, string[]> = {
  COMPLAINT: ["SIMPLE", "GENERAL", "COMPLEX"],
  REPAIR: ["MINOR", "MEDIUM", "MAJOR"],
  HELP: ["URGENT", "NORMAL"],
};
const SATISFACTIONS: Satisfaction[] = ["VERY_SATISFIED", "SATISFIED", "NEUTRAL", "DISSATISFIED", "VERY_DISSATISFIED"];

export function ticketArb(q: ReportQuery, offices: readonly string[]): fc.Arbitrary<TicketRow> {
  const maybe = fc.option(instantArb(q), { nil: null, freq: 3 });
  return fc
    .record({
      officeId: fc.constantFrom(...offices),
      type: fc.constantFrom(...TYPES),
      channel: fc.constantFrom("PHONE", "VISIT", "LETTER", "ONLINE" as const),
      severityPick: fc.nat(2),
      complaintClass: fc.constantFrom("MAJOR", "IMPORTANT", "GENERAL", "MINOR"),
      validity: fc.constantFrom(null, "VALID", "INVALID"),
      complainantCount: fc.integer({ min: 1, max: 12 }),
      status: fc.constantFrom("NEW", "ASSIGNED", "IN_PROGRESS", "RESOLVED", "CLOSED", "REJECTED" as const),
      receivedAt: instantArb(q),
      replyDueAt: maybe,
      firstRepliedAt: maybe,
      resolveDueAt: maybe,
      resolvedAt: maybe,
      pausedAt: maybe,
      // Replied or resolved exactly at the deadline (met: the deadline is inclusive).
      onTheDot: fc.constantFrom(null, "reply", "resolve"),
    })
    .map(({ severityPick, onTheDot, ...t }) => ({
      ...t,
      firstRepliedAt: onTheDot === "reply" && t.replyDueAt ? t.replyDueAt : t.firstRepliedAt,
      resolvedAt: onTheDot === "resolve" && t.resolveDueAt ? t.resolveDueAt : t.resolvedAt,
      severity: SEVERITY[t.type] ? SEVERITY[t.type]![severityPick % SEVERITY[t.type]!.length]! : null,
      complaintClass: t.type === "COMPLAINT" ? t.complaintClass : null,
    }));
}

export interface FollowUpData {
  tickets: TicketRow[];
  followUps: (FollowUpRow & { ticketIndex: number })[];
  spotChecks: (SpotCheckRow & { followUpIndex: number })[];
}

/** Tickets with follow-ups (rounds per ticket) and spot checks of completed ones (at most one per ticket). */
export function followUpDataArb(q: ReportQuery, offices: readonly string[]): fc.Arbitrary<FollowUpData> {
  return fc.array(ticketArb(q, offices), { minLength: 1, maxLength: 12 }).chain((tickets) =>
    fc
      .array(
        fc.record({
          ticketIndex: fc.nat(tickets.length - 1),
          createdAt: instantArb(q),
          status: fc.constantFrom("PENDING", "COMPLETED", "EXEMPTED" as const),
          completedAt: instantArb(q),
          satisfaction: fc.constantFrom(...SATISFACTIONS),
          check: fc.option(
            fc.record({ done: fc.boolean(), satisfaction: fc.constantFrom(...SATISFACTIONS), agrees: fc.boolean() }),
            { nil: null },
          ),
        }),
        { maxLength: 25 },
      )
      .map((raw) => {
        const followUps = raw.map((f) => ({
          ticketIndex: f.ticketIndex,
          officeId: tickets[f.ticketIndex]!.officeId,
          createdAt: f.createdAt,
          status: f.status,
          completedAt: f.status === "PENDING" ? null : f.completedAt,
          satisfaction: f.status === "COMPLETED" ? f.satisfaction : null,
        }));
        const checked = new Set<number>();
        const spotChecks: FollowUpData["spotChecks"] = [];
        raw.forEach((f, i) => {
          if (!f.check || f.status !== "COMPLETED" || checked.has(f.ticketIndex)) return;
          checked.add(f.ticketIndex);
          spotChecks.push({
            followUpIndex: i,
            officeId: followUps[i]!.officeId,
            followUpCompletedAt: followUps[i]!.completedAt!,
            status: f.check.done ? "DONE" : "PENDING",
            satisfaction: f.check.done ? f.check.satisfaction : null,
            agrees: f.check.done ? f.check.agrees : null,
          });
        });
        return { tickets, followUps, spotChecks };
      }),
  );
}

export interface BillingData {
  bills: BillRow[];
  payments: (PaymentRow & { id: string; reverses: string | null })[];
  /** The latest payment date: no payment is dated after "today". */
  today: string;
  asOf: string;
}

/** Bills with a valid ledger each: payments never above what is owed, reversals of earlier payments, dates anywhere. */
export function billingDataArb(q: ReportQuery, units: readonly { id: string; officeId: string }[]): fc.Arbitrary<BillingData> {
  const op = fc.record({ reverse: fc.boolean(), share: fc.integer({ min: 1, max: 100 }), pick: fc.nat(), date: dateArb(q) });
  return fc
    .tuple(
      fc.array(
        fc.record({
          unit: fc.constantFrom(...units),
          dueOn: dateArb(q),
          amountCents: fc.integer({ min: 1, max: 500_000 }),
          ops: fc.array(op, { maxLength: 5 }),
        }),
        {
          maxLength: 15,
        },
      ),
      dateArb(q),
      fc.boolean(),
    )
    .map(([raw, asOfPick, afterToday]) => {
      const bills: BillRow[] = [];
      const payments: BillingData["payments"] = [];
      for (const b of raw) {
        const id = randomUUID();
        let paid = 0;
        const live: { id: string; cents: number; date: string }[] = [];
        for (const o of b.ops) {
          if (o.reverse && live.length) {
            const [original] = live.splice(o.pick % live.length, 1);
            const date = o.date < original!.date ? original!.date : o.date;
            payments.push({ id: randomUUID(), billId: id, amountCents: -original!.cents, paidOn: date, reverses: original!.id });
            paid -= original!.cents;
          } else if (paid < b.amountCents) {
            const cents = Math.max(1, Math.floor(((b.amountCents - paid) * o.share) / 100));
            const p = { id: randomUUID(), cents, date: o.date };
            live.push(p);
            payments.push({ id: p.id, billId: id, amountCents: cents, paidOn: o.date, reverses: null });
            paid += cents;
          }
        }
        bills.push({
          id,
          officeId: b.unit.officeId,
          unitId: b.unit.id,
          dueOn: b.dueOn,
          amountCents: b.amountCents,
          paidCents: paid,
        });
      }
      const today = payments.reduce((max, p) => (p.paidOn > max ? p.paidOn : max), q.period.from);
      // Half the runs take the fast path (asOf after today), half read the payments.
      const asOf = afterToday ? isoDate(Date.parse(`${today}T00:00:00Z`) + DAY) : asOfPick > today ? today : asOfPick;
      return { bills, payments, today, asOf };
    });
}

export interface CompetencyData {
  assessments: (AssessmentRow & { assessorId: string })[];
  ratings: RatingRow[];
}

export const INDICATORS = [
  { code: "C1", combinedWeight: 40 },
  { code: "C2", combinedWeight: 30 },
  { code: "C3", combinedWeight: 20 },
  { code: "C4", combinedWeight: 10 },
] as const;

/** Assessments of the fixture's staff by its head-office people, with ratings of some indicators. */
export function competencyDataArb(
  q: ReportQuery,
  offices: readonly string[],
  staff: readonly string[],
  assessors: readonly string[],
): fc.Arbitrary<CompetencyData> {
  return fc
    .array(
      fc.record({
        staffId: fc.constantFrom(...staff),
        assessorId: fc.constantFrom(...assessors),
        officeId: fc.constantFrom(...offices),
        periodStart: dateArb(q).map((d) => `${d.slice(0, 7)}-01`),
        ratings: fc
          .subarray([...INDICATORS.map((i) => i.code)], { minLength: 1 })
          .chain((codes) => fc.tuple(...codes.map((c) => fc.tuple(fc.constant(c), fc.integer({ min: 1, max: 5 }))))),
      }),
      { maxLength: 14 },
    )
    .map((raw) => {
      const seen = new Set<string>();
      const assessments: CompetencyData["assessments"] = [];
      const ratings: RatingRow[] = [];
      for (const a of raw) {
        const key = `${a.staffId}|${a.assessorId}|${a.periodStart}`;
        if (seen.has(key) || a.staffId === a.assessorId) continue;
        seen.add(key);
        const id = randomUUID();
        assessments.push({ id, staffId: a.staffId, officeId: a.officeId, periodStart: a.periodStart, assessorId: a.assessorId });
        for (const [indicatorCode, rating] of a.ratings) ratings.push({ assessmentId: id, indicatorCode, rating });
      }
      return { assessments, ratings };
    });
}

/**
 * Runs `fn` in a transaction of the database's owner, with the tenant set (row-level security is forced on the
 * owner too), always rolled back: for what the app role may not do, such as deleting tickets or units. `fn` gets
 * an `EntityManager` stand-in that offers `execute` only (what the loaders here use).
 */
export async function inRolledBackOwnerTenant<T>(
  adminUrl: string,
  tenantId: string,
  fn: (em: EntityManager) => Promise<T>,
): Promise<T> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query("begin");
    await client.query("select set_config('app.tenant_id', $1, true)", [tenantId]);
    const execute = async (text: string, values: unknown[] = []) => {
      let n = 0;
      return (
        await client.query(
          text.replace(/\?/g, () => `$${++n}`),
          values,
        )
      ).rows;
    };
    return await fn({ execute } as unknown as EntityManager);
  } finally {
    await client.query("rollback").catch(() => undefined);
    await client.end();
  }
}

/** Runs `fn` in a tenant transaction that is always rolled back. */
export async function inRolledBackTenant<T>(orm: MikroORM, tenantId: string, fn: (em: EntityManager) => Promise<T>): Promise<T> {
  const db = new TenantDb(orm, tenantId);
  try {
    return await fn(await db.em());
  } finally {
    await db.close(false);
  }
}

/** Inserts rows (snake_case keys) in one statement. */
async function insert(
  em: EntityManager,
  table: string,
  columns: Record<string, string>,
  rows: Record<string, unknown>[],
): Promise<void> {
  if (!rows.length) return;
  const names = Object.keys(columns);
  await em.execute(
    `insert into ${table} (${names.join(", ")}) select ${names.join(", ")} from json_to_recordset(?::json) as x(${names.map((n) => `${n} ${columns[n]}`).join(", ")})`,
    [JSON.stringify(rows)],
  );
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export interface LoadedIds {
  tickets: string[];
  followUps: string[];
  spotChecks: string[];
}

export async function loadFollowUpData(em: EntityManager, f: TenantFixture, data: FollowUpData): Promise<LoadedIds> {
  const ticketIds = data.tickets.map(() => randomUUID());
  await insert(
    em,
    "ticket",
    {
      tenant_id: "uuid",
      id: "uuid",
      number: "text",
      office_id: "uuid",
      type: "text",
      channel: "text",
      severity: "text",
      complaint_class: "text",
      validity: "text",
      status: "text",
      content: "text",
      complainant_count: "int",
      received_at: "timestamptz",
      receiver_id: "uuid",
      reply_due_at: "timestamptz",
      first_replied_at: "timestamptz",
      resolve_due_at: "timestamptz",
      resolved_at: "timestamptz",
      paused_at: "timestamptz",
    },
    data.tickets.map((t, i) => ({
      tenant_id: f.tenantId,
      id: ticketIds[i],
      number: `R-${i}-${ticketIds[i]!.slice(0, 8)}`,
      office_id: t.officeId,
      type: t.type,
      channel: t.channel,
      severity: t.severity,
      complaint_class: t.complaintClass,
      validity: t.validity,
      status: t.status,
      content: "report test",
      complainant_count: t.complainantCount,
      received_at: iso(t.receivedAt),
      receiver_id: f.staff.staffA,
      reply_due_at: iso(t.replyDueAt),
      first_replied_at: iso(t.firstRepliedAt),
      resolve_due_at: iso(t.resolveDueAt),
      resolved_at: iso(t.resolvedAt),
      paused_at: iso(t.pausedAt),
    })),
  );
  const rounds = new Map<number, number>();
  const followUpIds = data.followUps.map(() => randomUUID());
  await insert(
    em,
    "follow_up",
    {
      tenant_id: "uuid",
      id: "uuid",
      ticket_id: "uuid",
      office_id: "uuid",
      round: "int",
      status: "text",
      due_at: "timestamptz",
      exemption: "text",
      satisfaction: "text",
      completed_at: "timestamptz",
      created_at: "timestamptz",
    },
    data.followUps.map((fu, i) => {
      const round = (rounds.get(fu.ticketIndex) ?? 0) + 1;
      rounds.set(fu.ticketIndex, round);
      return {
        tenant_id: f.tenantId,
        id: followUpIds[i],
        ticket_id: ticketIds[fu.ticketIndex],
        office_id: fu.officeId,
        round,
        status: fu.status,
        due_at: iso(fu.createdAt),
        exemption: fu.status === "EXEMPTED" ? "SENSITIVE" : null,
        satisfaction: fu.satisfaction,
        completed_at: iso(fu.completedAt),
        created_at: iso(fu.createdAt),
      };
    }),
  );
  const spotCheckIds = data.spotChecks.map(() => randomUUID());
  const ids = { tickets: ticketIds, followUps: followUpIds, spotChecks: spotCheckIds };
  if (!data.spotChecks.length) return ids;
  const sampleId = randomUUID();
  await insert(
    em,
    "spot_check_sample",
    {
      tenant_id: "uuid",
      id: "uuid",
      sampler: "text",
      period_from: "timestamptz",
      period_to: "timestamptz",
      seed: "int",
      population: "int",
      sample_size: "int",
      drawn_at: "timestamptz",
      drawn_by_id: "uuid",
    },
    [
      {
        tenant_id: f.tenantId,
        id: sampleId,
        sampler: "GENERAL_OFFICE",
        period_from: "2025-01-01T00:00:00Z",
        period_to: "2027-01-01T00:00:00Z",
        seed: 1,
        population: data.followUps.length,
        sample_size: data.spotChecks.length,
        drawn_at: "2026-08-01T00:00:00Z",
        drawn_by_id: f.staff.hoManager,
      },
    ],
  );
  await insert(
    em,
    "spot_check",
    {
      tenant_id: "uuid",
      id: "uuid",
      sample_id: "uuid",
      ticket_id: "uuid",
      follow_up_id: "uuid",
      office_id: "uuid",
      status: "text",
      satisfaction: "text",
      agrees: "boolean",
      followed_up_at: "timestamptz",
    },
    data.spotChecks.map((c, i) => ({
      tenant_id: f.tenantId,
      id: spotCheckIds[i],
      sample_id: sampleId,
      ticket_id: ticketIds[data.followUps[c.followUpIndex]!.ticketIndex],
      follow_up_id: followUpIds[c.followUpIndex],
      office_id: c.officeId,
      status: c.status,
      satisfaction: c.satisfaction,
      agrees: c.agrees,
      followed_up_at: iso(c.followUpCompletedAt),
    })),
  );
  return ids;
}

/** Units in each office's property (bills need distinct units). */
export async function loadUnits(em: EntityManager, f: TenantFixture, perOffice = 3): Promise<{ id: string; officeId: string }[]> {
  const units = [
    ...Array.from({ length: perOffice }, () => ({ id: randomUUID(), officeId: f.officeA, propertyId: f.propertyA })),
    ...Array.from({ length: perOffice }, () => ({ id: randomUUID(), officeId: f.officeB, propertyId: f.propertyB })),
  ];
  await insert(
    em,
    "unit",
    { tenant_id: "uuid", id: "uuid", property_id: "uuid", building: "text", number: "text", area_centi_m2: "int" },
    units.map((u, i) => ({
      tenant_id: f.tenantId,
      id: u.id,
      property_id: u.propertyId,
      building: "R",
      number: String(i),
      area_centi_m2: 10_000,
    })),
  );
  return units.map(({ id, officeId }) => ({ id, officeId }));
}

export async function loadBillingData(em: EntityManager, f: TenantFixture, data: BillingData): Promise<void> {
  if (!data.bills.length) return;
  const periodId = randomUUID();
  await insert(
    em,
    "billing_period",
    { tenant_id: "uuid", id: "uuid", code: "text", starts_on: "date", ends_on: "date", due_on: "date" },
    [
      {
        tenant_id: f.tenantId,
        id: periodId,
        code: "2026-01",
        starts_on: "2026-01-01",
        ends_on: "2026-02-01",
        due_on: "2026-01-15",
      },
    ],
  );
  const feeIds = data.bills.map(() => randomUUID());
  await insert(
    em,
    "fee_item",
    { tenant_id: "uuid", id: "uuid", code: "text", name: "text", basis: "text", rate_cents: "bigint" },
    feeIds.map((id, i) => ({ tenant_id: f.tenantId, id, code: `F${i}`, name: `Fee ${i}`, basis: "FIXED", rate_cents: 1 })),
  );
  const propertyOf = (officeId: string) => (officeId === f.officeA ? f.propertyA : f.propertyB);
  await insert(
    em,
    "bill",
    {
      tenant_id: "uuid",
      id: "uuid",
      office_id: "uuid",
      property_id: "uuid",
      unit_id: "uuid",
      fee_item_id: "uuid",
      period_id: "uuid",
      amount_cents: "bigint",
      paid_cents: "bigint",
      due_on: "date",
    },
    data.bills.map((b, i) => ({
      tenant_id: f.tenantId,
      id: b.id,
      office_id: b.officeId,
      property_id: propertyOf(b.officeId),
      unit_id: b.unitId,
      fee_item_id: feeIds[i],
      period_id: periodId,
      amount_cents: b.amountCents,
      paid_cents: b.paidCents,
      due_on: b.dueOn,
    })),
  );
  const officeOf = new Map(data.bills.map((b) => [b.id, b.officeId]));
  await insert(
    em,
    "payment",
    {
      tenant_id: "uuid",
      id: "uuid",
      bill_id: "uuid",
      office_id: "uuid",
      amount_cents: "bigint",
      method: "text",
      paid_on: "date",
      reverses_payment_id: "uuid",
      recorded_by_id: "uuid",
    },
    data.payments.map((p) => ({
      tenant_id: f.tenantId,
      id: p.id,
      bill_id: p.billId,
      office_id: officeOf.get(p.billId),
      amount_cents: p.amountCents,
      method: "CASH",
      paid_on: p.paidOn,
      reverses_payment_id: p.reverses,
      recorded_by_id: f.staff.staffA,
    })),
  );
}

export async function loadCompetencyData(em: EntityManager, f: TenantFixture, data: CompetencyData): Promise<void> {
  await insert(
    em,
    "competency_assessment",
    {
      tenant_id: "uuid",
      id: "uuid",
      staff_id: "uuid",
      office_id: "uuid",
      assessor_id: "uuid",
      period: "text",
      period_start: "date",
      period_end: "date",
    },
    data.assessments.map((a) => ({
      tenant_id: f.tenantId,
      id: a.id,
      staff_id: a.staffId,
      office_id: a.officeId,
      assessor_id: a.assessorId,
      period: a.periodStart.slice(0, 7),
      period_start: a.periodStart,
      period_end: isoDate(Date.parse(`${a.periodStart}T00:00:00Z`) + 31 * DAY).slice(0, 8) + "01",
    })),
  );
  await insert(
    em,
    "competency_rating",
    { tenant_id: "uuid", assessment_id: "uuid", indicator_code: "text", rating: "smallint" },
    data.ratings.map((r) => ({
      tenant_id: f.tenantId,
      assessment_id: r.assessmentId,
      indicator_code: r.indicatorCode,
      rating: r.rating,
    })),
  );
}

/** Runs a report query the way the API does (MikroORM `execute`, inside the tenant's transaction). */
export const run = (em: EntityManager, q: SqlQuery) => em.execute<Record<string, unknown>[]>(q.text, q.values);

/** New versions of some rows, written afterwards with one UPDATE per table (so the rollup triggers see changes). */
export interface Updates {
  tickets: { index: number; row: TicketRow }[];
  followUps: { index: number; status: FollowUpRow["status"]; completedAt: Date; createdAt: Date; satisfaction: Satisfaction }[];
  spotChecks: { index: number; done: boolean; satisfaction: Satisfaction; agrees: boolean }[];
  bills: { index: number; amountCents: number; paidShare: number; dueOn: string }[];
}

export function updatesArb(
  q: ReportQuery,
  offices: readonly string[],
  data: FollowUpData,
  bills: readonly BillRow[],
): fc.Arbitrary<Updates> {
  const picks = <T>(length: number, arb: fc.Arbitrary<T>) =>
    length
      ? fc.uniqueArray(fc.record({ index: fc.nat(length - 1), value: arb }), { selector: (x) => x.index, maxLength: length })
      : fc.constant([]);
  return fc.record({
    tickets: picks(data.tickets.length, ticketArb(q, offices)).map((xs) => xs.map((x) => ({ index: x.index, row: x.value }))),
    followUps: picks(
      data.followUps.length,
      fc.record({
        status: fc.constantFrom("PENDING", "COMPLETED", "EXEMPTED" as const),
        completedAt: instantArb(q),
        createdAt: instantArb(q),
        satisfaction: fc.constantFrom(...SATISFACTIONS),
      }),
    ).map((xs) => xs.map((x) => ({ index: x.index, ...x.value }))),
    spotChecks: picks(
      data.spotChecks.length,
      fc.record({ done: fc.boolean(), satisfaction: fc.constantFrom(...SATISFACTIONS), agrees: fc.boolean() }),
    ).map((xs) => xs.map((x) => ({ index: x.index, ...x.value }))),
    bills: picks(
      bills.length,
      fc.record({
        amountCents: fc.integer({ min: 1, max: 500_000 }),
        paidShare: fc.integer({ min: 0, max: 100 }),
        dueOn: dateArb(q),
      }),
    ).map((xs) => xs.map((x) => ({ index: x.index, ...x.value }))),
  });
}

/** Applies the updates to the tables (one statement per table) and returns the rows as they now are. */
export async function applyUpdates(
  em: EntityManager,
  f: TenantFixture,
  ids: LoadedIds,
  data: FollowUpData,
  bills: BillRow[],
  u: Updates,
): Promise<{ data: FollowUpData; bills: BillRow[] }> {
  const tickets = [...data.tickets];
  for (const { index, row } of u.tickets) tickets[index] = row;
  const followUps = [...data.followUps];
  for (const x of u.followUps) {
    followUps[x.index] = {
      ...followUps[x.index]!,
      status: x.status,
      createdAt: x.createdAt,
      completedAt: x.status === "PENDING" ? null : x.completedAt,
      satisfaction: x.status === "COMPLETED" ? x.satisfaction : null,
    };
  }
  const spotChecks = [...data.spotChecks];
  for (const x of u.spotChecks) {
    spotChecks[x.index] = {
      ...spotChecks[x.index]!,
      status: x.done ? "DONE" : "PENDING",
      satisfaction: x.done ? x.satisfaction : null,
      agrees: x.done ? x.agrees : null,
    };
  }
  const newBills = [...bills];
  for (const x of u.bills) {
    newBills[x.index] = {
      ...newBills[x.index]!,
      amountCents: x.amountCents,
      paidCents: Math.floor((x.amountCents * x.paidShare) / 100),
      dueOn: x.dueOn,
    };
  }
  const update = async (table: string, columns: Record<string, string>, rows: Record<string, unknown>[]) => {
    if (!rows.length) return;
    const names = Object.keys(columns).filter((n) => n !== "id");
    await em.execute(
      `update ${table} t set ${names.map((n) => `${n} = x.${n}`).join(", ")}
         from json_to_recordset(?::json) as x(${Object.entries(columns)
           .map(([n, type]) => `${n} ${type}`)
           .join(", ")})
        where t.tenant_id = ? and t.id = x.id`,
      [JSON.stringify(rows), f.tenantId],
    );
  };
  await update(
    "ticket",
    {
      id: "uuid",
      office_id: "uuid",
      type: "text",
      channel: "text",
      severity: "text",
      complaint_class: "text",
      validity: "text",
      status: "text",
      complainant_count: "int",
      received_at: "timestamptz",
      reply_due_at: "timestamptz",
      first_replied_at: "timestamptz",
      resolve_due_at: "timestamptz",
      resolved_at: "timestamptz",
      paused_at: "timestamptz",
    },
    u.tickets.map(({ index, row: t }) => ({
      id: ids.tickets[index],
      office_id: t.officeId,
      type: t.type,
      channel: t.channel,
      severity: t.severity,
      complaint_class: t.complaintClass,
      validity: t.validity,
      status: t.status,
      complainant_count: t.complainantCount,
      received_at: iso(t.receivedAt),
      reply_due_at: iso(t.replyDueAt),
      first_replied_at: iso(t.firstRepliedAt),
      resolve_due_at: iso(t.resolveDueAt),
      resolved_at: iso(t.resolvedAt),
      paused_at: iso(t.pausedAt),
    })),
  );
  await update(
    "follow_up",
    {
      id: "uuid",
      status: "text",
      exemption: "text",
      satisfaction: "text",
      completed_at: "timestamptz",
      created_at: "timestamptz",
    },
    u.followUps.map((x) => {
      const fu = followUps[x.index]!;
      return {
        id: ids.followUps[x.index],
        status: fu.status,
        exemption: fu.status === "EXEMPTED" ? "SENSITIVE" : null,
        satisfaction: fu.satisfaction,
        completed_at: iso(fu.completedAt),
        created_at: iso(fu.createdAt),
      };
    }),
  );
  await update(
    "spot_check",
    { id: "uuid", status: "text", satisfaction: "text", agrees: "boolean" },
    u.spotChecks.map((x) => {
      const c = spotChecks[x.index]!;
      return { id: ids.spotChecks[x.index], status: c.status, satisfaction: c.satisfaction, agrees: c.agrees };
    }),
  );
  await update(
    "bill",
    { id: "uuid", amount_cents: "bigint", paid_cents: "bigint", due_on: "date" },
    u.bills.map((x) => {
      const b = newBills[x.index]!;
      return { id: b.id, amount_cents: b.amountCents, paid_cents: b.paidCents, due_on: b.dueOn };
    }),
  );
  return { data: { tickets, followUps, spotChecks }, bills: newBills };
}
