import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BASE_SCORE, monthOf, monthlyScore, signedPoints } from "./monthly-score";

describe("monthly staff score", () => {
  it("is 100 with nothing recorded", () => {
    expect(monthlyScore([])).toEqual({ score: 100, deductions: 0, bonuses: 0, entries: 0 });
  });

  it("takes deductions off and adds bonuses, as the regulation's 100 − 扣分 + 奖励分", () => {
    const entries = [
      { points: signedPoints("DEDUCTION", 20), voided: false },
      { points: signedPoints("DEDUCTION", 10), voided: false },
      { points: signedPoints("BONUS", 5), voided: false },
    ];
    expect(monthlyScore(entries)).toEqual({ score: 75, deductions: 30, bonuses: 5, entries: 3 });
  });

  it("ignores voided entries", () => {
    expect(
      monthlyScore([
        { points: -20, voided: true },
        { points: 3, voided: false },
      ]),
    ).toEqual({ score: 103, deductions: 0, bonuses: 3, entries: 1 });
  });

  it("is not clamped at zero", () => {
    expect(monthlyScore(Array.from({ length: 6 }, () => ({ points: -20, voided: false }))).score).toBe(-20);
  });

  it("always equals base − deductions + bonuses, whatever the entries", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ points: fc.integer({ min: -100, max: 100 }).filter((p) => p !== 0), voided: fc.boolean() })),
        (entries) => {
          const s = monthlyScore(entries);
          const live = entries.filter((e) => !e.voided);
          expect(s.score).toBe(BASE_SCORE + live.reduce((sum, e) => sum + e.points, 0));
          expect(s.score).toBe(BASE_SCORE - s.deductions + s.bonuses);
          expect(s.entries).toBe(live.length);
        },
      ),
    );
  });

  it("counts an occurrence in the month it happened", () => {
    expect(monthOf("2026-03-31")).toBe("2026-03-01");
  });
});
