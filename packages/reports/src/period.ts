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
