import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { inclusiveEnd, periodFromInclusive, periodFromSearch, presetPeriod, PRESETS } from "./period";

describe("report periods", () => {
  it("successful: presets are whole months ending today, half-open like the API", () => {
    expect(presetPeriod("thisMonth", "2026-11-22")).toEqual({ from: "2026-11-01", to: "2026-11-23" });
    expect(presetPeriod("lastMonth", "2026-01-15")).toEqual({ from: "2025-12-01", to: "2026-01-01" });
    expect(presetPeriod("last6", "2026-11-30")).toEqual({ from: "2026-06-01", to: "2026-12-01" });
    expect(presetPeriod("thisYear", "2026-12-31")).toEqual({ from: "2026-01-01", to: "2027-01-01" });
  });

  it("property: every preset contains today and starts on a first of the month (or is last month)", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2000-01-01"), max: new Date("2099-12-31"), noInvalidDate: true }),
        fc.constantFrom(...PRESETS),
        (d, preset) => {
          const today = d.toISOString().slice(0, 10);
          const p = presetPeriod(preset, today);
          expect(p.from.endsWith("-01")).toBe(true);
          expect(p.from < p.to).toBe(true);
          if (preset !== "lastMonth") expect(p.from <= today && today < p.to).toBe(true);
          expect(periodFromInclusive(p.from, inclusiveEnd(p))).toEqual(p);
        },
      ),
    );
  });

  it("failing: reversed or malformed dates give no period; the URL falls back to the default", () => {
    expect(periodFromInclusive("2026-05-02", "2026-05-01")).toBeNull();
    expect(periodFromInclusive("2026-13-01", "2026-12-01")).toBeNull();
    expect(periodFromSearch(new URLSearchParams("from=x&to=y"), "2026-11-22")).toEqual(presetPeriod("last6", "2026-11-22"));
    expect(periodFromSearch(new URLSearchParams("from=2026-01-01&to=2026-02-01"), "2026-11-22")).toEqual({
      from: "2026-01-01",
      to: "2026-02-01",
    });
  });
});
