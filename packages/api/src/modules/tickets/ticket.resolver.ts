import { Arg, Args, Authorized, Ctx, FieldResolver, Float, ID, Info, Mutation, Query, Resolver, Root } from "type-graphql";
import type { GraphQLResolveInfo } from "graphql";
import type { QueryOrderMap } from "@mikro-orm/core";
import { ConnectionType } from "../../common/pagination/connection.type";
import { paginate, selectedNodeFields } from "../../common/pagination/paginate";
import type { Context } from "../../context/context.type";
import { sessionOf } from "../../context/session";
import { Customer } from "../customer/customer.entity";
import { FollowUp } from "../follow-ups/follow-up.entity";
import { Property } from "../property/property.entity";
import { Unit } from "../property/unit.entity";
import { SpotCheck } from "../spot-checks/spot-check.entity";
import { Staff } from "../staff/staff.entity";
import { Office } from "../tenancy/office.entity";
import { Ticket } from "./ticket.entity";
import { TicketEvent } from "./ticket-event.entity";
import { ticketNotFound } from "./ticket.errors";
import {
  AssignTicketInput,
  ExtendDeadlineInput,
  PauseTicketInput,
  RegisterTicketInput,
  ResolveTicketInput,
  SetComplaintClassInput,
  TicketActionInput,
  TicketListArgs,
  TicketOrder,
  TicketTextInput,
} from "./ticket.input";
import * as lifecycle from "./ticket-lifecycle";
import { TicketAction } from "./ticket-lifecycle";
import { followUpsOf, spotChecksOf, timelineOf } from "./ticket.loaders";
import { warmTicketRelations } from "./ticket.prefetch";
import {
  act,
  assignTicket,
  closeTicket,
  extendTicketDeadline,
  findVisibleTicket,
  registerTicket,
  reopenTicket,
  resolveTicket,
  ticketWhere,
} from "./ticket.service";

export const TicketConnection = ConnectionType(Ticket, "Ticket", "ticket");

const ORDERS: Record<TicketOrder, QueryOrderMap<Ticket>[]> = {
  [TicketOrder.CREATED_DESC]: [{ createdAt: "desc" }, { id: "desc" }],
  [TicketOrder.CREATED_ASC]: [{ createdAt: "asc" }, { id: "asc" }],
  [TicketOrder.RESOLVE_DUE_ASC]: [{ resolveDueAt: "asc" }, { id: "asc" }],
  [TicketOrder.UPDATED_DESC]: [{ updatedAt: "desc" }, { id: "desc" }],
};

@Authorized()
@Resolver(() => Ticket)
export class TicketResolver {
  @Query(() => TicketConnection, {
    description:
      "Tickets visible to the caller, filtered and sorted. RESOLVE_DUE_ASC lists only tickets that have a resolution deadline.",
  })
  async tickets(@Args() args: TicketListArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const session = sessionOf(ctx);
    const em = await session.db.em();
    const where = await ticketWhere(session, args.filter, ctx.app.now());
    const scoped = args.orderBy === TicketOrder.RESOLVE_DUE_ASC ? { $and: [where, { resolveDueAt: { $ne: null } }] } : where;
    // Relations come from one batched statement per kind (the loaders), loaded before the page is returned so
    // that graphql-js resolves every field of every ticket synchronously. Joining the selected references into the
    // page's statement (4 statements instead of 9 for a BI page) measured slower here: the wide rows cost more to
    // plan, send and hydrate than the batches (see README, Performance).
    const page = await paginate(em, Ticket, scoped as never, args, ORDERS[args.orderBy], info);
    await warmTicketRelations(session.loaders, page.nodes, selectedNodeFields(info));
    return page;
  }

  @Query(() => Ticket, { description: "One ticket by id, with its timeline, follow-ups and spot checks." })
  async ticket(@Arg("id", () => ID, { description: "Id of the ticket." }) id: string, @Ctx() ctx: Context) {
    const session = sessionOf(ctx);
    return findVisibleTicket(await session.db.em(), session, id);
  }

  @Query(() => Ticket, { description: "One ticket by its number (e.g. CH-20261122-007), as a customer would quote it." })
  async ticketByNumber(@Arg("number", { description: "The ticket number." }) number: string, @Ctx() ctx: Context) {
    const session = sessionOf(ctx);
    const em = await session.db.em();
    const ticket = await em.findOne(Ticket, { number: number.trim().toUpperCase(), ...(await session.scope.filter()) } as never);
    if (!ticket) throw ticketNotFound(["number"]);
    return ticket;
  }

