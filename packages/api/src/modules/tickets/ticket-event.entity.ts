import { BigIntType, Entity, Enum, ManyToOne, PrimaryKey, Property, type Opt, type Ref } from "@mikro-orm/core";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { TenantOwned } from "../../common/entities/tenant-owned.entity";
import { Staff } from "../staff/staff.entity";
import { Office } from "../tenancy/office.entity";
import { Ticket } from "./ticket.entity";

export enum TicketEventKind {
  CREATED = "CREATED",
  ASSIGNED = "ASSIGNED",
  REPLIED = "REPLIED",
  NOTE_ADDED = "NOTE_ADDED",
  RESOLVED = "RESOLVED",
  REJECTED = "REJECTED",
  ESCALATED = "ESCALATED",
  REOPENED = "REOPENED",
  CLOSED = "CLOSED",
  PAUSED = "PAUSED",
  RESUMED = "RESUMED",
  DEADLINE_EXTENDED = "DEADLINE_EXTENDED",
  CLASS_CHANGED = "CLASS_CHANGED",
  VALIDITY_SET = "VALIDITY_SET",
  FOLLOW_UP_ATTEMPTED = "FOLLOW_UP_ATTEMPTED",
  FOLLOWED_UP = "FOLLOWED_UP",
  FOLLOW_UP_EXEMPTED = "FOLLOW_UP_EXEMPTED",
  SPOT_CHECKED = "SPOT_CHECKED",
  REPLY_OVERDUE = "REPLY_OVERDUE",
  RESOLUTION_OVERDUE = "RESOLUTION_OVERDUE",
  HARD_LIMIT_PASSED = "HARD_LIMIT_PASSED",
  DUE_SOON = "DUE_SOON",
}

registerEnumType(TicketEventKind, {
  name: "TicketEventKind",
  description: "What happened to a ticket.",
  valuesConfig: {
    CREATED: { description: "Registered (登记)." },
    ASSIGNED: { description: "Assigned or re-assigned, with the manager's instruction (派单/主管批示)." },
    REPLIED: { description: "A response was given to the customer (答复)." },
    NOTE_ADDED: { description: "A progress note was recorded." },
    RESOLVED: { description: "Resolved, with what was done." },
    REJECTED: { description: "Rejected as an invalid complaint." },
    ESCALATED: { description: "Escalated to the head office." },
    REOPENED: { description: "Reopened (dissatisfied follow-up or manager's decision)." },
    CLOSED: { description: "Closed and archived." },
    PAUSED: { description: "SLA clock paused." },
    RESUMED: { description: "SLA clock resumed; deadlines moved by the pause." },
    DEADLINE_EXTENDED: { description: "Resolution deadline extended by a manager." },
    CLASS_CHANGED: { description: "Complaint class changed." },
    VALIDITY_SET: { description: "Complaint judged valid or invalid." },
    FOLLOW_UP_ATTEMPTED: { description: "A follow-up attempt that did not reach the customer." },
    FOLLOWED_UP: { description: "Follow-up done: the customer's satisfaction recorded (回访)." },
    FOLLOW_UP_EXEMPTED: { description: "Follow-up not needed, with the reason." },
    SPOT_CHECKED: { description: "The head office spot-checked the follow-up (抽查)." },
    REPLY_OVERDUE: { description: "The reply deadline passed without a reply." },
    RESOLUTION_OVERDUE: { description: "The resolution deadline passed without a resolution." },
    HARD_LIMIT_PASSED: { description: "The hard limit passed: escalated to the head office." },
    DUE_SOON: { description: "Most of the time to the next deadline is used up." },
  },
});

@ObjectType({ description: "One value of a ticket that changed: from → to (as text)." })
export class FieldChange {
  @Field({ description: "Name of the field, e.g. status." })
  field!: string;

  @Field(() => String, { nullable: true, description: "Value before the change." })
  from!: string | null;

  @Field(() => String, { nullable: true, description: "Value after the change." })
  to!: string | null;
}

/** Old → new values, as stored. */
export type Changes = Record<string, [unknown, unknown]>;

@ObjectType({ description: "An entry of a ticket's timeline: who did what when, and what changed. Never edited or removed." })
@Entity({ tableName: "ticket_event" })
export class TicketEvent extends TenantOwned {
  @Field(() => ID, { description: "Assigned by the database, increasing: later entries have larger ids." })
  @PrimaryKey({ type: new BigIntType("string"), autoincrement: true })
  id!: Opt<string>;

  /**
   * Position in the group's event log, assigned when the writing transaction commits (so positions become
   * visible in order); null only inside that transaction.
   */
  @Field(() => Int, {
    nullable: true,
    description:
      "Position in the group's event log (gapless, increasing, visible in order); null only while the change is being saved.",
  })
  @Property({ type: new BigIntType("number"), nullable: true })
  seq: number | null = null;

  @ManyToOne(() => Ticket, { ref: true, fieldName: "ticket_id" })
  ticket!: Ref<Ticket>;

  @ManyToOne(() => Office, { ref: true, fieldName: "office_id" })
  office!: Ref<Office>;

  @Field(() => TicketEventKind, { description: "What happened." })
  @Enum({ items: () => TicketEventKind })
  kind!: TicketEventKind;

  @ManyToOne(() => Staff, { ref: true, nullable: true, fieldName: "actor_id" })
  actor: Ref<Staff> | null = null;

  @Field(() => Date, { description: "When it happened." })
  @Property({ type: "Date" })
  at!: Date;

  @Property({ type: "json" })
  changes: Opt<Changes> = {};

  @Field(() => String, { nullable: true, description: "Free text: the reply, note, reason or instruction." })
  @Property({ type: "text", nullable: true })
  note: string | null = null;
}
