import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rate } from "./rate";

describe("rate", () => {
  it("is null, not 0 or 1, when there is nothing to measure", () => {
    expect(rate(0, 0)).toEqual({ numerator: 0, denominator: 0, value: null });
  });

  it("is the share of the denominator, always within [0, 1]", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (denominator, share) => {
        const numerator = Math.floor(denominator * share);
        const r = rate(numerator, denominator);
        expect(r.value).toBeCloseTo(numerator / denominator, 12);
        expect(r.value).toBeGreaterThanOrEqual(0);
        expect(r.value).toBeLessThanOrEqual(1);
      }),
    );
  });

  it("refuses counts that cannot form a rate", () => {
    expect(() => rate(3, 2)).toThrow(RangeError);
    expect(() => rate(-1, 2)).toThrow(RangeError);
    expect(() => rate(1, Number.NaN)).toThrow(RangeError);
  });
});
