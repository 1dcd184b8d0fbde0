import { ArrayMaxSize, IsOptional, Matches, Max, MaxLength, Min, ValidateNested, Length } from "class-validator";
import { ArgsType, Field, Float, ID, InputType, Int, ObjectType } from "type-graphql";
import { PageArgs } from "../../common/pagination/page.args";

@ObjectType({ description: "An indicator of the competency model." })
export class CompetencyIndicator {
  @Field({ description: "Stable code, e.g. INTERPERSONAL_COMMUNICATION." })
  code!: string;

  @Field({ description: "Code of its group." })
  groupCode!: string;

  @Field({ description: "Name in Chinese, e.g. 人际沟通能力." })
  nameZh!: string;

  @Field({ description: "Name in English." })
  nameEn!: string;

  @Field(() => Float, { description: "Weight within its group (%)." })
  weightInGroup!: number;

  @Field(() => Float, { description: "Weight in the whole model (%); all add up to 100." })
  combinedWeight!: number;
}

@ObjectType({ description: "A group of indicators." })
export class CompetencyGroup {
  @Field({ description: "Code, e.g. SERVICE." })
  code!: string;

  @Field({ description: "Name in Chinese." })
  nameZh!: string;

  @Field({ description: "Name in English." })
  nameEn!: string;

  @Field(() => Float, { description: "The group's weight (%); all groups add up to 100." })
  weight!: number;

  @Field(() => [CompetencyIndicator], { description: "Its indicators." })
  indicators!: CompetencyIndicator[];
}

@ObjectType({ description: "The group's competency model (核心能力) with its weights." })
export class CompetencyModel {
  @Field(() => [CompetencyGroup], { description: "Groups with their indicators." })
  groups!: CompetencyGroup[];

  @Field(() => [CompetencyIndicator], {
    description: "The five indicators with the highest combined weight (the report's top five).",
  })
  topFive!: CompetencyIndicator[];

  @Field({ description: "True while the group uses the default model (never edited, or reset)." })
  isDefault!: boolean;
}

@InputType({ description: "An indicator of a new model." })
export class CompetencyIndicatorInput {
  @Field({ description: "Stable code (capitals, digits, _)." })
  @Matches(/^[A-Z0-9_]{1,40}$/, { message: "code must be capitals, digits or _" })
  code!: string;

  @Field({ description: "Name in Chinese." })
  @Length(1, 100)
  nameZh!: string;

  @Field({ description: "Name in English." })
  @Length(1, 100)
  nameEn!: string;

  @Field(() => Float, { description: "Weight within the group (%)." })
  @Min(0)
  @Max(100)
  weightInGroup!: number;

  @Field(() => Float, { description: "Combined weight (%), = group weight × weight in group / 100." })
  @Min(0)
  @Max(100)
  combinedWeight!: number;
}

@InputType({ description: "A group of a new model." })
export class CompetencyGroupInput {
  @Field({ description: "Code." })
  @Matches(/^[A-Z0-9_]{1,40}$/, { message: "code must be capitals, digits or _" })
  code!: string;

  @Field({ description: "Name in Chinese." })
  @Length(1, 100)
  nameZh!: string;

  @Field({ description: "Name in English." })
  @Length(1, 100)
  nameEn!: string;

  @Field(() => Float, { description: "The group's weight (%)." })
  @Min(0)
  @Max(100)
  weight!: number;

  @Field(() => [CompetencyIndicatorInput], { description: "Its indicators." })
  @ValidateNested({ each: true })
  @ArrayMaxSize(50)
  indicators!: CompetencyIndicatorInput[];
}

@InputType({ description: "A whole competency model; replaces the current one." })
export class CompetencyModelInput {
  @Field(() => [CompetencyGroupInput], { description: "The groups." })
  @ValidateNested({ each: true })
  @ArrayMaxSize(20)
  groups!: CompetencyGroupInput[];
}

@InputType({ description: "One rating." })
export class CompetencyRatingInput {
  @Field({ description: "The indicator's code." })
  indicatorCode!: string;

  @Field(() => Int, { description: "1 (poor) to 5 (excellent)." })
  @Min(1)
  @Max(5)
  rating!: number;
}

@InputType({ description: "An assessment of a staff member: every indicator of the model rated once." })
export class RecordCompetencyAssessmentInput {
  @Field(() => ID, { description: "The staff member assessed." })
  staffId!: string;

  @Field({ description: "The period: YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY." })
  @Matches(/^\d{4}(-(0[1-9]|1[0-2]|Q[1-4]|H[12]))?$/, { message: "period must be YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY" })
  period!: string;

  @Field(() => [CompetencyRatingInput], { description: "One rating per indicator of the model." })
  @ValidateNested({ each: true })
  @ArrayMaxSize(100)
  ratings!: CompetencyRatingInput[];

  @Field(() => String, { nullable: true, description: "Comment." })
  @IsOptional()
  @MaxLength(2000)
  comment?: string | null;
}

@ObjectType({ description: "One rating of an assessment." })
export class CompetencyRatingItem {
  @Field({ description: "The indicator's code." })
  indicatorCode!: string;

  @Field(() => Int, { description: "1–5." })
  rating!: number;

  @Field(() => CompetencyIndicator, {
    nullable: true,
    description: "The indicator in the current model (null if since removed).",
  })
  indicator!: CompetencyIndicator | null;
}

@ArgsType()
export class CompetencyAssessmentListArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "Only this staff member (their history)." })
  staffId?: string | null;

  @Field(() => ID, { nullable: true, description: "Only staff of this office." })
  officeId?: string | null;

  @Field({ nullable: true, description: "Only periods starting on or after this date (YYYY-MM-DD)." })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: "from must be YYYY-MM-DD" })
  from?: string;

  @Field({ nullable: true, description: "Only periods starting before this date (YYYY-MM-DD)." })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: "to must be YYYY-MM-DD" })
  to?: string;
}
