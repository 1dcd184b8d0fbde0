import { DateTime } from "luxon";

/** How a deadline is measured (see shared/domain/sla-defaults.json, `deadlineKinds`). */
export enum DeadlineKind {
  MINUTES = "MINUTES",
  HOURS = "HOURS",
  SAME_DAY = "SAME_DAY",
  CALENDAR_DAYS = "CALENDAR_DAYS",
  WORKING_DAYS = "WORKING_DAYS",
}

export interface DeadlineSpec {
  kind: DeadlineKind;
  /** Minutes, hours or days; ignored for SAME_DAY. */
  amount: number;
}

/** Which local dates are worked: Monday–Friday, except holidays, plus make-up working days on weekends. */
export interface WorkingCalendar {
  isWorkingDay(localDate: string): boolean;
}

export function workingCalendar(exceptions: Iterable<{ day: string; kind: "HOLIDAY" | "WORKDAY" }>): WorkingCalendar {
  const byDay = new Map<string, "HOLIDAY" | "WORKDAY">();
  for (const e of exceptions) byDay.set(e.day, e.kind);
  return {
    isWorkingDay(localDate: string): boolean {
      const exception = byDay.get(localDate);
      if (exception) return exception === "WORKDAY";
      const weekday = DateTime.fromISO(localDate, { zone: "UTC" }).weekday; // 1 = Monday … 7 = Sunday
      return weekday <= 5;
    },
  };
}

/**
 * The instant a deadline falls due for something received at `start`, computed in the tenant's time zone:
 * - MINUTES / HOURS: calendar time after `start`;
 * - SAME_DAY: the local midnight that ends the local date of `start`;
 * - CALENDAR_DAYS n: the local midnight that ends the n-th calendar day after that date;
 * - WORKING_DAYS n: the local midnight that ends the n-th working day strictly after that date.
 */
export function dueAt(spec: DeadlineSpec, start: Date, zone: string, calendar: WorkingCalendar): Date {
  switch (spec.kind) {
    case DeadlineKind.MINUTES:
      return new Date(start.getTime() + spec.amount * 60_000);
    case DeadlineKind.HOURS:
      return new Date(start.getTime() + spec.amount * 3_600_000);
    case DeadlineKind.SAME_DAY:
      return endOfLocalDay(localDay(start, zone), 0);
    case DeadlineKind.CALENDAR_DAYS:
      return endOfLocalDay(localDay(start, zone), spec.amount);
    case DeadlineKind.WORKING_DAYS: {
      let day = localDay(start, zone);
      for (let counted = 0; counted < spec.amount;) {
        day = day.plus({ days: 1 });
        if (calendar.isWorkingDay(day.toISODate()!)) counted++;
      }
      return endOfLocalDay(day, 0);
    }
  }
}

function localDay(instant: Date, zone: string): DateTime {
  const local = DateTime.fromJSDate(instant, { zone });
  if (!local.isValid) throw new RangeError(`Unknown time zone ${zone}`);
  return local.startOf("day");
}

/** The midnight that ends the local day `days` after `day`, i.e. the start of the following day. */
function endOfLocalDay(day: DateTime, days: number): Date {
  return day
    .plus({ days: days + 1 })
    .startOf("day")
    .toJSDate();
}

/** The local calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISODate()!;
}

/** The furthest local date a deadline of this spec can reach from `start` (to know which calendar days to load). */
export function calendarHorizonDays(spec: DeadlineSpec): number {
  // Long holidays (Spring Festival: 9 days) never need more than a few weeks beyond the working days asked for.
  return spec.kind === DeadlineKind.WORKING_DAYS
    ? spec.amount * 3 + 30
    : spec.kind === DeadlineKind.CALENDAR_DAYS
      ? spec.amount + 2
      : 2;
}
