import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { areaFee, formatYuan, parseYuan } from "./money";

describe("money in cents", () => {
  it("parses yuan text exactly, without floats", () => {
    expect(parseYuan("1234.56")).toBe(123456);
    expect(parseYuan("0.1")).toBe(10);
    expect(parseYuan("¥1,000")).toBe(100000);
    expect(parseYuan("0.07")).toBe(7);
    for (const bad of ["", "1.234", "abc", "1e3", "12.3.4"]) expect(parseYuan(bad)).toBeNull();
  });

  it("formats and parses back to the same cents", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (cents) => {
        expect(parseYuan(formatYuan(cents))).toBe(cents);
      }),
    );
  });

  it("a per-m² fee rounds half up to whole cents", () => {
    expect(areaFee(280, 8850)).toBe(24780); // 2.80 × 88.50 m² = 247.80
    expect(areaFee(333, 150)).toBe(500); // 3.33 × 1.50 = 4.995 → 5.00
    expect(areaFee(333, 149)).toBe(496); // 4.9617 → 4.96
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 10_000_000 }), (rate, area) => {
        const exact = (rate * area) / 100;
        expect(Math.abs(areaFee(rate, area) - exact)).toBeLessThanOrEqual(0.5);
      }),
    );
  });
});
