import type { EntityManager } from "@mikro-orm/postgresql";
import {
  DEFAULT_TARGETS,
  arrearsSql,
  collectionFromRollup,
  collectionRows,
  collectionSql,
  compareClassification,
  compareIndicatorCounts,
  compareKeys,
  compareOffice,
  compareVolume,
  complaintClassificationSql,
  compositeRows,
  followUpRateRows,
  followUpsFromRollup,
  indicatorScoreRows,
  indicatorSql,
  officeInputsFromRollup,
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
  satisfactionFromRollup,
  satisfactionRows,
  slaFromRollup,
  slaRows,
  staffAssessmentSql,
  staffIndicatorSql,
  totalOf,
  unitCountSql,
  volumesFromRollup,
  type GroupKey,
  type ReportQuery,
  type ReportScope,
  type SqlQuery,
} from "@psp/reports";
import { DateTime } from "luxon";
import { badInput } from "../../common/errors/app-error";
import { readRows } from "../../database/read-rows";
import type { Session } from "../../context/context.type";
import { loadModel } from "../competency/competency.service";
import { topFive } from "../competency/competency-model";
import { localDate } from "../sla/deadline";
import { ownAssessmentsOnly } from "../staff/may-assess";
import { Staff } from "../staff/staff.entity";
import { Office, OfficeKind } from "../tenancy/office.entity";
import { findVisibleOffice } from "../tenancy/office.service";
import { Tenant } from "../tenancy/tenant.entity";
import { ReportGrouping, type ReportArgs, type ReportPeriodArgs, type SnapshotArgs } from "./reports.args";
import type { OfficeComparison, StaffCompositeRow } from "./reports.types";

/** Five years: longer periods are almost certainly a typo, and BI tools page by year anyway. */
const MAX_PERIOD_DAYS = 5 * 366;

/** What every report needs besides its own arguments. */
export interface ReportContext {
  em: EntityManager;
  session: Session;
  now: Date;
  timeZone: string;
  /** Today in the group's time zone. */
  today: string;
}

export async function reportContext(session: Session, now: Date): Promise<ReportContext> {
  const em = await session.db.em();
  // Only the time zone is read: a snapshot in a read-only request (no identity map), as every other look-up.
  const [tenant] = await readRows(em, Tenant, { id: session.viewer.tenantId }, { limit: 1 });
  if (!tenant) throw new Error("The session's tenant does not exist");
  return { em, session, now, timeZone: tenant.timeZone, today: localDate(now, tenant.timeZone) };
}

const dayAfter = (date: string) => DateTime.fromISO(date, { zone: "UTC" }).plus({ days: 1 }).toISODate()!;

const run = async <T>(ctx: ReportContext, query: SqlQuery, parse: (rows: Record<string, unknown>[]) => T): Promise<T> =>
  parse(await ctx.em.execute<Record<string, unknown>[]>(query.text, query.values));

/**
 * Independent statements of one report: at once in a read-only request (each takes a pooled connection of its
 * own, so the report waits for the slowest instead of the sum), one after another inside a transaction (a
 * transaction is one connection, which runs one statement at a time anyway).
 */
async function together<T extends unknown[]>(
  { em }: { em: EntityManager },
  ...work: { [K in keyof T]: () => Promise<T[K]> }
): Promise<T> {
  if (!em.isInTransaction()) return (await Promise.all(work.map((w) => w()))) as T;
  const results: unknown[] = [];
  for (const w of work) results.push(await w());
  return results as T;
}

function checkPeriod(args: ReportPeriodArgs): void {
  if (args.to <= args.from)
    throw badInput("INVALID_PERIOD", "The period must end after it starts (`to` is the day after the last day).", ["to"]);
  const days = DateTime.fromISO(args.to).diff(DateTime.fromISO(args.from), "days").days;
  if (days > MAX_PERIOD_DAYS) throw badInput("PERIOD_TOO_LONG", "Ask for at most five years at a time.", ["to"]);
}

