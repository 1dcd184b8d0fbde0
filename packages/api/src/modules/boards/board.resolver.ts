import { Arg, Authorized, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.type";
import { sessionOf } from "../../context/session";
import { TicketCard } from "../events/event-message";
import { Office } from "../tenancy/office.entity";
import { findVisibleOffice } from "../tenancy/office.service";
import { loadBoard } from "./board.service";

@ObjectType({ description: "Ticket counts per lane." })
export class BoardCounts {
  @Field(() => Int, { description: "New, not yet assigned, not overdue." })
  newTickets!: number;

  @Field(() => Int, { description: "Assigned or being worked on, not overdue." })
  inProgress!: number;

  @Field(() => Int, { description: "Reply or resolution overdue." })
  overdue!: number;

  @Field(() => Int, { description: "All open tickets." })
  total!: number;
}

@ObjectType({
  description: "An office's live board: open tickets in lanes. Load it, then subscribe to ticketEvents with after: asOfSequence.",
})
export class Board {
  @Field(() => Office, { description: "The office." })
  office!: Office;

  @Field(() => Int, { description: "The event sequence this state reflects: subscribe with `after` set to it to miss nothing." })
  asOfSequence!: number;

  @Field(() => BoardCounts, { description: "How many tickets each lane holds." })
  counts!: BoardCounts;

  @Field(() => [TicketCard], { description: "New tickets, oldest first." })
  newTickets!: TicketCard[];

  @Field(() => [TicketCard], { description: "Tickets in progress, oldest first." })
  inProgress!: TicketCard[];

  @Field(() => [TicketCard], { description: "Overdue tickets, oldest first." })
  overdue!: TicketCard[];
}

@Authorized()
@Resolver()
export class BoardResolver {
  @Query(() => Board, {
    description: "The live board of an office the caller sees: its open tickets in new / in progress / overdue lanes.",
  })
  async board(@Arg("officeId", () => ID, { description: "The office." }) officeId: string, @Ctx() ctx: Context): Promise<Board> {
    const session = sessionOf(ctx);
    const em = await session.db.em();
    const office = await findVisibleOffice(em, session, officeId, ["officeId"]);
    const state = await loadBoard(em, session.viewer.tenantId, office.id, ctx.app.now());
    return {
      office,
      asOfSequence: state.asOfSequence,
      counts: {
        newTickets: state.newTickets.length,
        inProgress: state.inProgress.length,
        overdue: state.overdue.length,
        total: state.newTickets.length + state.inProgress.length + state.overdue.length,
      },
      newTickets: state.newTickets,
      inProgress: state.inProgress,
      overdue: state.overdue,
    };
  }
}
