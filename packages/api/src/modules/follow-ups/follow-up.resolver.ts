import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from "type-graphql";
import type { GraphQLResolveInfo } from "graphql";
import { ConnectionType } from "../../common/pagination/connection.type";
import { paginate } from "../../common/pagination/paginate";
import type { Context } from "../../context/context.type";
import type { Loaders } from "../../context/loaders";
import { sessionOf } from "../../context/session";
import { Staff } from "../staff/staff.entity";
import { Office } from "../tenancy/office.entity";
import { Ticket } from "../tickets/ticket.entity";
import { FollowUp } from "./follow-up.entity";
import { FollowUpAttempt } from "./follow-up-attempt.entity";
import { FollowUpStatus } from "./follow-up.enums";
import { ExemptFollowUpInput, FollowUpAttemptInput, FollowUpListArgs } from "./follow-up.input";
import { assignFollowUp, exemptFollowUp, findVisibleFollowUp, followUpWhere, recordFollowUpAttempt } from "./follow-up.service";

export const FollowUpConnection = ConnectionType(FollowUp, "FollowUp", "follow-up");

const attemptsOf = (loaders: Loaders) =>
  loaders.group(
    "followUp.attempts",
    (em, ids) => em.find(FollowUpAttempt, { followUp: { $in: ids } }, { orderBy: { at: "asc" } }),
    (a) => a.followUp.id,
  );

@Authorized()
@Resolver(() => FollowUp)
export class FollowUpResolver {
  @Query(() => FollowUpConnection, { description: "Follow-up tasks visible to the caller, earliest due first." })
  async followUps(@Args() args: FollowUpListArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const session = sessionOf(ctx);
    const em = await session.db.em();
    return paginate(em, FollowUp, await followUpWhere(session, args), args, [{ dueAt: "asc" }, { id: "asc" }], info);
  }

  @Query(() => FollowUp, { description: "One follow-up task by id." })
  async followUp(@Arg("id", () => ID, { description: "Id of the follow-up." }) id: string, @Ctx() ctx: Context) {
    const session = sessionOf(ctx);
    return findVisibleFollowUp(await session.db.em(), session, id);
  }

  @Mutation(() => FollowUp, {
    description:
      "Records a try at reaching the customer (回访). Reaching them completes it: satisfied closes the ticket, dissatisfied reopens it.",
  })
  async recordFollowUpAttempt(
    @Arg("id", () => ID, { description: "Id of the follow-up." }) id: string,
    @Arg("input", { description: "How it went." }) input: FollowUpAttemptInput,
    @Ctx() ctx: Context,
  ) {
    const session = sessionOf(ctx);
    return recordFollowUpAttempt(await session.db.em(), session, id, input, ctx.app.now());
  }

  @Mutation(() => FollowUp, { description: "Exempts a pending follow-up with the reason; the ticket is closed." })
  async exemptFollowUp(
    @Arg("id", () => ID, { description: "Id of the follow-up." }) id: string,
    @Arg("input", { description: "Why no follow-up is needed." }) input: ExemptFollowUpInput,
    @Ctx() ctx: Context,
  ) {
    const session = sessionOf(ctx);
    return exemptFollowUp(await session.db.em(), session, id, input, ctx.app.now());
  }

  @Mutation(() => FollowUp, { description: "Hands a follow-up to another staff member of its office." })
  async assignFollowUp(
    @Arg("id", () => ID, { description: "Id of the follow-up." }) id: string,
    @Arg("assigneeId", () => ID, { description: "Staff member who will do it." }) assigneeId: string,
    @Ctx() ctx: Context,
  ) {
    const session = sessionOf(ctx);
    return assignFollowUp(await session.db.em(), session, id, assigneeId);
  }

  @FieldResolver(() => Ticket, { description: "The ticket followed up." })
  ticket(@Root() f: FollowUp, @Ctx() ctx: Context) {
    return sessionOf(ctx).loaders.byId(Ticket).now(f.ticket.id);
  }

  @FieldResolver(() => Office, { description: "The office doing it." })
  office(@Root() f: FollowUp, @Ctx() ctx: Context) {
    return sessionOf(ctx).loaders.byId(Office).now(f.office.id);
  }

  @FieldResolver(() => Staff, { nullable: true, description: "Who is to do it (by default the first receiver)." })
  assignee(@Root() f: FollowUp, @Ctx() ctx: Context) {
    return f.assignee ? sessionOf(ctx).loaders.byId(Staff).now(f.assignee.id) : null;
  }

  @FieldResolver(() => Staff, { nullable: true, description: "Who completed or exempted it." })
  completedBy(@Root() f: FollowUp, @Ctx() ctx: Context) {
    return f.completedBy ? sessionOf(ctx).loaders.byId(Staff).now(f.completedBy.id) : null;
  }

  @FieldResolver(() => [FollowUpAttempt], { description: "Every try at reaching the customer, oldest first." })
  attempts(@Root() f: FollowUp, @Ctx() ctx: Context) {
    return attemptsOf(sessionOf(ctx).loaders).now(f.id);
  }

  @FieldResolver(() => Boolean, { description: "Still pending after its due time." })
  overdue(@Root() f: FollowUp, @Ctx() ctx: Context) {
    return f.status === FollowUpStatus.PENDING && f.dueAt.getTime() < ctx.app.now().getTime();
  }
}

@Authorized()
@Resolver(() => FollowUpAttempt)
export class FollowUpAttemptResolver {
  @FieldResolver(() => Staff, { description: "Who tried." })
  by(@Root() a: FollowUpAttempt, @Ctx() ctx: Context) {
    return sessionOf(ctx).loaders.byId(Staff).now(a.by.id);
  }
}
