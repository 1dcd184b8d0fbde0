import { Arg, Args, Authorized, Ctx, FieldResolver, Float, Info, Mutation, Query, Resolver, Root } from "type-graphql";
import type { GraphQLResolveInfo } from "graphql";
import { HEAD_OFFICE_ROLES, Role } from "../../auth/roles";
import { ConnectionType } from "../../common/pagination/connection.type";
import { paginate } from "../../common/pagination/paginate";
import type { Context } from "../../context/context.type";
import type { Loaders } from "../../context/loaders";
import { sessionOf } from "../../context/session";
import { Staff } from "../staff/staff.entity";
import { Office } from "../tenancy/office.entity";
import { CompetencyAssessment, CompetencyRating } from "./competency.entity";
import { compositeScore } from "./competency-model";
import { assessmentWhere, loadModel, presentModel, recordAssessment, resetModel, updateModel } from "./competency.service";
import {
  CompetencyAssessmentListArgs,
  CompetencyModel,
  CompetencyModelInput,
  CompetencyRatingItem,
  RecordCompetencyAssessmentInput,
} from "./competency.types";

export const CompetencyAssessmentConnection = ConnectionType(
  CompetencyAssessment,
  "CompetencyAssessment",
  "competency assessment",
);

const ratingsOf = (loaders: Loaders) =>
  loaders.group(
    "assessment.ratings",
    (em, ids) => em.find(CompetencyRating, { assessment: { $in: ids } }),
    (r) => r.assessment.id,
  );
/** The model, once per request (keyed by a constant). */
const modelOf = (loaders: Loaders) =>
  loaders.group(
    "competency.model",
    async (em) => [await loadModel(em)],
    () => "model",
  );

@Authorized()
@Resolver(() => CompetencyAssessment)
export class CompetencyResolver {
  @Query(() => CompetencyModel, { description: "The group's competency model with its weights and top five." })
  async competencyModel(@Ctx() ctx: Context) {
    const { indicators, isDefault } = await loadModel(await sessionOf(ctx).db.em());
    return presentModel(indicators, isDefault);
  }

  @Authorized(Role.HEAD_OFFICE_ADMIN)
  @Mutation(() => CompetencyModel, {
    description: "Replaces the competency model; combined weights must add up to 100 (head-office admins).",
  })
  async updateCompetencyModel(
    @Arg("input", { description: "The whole model." }) input: CompetencyModelInput,
    @Ctx() ctx: Context,
  ) {
    const session = sessionOf(ctx);
    return updateModel(await session.db.em(), session, input);
  }

  @Authorized(Role.HEAD_OFFICE_ADMIN)
  @Mutation(() => CompetencyModel, { description: "Returns to the default model (head-office admins)." })
  async resetCompetencyModel(@Ctx() ctx: Context) {
    const session = sessionOf(ctx);
    return resetModel(await session.db.em(), session);
  }

  @Authorized(Role.OFFICE_MANAGER, ...HEAD_OFFICE_ROLES)
  @Mutation(() => CompetencyAssessment, {
    description: "Records an assessment: every indicator rated 1–5 (managers; office managers for their office staff).",
  })
  async recordCompetencyAssessment(
    @Arg("input", { description: "Staff member, period and ratings." }) input: RecordCompetencyAssessmentInput,
    @Ctx() ctx: Context,
  ) {
    const session = sessionOf(ctx);
    return recordAssessment(await session.db.em(), session, input);
  }

  @Query(() => CompetencyAssessmentConnection, {
    description: "Assessments of the caller's offices' staff, newest period first (a staff member's history with staffId).",
  })
  async competencyAssessments(@Args() args: CompetencyAssessmentListArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const session = sessionOf(ctx);
    return paginate(
      await session.db.em(),
      CompetencyAssessment,
      await assessmentWhere(session, args),
      args,
      [{ periodStart: "desc" }, { id: "desc" }],
      info,
    );
  }

  @FieldResolver(() => Staff, { description: "The staff member assessed." })
  staff(@Root() a: CompetencyAssessment, @Ctx() ctx: Context) {
    return sessionOf(ctx).loaders.byId(Staff).now(a.staff.id);
  }

  @FieldResolver(() => Staff, { description: "Who assessed." })
  assessor(@Root() a: CompetencyAssessment, @Ctx() ctx: Context) {
    return sessionOf(ctx).loaders.byId(Staff).now(a.assessor.id);
  }

  @FieldResolver(() => Office, { description: "The staff member's office when assessed." })
  office(@Root() a: CompetencyAssessment, @Ctx() ctx: Context) {
    return sessionOf(ctx).loaders.byId(Office).now(a.office.id);
  }

  @FieldResolver(() => [CompetencyRatingItem], { description: "The ratings, in the model's order." })
  async ratings(@Root() a: CompetencyAssessment, @Ctx() ctx: Context): Promise<CompetencyRatingItem[]> {
    const loaders = sessionOf(ctx).loaders;
    const [ratings, [model]] = await Promise.all([ratingsOf(loaders).load(a.id), modelOf(loaders).load("model")]);
    const order = new Map(model!.indicators.map((i, k) => [i.code, k]));
    return ratings
      .map((r) => ({
        indicatorCode: r.indicatorCode,
        rating: r.rating,
        indicator: model!.indicators.find((i) => i.code === r.indicatorCode) ?? null,
      }))
      .sort((x, y) => (order.get(x.indicatorCode) ?? 99) - (order.get(y.indicatorCode) ?? 99));
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: "Composite score 0–100, to two decimals: Σ combined weight × rating / 5 (current model).",
  })
  async compositeScore(@Root() a: CompetencyAssessment, @Ctx() ctx: Context) {
    const loaders = sessionOf(ctx).loaders;
    const [ratings, [model]] = await Promise.all([ratingsOf(loaders).load(a.id), modelOf(loaders).load("model")]);
    const score = compositeScore(model!.indicators, new Map(ratings.map((r) => [r.indicatorCode, r.rating])));
    return score === null ? null : Math.round(score * 100) / 100;
  }
}
