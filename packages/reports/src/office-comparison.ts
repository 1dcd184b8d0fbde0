import { collectionCounts, type BillRow, type CollectionCounts, type PaymentRow } from "./metrics/collection";
import { followUpCounts, type FollowUpCounts } from "./metrics/follow-up-rate";
import {
  emptySatisfaction,
  satisfactionCounts,
  type FollowUpRow,
  type SatisfactionCounts,
  type SpotCheckRow,
} from "./metrics/satisfaction";
import {
  overdueRows,
  slaCounts,
  volumeRows,
  type OverdueRow,
  type SlaCounts,
  type TicketRow,
  type VolumeRow,
} from "./metrics/tickets";
import type { ReportQuery } from "./query";
import { rate, type Rate } from "./rate";

/** The head office's targets (seed regulations: satisfaction 96%, collection 95%). */
export const DEFAULT_TARGETS = { satisfaction: 0.96, collection: 0.95 } as const;
export type Targets = { satisfaction: number; collection: number };

export type ComparedMetric = "SATISFACTION" | "COLLECTION";

/** Everything the comparison reads for one office (per-office aggregates of the period). */
export interface OfficeInputs {
  officeId: string | null;
  units: number;
  satisfaction?: SatisfactionCounts;
  followUps?: FollowUpCounts;
  collection?: CollectionCounts;
  sla?: SlaCounts;
  overdue?: OverdueRow;
  volumes: VolumeRow[];
}

export interface OfficeComparisonRow {
  /** Null on the scope's total row. */
  officeId: string | null;
  units: number;
  satisfaction: Rate;
  followUpRate: Rate;
  collectionRate: Rate;
  billedCents: number;
  paidCents: number;
  replyCompliance: Rate;
  resolveCompliance: Rate;
  overdueNow: number;
  complaints: number;
  repairs: number;
  tickets: number;
  /** Per 100 units, so large and small offices compare fairly; null for an office without units. */
  complaintsPer100Units: number | null;
  repairsPer100Units: number | null;
  overduePer100Units: number | null;
  /** Spot checks that disagreed with the office's verdict / spot checks. */
  spotCheckDisagreement: Rate;
  /** The targeted metrics that are measured and below target. */
  belowTarget: ComparedMetric[];
}

const per100 = (count: number, units: number) => (units > 0 ? (count / units) * 100 : null);
const below = (r: Rate, target: number) => r.value !== null && r.value < target;

/** One office's headline row; missing aggregates mean nothing happened (zero counts, null rates). */
export function compareOffice(i: OfficeInputs, targets: Targets = DEFAULT_TARGETS): OfficeComparisonRow {
  const s = i.satisfaction;
  const satisfaction = rate(s?.satisfied ?? 0, s?.rated ?? 0);
  const collectionRate = rate(i.collection?.paidCents ?? 0, i.collection?.billedCents ?? 0);
  const count = (type: string) => i.volumes.filter((v) => v.type === type).reduce((n, v) => n + v.tickets, 0);
  const overdueNow = i.overdue?.overdue ?? 0;
  const complaints = count("COMPLAINT");
  const repairs = count("REPAIR");
  return {
    officeId: i.officeId,
    units: i.units,
    satisfaction,
    followUpRate: rate(i.followUps?.done ?? 0, i.followUps?.needed ?? 0),
    collectionRate,
    billedCents: i.collection?.billedCents ?? 0,
    paidCents: i.collection?.paidCents ?? 0,
    replyCompliance: rate(i.sla?.replyMet ?? 0, i.sla?.replyDecided ?? 0),
    resolveCompliance: rate(i.sla?.resolveMet ?? 0, i.sla?.resolveDecided ?? 0),
    overdueNow,
    complaints,
    repairs,
    tickets: i.volumes.reduce((n, v) => n + v.tickets, 0),
    complaintsPer100Units: per100(complaints, i.units),
    repairsPer100Units: per100(repairs, i.units),
    overduePer100Units: per100(overdueNow, i.units),
    spotCheckDisagreement: rate((s?.checked ?? 0) - (s?.agreeing ?? 0), s?.checked ?? 0),
    belowTarget: [
      ...(below(satisfaction, targets.satisfaction) ? (["SATISFACTION"] as const) : []),
      ...(below(collectionRate, targets.collection) ? (["COLLECTION"] as const) : []),
    ],
  };
}

