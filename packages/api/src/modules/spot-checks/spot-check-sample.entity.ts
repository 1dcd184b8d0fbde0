import { Entity, Enum, ManyToOne, Property, type Ref } from "@mikro-orm/core";
import { Field, Int, ObjectType } from "type-graphql";
import { TenantEntity } from "../../common/entities/tenant-owned.entity";
import { Staff } from "../staff/staff.entity";
import { SpotCheckSampler } from "./spot-check.enums";

@ObjectType({ description: "A reproducible random sample of followed-up tickets drawn for head-office spot checks." })
@Entity({ tableName: "spot_check_sample" })
export class SpotCheckSample extends TenantEntity {
  @Field(() => SpotCheckSampler, { description: "Who draws and checks it." })
  @Enum({ items: () => SpotCheckSampler })
  sampler!: SpotCheckSampler;

  @Field(() => Date, { description: "Start of the period (inclusive): follow-ups completed from here." })
  @Property({ type: "Date" })
  periodFrom!: Date;

  @Field(() => Date, { description: "End of the period (exclusive)." })
  @Property({ type: "Date" })
  periodTo!: Date;

  @Field(() => Int, { description: "Seed of the draw: the same seed, period and follow-ups give the same sample." })
  @Property({ type: "integer" })
  seed!: number;

  @Field(() => Int, { description: "Followed-up tickets in the period the rates applied to." })
  @Property({ type: "integer" })
  population!: number;

  @Field(() => Int, { description: "Tickets drawn." })
  @Property({ type: "integer" })
  sampleSize!: number;

  @Field(() => Date, { description: "When it was drawn." })
  @Property({ type: "Date" })
  drawnAt!: Date;

  @ManyToOne(() => Staff, { ref: true, fieldName: "drawn_by_id" })
  drawnBy!: Ref<Staff>;
}
