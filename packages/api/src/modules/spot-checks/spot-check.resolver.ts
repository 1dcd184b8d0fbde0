import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from "type-graphql";
import type { GraphQLResolveInfo } from "graphql";
import { HEAD_OFFICE_ROLES } from "../../auth/roles";
import { ConnectionType } from "../../common/pagination/connection.type";
import { PageArgs } from "../../common/pagination/page.args";
import { paginate } from "../../common/pagination/paginate";
import type { Context } from "../../context/context.type";
import type { Loaders } from "../../context/loaders";
import { findVisible } from "../../context/find-visible";
import { sessionOf } from "../../context/session";
import { FollowUp } from "../follow-ups/follow-up.entity";
import { Staff } from "../staff/staff.entity";
import { Office } from "../tenancy/office.entity";
import { Ticket } from "../tickets/ticket.entity";
import { SpotCheck } from "./spot-check.entity";
import { SpotCheckSample } from "./spot-check-sample.entity";
import { DrawSpotCheckSampleInput, RecordSpotCheckInput, SpotCheckListArgs } from "./spot-check.input";
import { drawSpotCheckSample, recordSpotCheck, sampleNotFound, spotCheckWhere } from "./spot-check.service";

export const SpotCheckConnection = ConnectionType(SpotCheck, "SpotCheck", "spot check");
export const SpotCheckSampleConnection = ConnectionType(SpotCheckSample, "SpotCheckSample", "spot-check sample");

const checksOfSample = (loaders: Loaders) =>
  loaders.group(
    "sample.checks",
    (em, ids) => em.find(SpotCheck, { sample: { $in: ids } }, { orderBy: { id: "asc" } }),
    (c) => c.sample.id,
  );

@Authorized()
@Resolver(() => SpotCheck)
export class SpotCheckResolver {
  @Query(() => SpotCheckConnection, { description: "Spot checks of the caller's offices; `agrees: false` lists the findings." })
  async spotChecks(@Args() args: SpotCheckListArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const session = sessionOf(ctx);
    return paginate(
      await session.db.em(),
      SpotCheck,
      await spotCheckWhere(session, args),
      args,
      [{ createdAt: "asc" }, { id: "asc" }],
      info,
    );
  }

  @Authorized(...HEAD_OFFICE_ROLES)
  @Query(() => SpotCheckSampleConnection, { description: "Samples drawn by the head office, newest first (head-office roles)." })
  async spotCheckSamples(@Args() args: PageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return paginate(await sessionOf(ctx).db.em(), SpotCheckSample, {}, args, [{ drawnAt: "desc" }, { id: "desc" }], info);
  }

  @Authorized(...HEAD_OFFICE_ROLES)
  @Query(() => SpotCheckSample, { description: "One sample with its checks (head-office roles)." })
  async spotCheckSample(@Arg("id", () => ID, { description: "Id of the sample." }) id: string, @Ctx() ctx: Context) {
    const session = sessionOf(ctx);
    const em = await session.db.em();
    return findVisible(em, session, SpotCheckSample, id, null, sampleNotFound);
  }

  @Authorized(...HEAD_OFFICE_ROLES)
  @Mutation(() => SpotCheckSample, {
    description:
      "Draws a reproducible random sample of tickets followed up in a period at the configured rates (head-office roles).",
  })
  async drawSpotCheckSample(
    @Arg("input", { description: "Sampler and period." }) input: DrawSpotCheckSampleInput,
    @Ctx() ctx: Context,
  ) {
    const session = sessionOf(ctx);
    return drawSpotCheckSample(await session.db.em(), session, input, ctx.app.now());
  }

  @Authorized(...HEAD_OFFICE_ROLES)
  @Mutation(() => SpotCheck, { description: "Records the head office's own rating of a sampled follow-up (head-office roles)." })
  async recordSpotCheck(
    @Arg("id", () => ID, { description: "Id of the spot check." }) id: string,
    @Arg("input", { description: "The rating." }) input: RecordSpotCheckInput,
    @Ctx() ctx: Context,
  ) {
    const session = sessionOf(ctx);
    return recordSpotCheck(await session.db.em(), session, id, input, ctx.app.now());
  }

  @FieldResolver(() => Ticket, { description: "The ticket checked." })
  ticket(@Root() c: SpotCheck, @Ctx() ctx: Context) {
    return sessionOf(ctx).loaders.byId(Ticket).now(c.ticket.id);
  }

  @FieldResolver(() => FollowUp, { description: "The office's follow-up being checked." })
  followUp(@Root() c: SpotCheck, @Ctx() ctx: Context) {
    return sessionOf(ctx).loaders.byId(FollowUp).now(c.followUp.id);
  }

  @FieldResolver(() => Office, { description: "The office whose follow-up it is." })
  office(@Root() c: SpotCheck, @Ctx() ctx: Context) {
    return sessionOf(ctx).loaders.byId(Office).now(c.office.id);
  }

  @FieldResolver(() => SpotCheckSample, { description: "The sample it belongs to." })
  sample(@Root() c: SpotCheck, @Ctx() ctx: Context) {
    return sessionOf(ctx).loaders.byId(SpotCheckSample).now(c.sample.id);
  }

  @FieldResolver(() => Staff, { nullable: true, description: "Who recorded it." })
  checkedBy(@Root() c: SpotCheck, @Ctx() ctx: Context) {
    return c.checkedBy ? sessionOf(ctx).loaders.byId(Staff).now(c.checkedBy.id) : null;
  }
}

@Authorized()
@Resolver(() => SpotCheckSample)
export class SpotCheckSampleResolver {
  @FieldResolver(() => Staff, { description: "Who drew it." })
  drawnBy(@Root() s: SpotCheckSample, @Ctx() ctx: Context) {
    return sessionOf(ctx).loaders.byId(Staff).now(s.drawnBy.id);
  }

  @FieldResolver(() => [SpotCheck], { description: "The checks of the sample." })
  checks(@Root() s: SpotCheckSample, @Ctx() ctx: Context) {
    return checksOfSample(sessionOf(ctx).loaders).now(s.id);
  }
}
