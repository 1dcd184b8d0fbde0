import { DateTime } from "luxon";

/** A report period of local dates in the group's time zone: [from, to), as the API takes it. */
export interface Period {
  from: string;
  to: string;
}

export const PRESETS = ["thisMonth", "lastMonth", "last3", "last6", "thisYear"] as const;
export type Preset = (typeof PRESETS)[number];

/** The preset's period as of `today` (a local date): months count whole, ending with today. */
export function presetPeriod(preset: Preset, today: string): Period {
  const day = DateTime.fromISO(today, { zone: "utc" });
  const tomorrow = day.plus({ days: 1 }).toISODate()!;
  const monthStart = day.startOf("month");
  switch (preset) {
    case "thisMonth":
      return { from: monthStart.toISODate()!, to: tomorrow };
    case "lastMonth":
      return { from: monthStart.minus({ months: 1 }).toISODate()!, to: monthStart.toISODate()! };
    case "last3":
      return { from: monthStart.minus({ months: 2 }).toISODate()!, to: tomorrow };
    case "last6":
      return { from: monthStart.minus({ months: 5 }).toISODate()!, to: tomorrow };
    case "thisYear":
      return { from: day.startOf("year").toISODate()!, to: tomorrow };
  }
}

/** The last day inside the period (what people call "to"). */
export function inclusiveEnd(period: Period): string {
  return DateTime.fromISO(period.to, { zone: "utc" }).minus({ days: 1 }).toISODate()!;
}

/** The period from dates as people enter them (both inclusive); null when invalid or reversed. */
export function periodFromInclusive(from: string, toInclusive: string): Period | null {
  const a = DateTime.fromISO(from, { zone: "utc" });
  const b = DateTime.fromISO(toInclusive, { zone: "utc" });
  if (!a.isValid || !b.isValid || b < a) return null;
  return { from: a.toISODate()!, to: b.plus({ days: 1 }).toISODate()! };
}

/** The period in the URL (?from=&to=), else the default preset. */
export function periodFromSearch(search: URLSearchParams, today: string, fallback: Preset = "last6"): Period {
  const from = search.get("from");
  const to = search.get("to");
  if (from && to) {
    const p = periodFromInclusive(from, inclusiveEnd({ from, to }));
    if (p && p.to === to) return p;
  }
  return presetPeriod(fallback, today);
}