  @Mutation(() => Ticket, {
    description: "Registers a customer request (诉求登记); the caller becomes its first receiver (首问责任人).",
  })
  async registerTicket(@Arg("input", { description: "The registration form." }) input: RegisterTicketInput, @Ctx() ctx: Context) {
    const session = sessionOf(ctx);
    return registerTicket(await session.db.em(), session, input, ctx.app.now());
  }

  @Mutation(() => Ticket, {
    description: "Assigns the work to a staff member and/or department with the manager's instruction (managers).",
  })
  async assignTicket(
    @Arg("id", () => ID, { description: "Id of the ticket." }) id: string,
    @Arg("input", { description: "Assignee, department and instruction." }) input: AssignTicketInput,
    @Ctx() ctx: Context,
  ) {
    const session = sessionOf(ctx);
    return assignTicket(await session.db.em(), session, id, input, ctx.app.now());
  }

  @Mutation(() => Ticket, { description: "Records a response to the customer; the first one meets the reply deadline." })
  async replyToTicket(
    @Arg("id", () => ID, { description: "Id of the ticket." }) id: string,
    @Arg("input", { description: "The reply." }) input: TicketTextInput,
    @Ctx() ctx: Context,
  ) {
    return this.simple(ctx, id, input, TicketAction.REPLY, (t, now) => lifecycle.reply(t, input.text.trim(), now));
  }

  @Mutation(() => Ticket, { description: "Records progress; an assigned ticket becomes in progress." })
  async addTicketNote(
    @Arg("id", () => ID, { description: "Id of the ticket." }) id: string,
    @Arg("input", { description: "The note." }) input: TicketTextInput,
    @Ctx() ctx: Context,
  ) {
    return this.simple(ctx, id, input, TicketAction.ADD_NOTE, (t) => lifecycle.addNote(t, input.text.trim()));
  }

  @Mutation(() => Ticket, {
    description: "Records the resolution and creates the follow-up task (or its exemption, which closes the ticket).",
  })
  async resolveTicket(
    @Arg("id", () => ID, { description: "Id of the ticket." }) id: string,
    @Arg("input", { description: "What was done." }) input: ResolveTicketInput,
    @Ctx() ctx: Context,
  ) {
    const session = sessionOf(ctx);
    return resolveTicket(await session.db.em(), session, id, input, ctx.app.now());
  }

  @Mutation(() => Ticket, { description: "Rejects a complaint as invalid, with the reason (managers)." })
  async rejectTicket(
    @Arg("id", () => ID, { description: "Id of the ticket." }) id: string,
    @Arg("input", { description: "The reason." }) input: TicketTextInput,
    @Ctx() ctx: Context,
  ) {
    return this.simple(ctx, id, input, TicketAction.REJECT, (t, now) => lifecycle.reject(t, input.text.trim(), now));
  }

  @Mutation(() => Ticket, { description: "Escalates to the head office, with the reason (managers)." })
  async escalateTicket(
    @Arg("id", () => ID, { description: "Id of the ticket." }) id: string,
    @Arg("input", { description: "The reason." }) input: TicketTextInput,
    @Ctx() ctx: Context,
  ) {
    return this.simple(ctx, id, input, TicketAction.ESCALATE, (t, now) => lifecycle.escalate(t, input.text.trim(), now));
  }

  @Mutation(() => Ticket, { description: "Reopens a resolved or closed ticket with a fresh resolution deadline (managers)." })
  async reopenTicket(
    @Arg("id", () => ID, { description: "Id of the ticket." }) id: string,
    @Arg("input", { description: "The reason." }) input: TicketTextInput,
    @Ctx() ctx: Context,
  ) {
    const session = sessionOf(ctx);
    return reopenTicket(await session.db.em(), session, id, input.text.trim(), input.expectedVersion, ctx.app.now());
  }

