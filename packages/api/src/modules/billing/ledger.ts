import { badInput } from "../../common/errors/app-error";
import { formatYuan } from "./money";

/** The money state of one bill: what was billed and what its payments (net of reversals) add up to. */
export interface LedgerBill {
  amountCents: number;
  paidCents: number;
}

/** A payment may not exceed what is still owed: overpayments are refused, not kept as credit. */
export function applyPayment(bill: LedgerBill, cents: number): void {
  const outstanding = bill.amountCents - bill.paidCents;
  if (cents > outstanding) {
    throw badInput(
      "OVERPAYMENT",
      `The payment (${formatYuan(cents)}) is more than what is owed on the bill (${formatYuan(outstanding)}).`,
      ["input", "amountCents"],
      { outstandingCents: outstanding },
    );
  }
  bill.paidCents += cents;
}

/** Cancels a payment by its counter-entry: the bill owes that amount again. */
export function applyReversal(bill: LedgerBill, originalCents: number): void {
  bill.paidCents -= originalCents;
}

export interface LedgerTotals {
  billedCents: number;
  paidCents: number;
  outstandingCents: number;
}

/** Totals that always reconcile: billed = paid + outstanding. */
export function totals(bills: Iterable<LedgerBill>): LedgerTotals {
  let billedCents = 0;
  let paidCents = 0;
  for (const b of bills) {
    billedCents += b.amountCents;
    paidCents += b.paidCents;
  }
  return { billedCents, paidCents, outstandingCents: billedCents - paidCents };
}