/** The offices' inputs added together (every count is additive), for the scope's total row. */
export function totalOf(inputs: readonly OfficeInputs[]): Omit<OfficeInputs, "officeId"> {
  const key = { officeId: null, month: null };
  const total = (value: (i: OfficeInputs) => number | undefined) => inputs.reduce((n, i) => n + (value(i) ?? 0), 0);
  const volumes = new Map<string, VolumeRow>();
  for (const v of inputs.flatMap((i) => i.volumes)) {
    const row = volumes.get(v.type) ?? { ...key, type: v.type, tickets: 0 };
    row.tickets += v.tickets;
    volumes.set(v.type, row);
  }
  return {
    units: total((i) => i.units),
    satisfaction: {
      ...key,
      rated: total((i) => i.satisfaction?.rated),
      satisfied: total((i) => i.satisfaction?.satisfied),
      checked: total((i) => i.satisfaction?.checked),
      checkSatisfied: total((i) => i.satisfaction?.checkSatisfied),
      agreeing: total((i) => i.satisfaction?.agreeing),
    },
    followUps: { ...key, needed: total((i) => i.followUps?.needed), done: total((i) => i.followUps?.done) },
    collection: {
      ...key,
      billedCents: total((i) => i.collection?.billedCents),
      paidCents: total((i) => i.collection?.paidCents),
      bills: total((i) => i.collection?.bills),
    },
    sla: {
      ...key,
      replyDecided: total((i) => i.sla?.replyDecided),
      replyMet: total((i) => i.sla?.replyMet),
      resolveDecided: total((i) => i.sla?.resolveDecided),
      resolveMet: total((i) => i.sla?.resolveMet),
    },
    overdue: {
      ...key,
      overdue: total((i) => i.overdue?.overdue),
      replyOverdue: total((i) => i.overdue?.replyOverdue),
      resolveOverdue: total((i) => i.overdue?.resolveOverdue),
    },
    volumes: [...volumes.values()],
  };
}

/** The rows a comparison is computed from (the reference for `officeTotalsSql`). */
export interface ComparisonData {
  tickets: TicketRow[];
  followUps: FollowUpRow[];
  spotChecks: SpotCheckRow[];
  bills: BillRow[];
  payments: PaymentRow[];
  /** Every unit, by its office. */
  units: { officeId: string }[];
}

/** Each listed office's inputs by the reference definitions (zero counts where nothing happened). */
export function officeInputsFrom(
  data: ComparisonData,
  q: ReportQuery & { officeIds: readonly string[] },
  now: Date,
  asOf: string,
): OfficeInputs[] {
  const byOffice = { ...q, groupBy: { office: true, month: false } };
  const satisfaction = satisfactionCounts(data.followUps, data.spotChecks, byOffice);
  const followUps = followUpCounts(data.followUps, byOffice);
  const collection = collectionCounts(data.bills, data.payments, byOffice, asOf);
  const sla = slaCounts(data.tickets, byOffice, now);
  const overdue = overdueRows(data.tickets, q, { office: true }, now);
  const volumes = volumeRows(data.tickets, byOffice);
  return q.officeIds.map((officeId) => {
    const key = { officeId, month: null };
    const find = <T extends { officeId: string | null }>(rows: T[]) => rows.find((r) => r.officeId === officeId);
    return {
      officeId,
      units: data.units.filter((u) => u.officeId === officeId).length,
      satisfaction: find(satisfaction) ?? emptySatisfaction(key),
      followUps: find(followUps) ?? { ...key, needed: 0, done: 0 },
      collection: find(collection) ?? { ...key, billedCents: 0, paidCents: 0, bills: 0 },
      sla: find(sla) ?? { ...key, replyDecided: 0, replyMet: 0, resolveDecided: 0, resolveMet: 0 },
      overdue: find(overdue) ?? { ...key, overdue: 0, replyOverdue: 0, resolveOverdue: 0 },
      volumes: volumes.filter((v) => v.officeId === officeId),
    };
  });
}
