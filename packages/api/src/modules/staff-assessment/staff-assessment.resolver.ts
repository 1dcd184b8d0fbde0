import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from "type-graphql";
import type { GraphQLResolveInfo } from "graphql";
import { HEAD_OFFICE_ROLES, Role } from "../../auth/roles";
import { ConnectionType } from "../../common/pagination/connection.type";
import { paginate } from "../../common/pagination/paginate";
import type { Context } from "../../context/context.type";
import { sessionOf } from "../../context/session";
import { Staff } from "../staff/staff.entity";
import { Office } from "../tenancy/office.entity";
import { monthCode } from "./monthly-score";
import { StaffAssessmentEntry } from "./staff-assessment-entry.entity";
import {
  CreateViolationTypeInput,
  RecordStaffAssessmentEntryInput,
  StaffAssessmentEntryListArgs,
  StaffMonthlyScore,
  StaffMonthlyScoresArgs,
  UpdateViolationTypeInput,
} from "./staff-assessment.input";
import {
  createViolationType,
  entryWhere,
  monthlyScores,
  recordEntry,
  updateViolationType,
  violationTypes,
  voidEntry,
} from "./staff-assessment.service";
import { ViolationType } from "./violation-type.entity";

export const StaffAssessmentEntryConnection = ConnectionType(
  StaffAssessmentEntry,
  "StaffAssessmentEntry",
  "monthly assessment entry",
);

const ASSESSORS = [Role.OFFICE_MANAGER, ...HEAD_OFFICE_ROLES];

@Authorized()
@Resolver(() => StaffAssessmentEntry)
export class StaffAssessmentResolver {
  @Query(() => [ViolationType], {
    description: "The group's monthly assessment catalogue (考核): violations with their points, and bonuses.",
  })
  async violationTypes(
    @Arg("includeRetired", { defaultValue: false, description: "Include retired items." }) includeRetired: boolean,
    @Ctx() ctx: Context,
  ) {
    return violationTypes(await sessionOf(ctx).db.em(), includeRetired);
  }

  @Authorized(Role.HEAD_OFFICE_ADMIN)
  @Mutation(() => ViolationType, { description: "Adds a catalogue item (head-office admins)." })
  async createViolationType(@Arg("input", { description: "The item." }) input: CreateViolationTypeInput, @Ctx() ctx: Context) {
    return createViolationType(await sessionOf(ctx).db.em(), input);
  }

  @Authorized(Role.HEAD_OFFICE_ADMIN)
  @Mutation(() => ViolationType, {
    description: "Renames, re-points or retires a catalogue item; recorded entries keep their points (head-office admins).",
  })
  async updateViolationType(
    @Arg("id", () => ID, { description: "Id of the item." }) id: string,
    @Arg("input", { description: "The fields to change." }) input: UpdateViolationTypeInput,
    @Ctx() ctx: Context,
  ) {
    return updateViolationType(await sessionOf(ctx).db.em(), id, input);
  }

  @Authorized(...ASSESSORS)
  @Mutation(() => StaffAssessmentEntry, {
    description:
      "Records a violation or bonus in a staff member's monthly assessment (office managers for their office staff; head office for anyone).",
  })
  async recordStaffAssessmentEntry(
    @Arg("input", { description: "Who, what and when." }) input: RecordStaffAssessmentEntryInput,
    @Ctx() ctx: Context,
  ) {
    const session = sessionOf(ctx);
    return recordEntry(await session.db.em(), session, input, ctx.app.now());
  }

  @Authorized(...ASSESSORS)
  @Mutation(() => StaffAssessmentEntry, {
    description: "Voids a mistaken entry with a reason; it stays on record but no longer counts.",
  })
  async voidStaffAssessmentEntry(
    @Arg("id", () => ID, { description: "Id of the entry." }) id: string,
    @Arg("reason", { description: "Why it is voided." }) reason: string,
    @Ctx() ctx: Context,
  ) {
    const session = sessionOf(ctx);
    return voidEntry(await session.db.em(), session, id, reason, ctx.app.now());
  }

  @Query(() => StaffAssessmentEntryConnection, {
    description: "Monthly assessment entries of the caller's offices, newest first (office staff see their own only).",
  })
  async staffAssessmentEntries(
    @Args() args: StaffAssessmentEntryListArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    const session = sessionOf(ctx);
    return paginate(
      await session.db.em(),
      StaffAssessmentEntry,
      await entryWhere(session, args),
      args,
      [{ occurredOn: "desc" }, { id: "desc" }],
      info,
    );
  }

  @Query(() => [StaffMonthlyScore], {
    description:
      "Each active staff member's score for a month (100 − deductions + bonuses), lowest first (office staff see their own only).",
  })
  async staffMonthlyScores(@Args() args: StaffMonthlyScoresArgs, @Ctx() ctx: Context) {
    const session = sessionOf(ctx);
    return monthlyScores(await session.db.em(), session, args);
  }

  @FieldResolver(() => String, { description: "The month it counts in, YYYY-MM." })
  month(@Root() e: StaffAssessmentEntry) {
    return monthCode(e.month);
  }

  @FieldResolver(() => Staff, { description: "The staff member." })
  staff(@Root() e: StaffAssessmentEntry, @Ctx() ctx: Context) {
    return sessionOf(ctx).loaders.byId(Staff).now(e.staff.id);
  }

  @FieldResolver(() => Office, { description: "Their office when recorded." })
  office(@Root() e: StaffAssessmentEntry, @Ctx() ctx: Context) {
    return sessionOf(ctx).loaders.byId(Office).now(e.office.id);
  }

  @FieldResolver(() => ViolationType, { description: "The catalogue item." })
  violationType(@Root() e: StaffAssessmentEntry, @Ctx() ctx: Context) {
    return sessionOf(ctx).loaders.byId(ViolationType).now(e.violationType.id);
  }

  @FieldResolver(() => Staff, { description: "Who recorded it." })
  recordedBy(@Root() e: StaffAssessmentEntry, @Ctx() ctx: Context) {
    return sessionOf(ctx).loaders.byId(Staff).now(e.recordedBy.id);
  }

  @FieldResolver(() => Staff, { nullable: true, description: "Who voided it." })
  voidedBy(@Root() e: StaffAssessmentEntry, @Ctx() ctx: Context) {
    return e.voidedBy ? sessionOf(ctx).loaders.byId(Staff).now(e.voidedBy.id) : null;
  }
}
