import { instantInPeriod, monthOfInstant } from "../period";
import { aggregate, inScope, keyOf, type GroupKey, type ReportQuery } from "../query";
import { rate, type Rate } from "../rate";
import type { FollowUpRow } from "./satisfaction";

export interface FollowUpCounts extends GroupKey {
  /** Resolutions in the period that need a follow-up (not exempted). */
  needed: number;
  /** Of those, followed up (the customer reached and a rating recorded). */
  done: number;
}

export interface FollowUpRateRow extends GroupKey {
  /** 回访率: resolutions in the period that need a follow-up and have one / those that need one. */
  followUpRate: Rate;
}

/**
 * Follow-up rate by the definition, counted per resolution: every resolution creates one follow-up task
 * (a ticket reopened and resolved again needs another), dated when it was resolved. Counting the tasks keeps
 * a closed month's figure stable when a ticket is reopened later.
 */
export function followUpCounts(followUps: Iterable<FollowUpRow>, q: ReportQuery): FollowUpCounts[] {
  return aggregate(
    followUps,
    q.groupBy,
    (f) =>
      inScope(q, f.officeId) && instantInPeriod(f.createdAt, q.period)
        ? keyOf(q.groupBy, f.officeId, monthOfInstant(f.createdAt, q.period.timeZone))
        : null,
    (key) => ({ ...key, needed: 0, done: 0 }),
    (acc, f) => {
      if (f.status === "EXEMPTED") return;
      acc.needed += 1;
      if (f.status === "COMPLETED") acc.done += 1;
    },
  );
}

export const followUpRateRows = (counts: FollowUpCounts[]): FollowUpRateRow[] =>
  counts.map((c) => ({ officeId: c.officeId, month: c.month, followUpRate: rate(c.done, c.needed) }));
