import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { DeadlineKind, dueAt, localDate, workingCalendar } from "./deadline";
import { CHINA_PUBLIC_CALENDAR } from "../tenancy/default-calendar";

const SHANGHAI = "Asia/Shanghai";
const china = workingCalendar(CHINA_PUBLIC_CALENDAR);
const plain = workingCalendar([]);
const at = (iso: string) => new Date(iso);
const due = (kind: DeadlineKind, amount: number, start: string, zone = SHANGHAI, calendar = china) =>
  dueAt({ kind, amount }, at(start), zone, calendar).toISOString();

describe("deadline kinds at fixed instants (Asia/Shanghai, China's public calendar)", () => {
  it("minutes and hours are calendar time", () => {
    expect(due(DeadlineKind.MINUTES, 15, "2026-11-22T15:50:00+08:00")).toBe("2026-11-22T08:05:00.000Z");
    expect(due(DeadlineKind.HOURS, 2, "2026-11-22T23:30:00+08:00")).toBe("2026-11-22T17:30:00.000Z");
  });

  it("same day ends at the local midnight, not at UTC midnight", () => {
    expect(due(DeadlineKind.SAME_DAY, 0, "2026-11-22T23:59:00+08:00")).toBe("2026-11-22T16:00:00.000Z");
    // 00:01 local is still the previous day in UTC; the deadline is the end of the *local* day.
    expect(due(DeadlineKind.SAME_DAY, 0, "2026-11-23T00:01:00+08:00")).toBe("2026-11-23T16:00:00.000Z");
  });

  it("a Friday registration with one working day is due at the end of Monday", () => {
    expect(due(DeadlineKind.WORKING_DAYS, 1, "2026-11-20T15:00:00+08:00")).toBe("2026-11-23T16:00:00.000Z");
  });

  it("a registration just before a holiday week skips the whole week", () => {
    // 2026-09-30 (Wed); 1–7 October is the National Day holiday; 8 October (Thu) is the next working day.
    expect(due(DeadlineKind.WORKING_DAYS, 1, "2026-09-30T10:00:00+08:00")).toBe("2026-10-08T16:00:00.000Z");
    // Five working days from 29 September: 30 Sep, 8, 9, 10 (make-up Saturday), 12 October.
    expect(due(DeadlineKind.WORKING_DAYS, 5, "2026-09-29T10:00:00+08:00")).toBe("2026-10-12T16:00:00.000Z");
  });

  it("a make-up working Saturday counts as a working day", () => {
    // 2026-10-09 is a Friday; 10 October is a make-up working Saturday.
    expect(due(DeadlineKind.WORKING_DAYS, 1, "2026-10-09T09:00:00+08:00")).toBe("2026-10-10T16:00:00.000Z");
    // Without the calendar the same request would run to Monday.
    expect(due(DeadlineKind.WORKING_DAYS, 1, "2026-10-09T09:00:00+08:00", SHANGHAI, plain)).toBe("2026-10-12T16:00:00.000Z");
  });

  it("registration on a holiday or weekend counts from the next working day", () => {
    expect(due(DeadlineKind.WORKING_DAYS, 1, "2026-02-15T11:00:00+08:00")).toBe("2026-02-24T16:00:00.000Z");
    expect(due(DeadlineKind.WORKING_DAYS, 1, "2026-11-22T11:00:00+08:00")).toBe("2026-11-23T16:00:00.000Z");
  });

  it("calendar days ignore weekends and holidays", () => {
    expect(due(DeadlineKind.CALENDAR_DAYS, 3, "2026-09-30T22:00:00+08:00")).toBe("2026-10-03T16:00:00.000Z");
  });

  it("local days follow the zone's own clock, across a DST change", () => {
    // America/New_York leaves DST on 2026-11-01: that local day has 25 hours.
    expect(due(DeadlineKind.SAME_DAY, 0, "2026-11-01T00:30:00-04:00", "America/New_York", plain)).toBe(
      "2026-11-02T05:00:00.000Z",
    );
    expect(due(DeadlineKind.CALENDAR_DAYS, 1, "2026-10-31T12:00:00-04:00", "America/New_York", plain)).toBe(
      "2026-11-02T05:00:00.000Z",
    );
  });
});

const zones = fc.constantFrom(SHANGHAI, "UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "Pacific/Auckland");
const instants = fc.date({ min: new Date("2025-01-01T00:00:00Z"), max: new Date("2027-12-31T00:00:00Z"), noInvalidDate: true });

describe("deadline kinds for any instant and zone (property-based)", () => {
  it("minutes and hours add exactly that much time", () => {
    fc.assert(
      fc.property(instants, zones, fc.integer({ min: 0, max: 10_000 }), (start, zone, n) => {
        expect(dueAt({ kind: DeadlineKind.MINUTES, amount: n }, start, zone, china).getTime() - start.getTime()).toBe(n * 60_000);
        expect(dueAt({ kind: DeadlineKind.HOURS, amount: n }, start, zone, china).getTime() - start.getTime()).toBe(
          n * 3_600_000,
        );
      }),
    );
  });

  it("same day and calendar days end at a local midnight, n days after the start's local date", () => {
    fc.assert(
      fc.property(instants, zones, fc.integer({ min: 0, max: 60 }), (start, zone, n) => {
        const end = DateTime.fromJSDate(dueAt({ kind: DeadlineKind.CALENDAR_DAYS, amount: n }, start, zone, china), { zone });
        expect(end > DateTime.fromJSDate(start)).toBe(true);
        expect([end.hour, end.minute, end.second]).toEqual([0, 0, 0]);
        const lastDay = end.minus({ days: 1 }).toISODate();
        expect(lastDay).toBe(DateTime.fromISO(localDate(start, zone)).plus({ days: n }).toISODate());
        if (n === 0) expect(dueAt({ kind: DeadlineKind.SAME_DAY, amount: 0 }, start, zone, china).getTime()).toBe(end.toMillis());
      }),
    );
  });

  it("working days end at the midnight after the n-th working day strictly after the start's local date", () => {
    fc.assert(
      fc.property(instants, zones, fc.integer({ min: 1, max: 10 }), (start, zone, n) => {
        const end = DateTime.fromJSDate(dueAt({ kind: DeadlineKind.WORKING_DAYS, amount: n }, start, zone, china), { zone });
        expect([end.hour, end.minute]).toEqual([0, 0]);
        const lastDay = end.minus({ days: 1 }).toISODate()!;
        expect(china.isWorkingDay(lastDay)).toBe(true);
        let worked = 0;
        for (
          let d = DateTime.fromISO(localDate(start, zone)).plus({ days: 1 });
          d.toISODate()! <= lastDay;
          d = d.plus({ days: 1 })
        ) {
          if (china.isWorkingDay(d.toISODate()!)) worked++;
        }
        expect(worked).toBe(n);
      }),
    );
  });

  it("a later start never gives an earlier deadline", () => {
    fc.assert(
      fc.property(
        instants,
        fc.integer({ min: 0, max: 5 * 24 * 3600_000 }),
        zones,
        fc.constantFrom(...Object.values(DeadlineKind)),
        fc.integer({ min: 0, max: 7 }),
        (start, delta, zone, kind, n) => {
          const later = new Date(start.getTime() + delta);
          const amount = kind === DeadlineKind.WORKING_DAYS ? Math.max(1, n) : n;
          expect(dueAt({ kind, amount }, later, zone, china).getTime()).toBeGreaterThanOrEqual(
            dueAt({ kind, amount }, start, zone, china).getTime(),
          );
        },
      ),
    );
  });
});
