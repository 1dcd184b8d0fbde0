import { Entity, Enum, ManyToOne, Property, type Opt, type Ref } from "@mikro-orm/core";
import { Field, Int, ObjectType } from "type-graphql";
import { TenantEntity } from "../../common/entities/tenant-owned.entity";
import { Staff } from "../staff/staff.entity";
import { Office } from "../tenancy/office.entity";
import { Ticket } from "../tickets/ticket.entity";
import { FollowUpExemption, FollowUpMethod, FollowUpStatus, Satisfaction } from "./follow-up.enums";

@ObjectType({ description: "A follow-up task (回访): due some days after resolution; records the customer's satisfaction." })
@Entity({ tableName: "follow_up" })
export class FollowUp extends TenantEntity {
  @ManyToOne(() => Ticket, { ref: true, fieldName: "ticket_id" })
  ticket!: Ref<Ticket>;

  @ManyToOne(() => Office, { ref: true, fieldName: "office_id" })
  office!: Ref<Office>;

  @Field(() => Int, { description: "1 for the first resolution, 2 after the first reopening, …" })
  @Property({ type: "integer" })
  round!: number;

  @Field(() => FollowUpStatus, { description: "Pending, completed or exempted." })
  @Enum({ items: () => FollowUpStatus })
  status: Opt<FollowUpStatus> = FollowUpStatus.PENDING;

  @Field(() => Date, { description: "When the follow-up should be done." })
  @Property({ type: "Date" })
  dueAt!: Date;

  @ManyToOne(() => Staff, { ref: true, nullable: true, fieldName: "assignee_id" })
  assignee: Ref<Staff> | null = null;

  @Field(() => FollowUpExemption, { nullable: true, description: "Why no follow-up is needed (exempted only)." })
  @Enum({ items: () => FollowUpExemption, nullable: true })
  exemption: FollowUpExemption | null = null;

  @Field(() => String, { nullable: true, description: "Details of the exemption." })
  @Property({ type: "text", nullable: true })
  exemptionNote: string | null = null;

  @Field(() => Satisfaction, { nullable: true, description: "The customer's rating (completed only)." })
  @Enum({ items: () => Satisfaction, nullable: true })
  satisfaction: Satisfaction | null = null;

  @Field(() => String, { nullable: true, description: "The customer's comment." })
  @Property({ type: "text", nullable: true })
  comment: string | null = null;

  @Field(() => FollowUpMethod, { nullable: true, description: "How the customer was reached (completed only)." })
  @Enum({ items: () => FollowUpMethod, nullable: true })
  method: FollowUpMethod | null = null;

  @Field(() => Int, { description: "Number of attempts so far." })
  @Property({ type: "integer" })
  attemptCount: Opt<number> = 0;

  @Field(() => Date, { nullable: true, description: "When the customer was reached (completed) or the exemption recorded." })
  @Property({ type: "Date", nullable: true })
  completedAt: Date | null = null;

  @ManyToOne(() => Staff, { ref: true, nullable: true, fieldName: "completed_by_id" })
  completedBy: Ref<Staff> | null = null;

  @Field(() => Int, { description: "Increases with every change (concurrent edits are refused)." })
  @Property({ type: "integer", version: true })
  version!: Opt<number>;
}
