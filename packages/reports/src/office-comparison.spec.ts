import { describe, expect, it } from "vitest";
import { compareOffice, totalOf } from "./office-comparison";

describe("office comparison", () => {
  it("normalises volumes per 100 units and marks measured metrics below target", () => {
    const row = compareOffice({
      officeId: "A",
      units: 400,
      satisfaction: { officeId: "A", month: null, rated: 100, satisfied: 95, checked: 10, checkSatisfied: 9, agreeing: 8 },
      collection: { officeId: "A", month: null, billedCents: 1_000_000, paidCents: 960_000, bills: 10 },
      overdue: { officeId: "A", month: null, overdue: 6, replyOverdue: 2, resolveOverdue: 5 },
      volumes: [
        { officeId: "A", month: null, type: "COMPLAINT", tickets: 20 },
        { officeId: "A", month: null, type: "REPAIR", tickets: 60 },
      ],
    });
    expect(row).toMatchObject({
      complaintsPer100Units: 5,
      repairsPer100Units: 15,
      overduePer100Units: 1.5,
      tickets: 80,
      belowTarget: ["SATISFACTION"],
    });
    expect(row.spotCheckDisagreement).toEqual({ numerator: 2, denominator: 10, value: 0.2 });
  });

  it("does not call an office without data below target, and gives no per-unit figure without units", () => {
    const row = compareOffice({ officeId: "B", units: 0, volumes: [] });
    expect(row.satisfaction.value).toBeNull();
    expect(row.belowTarget).toEqual([]);
    expect(row.complaintsPer100Units).toBeNull();
  });
});

describe("the scope's total row", () => {
  it("adds every office's counts before computing rates (not an average of rates)", () => {
    const k = (officeId: string) => ({ officeId, month: null });
    const total = compareOffice({
      officeId: null,
      ...totalOf([
        {
          officeId: "A",
          units: 100,
          satisfaction: { ...k("A"), rated: 10, satisfied: 10, checked: 0, checkSatisfied: 0, agreeing: 0 },
          volumes: [{ ...k("A"), type: "REPAIR", tickets: 4 }],
        },
        {
          officeId: "B",
          units: 300,
          satisfaction: { ...k("B"), rated: 90, satisfied: 45, checked: 0, checkSatisfied: 0, agreeing: 0 },
          volumes: [{ ...k("B"), type: "REPAIR", tickets: 8 }],
        },
      ]),
    });
    expect(total.satisfaction).toEqual({ numerator: 55, denominator: 100, value: 0.55 });
    expect(total).toMatchObject({ units: 400, repairs: 12, repairsPer100Units: 3, belowTarget: ["SATISFACTION"] });
  });
});
