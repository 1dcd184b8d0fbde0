import { DateTime } from "luxon";

/**
 * A report period: the half-open interval [from, to) of local dates in the group's time zone. Instants are
 * compared with the local midnights of `from` and `to`; dates (due dates, assessment periods) with the dates.
 */
export interface Period {
  from: string;
  to: string;
  timeZone: string;
}

/** The instant a local date starts in a time zone. */
export function startOfDay(date: string, timeZone: string): Date {
  return DateTime.fromISO(date, { zone: timeZone }).toJSDate();
}

export function instantInPeriod(at: Date | null, period: Period): boolean {
  if (!at) return false;
  return at >= startOfDay(period.from, period.timeZone) && at < startOfDay(period.to, period.timeZone);
}

export function dateInPeriod(date: string, period: Period): boolean {
  return date >= period.from && date < period.to;
}

/** The local month (YYYY-MM) of an instant. */
export function monthOfInstant(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toFormat("yyyy-MM");
}

/** The month (YYYY-MM) of a date. */
export const monthOfDate = (date: string): string => date.slice(0, 7);

/** Whole days from `from` to `to` (dates). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The first day of the month after a date's month. */
const nextMonthStart = (date: string): string => {
  const [year, month] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  return month === 12 ? `${year + 1}-01-01` : `${date.slice(0, 4)}-${String(month + 1).padStart(2, "0")}-01`;
};

/**
 * The whole calendar months `[from, to)` of first days inside a period of dates, or null when it holds none;
 * the days before `from` and from `to` on (each possibly none) are the partial months at its edges.
 */
export function wholeMonthsOf(period: { from: string; to: string }): { from: string; to: string } | null {
  const from = period.from.endsWith("-01") ? period.from : nextMonthStart(period.from);
  const to = `${period.to.slice(0, 7)}-01`;
  return from < to ? { from, to } : null;
}
