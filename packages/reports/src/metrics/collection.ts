import { dateInPeriod, daysBetween, monthOfDate } from "../period";
import { aggregate, inScope, keyOf, type GroupBy, type GroupKey, type ReportQuery, type ReportScope } from "../query";
import { rate, type Rate } from "../rate";

export interface BillRow {
  id: string;
  officeId: string;
  unitId: string;
  dueOn: string;
  amountCents: number;
  /** Net of every payment and reversal so far (the ledger keeps it equal to their sum). */
  paidCents: number;
}

/** A payment (positive) or the counter-entry reversing one (negative). */
export interface PaymentRow {
  billId: string;
  amountCents: number;
  paidOn: string;
}

/**
 * What had been paid on each bill before `asOf`: payments and reversals dated before it, kept within
 * [0, amount] (a payment back-dated before an earlier reversal could otherwise count twice for a day).
 */
export function paidBefore(bills: Iterable<BillRow>, payments: Iterable<PaymentRow>, asOf: string): Map<string, number> {
  const sums = new Map<string, number>();
  for (const p of payments) if (p.paidOn < asOf) sums.set(p.billId, (sums.get(p.billId) ?? 0) + p.amountCents);
  const paid = new Map<string, number>();
  for (const b of bills) paid.set(b.id, Math.min(b.amountCents, Math.max(0, sums.get(b.id) ?? 0)));
  return paid;
}

export interface CollectionCounts extends GroupKey {
  billedCents: number;
  paidCents: number;
  bills: number;
}

export interface CollectionRow extends CollectionCounts {
  /** 收缴率: paid before `asOf` on bills due in the period / billed on bills due in the period. */
  collectionRate: Rate;
  outstandingCents: number;
}

/** Collection by the definition; months are the months bills fall due. */
export function collectionCounts(bills: BillRow[], payments: PaymentRow[], q: ReportQuery, asOf: string): CollectionCounts[] {
  const paid = paidBefore(bills, payments, asOf);
  return aggregate(
    bills,
    q.groupBy,
    (b) =>
      inScope(q, b.officeId) && dateInPeriod(b.dueOn, q.period) ? keyOf(q.groupBy, b.officeId, monthOfDate(b.dueOn)) : null,
    (key) => ({ ...key, billedCents: 0, paidCents: 0, bills: 0 }),
    (acc, b) => {
      acc.billedCents += b.amountCents;
      acc.paidCents += paid.get(b.id)!;
      acc.bills += 1;
    },
  );
}

export const collectionRows = (counts: CollectionCounts[]): CollectionRow[] =>
  counts.map((c) => ({ ...c, outstandingCents: c.billedCents - c.paidCents, collectionRate: rate(c.paidCents, c.billedCents) }));

/** Age buckets of arrears, by days past the due date at `asOf`. */
export const AGE_BUCKETS = [
  { key: "days1To30", upTo: 30 },
  { key: "days31To90", upTo: 90 },
  { key: "days91To180", upTo: 180 },
  { key: "days181To365", upTo: 365 },
  { key: "over365Days", upTo: Number.POSITIVE_INFINITY },
] as const;

export type AgeBucket = (typeof AGE_BUCKETS)[number]["key"];

export const bucketOf = (daysOverdue: number): AgeBucket => AGE_BUCKETS.find((b) => daysOverdue <= b.upTo)!.key;

/** Arrears are grouped by office or not at all (`month` is always null). */
export interface ArrearsRow extends GroupKey, Record<AgeBucket, number> {
  /** Owed at the start of `asOf` on bills due before it, in cents. */
  outstandingCents: number;
  billsInArrears: number;
  unitsInArrears: number;
}

/** Arrears at the start of `asOf`: bills due before it, less what was paid before it, by age. */
export function arrearsRows(
  bills: BillRow[],
  payments: PaymentRow[],
  scope: ReportScope,
  groupBy: Pick<GroupBy, "office">,
  asOf: string,
): ArrearsRow[] {
  const paid = paidBefore(bills, payments, asOf);
  const units = new Map<string, Set<string>>();
  return aggregate(
    bills.filter((b) => inScope(scope, b.officeId) && b.dueOn < asOf && b.amountCents > paid.get(b.id)!),
    { office: groupBy.office, month: false },
    (b) => keyOf({ office: groupBy.office, month: false }, b.officeId, ""),
    (key): ArrearsRow => ({
      ...key,
      outstandingCents: 0,
      billsInArrears: 0,
      unitsInArrears: 0,
      days1To30: 0,
      days31To90: 0,
      days91To180: 0,
      days181To365: 0,
      over365Days: 0,
    }),
    (acc, b) => {
      const owed = b.amountCents - paid.get(b.id)!;
      acc.outstandingCents += owed;
      acc[bucketOf(daysBetween(b.dueOn, asOf))] += owed;
      acc.billsInArrears += 1;
      const set = units.get(acc.officeId ?? "") ?? new Set<string>();
      set.add(b.unitId);
      units.set(acc.officeId ?? "", set);
      acc.unitsInArrears = set.size;
    },
  );
}
