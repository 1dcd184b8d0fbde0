import { Max, Min } from "class-validator";
import { Args, ArgsType, Authorized, Ctx, Field, ID, Int, ObjectType, Query, Resolver, Root, Subscription } from "type-graphql";
import type { Context } from "../../context/context.type";
import { sessionOf } from "../../context/session";
import { TicketEventKind } from "../tickets/ticket-event.entity";
import { loadMessages, TicketEventMessage } from "./event-message";
import { streamOffices, ticketEventStream, type StreamArgs } from "./ticket-event-stream";

@ArgsType()
export class TicketEventsArgs {
  @Field(() => ID, {
    nullable: true,
    description: "Only this office (must be visible to the caller); default: every office the caller sees.",
  })
  officeId?: string | null;

  @Field(() => [TicketEventKind], { nullable: true, description: "Only these kinds of event; default: all." })
  kinds?: TicketEventKind[] | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "Resume after this sequence (the last one the client saw): missed events are replayed first, in order. Default: only new events.",
  })
  after?: number | null;
}

@ArgsType()
export class EventFeedArgs {
  @Field(() => Int, { defaultValue: 0, description: "Return events after this sequence (0: from the beginning)." })
  @Min(0)
  after: number = 0;

  @Field(() => Int, { defaultValue: 100, description: "How many events (1–1000)." })
  @Min(1)
  @Max(1000)
  first: number = 100;

  @Field(() => ID, { nullable: true, description: "Only this office." })
  officeId?: string | null;

  @Field(() => [TicketEventKind], { nullable: true, description: "Only these kinds." })
  kinds?: TicketEventKind[] | null;
}

@ObjectType({ description: "A page of the event log. Continue with `after: lastSequence` while `hasMore`." })
export class TicketEventFeed {
  @Field(() => [TicketEventMessage], { description: "Events in sequence order." })
  events!: TicketEventMessage[];

  @Field(() => Int, { description: "Sequence of the last event returned (or `after` when none): the next page's `after`." })
  lastSequence!: number;

  @Field({ description: "True when the page is full: more events may follow." })
  hasMore!: boolean;
}

@Authorized()
@Resolver()
export class TicketEventsResolver {
  @Subscription(() => TicketEventMessage, {
    description:
      "Live ticket events of the offices the caller sees (graphql-ws, same URL and token as HTTP). With `after`, missed events are replayed first: a board that reconnects misses nothing and sees nothing twice.",
    subscribe: ({ args, context }) =>
      ticketEventStream((context as Context).app, sessionOf(context as Context), args as StreamArgs),
  })
  ticketEvents(@Root() message: TicketEventMessage, @Args() _args: TicketEventsArgs): TicketEventMessage {
    return message;
  }

  @Query(() => TicketEventFeed, {
    description:
      "The event log as a change feed for BI and integrations: sync incrementally with `after`, nothing missed or counted twice.",
  })
  async events(@Args() args: EventFeedArgs, @Ctx() ctx: Context): Promise<TicketEventFeed> {
    const session = sessionOf(ctx);
    const offices = await streamOffices(session.scope, args.officeId);
    const em = await session.db.em();
    const events = await loadMessages(
      em,
      session.viewer.tenantId,
      { after: args.after, limit: args.first, officeIds: offices, kinds: args.kinds },
      ctx.app.now(),
    );
    return { events, lastSequence: events.at(-1)?.sequence ?? args.after, hasMore: events.length === args.first };
  }
}
