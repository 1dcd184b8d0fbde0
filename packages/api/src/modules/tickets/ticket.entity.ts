import { Entity, Enum, ManyToOne, Property, type Opt, type Ref } from "@mikro-orm/core";
import { Field, Int, ObjectType } from "type-graphql";
import { TenantEntity } from "../../common/entities/tenant-owned.entity";
import { Customer } from "../customer/customer.entity";
import { Property as PropertyEntity } from "../property/property.entity";
import { Unit } from "../property/unit.entity";
import { Staff } from "../staff/staff.entity";
import { Office } from "../tenancy/office.entity";
import { Channel, ComplaintClass, ComplaintValidity, PauseReason, Severity, TicketStatus, TicketType } from "./ticket.enums";

@ObjectType({
  description: "A customer request (客户诉求): complaint, repair, help, consultation… with its deadlines and state.",
})
@Entity({ tableName: "ticket" })
export class Ticket extends TenantEntity {
  @Field({
    description: "Human-readable number, unique in the group: <office code>-<local date>-<sequence>, e.g. CH-20261122-007.",
  })
  @Property({ type: "text" })
  number!: string;

  @ManyToOne(() => Office, { ref: true, fieldName: "office_id" })
  office!: Ref<Office>;

  @ManyToOne(() => PropertyEntity, { ref: true, nullable: true, fieldName: "property_id" })
  property: Ref<PropertyEntity> | null = null;

  @ManyToOne(() => Unit, { ref: true, nullable: true, fieldName: "unit_id" })
  unit: Ref<Unit> | null = null;

  @ManyToOne(() => Customer, { ref: true, nullable: true, fieldName: "customer_id" })
  customer: Ref<Customer> | null = null;

  @Field(() => TicketType, { description: "Kind of request." })
  @Enum({ items: () => TicketType })
  type!: TicketType;

  @Field(() => Channel, { description: "How it reached the office." })
  @Enum({ items: () => Channel })
  channel!: Channel;

  @Field(() => Severity, { nullable: true, description: "Severity within the type; null for types without one." })
  @Enum({ items: () => Severity, nullable: true })
  severity: Severity | null = null;

  @Field(() => ComplaintClass, { nullable: true, description: "Complaints only: MAJOR, IMPORTANT, GENERAL (default) or MINOR." })
  @Enum({ items: () => ComplaintClass, nullable: true })
  complaintClass: ComplaintClass | null = null;

  @Field(() => ComplaintValidity, { nullable: true, description: "Complaints only: the manager's decision, null until made." })
  @Enum({ items: () => ComplaintValidity, nullable: true })
  validity: ComplaintValidity | null = null;

  @Field(() => String, { nullable: true, description: "Why the complaint was judged valid or invalid." })
  @Property({ type: "text", nullable: true })
  validityReason: string | null = null;

  @Field(() => TicketStatus, { description: "Lifecycle status." })
  @Enum({ items: () => TicketStatus })
  status: Opt<TicketStatus> = TicketStatus.NEW;

  @Field(() => Boolean, { description: "Made anonymously: no customer or contact, and exempt from follow-up." })
  @Property({ type: "boolean" })
  anonymous: Opt<boolean> = false;

  @Field(() => String, { nullable: true, description: "Name of the person who made the request." })
  @Property({ type: "text", nullable: true })
  contactName: string | null = null;

  /** Exposed only through the privacy module's field resolver, which masks or records the read. */
  @Property({ type: "text", nullable: true })
  contactPhone: string | null = null;

  @Field({ description: "What the customer asked or complained about, as registered." })
  @Property({ type: "text" })
  content!: string;

  @Field(() => Int, { description: "Number of people making the request (10 or more make a complaint MAJOR)." })
  @Property({ type: "integer" })
  complainantCount: Opt<number> = 1;

  @Field(() => Date, { description: "When the office received the request (deadlines run from here)." })
  @Property({ type: "Date" })
  receivedAt!: Date;

  /** First receiver (首问责任人): owns the ticket until the customer is satisfied. */
  @ManyToOne(() => Staff, { ref: true, fieldName: "receiver_id" })
  receiver!: Ref<Staff>;

  @ManyToOne(() => Staff, { ref: true, nullable: true, fieldName: "assignee_id" })
  assignee: Ref<Staff> | null = null;

