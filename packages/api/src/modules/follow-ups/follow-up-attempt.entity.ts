import { Entity, Enum, ManyToOne, Property, type Ref } from "@mikro-orm/core";
import { Field, ObjectType } from "type-graphql";
import { TenantEntity } from "../../common/entities/tenant-owned.entity";
import { Staff } from "../staff/staff.entity";
import { FollowUp } from "./follow-up.entity";
import { FollowUpMethod, FollowUpOutcome } from "./follow-up.enums";

@ObjectType({ description: "One try at reaching the customer for a follow-up." })
@Entity({ tableName: "follow_up_attempt" })
export class FollowUpAttempt extends TenantEntity {
  @ManyToOne(() => FollowUp, { ref: true, fieldName: "follow_up_id" })
  followUp!: Ref<FollowUp>;

  @Field(() => Date, { description: "When the attempt was made." })
  @Property({ type: "Date" })
  at!: Date;

  @ManyToOne(() => Staff, { ref: true, fieldName: "by_id" })
  by!: Ref<Staff>;

  @Field(() => FollowUpMethod, { description: "Visit, telephone or online." })
  @Enum({ items: () => FollowUpMethod })
  method!: FollowUpMethod;

  @Field(() => FollowUpOutcome, { description: "Reached, no answer, or refused." })
  @Enum({ items: () => FollowUpOutcome })
  outcome!: FollowUpOutcome;

  @Field(() => String, { nullable: true, description: "Notes on the attempt." })
  @Property({ type: "text", nullable: true })
  note: string | null = null;
}
