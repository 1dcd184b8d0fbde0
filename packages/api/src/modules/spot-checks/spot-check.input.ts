import { IsOptional, MaxLength } from "class-validator";
import { ArgsType, Field, ID, InputType, Int } from "type-graphql";
import { PageArgs } from "../../common/pagination/page.args";
import { Satisfaction } from "../follow-ups/follow-up.enums";
import { SpotCheckStatus } from "./spot-check.entity";
import { SpotCheckSampler } from "./spot-check.enums";

@InputType({ description: "Which follow-ups to sample: those completed in [from, to), by the sampler's configured rates." })
export class DrawSpotCheckSampleInput {
  @Field(() => SpotCheckSampler, { description: "Who checks (decides the rates)." })
  sampler!: SpotCheckSampler;

  @Field(() => Date, { description: "Start of the period (inclusive)." })
  from!: Date;

  @Field(() => Date, { description: "End of the period (exclusive)." })
  to!: Date;

  @Field(() => Int, {
    nullable: true,
    description: "Seed of the draw; omit for a random one (it is stored, so the draw can be repeated).",
  })
  @IsOptional()
  seed?: number | null;
}

@InputType({ description: "The head office's own rating from its spot check." })
export class RecordSpotCheckInput {
  @Field(() => Satisfaction, { description: "The rating the customer gave the head office." })
  satisfaction!: Satisfaction;

  @Field(() => String, { nullable: true, description: "The customer's comment." })
  @IsOptional()
  @MaxLength(2000)
  comment?: string | null;
}

@ArgsType()
export class SpotCheckListArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "Only this sample." })
  sampleId?: string | null;

  @Field(() => ID, { nullable: true, description: "Only this office." })
  officeId?: string | null;

  @Field(() => SpotCheckStatus, { nullable: true, description: "Only pending or done checks." })
  status?: SpotCheckStatus | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "False: only findings (the head office's verdict differs from the office's).",
  })
  agrees?: boolean | null;
}
