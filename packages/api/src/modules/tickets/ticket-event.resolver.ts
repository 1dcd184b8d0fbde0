import { Authorized, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../context/context.type";
import { sessionOf } from "../../context/session";
import { Staff } from "../staff/staff.entity";
import { FieldChange, TicketEvent } from "./ticket-event.entity";

const text = (value: unknown): string | null =>
  value === null || value === undefined ? null : typeof value === "string" ? value : JSON.stringify(value);

@Authorized()
@Resolver(() => TicketEvent)
export class TicketEventResolver {
  @FieldResolver(() => Staff, { nullable: true, description: "Who did it; null when the system did (e.g. a deadline passing)." })
  actor(@Root() e: TicketEvent, @Ctx() ctx: Context) {
    return e.actor ? sessionOf(ctx).loaders.byId(Staff).now(e.actor.id) : null;
  }

  @FieldResolver(() => [FieldChange], { description: "The values that changed, old → new." })
  changes(@Root() e: TicketEvent): FieldChange[] {
    return Object.entries(e.changes).map(([field, [from, to]]) => ({ field, from: text(from), to: text(to) }));
  }
}