/** The offices a report covers: the one asked for (if visible), or every office the caller sees. */
async function scopeOf(ctx: ReportContext, officeId: string | null | undefined): Promise<ReportScope> {
  const tenantId = ctx.session.viewer.tenantId;
  if (officeId) return { tenantId, officeIds: [(await findVisibleOffice(ctx.em, ctx.session, officeId, ["officeId"])).id] };
  return { tenantId, officeIds: await ctx.session.scope.officeIds() };
}

export async function reportQuery(ctx: ReportContext, args: ReportArgs): Promise<ReportQuery> {
  checkPeriod(args);
  return {
    ...(await scopeOf(ctx, args.officeId)),
    period: { from: args.from, to: args.to, timeZone: ctx.timeZone },
    groupBy: { office: args.groupBy.includes(ReportGrouping.OFFICE), month: args.groupBy.includes(ReportGrouping.MONTH) },
  };
}

const sorted = <T extends GroupKey>(rows: T[]) => rows.sort(compareKeys);

/** The rollup's counters for a report query (the query's time zone is the group's, as the rollup's days). */
const rollup = async (ctx: ReportContext, q: ReportQuery) => run(ctx, rollupSql(q, ctx.now), parseRollup);

export async function satisfactionReport(ctx: ReportContext, args: ReportArgs) {
  const q = await reportQuery(ctx, args);
  return satisfactionRows(satisfactionFromRollup(await rollup(ctx, q), q.groupBy));
}

export async function followUpReport(ctx: ReportContext, args: ReportArgs) {
  const q = await reportQuery(ctx, args);
  return followUpRateRows(followUpsFromRollup(await rollup(ctx, q), q.groupBy));
}

/** Collection as of now comes from the rollup; as of an earlier day the payments are read. */
export async function collectionReport(ctx: ReportContext, args: ReportArgs & { asOf?: string | null }) {
  const q = await reportQuery(ctx, args);
  const asOf = args.asOf ?? dayAfter(ctx.today);
  if (asOf > ctx.today) return collectionRows(collectionFromRollup(await rollup(ctx, q), q.groupBy));
  return collectionRows(sorted(await run(ctx, collectionSql(q, asOf, ctx.today), parseCollection)));
}

export async function arrearsReport(ctx: ReportContext, args: SnapshotArgs & { asOf?: string | null }) {
  const scope = await scopeOf(ctx, args.officeId);
  return sorted(
    await run(ctx, arrearsSql(scope, { office: args.byOffice }, args.asOf ?? dayAfter(ctx.today), ctx.today), parseArrears),
  );
}

export async function slaReport(ctx: ReportContext, args: ReportArgs) {
  const q = await reportQuery(ctx, args);
  return slaRows(slaFromRollup(await rollup(ctx, q), q.groupBy));
}

export async function overdueReport(ctx: ReportContext, args: SnapshotArgs) {
  return sorted(await run(ctx, overdueSql(await scopeOf(ctx, args.officeId), { office: args.byOffice }, ctx.now), parseOverdue));
}

export async function volumeReport(ctx: ReportContext, args: ReportArgs) {
  return volumesFromRollup(await rollup(ctx, await reportQuery(ctx, args))).sort(compareVolume);
}

export async function complaintClassificationReport(ctx: ReportContext, args: ReportArgs) {
  return (await run(ctx, complaintClassificationSql(await reportQuery(ctx, args)), parseComplaintClassification)).sort(
    compareClassification,
  );
}

