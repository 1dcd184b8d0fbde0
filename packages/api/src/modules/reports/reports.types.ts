import { Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { GraphQLSafeInt } from "graphql-scalars";
import { LocalDateScalar } from "../../common/scalars";
import { CompetencyIndicator } from "../competency/competency.types";
import { Staff } from "../staff/staff.entity";
import { Office } from "../tenancy/office.entity";
import { Channel, ComplaintClass, ComplaintValidity, Severity, TicketType } from "../tickets/ticket.enums";

export enum TargetedMetric {
  SATISFACTION = "SATISFACTION",
  COLLECTION = "COLLECTION",
}

registerEnumType(TargetedMetric, {
  name: "TargetedMetric",
  description: "A metric the head office sets a target for.",
  valuesConfig: {
    SATISFACTION: { description: "Satisfaction rate (满意率)." },
    COLLECTION: { description: "Collection rate (收缴率)." },
  },
});

@ObjectType({ description: "A rate with its parts: value = numerator / denominator in [0, 1], null when the denominator is 0." })
export class Rate {
  @Field(() => GraphQLSafeInt, { description: "What met the condition (e.g. satisfied follow-ups, cents paid)." })
  numerator!: number;

  @Field(() => GraphQLSafeInt, { description: "What was measured (e.g. rated follow-ups, cents billed)." })
  denominator!: number;

  @Field(() => Float, { nullable: true, description: "numerator / denominator; null (never 0 or 1) when nothing was measured." })
  value!: number | null;
}

/** Fields every grouped report row starts with. */
@ObjectType({ description: "Fields of every grouped report row (not exposed on its own)." })
abstract class GroupedRow {
  @Field(() => ID, { nullable: true, description: "The office, when grouped by office; null for the whole scope." })
  officeId!: string | null;

  @Field(() => String, { nullable: true, description: "The month (YYYY-MM, in the group's time zone), when grouped by month." })
  month!: string | null;
}

@ObjectType({
  description:
    "Satisfaction (满意率) of office follow-ups completed in the period, and of the head office's spot checks of them.",
})
export class SatisfactionReportRow extends GroupedRow {
  @Field(() => Rate, { description: "Follow-ups rated very satisfied or satisfied / follow-ups with a rating." })
  satisfaction!: Rate;

  @Field(() => Rate, { description: "The same over spot checks done on those follow-ups." })
  spotCheckSatisfaction!: Rate;

  @Field(() => Rate, { description: "Spot checks whose top-two-box verdict equals the office's / spot checks." })
  spotCheckAgreement!: Rate;
}

@ObjectType({ description: "Follow-up rate (回访率) of resolutions in the period." })
export class FollowUpReportRow extends GroupedRow {
  @Field(() => Rate, {
    description: "Resolutions that need a follow-up and have one / resolutions that need one (exempted ones do not).",
  })
  followUpRate!: Rate;
}

@ObjectType({ description: "Collection (收缴率) of bills falling due in the period; months are due months." })
export class CollectionReportRow extends GroupedRow {
  @Field(() => GraphQLSafeInt, { description: "Billed on bills due in the period, in cents." })
  billedCents!: number;

  @Field(() => GraphQLSafeInt, { description: "Paid on them before asOf, in cents." })
  paidCents!: number;

  @Field(() => GraphQLSafeInt, { description: "Billed − paid, in cents." })
  outstandingCents!: number;

  @Field(() => Int, { description: "Bills due in the period." })
  bills!: number;

  @Field(() => Rate, { description: "Paid / billed." })
  collectionRate!: Rate;
}

@ObjectType({ description: "Arrears at the start of asOf (bills due before it, less payments made before it), by age." })
export class ArrearsReportRow {
  @Field(() => ID, { nullable: true, description: "The office, when grouped by office." })
  officeId!: string | null;

  @Field(() => GraphQLSafeInt, { description: "Owed in all, in cents." })
  outstandingCents!: number;

  @Field(() => Int, { description: "Bills not fully paid." })
  billsInArrears!: number;

  @Field(() => Int, { description: "Units owing something." })
  unitsInArrears!: number;

  @Field(() => GraphQLSafeInt, { description: "Owed on bills 1–30 days past due, in cents." })
  days1To30!: number;

  @Field(() => GraphQLSafeInt, { description: "31–90 days past due." })
  days31To90!: number;

  @Field(() => GraphQLSafeInt, { description: "91–180 days past due." })
  days91To180!: number;

  @Field(() => GraphQLSafeInt, { description: "181–365 days past due." })
  days181To365!: number;

  @Field(() => GraphQLSafeInt, { description: "More than a year past due." })
  over365Days!: number;
}

@ObjectType({ description: "SLA compliance (时效达成率) of deadlines falling due in the period (undecided ones left out)." })
export class SlaReportRow extends GroupedRow {
  @Field(() => Rate, { description: "Reply deadlines met / reply deadlines decided (met, or passed unmet)." })
  replyCompliance!: Rate;

  @Field(() => Rate, { description: "Resolution deadlines met / resolution deadlines decided." })
  resolveCompliance!: Rate;
}

@ObjectType({ description: "Open tickets past a deadline right now." })
export class OverdueReportRow {
  @Field(() => ID, { nullable: true, description: "The office, when grouped by office." })
  officeId!: string | null;

  @Field(() => Int, { description: "Tickets past a reply or resolution deadline." })
  overdue!: number;

  @Field(() => Int, { description: "Of those, past the reply deadline without a reply." })
  replyOverdue!: number;

  @Field(() => Int, { description: "Of those, past the resolution deadline." })
  resolveOverdue!: number;
}

@ObjectType({ description: "Tickets received in the period, by type." })
export class TicketVolumeRow extends GroupedRow {
  @Field(() => TicketType, { description: "The type." })
  type!: TicketType;

  @Field(() => Int, { description: "Tickets received." })
  tickets!: number;
}

@ObjectType({ description: "A line of the complaint classification (投诉分类统计表): complaints received in the period." })
export class ComplaintClassificationRow extends GroupedRow {
  @Field(() => Severity, { nullable: true, description: "The complaint's type: SIMPLE, GENERAL or COMPLEX." })
  severity!: Severity | null;

  @Field(() => ComplaintClass, { description: "Its class (MAJOR, IMPORTANT, GENERAL, MINOR)." })
  complaintClass!: ComplaintClass;

  @Field(() => ComplaintValidity, { nullable: true, description: "Valid or invalid; null while undecided." })
  validity!: ComplaintValidity | null;

  @Field(() => Channel, { description: "How it came in." })
  channel!: Channel;

  @Field(() => Int, { description: "Complaints." })
  complaints!: number;

  @Field(() => Int, { description: "People complaining (a collective complaint counts each)." })
  complainants!: number;
}

@ObjectType({ description: "One of the model's top-five indicators: its mean rating in the period on 0–100." })
export class IndicatorScoreRow extends GroupedRow {
  @Field(() => CompetencyIndicator, { description: "The indicator." })
  indicator!: CompetencyIndicator;

  @Field(() => Float, { nullable: true, description: "Mean rating / 5 × 100; null without ratings." })
  score!: number | null;

  @Field(() => Int, { description: "Ratings of the indicator." })
  ratings!: number;

  @Field(() => Int, { description: "Assessments that rated it." })
  assessments!: number;
}

@ObjectType({ description: "A staff member's composite competency score in the period, ranked." })
export class StaffCompositeRow {
  @Field(() => Int, { description: "1 = best; equal scores share a rank. Within the office when grouped by office." })
  rank!: number;

  @Field(() => Staff, { description: "The staff member." })
  staff!: Staff;

  @Field(() => Office, { description: "Their office (of their latest assessment in the period)." })
  office!: Office;

  @Field(() => Float, {
    description: "Σ combined weight × mean rating / 5 over the model's indicators (0–100), to two decimals.",
  })
  compositeScore!: number;

  @Field(() => Int, { description: "Assessments in the period." })
  assessments!: number;
}

@ObjectType({ description: "The head office's targets." })
export class ReportTargets {
  @Field(() => Float, { description: "Satisfaction rate target (0–1)." })
  satisfaction!: number;

  @Field(() => Float, { description: "Collection rate target (0–1)." })
  collection!: number;
}

@ObjectType({ description: "One office's headline metrics for the period (or the whole scope's, without an office)." })
export class OfficeComparisonRow {
  @Field(() => ID, { nullable: true, description: "The office; null on the total row." })
  officeId!: string | null;

  @Field(() => Int, { description: "Units managed (volumes are normalised by them)." })
  units!: number;

  @Field(() => Rate, { description: "Satisfaction rate (满意率)." })
  satisfaction!: Rate;

  @Field(() => Rate, { description: "Follow-up rate (回访率)." })
  followUpRate!: Rate;

  @Field(() => Rate, { description: "Collection rate (收缴率) of bills due in the period, paid before asOf." })
  collectionRate!: Rate;

  @Field(() => GraphQLSafeInt, { description: "Billed on bills due in the period, in cents." })
  billedCents!: number;

  @Field(() => GraphQLSafeInt, { description: "Paid on them before asOf, in cents." })
  paidCents!: number;

  @Field(() => Rate, { description: "Reply deadlines met (时效达成率, reply)." })
  replyCompliance!: Rate;

  @Field(() => Rate, { description: "Resolution deadlines met (时效达成率, resolution)." })
  resolveCompliance!: Rate;

  @Field(() => Int, { description: "Open tickets overdue right now." })
  overdueNow!: number;

  @Field(() => Int, { description: "Complaints received in the period." })
  complaints!: number;

  @Field(() => Int, { description: "Repairs received in the period." })
  repairs!: number;

  @Field(() => Int, { description: "Tickets of every type received in the period." })
  tickets!: number;

  @Field(() => Float, { nullable: true, description: "Complaints per 100 units; null without units." })
  complaintsPer100Units!: number | null;

  @Field(() => Float, { nullable: true, description: "Repairs per 100 units." })
  repairsPer100Units!: number | null;

  @Field(() => Float, { nullable: true, description: "Overdue tickets now per 100 units." })
  overduePer100Units!: number | null;

  @Field(() => Rate, { description: "Spot checks disagreeing with the office's verdict / spot checks." })
  spotCheckDisagreement!: Rate;

  @Field(() => [TargetedMetric], { description: "Metrics measured and below the head office's target." })
  belowTarget!: TargetedMetric[];
}

@ObjectType({ description: "Every office side by side for a period, against the head office's targets." })
export class OfficeComparison {
  @Field(() => LocalDateScalar, { description: "First day of the period." })
  from!: string;

  @Field(() => LocalDateScalar, { description: "Day after the period." })
  to!: string;

  @Field(() => LocalDateScalar, { description: "Payments dated before this day count toward collection." })
  asOf!: string;

  @Field({ description: "The group's time zone, in which the period's days begin." })
  timeZone!: string;

  @Field(() => ReportTargets, { description: "The targets rows are measured against." })
  targets!: ReportTargets;

  @Field(() => [OfficeComparisonRow], { description: "One row per management office in scope, by office code." })
  rows!: OfficeComparisonRow[];

  @Field(() => OfficeComparisonRow, { description: "The offices in scope together." })
  total!: OfficeComparisonRow;
}
