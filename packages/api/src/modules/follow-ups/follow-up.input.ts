import { IsOptional, MaxLength } from "class-validator";
import { ArgsType, Field, ID, InputType, Int } from "type-graphql";
import { PageArgs } from "../../common/pagination/page.args";
import { FollowUpExemption, FollowUpMethod, FollowUpOutcome, FollowUpStatus, Satisfaction } from "./follow-up.enums";

@InputType({ description: "One try at reaching the customer. When it reaches them, their rating completes the follow-up." })
export class FollowUpAttemptInput {
  @Field(() => FollowUpMethod, { description: "Visit, telephone or online." })
  method!: FollowUpMethod;

  @Field(() => FollowUpOutcome, { description: "Reached, no answer, or refused." })
  outcome!: FollowUpOutcome;

  @Field(() => Satisfaction, { nullable: true, description: "Required when the customer was reached: their rating." })
  satisfaction?: Satisfaction | null;

  @Field(() => String, { nullable: true, description: "The customer's comment, or notes on the attempt." })
  @IsOptional()
  @MaxLength(2000)
  comment?: string | null;

  @Field(() => Int, { nullable: true, description: "The follow-up version last seen; CONFLICT if it has changed." })
  @IsOptional()
  expectedVersion?: number | null;
}

@InputType({ description: "Why no follow-up is needed." })
export class ExemptFollowUpInput {
  @Field(() => FollowUpExemption, { description: "The reason." })
  exemption!: FollowUpExemption;

  @Field(() => String, { nullable: true, description: "Details." })
  @IsOptional()
  @MaxLength(1000)
  note?: string | null;
}

@ArgsType()
export class FollowUpListArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "Only this office." })
  officeId?: string | null;

  @Field(() => [FollowUpStatus], { nullable: true, description: "Only these statuses (default: all)." })
  statuses?: FollowUpStatus[] | null;

  @Field(() => ID, { nullable: true, description: "Only tasks assigned to this staff member." })
  assigneeId?: string | null;

  @Field(() => Date, { nullable: true, description: "Only tasks due before this instant (e.g. now: overdue follow-ups)." })
  dueBefore?: Date | null;
}
