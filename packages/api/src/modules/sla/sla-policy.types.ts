import { ArrayMaxSize, IsOptional, Max, MaxLength, Min, ValidateNested } from "class-validator";
import { Field, Float, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { SpotCheckSampler } from "../spot-checks/spot-check.enums";
import { Staff } from "../staff/staff.entity";
import { Channel, Severity, TicketType } from "../tickets/ticket.enums";
import { DeadlineKind } from "./deadline";

registerEnumType(DeadlineKind, {
  name: "DeadlineKind",
  description: "How a deadline is measured, in the group's time zone and working-day calendar.",
  valuesConfig: {
    MINUTES: { description: "N minutes of calendar time after receipt." },
    HOURS: { description: "N hours of calendar time after receipt." },
    SAME_DAY: { description: "The local midnight that ends the day of receipt (amount ignored)." },
    CALENDAR_DAYS: { description: "The local midnight that ends the N-th calendar day after the day of receipt." },
    WORKING_DAYS: { description: "The local midnight that ends the N-th working day after the day of receipt." },
  },
});

@ObjectType("DeadlineSpec", { description: "A deadline rule: kind and amount." })
export class DeadlineSpecType {
  @Field(() => DeadlineKind, { description: "How the deadline is measured." })
  kind!: DeadlineKind;

  @Field(() => Int, { description: "Minutes, hours or days (0 for SAME_DAY)." })
  amount!: number;
}

@ObjectType("SlaRule", {
  description: "One rule of the SLA policy. The first rule matching a ticket's type, severity and channel applies.",
})
export class SlaRuleType {
  @Field(() => TicketType, { description: "Type the rule applies to." })
  type!: TicketType;

  @Field(() => Severity, { nullable: true, description: "Only this severity; null for any." })
  severity!: Severity | null;

  @Field(() => Channel, { nullable: true, description: "Only this channel; null for any." })
  channel!: Channel | null;

  @Field(() => DeadlineSpecType, { nullable: true, description: "First response deadline; null for none." })
  reply!: DeadlineSpecType | null;

  @Field(() => DeadlineSpecType, { nullable: true, description: "Resolution deadline; null when tracked without one." })
  resolve!: DeadlineSpecType | null;

  @Field(() => DeadlineSpecType, { nullable: true, description: "Outer limit that escalates to the head office; null for none." })
  hardLimit!: DeadlineSpecType | null;

  @Field(() => String, { nullable: true, description: "Explanation, e.g. the regulation it comes from." })
  note!: string | null;
}

@ObjectType("SpotCheckRate", { description: "Share of followed-up tickets a head-office body spot-checks." })
export class SpotCheckRateType {
  @Field(() => SpotCheckSampler, { description: "Who checks." })
  sampler!: SpotCheckSampler;

  @Field(() => TicketType, { nullable: true, description: "Only this type; null for all types." })
  type!: TicketType | null;

  @Field(() => Float, { description: "Share in [0, 1], e.g. 0.1 for 10%." })
  rate!: number;
}

@ObjectType("SlaPolicy", { description: "The group's service policy: SLA rules, follow-up timing and spot-check rates." })
export class SlaPolicyType {
  @Field(() => [SlaRuleType], { description: "Rules in the order they are matched." })
  rules!: SlaRuleType[];

  @Field(() => Int, { description: "A follow-up is due this many days after resolution." })
  followUpDueDays!: number;

  @Field(() => Float, { description: "Share of the time to a deadline after which boards warn that it is due soon." })
  dueSoonRatio!: number;

  @Field(() => [SpotCheckRateType], { description: "Spot-check rates per head-office body and type." })
  spotCheckRates!: SpotCheckRateType[];

  @Field({ description: "True while the group uses the defaults from the regulations (never edited, or reset)." })
  isDefault!: boolean;

  @Field(() => Date, { nullable: true, description: "When the policy was last edited." })
  updatedAt!: Date | null;

  @Field(() => Staff, { nullable: true, description: "Who last edited it." })
  updatedBy!: Staff | null;
}

@ObjectType({ description: "The deadlines a ticket registered at a given time would get." })
export class TicketDeadlines {
  @Field(() => Date, { nullable: true, description: "First response due." })
  replyDueAt!: Date | null;

  @Field(() => Date, { nullable: true, description: "Resolution due." })
  resolveDueAt!: Date | null;

  @Field(() => Date, { nullable: true, description: "Hard limit (escalation)." })
  hardLimitAt!: Date | null;

  @Field(() => SlaRuleType, { nullable: true, description: "The rule that applied; null when no rule matches." })
  rule!: SlaRuleType | null;
}

@InputType({ description: "A deadline rule." })
export class DeadlineSpecInput {
  @Field(() => DeadlineKind, { description: "How the deadline is measured." })
  kind!: DeadlineKind;

  @Field(() => Int, { defaultValue: 0, description: "Minutes, hours or days (ignored for SAME_DAY)." })
  @Min(0)
  @Max(10_080)
  amount: number = 0;
}

@InputType({ description: "One SLA rule." })
export class SlaRuleInput {
  @Field(() => TicketType, { description: "Type the rule applies to." })
  type!: TicketType;

  @Field(() => Severity, { nullable: true, description: "Only this severity; omit for any." })
  severity?: Severity | null;

  @Field(() => Channel, { nullable: true, description: "Only this channel; omit for any." })
  channel?: Channel | null;

  @Field(() => DeadlineSpecInput, { nullable: true, description: "First response deadline; omit for none." })
  @IsOptional()
  @ValidateNested()
  reply?: DeadlineSpecInput | null;

  @Field(() => DeadlineSpecInput, { nullable: true, description: "Resolution deadline; omit to track without one." })
  @IsOptional()
  @ValidateNested()
  resolve?: DeadlineSpecInput | null;

  @Field(() => DeadlineSpecInput, { nullable: true, description: "Hard limit; omit for none." })
  @IsOptional()
  @ValidateNested()
  hardLimit?: DeadlineSpecInput | null;

  @Field(() => String, { nullable: true, description: "Explanation." })
  @IsOptional()
  @MaxLength(500)
  note?: string | null;
}

@InputType({ description: "A spot-check rate." })
export class SpotCheckRateInput {
  @Field(() => SpotCheckSampler, { description: "Who checks." })
  sampler!: SpotCheckSampler;

  @Field(() => TicketType, { nullable: true, description: "Only this type; omit for all types." })
  type?: TicketType | null;

  @Field(() => Float, { description: "Share in [0, 1]." })
  @Min(0)
  @Max(1)
  rate!: number;
}

@InputType({ description: "The whole service policy; replaces the current one." })
export class SlaPolicyInput {
  @Field(() => [SlaRuleInput], { description: "Rules in matching order; every type (and severity) must be covered." })
  @ValidateNested({ each: true })
  @ArrayMaxSize(200)
  rules!: SlaRuleInput[];

  @Field(() => Int, { description: "Days after resolution a follow-up is due (0–60)." })
  @Min(0)
  @Max(60)
  followUpDueDays!: number;

  @Field(() => Float, { description: "Due-soon warning threshold, share of the time used (0.05–0.99)." })
  @Min(0.05)
  @Max(0.99)
  dueSoonRatio!: number;

  @Field(() => [SpotCheckRateInput], { description: "Spot-check rates." })
  @ValidateNested({ each: true })
  @ArrayMaxSize(50)
  spotCheckRates!: SpotCheckRateInput[];
}