/** The model's top five indicators, each with its mean rating per group on 0–100. */
export async function topFiveReport(ctx: ReportContext, args: ReportArgs) {
  const q = await reportQuery(ctx, args);
  const { indicators } = await loadModel(ctx.em);
  const top = topFive(indicators);
  const byCode = new Map(top.map((i) => [i.code, i]));
  const rows = indicatorScoreRows(
    (
      await run(
        ctx,
        indicatorSql(
          q,
          top.map((i) => i.code),
        ),
        parseIndicators,
      )
    ).sort(compareIndicatorCounts),
  );
  // Within a group, in the model's order of weight (heaviest first).
  const rank = new Map(top.map((i, k) => [i.code, k]));
  return rows
    .sort((a, b) => compareKeys(a, b) || rank.get(a.indicatorCode)! - rank.get(b.indicatorCode)!)
    .map((r) => ({ ...r, indicator: byCode.get(r.indicatorCode)! }));
}

/** Staff ranked by composite score; office staff see only their own row (their rank among the scope). */
export async function compositeRanking(ctx: ReportContext, args: ReportArgs): Promise<StaffCompositeRow[]> {
  const q = await reportQuery(ctx, args);
  const { indicators } = await loadModel(ctx.em);
  const [counts, staff] = await together(
    ctx,
    () => run(ctx, staffIndicatorSql(q), parseStaffIndicators),
    () => run(ctx, staffAssessmentSql(q), parseStaffAssessments),
  );
  const own = ownAssessmentsOnly(ctx.session);
  const rows = compositeRows({ indicators: counts, staff }, indicators, q.groupBy.office).filter(
    (r) => !own || r.staffId === own,
  );
  const people = new Map((await ctx.em.find(Staff, { id: { $in: rows.map((r) => r.staffId) } })).map((s) => [s.id, s]));
  const offices = new Map(
    (await ctx.em.find(Office, { id: { $in: [...new Set(rows.map((r) => r.officeId))] } })).map((o) => [o.id, o]),
  );
  return rows.map((r) => ({
    rank: r.rank,
    staff: people.get(r.staffId)!,
    office: offices.get(r.officeId)!,
    compositeScore: Math.round(r.compositeScore * 100) / 100,
    assessments: r.assessments,
  }));
}

/**
 * Every management office in scope side by side, against the targets, from the report rollup (at most one
 * row per office and day) and the open tickets; plus the scope's total (counts added, then rates).
 */
export async function officeComparison(
  session: Session,
  now: Date,
  args: ReportPeriodArgs & { asOf?: string | null },
): Promise<OfficeComparison> {
  checkPeriod(args);
  const em = await session.db.em();
  // The group's time zone and the offices compared do not depend on each other: one round trip, not two.
  const [ctx, offices] = await together(
    { em },
    () => reportContext(session, now),
    async () => {
      const visible = await session.scope.officeIds();
      return readRows(
        em,
        Office,
        { kind: OfficeKind.OFFICE, ...(visible ? { id: { $in: visible } } : {}) },
        {
          orderBy: { code: "asc" },
        },
      );
    },
  );
  const q = {
    tenantId: ctx.session.viewer.tenantId,
    officeIds: offices.map((o) => o.id),
    period: { from: args.from, to: args.to, timeZone: ctx.timeZone },
    groupBy: { office: true, month: false },
  };
  const asOf = args.asOf ?? dayAfter(ctx.today);
  const [rows, units, overdue, collection] = await together(
    ctx,
    () => rollup(ctx, q),
    () => run(ctx, unitCountSql(q), parseUnitCounts),
    () => run(ctx, overdueSql(q, { office: true }, ctx.now), parseOverdue),
    async () => (asOf > ctx.today ? undefined : run(ctx, collectionSql(q, asOf, ctx.today), parseCollection)),
  );
  const inputs = officeInputsFromRollup(rows, q.officeIds, units, overdue, collection);
  return {
    from: args.from,
    to: args.to,
    asOf,
    timeZone: ctx.timeZone,
    targets: { ...DEFAULT_TARGETS },
    rows: inputs.map((i) => compareOffice(i)) as OfficeComparison["rows"],
    total: compareOffice({ officeId: null, ...totalOf(inputs) }) as OfficeComparison["total"],
  };
}