  @Mutation(() => Ticket, { description: "Closes a resolved ticket whose follow-up is done or exempted." })
  async closeTicket(
    @Arg("id", () => ID, { description: "Id of the ticket." }) id: string,
    @Arg("input", { description: "Optional version guard." }) input: TicketActionInput,
    @Ctx() ctx: Context,
  ) {
    const session = sessionOf(ctx);
    return closeTicket(await session.db.em(), session, id, null, input.expectedVersion, ctx.app.now());
  }

  @Mutation(() => Ticket, {
    description: "Pauses the SLA clock with a reason; deadlines move by the paused time when it resumes.",
  })
  async pauseTicket(
    @Arg("id", () => ID, { description: "Id of the ticket." }) id: string,
    @Arg("input", { description: "Why." }) input: PauseTicketInput,
    @Ctx() ctx: Context,
  ) {
    return this.simple(ctx, id, input, TicketAction.PAUSE, (t, now) =>
      lifecycle.pause(t, input.reason, input.note?.trim() ?? null, now),
    );
  }

  @Mutation(() => Ticket, { description: "Resumes the SLA clock; unmet deadlines move later by the paused time." })
  async resumeTicket(
    @Arg("id", () => ID, { description: "Id of the ticket." }) id: string,
    @Arg("input", { description: "Optional version guard." }) input: TicketActionInput,
    @Ctx() ctx: Context,
  ) {
    return this.simple(ctx, id, input, TicketAction.RESUME, (t, now) => lifecycle.resume(t, now));
  }

  @Mutation(() => Ticket, {
    description: "Extends the resolution deadline (managers; past the hard limit only the head office).",
  })
  async extendTicketDeadline(
    @Arg("id", () => ID, { description: "Id of the ticket." }) id: string,
    @Arg("input", { description: "The new deadline and why." }) input: ExtendDeadlineInput,
    @Ctx() ctx: Context,
  ) {
    const session = sessionOf(ctx);
    return extendTicketDeadline(
      await session.db.em(),
      session,
      id,
      input.resolveDueAt,
      input.reason.trim(),
      input.expectedVersion,
      ctx.app.now(),
    );
  }

  @Mutation(() => Ticket, { description: "Changes a complaint's class, e.g. to MAJOR after media exposure (managers)." })
  async setComplaintClass(
    @Arg("id", () => ID, { description: "Id of the ticket." }) id: string,
    @Arg("input", { description: "The class and why." }) input: SetComplaintClassInput,
    @Ctx() ctx: Context,
  ) {
    return this.simple(ctx, id, input, TicketAction.SET_CLASS, (t) =>
      lifecycle.setComplaintClass(t, input.complaintClass, input.reason.trim()),
    );
  }

  @Mutation(() => Ticket, {
    description: "Judges a complaint valid (有效投诉), with the reasoning (managers). Invalid ones are rejected.",
  })
  async markComplaintValid(
    @Arg("id", () => ID, { description: "Id of the ticket." }) id: string,
    @Arg("input", { description: "The reasoning." }) input: TicketTextInput,
    @Ctx() ctx: Context,
  ) {
    return this.simple(ctx, id, input, TicketAction.SET_VALIDITY, (t) => lifecycle.markValid(t, input.text.trim()));
  }

  private async simple(
    ctx: Context,
    id: string,
    input: TicketActionInput,
    action: TicketAction,
    run: (t: Ticket, now: Date) => lifecycle.Transition,
  ) {
    const session = sessionOf(ctx);
    const now = ctx.app.now();
    return act(await session.db.em(), session, id, input.expectedVersion, action, now, (t) => [run(t, now)]);
  }

  @FieldResolver(() => Office, { description: "The office handling it." })
  office(@Root() t: Ticket, @Ctx() ctx: Context) {
    return sessionOf(ctx).loaders.byId(Office).now(t.office.id);
  }

  @FieldResolver(() => Property, { nullable: true, description: "The property concerned, if any." })
  property(@Root() t: Ticket, @Ctx() ctx: Context) {
    return t.property ? sessionOf(ctx).loaders.byId(Property).now(t.property.id) : null;
  }

  @FieldResolver(() => Unit, { nullable: true, description: "The unit concerned, if any." })
  unit(@Root() t: Ticket, @Ctx() ctx: Context) {
    return t.unit ? sessionOf(ctx).loaders.byId(Unit).now(t.unit.id) : null;
  }

