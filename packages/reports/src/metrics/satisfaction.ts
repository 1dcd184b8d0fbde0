import { instantInPeriod, monthOfInstant } from "../period";
import { aggregate, inScope, keyOf, type GroupKey, type ReportQuery } from "../query";
import { rate, type Rate } from "../rate";

export type Satisfaction = "VERY_SATISFIED" | "SATISFIED" | "NEUTRAL" | "DISSATISFIED" | "VERY_DISSATISFIED";
export type FollowUpStatus = "PENDING" | "COMPLETED" | "EXEMPTED";

/** Top-two box: the answers that count as satisfied. */
export const SATISFIED: readonly Satisfaction[] = ["VERY_SATISFIED", "SATISFIED"];

/** A follow-up (回访) task, one per resolution of a ticket. */
export interface FollowUpRow {
  officeId: string;
  /** When the ticket was resolved and the follow-up became due. */
  createdAt: Date;
  status: FollowUpStatus;
  /** When the customer was reached (or the exemption recorded). */
  completedAt: Date | null;
  satisfaction: Satisfaction | null;
}

/** A head-office spot check of a followed-up ticket, dated by the office follow-up it checks. */
export interface SpotCheckRow {
  officeId: string;
  followUpCompletedAt: Date;
  status: "PENDING" | "DONE";
  satisfaction: Satisfaction | null;
  /** Whether the head office's top-two-box verdict equals the office's. */
  agrees: boolean | null;
}

export interface SatisfactionCounts extends GroupKey {
  /** Office follow-ups completed in the period (each has a rating). */
  rated: number;
  satisfied: number;
  /** Spot checks done on follow-ups completed in the period. */
  checked: number;
  checkSatisfied: number;
  agreeing: number;
}

export interface SatisfactionRow extends GroupKey {
  /** 满意率: office follow-ups rated very satisfied or satisfied / office follow-ups with a rating. */
  satisfaction: Rate;
  /** The same over the head office's spot checks. */
  spotCheckSatisfaction: Rate;
  /** Spot checks whose verdict equals the office follow-up's / spot checks. */
  spotCheckAgreement: Rate;
}

export const emptySatisfaction = (key: GroupKey): SatisfactionCounts => ({
  ...key,
  rated: 0,
  satisfied: 0,
  checked: 0,
  checkSatisfied: 0,
  agreeing: 0,
});

/**
 * Satisfaction by the definition: follow-ups count in the period they were completed, spot checks in the
 * period of the follow-up they check (so both describe the same customers).
 */
export function satisfactionCounts(
  followUps: Iterable<FollowUpRow>,
  spotChecks: Iterable<SpotCheckRow>,
  q: ReportQuery,
): SatisfactionCounts[] {
  type Item = { officeId: string; at: Date; followUp?: FollowUpRow; check?: SpotCheckRow };
  const items: Item[] = [];
  for (const f of followUps)
    if (f.status === "COMPLETED" && f.completedAt) items.push({ officeId: f.officeId, at: f.completedAt, followUp: f });
  for (const c of spotChecks) if (c.status === "DONE") items.push({ officeId: c.officeId, at: c.followUpCompletedAt, check: c });
  return aggregate(
    items,
    q.groupBy,
    (i) =>
      inScope(q, i.officeId) && instantInPeriod(i.at, q.period)
        ? keyOf(q.groupBy, i.officeId, monthOfInstant(i.at, q.period.timeZone))
        : null,
    emptySatisfaction,
    (acc, i) => {
      if (i.followUp) {
        acc.rated += 1;
        if (SATISFIED.includes(i.followUp.satisfaction!)) acc.satisfied += 1;
      } else if (i.check) {
        acc.checked += 1;
        if (SATISFIED.includes(i.check.satisfaction!)) acc.checkSatisfied += 1;
        if (i.check.agrees) acc.agreeing += 1;
      }
    },
  );
}

export function satisfactionRows(counts: SatisfactionCounts[]): SatisfactionRow[] {
  return counts.map((c) => ({
    officeId: c.officeId,
    month: c.month,
    satisfaction: rate(c.satisfied, c.rated),
    spotCheckSatisfaction: rate(c.checkSatisfied, c.checked),
    spotCheckAgreement: rate(c.agreeing, c.checked),
  }));
}
