import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "../../common/errors/app-error";
import { applyPayment, applyReversal, totals, type LedgerBill } from "./ledger";

type Op = { kind: "pay"; bill: number; cents: number } | { kind: "reverse"; payment: number };

describe("the bill ledger (property-based)", () => {
  it("for any bills, payments and reversals: billed = paid + outstanding, each bill's paid = its payments, 0 ≤ paid ≤ billed", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5_000_00 }), { minLength: 1, maxLength: 20 }),
        fc.array(
          fc.oneof(
            fc.record({ kind: fc.constant("pay" as const), bill: fc.nat(), cents: fc.integer({ min: 1, max: 6_000_00 }) }),
            fc.record({ kind: fc.constant("reverse" as const), payment: fc.nat() }),
          ),
          { maxLength: 80 },
        ),
        (amounts, ops: Op[]) => {
          const bills: LedgerBill[] = amounts.map((amountCents) => ({ amountCents, paidCents: 0 }));
          const payments: { bill: number; cents: number; reversed: boolean }[] = [];
          for (const op of ops) {
            if (op.kind === "pay") {
              const i = op.bill % bills.length;
              try {
                applyPayment(bills[i]!, op.cents);
                payments.push({ bill: i, cents: op.cents, reversed: false });
              } catch (e) {
                expect((e as AppError).reason).toBe("OVERPAYMENT");
                expect(op.cents).toBeGreaterThan(bills[i]!.amountCents - bills[i]!.paidCents);
              }
            } else if (payments.length) {
              const p = payments[op.payment % payments.length]!;
              if (p.reversed) continue;
              applyReversal(bills[p.bill]!, p.cents);
              p.reversed = true;
            }
          }
          const t = totals(bills);
          expect(t.billedCents).toBe(t.paidCents + t.outstandingCents);
          bills.forEach((b, i) => {
            const net = payments.filter((p) => p.bill === i && !p.reversed).reduce((n, p) => n + p.cents, 0);
            expect(b.paidCents).toBe(net);
            expect(b.paidCents).toBeGreaterThanOrEqual(0);
            expect(b.paidCents).toBeLessThanOrEqual(b.amountCents);
          });
        },
      ),
    );
  });
});