  @FieldResolver(() => Customer, { nullable: true, description: "The customer, if known (never for anonymous requests)." })
  customer(@Root() t: Ticket, @Ctx() ctx: Context) {
    return t.customer ? sessionOf(ctx).loaders.byId(Customer).now(t.customer.id) : null;
  }

  @FieldResolver(() => Staff, {
    description: "First receiver (首问责任人): registered it and owns it until the customer is satisfied.",
  })
  receiver(@Root() t: Ticket, @Ctx() ctx: Context) {
    return sessionOf(ctx).loaders.byId(Staff).now(t.receiver.id);
  }

  @FieldResolver(() => Staff, { nullable: true, description: "Who the work is assigned to." })
  assignee(@Root() t: Ticket, @Ctx() ctx: Context) {
    return t.assignee ? sessionOf(ctx).loaders.byId(Staff).now(t.assignee.id) : null;
  }

  @FieldResolver(() => Staff, { nullable: true, description: "Who recorded the resolution." })
  resolvedBy(@Root() t: Ticket, @Ctx() ctx: Context) {
    return t.resolvedBy ? sessionOf(ctx).loaders.byId(Staff).now(t.resolvedBy.id) : null;
  }

  @FieldResolver(() => [TicketEvent], { description: "Everything that happened to it, oldest first (the audit trail)." })
  timeline(@Root() t: Ticket, @Ctx() ctx: Context) {
    return timelineOf(sessionOf(ctx).loaders).now(t.id);
  }

  @FieldResolver(() => [FollowUp], { description: "Its follow-ups, one per resolution." })
  followUps(@Root() t: Ticket, @Ctx() ctx: Context) {
    return followUpsOf(sessionOf(ctx).loaders).now(t.id);
  }

  @FieldResolver(() => [SpotCheck], { description: "Head-office spot checks of its follow-ups." })
  spotChecks(@Root() t: Ticket, @Ctx() ctx: Context) {
    return spotChecksOf(sessionOf(ctx).loaders).now(t.id);
  }

  @FieldResolver(() => Boolean, { description: "True while the SLA clock is paused." })
  paused(@Root() t: Ticket) {
    return t.pausedAt !== null;
  }

  @FieldResolver(() => Boolean, { description: "The reply deadline has passed without a reply (now)." })
  replyOverdue(@Root() t: Ticket, @Ctx() ctx: Context) {
    return lifecycle.replyOverdue(t, ctx.app.now());
  }

  @FieldResolver(() => Boolean, { description: "The resolution deadline has passed without a resolution (now)." })
  resolveOverdue(@Root() t: Ticket, @Ctx() ctx: Context) {
    return lifecycle.resolveOverdue(t, ctx.app.now());
  }

  @FieldResolver(() => Boolean, { description: "The hard limit has passed while still open." })
  hardLimitPassed(@Root() t: Ticket, @Ctx() ctx: Context) {
    return lifecycle.hardLimitPassed(t, ctx.app.now());
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description: "Reply deadline met (true), missed (false), or not decided yet (null).",
  })
  replyMet(@Root() t: Ticket, @Ctx() ctx: Context) {
    return lifecycle.replyMet(t, ctx.app.now());
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description: "Resolution deadline met (true), missed (false), or not decided yet (null).",
  })
  resolveMet(@Root() t: Ticket, @Ctx() ctx: Context) {
    return lifecycle.resolveMet(t, ctx.app.now());
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description:
      "Share of the time to the reply deadline used so far (pauses excluded): 0 at receipt, 1 at the deadline; null once replied.",
  })
  replyTimeUsed(@Root() t: Ticket, @Ctx() ctx: Context) {
    return t.firstRepliedAt || !lifecycle.isOpen(t) ? null : lifecycle.timeUsed(t, t.replyDueAt, ctx.app.now());
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description:
      "Share of the time to the resolution deadline used so far (pauses excluded); null once resolved or without a deadline.",
  })
  resolveTimeUsed(@Root() t: Ticket, @Ctx() ctx: Context) {
    return !lifecycle.isOpen(t) ? null : lifecycle.timeUsed(t, t.resolveDueAt, ctx.app.now());
  }

  @FieldResolver(() => [TicketAction], { description: "What the caller may do to it now (its state and the caller's role)." })
  allowedActions(@Root() t: Ticket, @Ctx() ctx: Context) {
    return lifecycle.allowedActions(t, sessionOf(ctx).viewer.role);
  }
}
