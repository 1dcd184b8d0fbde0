import type { EntityManager } from "@mikro-orm/postgresql";
import { localDate } from "../sla/deadline";
import type { Office } from "../tenancy/office.entity";

/**
 * The next ticket number of an office for the local day: `<office code>-<yyyymmdd>-<nnn>`, what front-desk
 * staff read out to the customer. One counter row per office and day; the upsert serialises concurrent
 * registrations of the same office so numbers are never duplicated.
 */
export async function nextTicketNumber(
  em: EntityManager,
  tenantId: string,
  office: Office,
  now: Date,
  zone: string,
): Promise<string> {
  const day = localDate(now, zone);
  const [row] = await em.execute<{ last: number }[]>(
    `insert into ticket_counter (tenant_id, office_id, day, last) values (?, ?, ?, 1)
     on conflict (tenant_id, office_id, day) do update set last = ticket_counter.last + 1
     returning last`,
    [tenantId, office.id, day],
  );
  return `${office.code}-${day.replace(/-/g, "")}-${String(row!.last).padStart(3, "0")}`;
}
