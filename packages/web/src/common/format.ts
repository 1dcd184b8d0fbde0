import { DateTime } from "luxon";

/**
 * Formatting for people: instants in the group's time zone (not the browser's), rates as percentages, in
 * the console's language. Pure functions of (locale, zone), so they are easy to test.
 */
export interface Formatters {
  dateTime: (iso: string | null | undefined) => string;
  /** A LocalDate (YYYY-MM-DD) as the locale writes it. */
  date: (localDate: string | null | undefined) => string;
  month: (yyyyMm: string | null | undefined) => string;
  percent: (value: number | null | undefined, digits?: number) => string;
  number: (value: number | null | undefined, digits?: number) => string;
  zone: string;
}

const DASH = "—";

export function createFormatters(locale: string, zone: string): Formatters {
  const dateTime = new Intl.DateTimeFormat(locale, {
    timeZone: zone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  const date = new Intl.DateTimeFormat(locale, { timeZone: "UTC", year: "numeric", month: "2-digit", day: "2-digit" });
  const month = new Intl.DateTimeFormat(locale, { timeZone: "UTC", year: "numeric", month: "short" });
  return {
    zone,
    dateTime: (iso) => (iso ? dateTime.format(new Date(iso)) : DASH),
    date: (d) => (d ? date.format(new Date(`${d}T00:00:00Z`)) : DASH),
    month: (m) => (m ? month.format(new Date(`${m}-01T00:00:00Z`)) : DASH),
    percent: (value, digits = 1) =>
      value === null || value === undefined
        ? DASH
        : new Intl.NumberFormat(locale, {
            style: "percent",
            minimumFractionDigits: digits,
            maximumFractionDigits: digits,
          }).format(value),
    number: (value, digits = 0) =>
      value === null || value === undefined
        ? DASH
        : new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value),
  };
}

/** Today's date in the zone, YYYY-MM-DD. */
export function todayIn(zone: string, now: Date = new Date()): string {
  return DateTime.fromJSDate(now).setZone(zone).toISODate()!;
}

/** A `datetime-local` input's value (wall time in the zone) as an instant, or null when empty/invalid. */
export function wallTimeToIso(value: string, zone: string): string | null {
  if (!value) return null;
  const dt = DateTime.fromISO(value, { zone });
  return dt.isValid ? dt.toUTC().toISO() : null;
}
