import type { CollectionCounts } from "./metrics/collection";
import type { FollowUpCounts } from "./metrics/follow-up-rate";
import { emptySatisfaction, type SatisfactionCounts } from "./metrics/satisfaction";
import type { OverdueRow, SlaCounts, TicketType, VolumeRow } from "./metrics/tickets";
import type { OfficeInputs } from "./office-comparison";
import type { GroupBy, GroupKey } from "./query";

export const TICKET_TYPES: readonly TicketType[] = [
  "COMPLAINT",
  "SUGGESTION",
  "HELP",
  "COORDINATION",
  "REPAIR",
  "CONSULTATION",
  "QUALITY",
];

/**
 * Every counter of the per-office, per-day rollup (`report_office_day`) summed over a group, with what depends
 * on the clock (open tickets past a deadline) already added. Each metric reads its own counters.
 */
export interface RollupCounts extends GroupKey {
  received: Record<TicketType, number>;
  /** Deadlines falling due (all, decided or not), decided, and met. */
  replyDue: number;
  replyDecided: number;
  replyMet: number;
  resolveDue: number;
  resolveDecided: number;
  resolveMet: number;
  followUpsCreated: number;
  followUpsNeeded: number;
  followUpsDone: number;
  followUpsRated: number;
  followUpsSatisfied: number;
  spotChecks: number;
  spotChecksSatisfied: number;
  spotChecksAgreeing: number;
  bills: number;
  billedCents: number;
  paidCents: number;
}

const grouped = (g: GroupBy) => g.office || g.month;
const key = (r: RollupCounts): GroupKey => ({ officeId: r.officeId, month: r.month });

/*
 * A group appears in a metric's rows exactly when the metric's own query would have a row for it: always
 * without grouping (one row for the scope), otherwise when something of that metric happened in the group.
 */

export const satisfactionFromRollup = (rows: RollupCounts[], g: GroupBy): SatisfactionCounts[] =>
  rows
    .filter((r) => !grouped(g) || r.followUpsRated > 0 || r.spotChecks > 0)
    .map((r) => ({
      ...key(r),
      rated: r.followUpsRated,
      satisfied: r.followUpsSatisfied,
      checked: r.spotChecks,
      checkSatisfied: r.spotChecksSatisfied,
      agreeing: r.spotChecksAgreeing,
    }));

export const followUpsFromRollup = (rows: RollupCounts[], g: GroupBy): FollowUpCounts[] =>
  rows
    .filter((r) => !grouped(g) || r.followUpsCreated > 0)
    .map((r) => ({ ...key(r), needed: r.followUpsNeeded, done: r.followUpsDone }));

export const slaFromRollup = (rows: RollupCounts[], g: GroupBy): SlaCounts[] =>
  rows
    .filter((r) => !grouped(g) || r.replyDue > 0 || r.resolveDue > 0)
    .map((r) => ({
      ...key(r),
      replyDecided: r.replyDecided,
      replyMet: r.replyMet,
      resolveDecided: r.resolveDecided,
      resolveMet: r.resolveMet,
    }));

/** Collection with every payment so far (asOf after today): the bills' own paid amounts. */
export const collectionFromRollup = (rows: RollupCounts[], g: GroupBy): CollectionCounts[] =>
  rows
    .filter((r) => !grouped(g) || r.bills > 0)
    .map((r) => ({ ...key(r), billedCents: r.billedCents, paidCents: r.paidCents, bills: r.bills }));

export const volumesFromRollup = (rows: RollupCounts[]): VolumeRow[] =>
  rows.flatMap((r) =>
    [...TICKET_TYPES]
      .sort()
      .filter((type) => r.received[type] > 0)
      .map((type) => ({ ...key(r), type, tickets: r.received[type] })),
  );

/** Each office's comparison inputs from rollup rows grouped by office, with the live figures added. */
export function officeInputsFromRollup(
  rows: RollupCounts[],
  officeIds: readonly string[],
  units: ReadonlyMap<string, number>,
  overdue: readonly OverdueRow[],
  collection?: readonly CollectionCounts[],
): OfficeInputs[] {
  const g = { office: true, month: false };
  const satisfaction = satisfactionFromRollup(rows, g);
  const followUps = followUpsFromRollup(rows, g);
  const sla = slaFromRollup(rows, g);
  const bills = collection ?? collectionFromRollup(rows, g);
  const volumes = volumesFromRollup(rows);
  return officeIds.map((officeId) => {
    const k = { officeId, month: null };
    const find = <T extends GroupKey>(list: readonly T[]) => list.find((r) => r.officeId === officeId);
    return {
      officeId,
      units: units.get(officeId) ?? 0,
      satisfaction: find(satisfaction) ?? emptySatisfaction(k),
      followUps: find(followUps) ?? { ...k, needed: 0, done: 0 },
      collection: find(bills) ?? { ...k, billedCents: 0, paidCents: 0, bills: 0 },
      sla: find(sla) ?? { ...k, replyDecided: 0, replyMet: 0, resolveDecided: 0, resolveMet: 0 },
      overdue: find(overdue) ?? { ...k, overdue: 0, replyOverdue: 0, resolveOverdue: 0 },
      volumes: volumes.filter((v) => v.officeId === officeId),
    };
  });
}
