import type { Loaders } from "../../context/loaders";
import { Customer } from "../customer/customer.entity";
import { Property } from "../property/property.entity";
import { Unit } from "../property/unit.entity";
import { Staff } from "../staff/staff.entity";
import { Office } from "../tenancy/office.entity";
import { followUpsOf, spotChecksOf, timelineOf } from "./ticket.loaders";
import type { Ticket } from "./ticket.entity";

const ids = (refs: ({ id: string } | null | undefined)[]) => refs.flatMap((r) => (r ? [r.id] : []));

/**
 * Loads the relations a page of tickets has selected (`fields`: the node fields, see `selectedNodeFields`) before
 * graphql-js walks the page: the same one batched statement per kind as the field resolvers would issue, but
 * finished first, so every relation field of every ticket resolves synchronously (`SettledLoader.now`).
 */
export async function warmTicketRelations(loaders: Loaders, tickets: Ticket[], fields: Set<string>): Promise<void> {
  if (!tickets.length) return;
  const staff = [
    ...(fields.has("receiver") ? ids(tickets.map((t) => t.receiver)) : []),
    ...(fields.has("assignee") ? ids(tickets.map((t) => t.assignee)) : []),
    ...(fields.has("resolvedBy") ? ids(tickets.map((t) => t.resolvedBy)) : []),
  ];
  const own = tickets.map((t) => t.id);
  await Promise.all([
    fields.has("office") ? loaders.byId(Office).warm(ids(tickets.map((t) => t.office))) : undefined,
    fields.has("property") ? loaders.byId(Property).warm(ids(tickets.map((t) => t.property))) : undefined,
    fields.has("unit") ? loaders.byId(Unit).warm(ids(tickets.map((t) => t.unit))) : undefined,
    fields.has("customer") ? loaders.byId(Customer).warm(ids(tickets.map((t) => t.customer))) : undefined,
    staff.length ? loaders.byId(Staff).warm(staff) : undefined,
    fields.has("timeline") ? timelineOf(loaders).warm(own) : undefined,
    fields.has("followUps") ? followUpsOf(loaders).warm(own) : undefined,
    fields.has("spotChecks") ? spotChecksOf(loaders).warm(own) : undefined,
  ]);
}
