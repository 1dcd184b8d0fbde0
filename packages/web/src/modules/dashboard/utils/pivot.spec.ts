import { describe, expect, it } from "vitest";
import { pivotBy, pivotByMonth } from "./pivot";

describe("pivot", () => {
  it("successful: one point per month in order, a value per office, null where nothing was measured", () => {
    const { months, points } = pivotByMonth(
      [
        { month: "2026-10", officeId: "a", v: 0.9 },
        { month: "2026-09", officeId: "a", v: 0.8 },
        { month: "2026-10", officeId: "b", v: null },
      ],
      (r) => r.v,
    );
    expect(months).toEqual(["2026-09", "2026-10"]);
    expect(points).toEqual([
      { month: "2026-09", a: 0.8 },
      { month: "2026-10", a: 0.9, b: null },
    ]);
  });

  it("successful: pivots indicators by office", () => {
    expect(
      pivotBy(
        [
          { i: "COMM", o: "a", s: 80 },
          { i: "COMM", o: "b", s: 70 },
          { i: "SELF", o: "a", s: null },
        ],
        (r) => r.i,
        (r) => r.o,
        (r) => r.s,
      ),
    ).toEqual([
      { key: "COMM", a: 80, b: 70 },
      { key: "SELF", a: null },
    ]);
  });
});
