import type { EntityManager } from "@mikro-orm/postgresql";
import { badInput } from "../../common/errors/app-error";
import { allowLongWork } from "../../database/long-work";
import type { Session } from "../../context/context.type";
import { CalendarDay, CalendarDayKind } from "./calendar-day.entity";
import { Tenant } from "./tenant.entity";
import type { CalendarDayInput, UpdateTenantInput } from "./tenant.input";

export async function currentTenant(em: EntityManager, session: Session): Promise<Tenant> {
  return em.findOneOrFail(Tenant, { id: session.viewer.tenantId });
}

export async function updateTenant(em: EntityManager, session: Session, input: UpdateTenantInput): Promise<Tenant> {
  const tenant = await currentTenant(em, session);
  if (input.name !== undefined) tenant.name = input.name.trim();
  if (input.timeZone !== undefined && input.timeZone !== tenant.timeZone) {
    tenant.timeZone = input.timeZone;
    // The rollup of every report is rebuilt in the new zone (a trigger): minutes for a large group, by design.
    await allowLongWork(em);
  }
  await em.flush();
  return tenant;
}

function weekday(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

/**
 * A make-up working day on a weekday would change nothing and is almost always a mistyped date, so it is
 * refused. A holiday on a weekend is kept (official notices list whole holiday periods) and changes nothing.
 */
function checkDay(input: CalendarDayInput, index: number): void {
  const weekend = [0, 6].includes(weekday(input.day));
  if (input.kind === CalendarDayKind.WORKDAY && !weekend) {
    throw badInput("WORKDAY_NOT_ON_WEEKEND", `${input.day} is already a working day; make-up working days fall on weekends.`, [
      "days",
      String(index),
      "day",
    ]);
  }
}

export async function calendarDays(em: EntityManager, from: string, to: string): Promise<CalendarDay[]> {
  if (from > to) throw badInput("INVALID_RANGE", "`from` must not be after `to`.", ["from"]);
  return em.find(CalendarDay, { day: { $gte: from, $lte: to } }, { orderBy: { day: "asc" } });
}

export async function setCalendarDays(em: EntityManager, days: CalendarDayInput[]): Promise<CalendarDay[]> {
  days.forEach(checkDay);
  const unique = new Map(days.map((d) => [d.day, d]));
  if (unique.size !== days.length) throw badInput("DUPLICATE_DAY", "Each date may appear only once.", ["days"]);
  const existing = await em.find(CalendarDay, { day: { $in: [...unique.keys()] } });
  const byDay = new Map(existing.map((d) => [d.day, d]));
  const result: CalendarDay[] = [];
  for (const input of unique.values()) {
    const day = byDay.get(input.day) ?? em.create(CalendarDay, { day: input.day, kind: input.kind, name: input.name });
    day.kind = input.kind;
    day.name = input.name.trim();
    result.push(day);
  }
  await em.flush();
  return result.sort((a, b) => a.day.localeCompare(b.day));
}

export async function removeCalendarDays(em: EntityManager, session: Session, days: string[]): Promise<number> {
  return em.nativeDelete(CalendarDay, { tenantId: session.viewer.tenantId, day: { $in: days } });
}
