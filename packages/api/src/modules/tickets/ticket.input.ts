import { IsOptional, Length, Matches, Max, MaxLength, Min } from "class-validator";
import { ArgsType, Field, ID, InputType, Int, registerEnumType } from "type-graphql";
import { PageArgs } from "../../common/pagination/page.args";
import { FollowUpExemption } from "../follow-ups/follow-up.enums";
import { Channel, ComplaintClass, ComplaintValidity, PauseReason, Severity, TicketStatus, TicketType } from "./ticket.enums";

@InputType({ description: "A customer request to register (the fields of the 客户诉求登记表)." })
export class RegisterTicketInput {
  @Field(() => TicketType, { description: "Kind of request." })
  type!: TicketType;

  @Field(() => Channel, { description: "How it reached the office." })
  channel!: Channel;

  @Field(() => Severity, {
    nullable: true,
    description: "Severity within the type; defaults: complaint GENERAL, repair MINOR, help NORMAL.",
  })
  severity?: Severity | null;

  @Field(() => ID, {
    nullable: true,
    description: "Office handling it; default: the unit's or customer's office, else the caller's office.",
  })
  officeId?: string | null;

  @Field(() => ID, { nullable: true, description: "The customer making it, if known." })
  customerId?: string | null;

  @Field(() => ID, { nullable: true, description: "The unit it concerns, if any." })
  unitId?: string | null;

  @Field({ defaultValue: false, description: "Anonymous: no customer or contact is recorded and no follow-up is made." })
  anonymous: boolean = false;

  @Field(() => String, { nullable: true, description: "Name of the person; default: the customer's name." })
  @IsOptional()
  @MaxLength(100)
  contactName?: string | null;

  @Field(() => String, { nullable: true, description: "Telephone; default: the customer's." })
  @IsOptional()
  @MaxLength(50)
  contactPhone?: string | null;

  @Field({ description: "What the customer asked or complained about." })
  @Length(1, 5000)
  content!: string;

  @Field(() => Date, {
    nullable: true,
    description: "When the office received it (a letter or call taken earlier); default now, never in the future.",
  })
  @IsOptional()
  receivedAt?: Date | null;

  @Field(() => Int, { defaultValue: 1, description: "Number of people making it; 10 or more make a complaint MAJOR." })
  @Min(1)
  @Max(100_000)
  complainantCount: number = 1;

  @Field(() => String, {
    nullable: true,
    description:
      "Client-chosen key (e.g. a UUID per form submission): retrying with the same key returns the same ticket instead of a second one.",
  })
  @IsOptional()
  @Matches(/^[\w.:-]{8,100}$/, { message: "idempotencyKey must be 8–100 letters, digits or . _ : -" })
  idempotencyKey?: string | null;
}

@InputType({ description: "Common to every ticket action: guards against editing a version someone else has changed." })
export class TicketActionInput {
  @Field(() => Int, { nullable: true, description: "The version the caller last saw; CONFLICT if the ticket has changed since." })
  @IsOptional()
  expectedVersion?: number | null;
}

@InputType({ description: "Whom to assign the work to, with the manager's instruction." })
export class AssignTicketInput extends TicketActionInput {
  @Field(() => ID, { nullable: true, description: "Staff member of the ticket's office who does the work." })
  assigneeId?: string | null;

  @Field(() => String, { nullable: true, description: "Department doing the work, e.g. 工程部." })
  @IsOptional()
  @Length(1, 50)
  department?: string | null;

  @Field(() => String, { nullable: true, description: "The manager's instruction (主管批示)." })
  @IsOptional()
  @MaxLength(2000)
  instruction?: string | null;
}

@InputType({ description: "A text recorded on the ticket: a reply, a note or a reason." })
export class TicketTextInput extends TicketActionInput {
  @Field({ description: "The text." })
  @Length(1, 5000)
  text!: string;
}

@InputType({ description: "The resolution." })
export class ResolveTicketInput extends TicketActionInput {
  @Field({ description: "What was done." })
  @Length(1, 5000)
  resolution!: string;

  @Field(() => FollowUpExemption, {
    nullable: true,
    description:
      "Set when no follow-up is needed (resolved on the spot with confirmation, or sensitive); anonymous tickets are exempt anyway.",
  })
  followUpExemption?: FollowUpExemption | null;

  @Field(() => String, { nullable: true, description: "Why no follow-up is needed." })
  @IsOptional()
  @MaxLength(1000)
  exemptionNote?: string | null;
}

@InputType({ description: "Pause the SLA clock." })
export class PauseTicketInput extends TicketActionInput {
  @Field(() => PauseReason, { description: "Why." })
  reason!: PauseReason;

