import { describe, expect, it } from "vitest";
import type { ReportQuery } from "../query";
import { arrearsRows, bucketOf, collectionCounts, collectionRows, paidBefore, type BillRow, type PaymentRow } from "./collection";

const q = (groupBy = { office: false, month: false }): ReportQuery => ({
  tenantId: "t",
  officeIds: null,
  period: { from: "2026-10-01", to: "2026-11-01", timeZone: "Asia/Shanghai" },
  groupBy,
});
const bill = (id: string, officeId: string, dueOn: string, amountCents: number, paidCents = 0, unitId = id): BillRow => ({
  id,
  officeId,
  unitId,
  dueOn,
  amountCents,
  paidCents,
});

describe("collection rate (收缴率)", () => {
  const bills = [
    bill("b1", "A", "2026-10-15", 10_000),
    bill("b2", "A", "2026-10-31", 5_000),
    bill("b3", "B", "2026-11-01", 7_000),
    bill("b4", "B", "2026-09-30", 3_000),
  ];
  const payments: PaymentRow[] = [
    { billId: "b1", amountCents: 10_000, paidOn: "2026-10-10" },
    { billId: "b2", amountCents: 2_000, paidOn: "2026-11-05" },
    { billId: "b2", amountCents: 3_000, paidOn: "2026-11-20" },
    { billId: "b3", amountCents: 7_000, paidOn: "2026-10-20" },
  ];

  it("is paid before asOf on bills due in the period over billed on them", () => {
    const [row] = collectionRows(collectionCounts(bills, payments, q(), "2026-11-10"));
    expect(row).toMatchObject({ billedCents: 15_000, paidCents: 12_000, outstandingCents: 3_000, bills: 2 });
    expect(row!.collectionRate).toEqual({ numerator: 12_000, denominator: 15_000, value: 0.8 });
  });

  it("excludes payments dated on asOf itself", () => {
    expect(collectionCounts(bills, payments, q(), "2026-11-20")[0]!.paidCents).toBe(12_000);
    expect(collectionCounts(bills, payments, q(), "2026-11-21")[0]!.paidCents).toBe(15_000);
  });

  it("groups by the month bills fall due", () => {
    const wide = { ...q({ office: true, month: true }), period: { ...q().period, from: "2026-09-01", to: "2026-12-01" } };
    expect(collectionCounts(bills, payments, wide, "2027-01-01").map((c) => [c.officeId, c.month, c.billedCents])).toEqual([
      ["A", "2026-10", 15_000],
      ["B", "2026-09", 3_000],
      ["B", "2026-11", 7_000],
    ]);
  });

  it("nets reversals and keeps a bill's paid amount within [0, amount]", () => {
    const b = [bill("x", "A", "2026-10-01", 100)];
    const p: PaymentRow[] = [
      { billId: "x", amountCents: 100, paidOn: "2026-10-05" },
      { billId: "x", amountCents: -100, paidOn: "2026-10-06" },
      { billId: "x", amountCents: 100, paidOn: "2026-10-02" }, // back-dated after the reversal
    ];
    expect(paidBefore(b, p, "2026-10-06").get("x")).toBe(100);
    expect(paidBefore(b, p, "2026-10-07").get("x")).toBe(100);
    expect(paidBefore(b, p, "2026-10-03").get("x")).toBe(100);
  });
});

describe("arrears and their ages", () => {
  it("puts days past due into buckets", () => {
    expect([1, 30, 31, 90, 91, 180, 181, 365, 366].map(bucketOf)).toEqual([
      "days1To30",
      "days1To30",
      "days31To90",
      "days31To90",
      "days91To180",
      "days91To180",
      "days181To365",
      "days181To365",
      "over365Days",
    ]);
  });

  it("counts what was owed at the start of asOf on bills due before it", () => {
    const bills = [
      bill("a1", "A", "2026-10-31", 1_000, 0, "u1"),
      bill("a2", "A", "2026-09-01", 2_000, 0, "u1"), // 61 days before asOf
      bill("a3", "A", "2025-01-01", 3_000, 0, "u2"),
      bill("a4", "A", "2026-11-01", 4_000, 0, "u3"), // due on asOf: not yet in arrears
      bill("b1", "B", "2026-10-01", 5_000, 5_000, "u4"),
    ];
    const payments: PaymentRow[] = [
      { billId: "a2", amountCents: 500, paidOn: "2026-09-01" },
      { billId: "b1", amountCents: 5_000, paidOn: "2026-10-02" },
    ];
    const [all] = arrearsRows(bills, payments, { tenantId: "t", officeIds: null }, { office: false }, "2026-11-01");
    expect(all).toEqual({
      officeId: null,
      month: null,
      outstandingCents: 1_000 + 1_500 + 3_000,
      billsInArrears: 3,
      unitsInArrears: 2,
      days1To30: 1_000,
      days31To90: 1_500,
      days91To180: 0,
      days181To365: 0,
      over365Days: 3_000,
    });
    expect(arrearsRows(bills, payments, { tenantId: "t", officeIds: ["B"] }, { office: true }, "2026-11-01")).toEqual([]);
  });
});
