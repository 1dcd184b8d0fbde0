import { IsOptional, Length, Matches, Max, MaxLength, Min } from "class-validator";
import { ArgsType, Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { PageArgs } from "../../common/pagination/page.args";
import { LocalDateScalar } from "../../common/scalars";
import { Staff } from "../staff/staff.entity";
import { Office } from "../tenancy/office.entity";
import { ViolationKind, ViolationSeverity } from "./staff-assessment.enums";

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

@InputType({ description: "A new catalogue item." })
export class CreateViolationTypeInput {
  @Field({ description: "Stable code (capitals, digits, _), unique in the group." })
  @Matches(/^[A-Z0-9_]{1,40}$/, { message: "code must be capitals, digits or _ (up to 40)" })
  code!: string;

  @Field({ description: "What it is." })
  @Length(1, 200)
  name!: string;

  @Field(() => ViolationKind, { description: "Deduction or bonus." })
  kind!: ViolationKind;

  @Field(() => ViolationSeverity, { nullable: true, description: "The regulation's grading (deductions only)." })
  @IsOptional()
  severity?: ViolationSeverity | null;

  @Field(() => Int, { description: "Points per occurrence, 1–100." })
  @Min(1)
  @Max(100)
  points!: number;
}

@InputType({ description: "Changes to a catalogue item; entries already recorded keep the points they were recorded with." })
export class UpdateViolationTypeInput {
  @Field({ nullable: true, description: "What it is." })
  @IsOptional()
  @Length(1, 200)
  name?: string;

  @Field(() => ViolationSeverity, { nullable: true, description: "The regulation's grading." })
  @IsOptional()
  severity?: ViolationSeverity | null;

  @Field(() => Int, { nullable: true, description: "Points per occurrence, 1–100." })
  @IsOptional()
  @Min(1)
  @Max(100)
  points?: number;

  @Field({ nullable: true, description: "False retires it." })
  @IsOptional()
  active?: boolean;
}

@InputType({ description: "An occurrence to record in a staff member's monthly assessment." })
export class RecordStaffAssessmentEntryInput {
  @Field(() => ID, { description: "The staff member." })
  staffId!: string;

  @Field({ description: "Code of the catalogue item, e.g. ABSENCE." })
  @Length(1, 40)
  violationCode!: string;

  @Field(() => LocalDateScalar, { description: "The day it happened (not in the future); it counts in that month." })
  occurredOn!: string;

  @Field(() => String, { nullable: true, description: "What happened." })
  @IsOptional()
  @MaxLength(2000)
  note?: string | null;
}

@ArgsType()
export class StaffAssessmentEntryListArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "Only this staff member." })
  staffId?: string | null;

  @Field(() => ID, { nullable: true, description: "Only staff of this office." })
  officeId?: string | null;

  @Field(() => String, { nullable: true, description: "Only this month, YYYY-MM." })
  @IsOptional()
  @Matches(MONTH, { message: "month must be YYYY-MM" })
  month?: string | null;

  @Field({ defaultValue: false, description: "Include voided entries." })
  includeVoided: boolean = false;
}

@ArgsType()
export class StaffMonthlyScoresArgs {
  @Field({ description: "The month, YYYY-MM." })
  @Matches(MONTH, { message: "month must be YYYY-MM" })
  month!: string;

  @Field(() => ID, { nullable: true, description: "Only staff of this office." })
  officeId?: string | null;
}

@ObjectType({ description: "A staff member's monthly assessment score: 100 − deductions + bonuses (voided entries excluded)." })
export class StaffMonthlyScore {
  @Field(() => Staff, { description: "The staff member." })
  staff!: Staff;

  @Field(() => Office, { description: "Their office." })
  office!: Office;

  @Field({ description: "The month, YYYY-MM." })
  month!: string;

  @Field(() => Int, { description: "The final score; may fall below 0." })
  score!: number;

  @Field(() => Int, { description: "Points deducted." })
  deductions!: number;

  @Field(() => Int, { description: "Bonus points." })
  bonuses!: number;

  @Field(() => Int, { description: "Entries counted." })
  entries!: number;
}