  @Field(() => String, { nullable: true, description: "Details." })
  @IsOptional()
  @MaxLength(1000)
  note?: string | null;
}

@InputType({ description: "A later resolution deadline." })
export class ExtendDeadlineInput extends TicketActionInput {
  @Field(() => Date, { description: "The new resolution deadline." })
  resolveDueAt!: Date;

  @Field({ description: "Why the extension is granted." })
  @Length(1, 1000)
  reason!: string;
}

@InputType({ description: "A complaint's new class." })
export class SetComplaintClassInput extends TicketActionInput {
  @Field(() => ComplaintClass, { description: "The class." })
  complaintClass!: ComplaintClass;

  @Field({ description: "Why (e.g. reported by the media)." })
  @Length(1, 1000)
  reason!: string;
}

export enum TicketOrder {
  CREATED_DESC = "CREATED_DESC",
  CREATED_ASC = "CREATED_ASC",
  RESOLVE_DUE_ASC = "RESOLVE_DUE_ASC",
  UPDATED_DESC = "UPDATED_DESC",
}

registerEnumType(TicketOrder, {
  name: "TicketOrder",
  description: "Sort order of a ticket list.",
  valuesConfig: {
    CREATED_DESC: { description: "Newest first (default)." },
    CREATED_ASC: { description: "Oldest first." },
    RESOLVE_DUE_ASC: { description: "Earliest resolution deadline first (tickets without one last)." },
    UPDATED_DESC: { description: "Most recently changed first (incremental sync)." },
  },
});

@InputType({ description: "Which tickets to list; all conditions must hold." })
export class TicketFilter {
  @Field(() => [ID], { nullable: true, description: "Only these offices." })
  officeIds?: string[] | null;

  @Field(() => [TicketStatus], { nullable: true, description: "Only these statuses." })
  statuses?: TicketStatus[] | null;

  @Field(() => [TicketType], { nullable: true, description: "Only these types." })
  types?: TicketType[] | null;

  @Field(() => [Severity], { nullable: true, description: "Only these severities." })
  severities?: Severity[] | null;

  @Field(() => [Channel], { nullable: true, description: "Only these channels." })
  channels?: Channel[] | null;

  @Field(() => ID, { nullable: true, description: "Only tickets this staff member received (首问责任人)." })
  receiverId?: string | null;

  @Field(() => ID, { nullable: true, description: "Only tickets assigned to this staff member." })
  assigneeId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "True: only tickets whose reply or resolution is overdue now; false: only those that are not.",
  })
  overdue?: boolean | null;

  @Field(() => [ComplaintClass], { nullable: true, description: "Only complaints of these classes." })
  complaintClasses?: ComplaintClass[] | null;

  @Field(() => [ComplaintValidity], { nullable: true, description: "Only complaints judged so." })
  validities?: ComplaintValidity[] | null;

  @Field(() => Date, { nullable: true, description: "Registered at or after." })
  createdFrom?: Date | null;

  @Field(() => Date, { nullable: true, description: "Registered before." })
  createdTo?: Date | null;

  @Field(() => Date, { nullable: true, description: "Resolved at or after." })
  resolvedFrom?: Date | null;

  @Field(() => Date, { nullable: true, description: "Resolved before." })
  resolvedTo?: Date | null;

  @Field(() => Date, { nullable: true, description: "Changed at or after (incremental sync for BI)." })
  updatedFrom?: Date | null;

  @Field(() => String, {
    nullable: true,
    description: "Text in the content, contact name, ticket number or (for callers who see numbers in full) telephone.",
  })
  @IsOptional()
  @MaxLength(100)
  search?: string | null;
}

@ArgsType()
export class TicketListArgs extends PageArgs {
  @Field(() => TicketFilter, { nullable: true, description: "Conditions on the tickets." })
  filter?: TicketFilter | null;

  @Field(() => TicketOrder, { defaultValue: TicketOrder.CREATED_DESC, description: "Sort order." })
  orderBy: TicketOrder = TicketOrder.CREATED_DESC;
}

@ArgsType()
export class TicketDeadlinesArgs {
  @Field(() => TicketType, { description: "Kind of request." })
  type!: TicketType;

  @Field(() => Severity, { nullable: true, description: "Severity (the type's default when omitted)." })
  severity?: Severity | null;

  @Field(() => Channel, { description: "How it reaches the office." })
  channel!: Channel;

  @Field(() => Date, { nullable: true, description: "When it is received; default now." })
  at?: Date | null;
}
