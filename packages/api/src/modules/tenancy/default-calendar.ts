import { CalendarDayKind } from "./calendar-day.entity";

export interface DefaultCalendarDay {
  day: string;
  kind: CalendarDayKind;
  name: string;
}

const H = CalendarDayKind.HOLIDAY;
const W = CalendarDayKind.WORKDAY;

function range(from: string, to: string, name: string): DefaultCalendarDay[] {
  const days: DefaultCalendarDay[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
    days.push({ day: d.toISOString().slice(0, 10), kind: H, name });
  }
  return days;
}

/**
 * Mainland China public holidays and make-up working days (国务院办公厅 holiday notices) for 2025 and 2026.
 * New groups start with these; head-office admins adjust them (local rules, later years).
 */
export const CHINA_PUBLIC_CALENDAR: readonly DefaultCalendarDay[] = [
  // 2025
  ...range("2025-01-01", "2025-01-01", "元旦"),
  ...range("2025-01-28", "2025-02-04", "春节"),
  { day: "2025-01-26", kind: W, name: "春节调休上班" },
  { day: "2025-02-08", kind: W, name: "春节调休上班" },
  ...range("2025-04-04", "2025-04-06", "清明节"),
  ...range("2025-05-01", "2025-05-05", "劳动节"),
  { day: "2025-04-27", kind: W, name: "劳动节调休上班" },
  ...range("2025-05-31", "2025-06-02", "端午节"),
  ...range("2025-10-01", "2025-10-08", "国庆节、中秋节"),
  { day: "2025-09-28", kind: W, name: "国庆节调休上班" },
  { day: "2025-10-11", kind: W, name: "国庆节调休上班" },
  // 2026
  ...range("2026-01-01", "2026-01-03", "元旦"),
  { day: "2026-01-04", kind: W, name: "元旦调休上班" },
  ...range("2026-02-15", "2026-02-23", "春节"),
  { day: "2026-02-14", kind: W, name: "春节调休上班" },
  { day: "2026-02-28", kind: W, name: "春节调休上班" },
  ...range("2026-04-04", "2026-04-06", "清明节"),
  ...range("2026-05-01", "2026-05-05", "劳动节"),
  { day: "2026-05-09", kind: W, name: "劳动节调休上班" },
  ...range("2026-06-19", "2026-06-21", "端午节"),
  ...range("2026-09-25", "2026-09-27", "中秋节"),
  ...range("2026-10-01", "2026-10-07", "国庆节"),
  { day: "2026-09-20", kind: W, name: "国庆节调休上班" },
  { day: "2026-10-10", kind: W, name: "国庆节调休上班" },
];
