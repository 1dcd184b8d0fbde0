import { Args, Authorized, Ctx, FieldResolver, Query, Resolver, Root, type ClassType } from "type-graphql";
import type { Context } from "../../context/context.type";
import { sessionOf } from "../../context/session";
import { Office } from "../tenancy/office.entity";
import { ArrearsReportArgs, CollectionReportArgs, OfficeComparisonArgs, ReportArgs, SnapshotArgs } from "./reports.args";
import {
  arrearsReport,
  collectionReport,
  complaintClassificationReport,
  compositeRanking,
  followUpReport,
  officeComparison,
  overdueReport,
  reportContext,
  satisfactionReport,
  slaReport,
  topFiveReport,
  volumeReport,
} from "./reports.service";
import {
  ArrearsReportRow,
  CollectionReportRow,
  ComplaintClassificationRow,
  FollowUpReportRow,
  IndicatorScoreRow,
  OfficeComparison,
  OfficeComparisonRow,
  OverdueReportRow,
  SatisfactionReportRow,
  SlaReportRow,
  StaffCompositeRow,
  TicketVolumeRow,
} from "./reports.types";

const context = (ctx: Context) => reportContext(sessionOf(ctx), ctx.app.now());

/**
 * Reports for the head-office console and BI tools: flat rows, rates with numerator and denominator, by the
 * definitions in @psp/reports. Office roles see their own office only; head-office roles and tokens their
 * whole scope.
 */
@Authorized()
@Resolver()
export class ReportsResolver {
  @Query(() => OfficeComparison, {
    description: "Every management office side by side for a period: headline metrics, volumes per 100 units, targets.",
  })
  async officeComparison(@Args() args: OfficeComparisonArgs, @Ctx() ctx: Context) {
    return officeComparison(sessionOf(ctx), ctx.app.now(), args);
  }

  @Query(() => [SatisfactionReportRow], { description: "Satisfaction (满意率) and spot-check satisfaction and agreement." })
  async satisfactionReport(@Args() args: ReportArgs, @Ctx() ctx: Context) {
    return satisfactionReport(await context(ctx), args);
  }

  @Query(() => [FollowUpReportRow], { description: "Follow-up rate (回访率)." })
  async followUpReport(@Args() args: ReportArgs, @Ctx() ctx: Context) {
    return followUpReport(await context(ctx), args);
  }

  @Query(() => [CollectionReportRow], { description: "Collection (收缴率) of bills due in the period." })
  async collectionReport(@Args() args: CollectionReportArgs, @Ctx() ctx: Context) {
    return collectionReport(await context(ctx), args);
  }

  @Query(() => [ArrearsReportRow], { description: "Arrears at a date and their ages." })
  async arrearsReport(@Args() args: ArrearsReportArgs, @Ctx() ctx: Context) {
    return arrearsReport(await context(ctx), args);
  }

  @Query(() => [SlaReportRow], { description: "SLA compliance (时效达成率) for replies and resolutions." })
  async slaReport(@Args() args: ReportArgs, @Ctx() ctx: Context) {
    return slaReport(await context(ctx), args);
  }

  @Query(() => [OverdueReportRow], { description: "Tickets overdue right now." })
  async overdueReport(@Args() args: SnapshotArgs, @Ctx() ctx: Context) {
    return overdueReport(await context(ctx), args);
  }

  @Query(() => [TicketVolumeRow], { description: "Tickets received, by type." })
  async ticketVolumeReport(@Args() args: ReportArgs, @Ctx() ctx: Context) {
    return volumeReport(await context(ctx), args);
  }

  @Query(() => [ComplaintClassificationRow], {
    description: "The complaint classification (投诉分类统计表): complaints by type, class, validity and channel.",
  })
  async complaintClassificationReport(@Args() args: ReportArgs, @Ctx() ctx: Context) {
    return complaintClassificationReport(await context(ctx), args);
  }

  @Query(() => [IndicatorScoreRow], {
    description: "The competency model's top-five indicators: mean rating on 0–100 and assessments.",
  })
  async competencyTopFiveReport(@Args() args: ReportArgs, @Ctx() ctx: Context) {
    return topFiveReport(await context(ctx), args);
  }

  @Query(() => [StaffCompositeRow], {
    description: "Staff ranked by composite competency score (office staff see their own row only).",
  })
  async staffCompositeRanking(@Args() args: ReportArgs, @Ctx() ctx: Context) {
    return compositeRanking(await context(ctx), args);
  }
}

/** An `office` field for a report row type that carries `officeId`. */
function officeFieldOf<T extends { officeId: string | null }>(Row: ClassType<T>) {
  @Resolver(() => Row)
  class OfficeField {
    @FieldResolver(() => Office, { nullable: true, description: "The office (null when the row is not per office)." })
    office(@Root() row: T, @Ctx() ctx: Context) {
      return row.officeId ? sessionOf(ctx).loaders.byId(Office).now(row.officeId) : null;
    }
  }
  return OfficeField;
}

export const REPORT_ROW_RESOLVERS = [
  SatisfactionReportRow,
  FollowUpReportRow,
  CollectionReportRow,
  ArrearsReportRow,
  SlaReportRow,
  OverdueReportRow,
  TicketVolumeRow,
  ComplaintClassificationRow,
  IndicatorScoreRow,
  OfficeComparisonRow,
].map((row) => officeFieldOf(row as ClassType<{ officeId: string | null }>));
