import { Entity, Enum, ManyToOne, Property, type Opt, type Ref } from "@mikro-orm/core";
import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { TenantEntity } from "../../common/entities/tenant-owned.entity";
import { FollowUp } from "../follow-ups/follow-up.entity";
import { Satisfaction } from "../follow-ups/follow-up.enums";
import { Staff } from "../staff/staff.entity";
import { Office } from "../tenancy/office.entity";
import { Ticket } from "../tickets/ticket.entity";
import { SpotCheckSample } from "./spot-check-sample.entity";

export enum SpotCheckStatus {
  PENDING = "PENDING",
  DONE = "DONE",
}

registerEnumType(SpotCheckStatus, {
  name: "SpotCheckStatus",
  description: "State of a spot check.",
  valuesConfig: {
    PENDING: { description: "Drawn, not yet checked." },
    DONE: { description: "The head office recorded its own rating." },
  },
});

@ObjectType({ description: "A head-office spot check (抽查) of one followed-up ticket: its own rating against the office's." })
@Entity({ tableName: "spot_check" })
export class SpotCheck extends TenantEntity {
  @ManyToOne(() => SpotCheckSample, { ref: true, fieldName: "sample_id" })
  sample!: Ref<SpotCheckSample>;

  @ManyToOne(() => Ticket, { ref: true, fieldName: "ticket_id" })
  ticket!: Ref<Ticket>;

  @ManyToOne(() => FollowUp, { ref: true, fieldName: "follow_up_id" })
  followUp!: Ref<FollowUp>;

  @ManyToOne(() => Office, { ref: true, fieldName: "office_id" })
  office!: Ref<Office>;

  @Field(() => SpotCheckStatus, { description: "Pending or done." })
  @Enum({ items: () => SpotCheckStatus })
  status: Opt<SpotCheckStatus> = SpotCheckStatus.PENDING;

  @Field(() => Satisfaction, { nullable: true, description: "The rating the head office obtained." })
  @Enum({ items: () => Satisfaction, nullable: true })
  satisfaction: Satisfaction | null = null;

  @Field(() => String, { nullable: true, description: "The customer's comment to the head office." })
  @Property({ type: "text", nullable: true })
  comment: string | null = null;

  @Field(() => Boolean, {
    nullable: true,
    description: "Whether the head office's top-2-box verdict (satisfied or not) equals the office's; false is a finding.",
  })
  @Property({ type: "boolean", nullable: true })
  agrees: boolean | null = null;

  @Field(() => Date, { description: "When the office's follow-up was completed (reports date the check by it)." })
  @Property({ type: "Date" })
  followedUpAt!: Date;

  @Field(() => Date, { nullable: true, description: "When the check was recorded." })
  @Property({ type: "Date", nullable: true })
  checkedAt: Date | null = null;

  @ManyToOne(() => Staff, { ref: true, nullable: true, fieldName: "checked_by_id" })
  checkedBy: Ref<Staff> | null = null;

  @Field(() => Int, { description: "Increases with every change." })
  @Property({ type: "integer", version: true })
  version!: Opt<number>;
}