  @Field(() => String, { nullable: true, description: "Department the work is assigned to, e.g. 工程部." })
  @Property({ type: "text", nullable: true })
  department: string | null = null;

  @Field(() => String, { nullable: true, description: "The manager's instruction (主管批示)." })
  @Property({ type: "text", nullable: true })
  instruction: string | null = null;

  @Field(() => Date, { nullable: true, description: "When the customer first got a response." })
  @Property({ type: "Date", nullable: true })
  firstRepliedAt: Date | null = null;

  @Field(() => Date, { nullable: true, description: "When the first response is due; null when the policy sets none." })
  @Property({ type: "Date", nullable: true })
  replyDueAt: Date | null = null;

  @Field(() => Date, {
    nullable: true,
    description: "When the resolution is due (after pauses and extensions); null when tracked without a deadline.",
  })
  @Property({ type: "Date", nullable: true })
  resolveDueAt: Date | null = null;

  @Field(() => Date, { nullable: true, description: "The outer limit; passing it escalates to the head office." })
  @Property({ type: "Date", nullable: true })
  hardLimitAt: Date | null = null;

  @Field(() => Date, { nullable: true, description: "When it was resolved (the latest time, if reopened)." })
  @Property({ type: "Date", nullable: true })
  resolvedAt: Date | null = null;

  @Field(() => String, { nullable: true, description: "What was done to resolve it." })
  @Property({ type: "text", nullable: true })
  resolution: string | null = null;

  @ManyToOne(() => Staff, { ref: true, nullable: true, fieldName: "resolved_by_id" })
  resolvedBy: Ref<Staff> | null = null;

  @Field(() => Date, { nullable: true, description: "When it was closed after the follow-up or exemption." })
  @Property({ type: "Date", nullable: true })
  closedAt: Date | null = null;

  @Field(() => Date, { nullable: true, description: "When it was rejected as an invalid complaint." })
  @Property({ type: "Date", nullable: true })
  rejectedAt: Date | null = null;

  @Field(() => Date, { nullable: true, description: "When it was escalated to the head office." })
  @Property({ type: "Date", nullable: true })
  escalatedAt: Date | null = null;

  @Field(() => String, { nullable: true, description: "Why it was escalated." })
  @Property({ type: "text", nullable: true })
  escalationReason: string | null = null;

  @Field(() => Date, { nullable: true, description: "Set while the SLA clock is paused: since when." })
  @Property({ type: "Date", nullable: true })
  pausedAt: Date | null = null;

  @Field(() => PauseReason, { nullable: true, description: "Why the clock is paused (while paused)." })
  @Enum({ items: () => PauseReason, nullable: true })
  pauseReason: PauseReason | null = null;

  @Field(() => Int, { description: "Total seconds the clock has been paused (finished pauses)." })
  @Property({ type: "integer" })
  pausedSeconds: Opt<number> = 0;

  @Field(() => Int, { description: "How often a dissatisfied follow-up (or a manager) reopened it." })
  @Property({ type: "integer" })
  reopenCount: Opt<number> = 0;

  @Field(() => Int, { description: "How often the resolution deadline was extended." })
  @Property({ type: "integer" })
  extensionCount: Opt<number> = 0;

  // When the overdue sweep marked each rule of time (each fires once per deadline; moving a deadline later
  // clears its marks). Not shown: the timeline carries the events.
  @Property({ type: "Date", nullable: true })
  replyDueSoonAt: Date | null = null;

  @Property({ type: "Date", nullable: true })
  resolveDueSoonAt: Date | null = null;

  @Property({ type: "Date", nullable: true })
  replyOverdueAt: Date | null = null;

  @Property({ type: "Date", nullable: true })
  resolveOverdueAt: Date | null = null;

  @Property({ type: "Date", nullable: true })
  hardLimitPassedAt: Date | null = null;

  /** Client-supplied key making registration idempotent. */
  @Property({ type: "text", nullable: true })
  idempotencyKey: string | null = null;

  @Field(() => Int, { description: "Increases with every change; pass it as expectedVersion to detect concurrent edits." })
  @Property({ type: "integer", version: true })
  version!: Opt<number>;
}
