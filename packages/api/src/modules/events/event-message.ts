import type { EntityManager } from "@mikro-orm/postgresql";
import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { Channel, ComplaintClass, OPEN_STATUSES, Severity, TicketStatus, TicketType } from "../tickets/ticket.enums";
import { FieldChange, TicketEventKind, type Changes } from "../tickets/ticket-event.entity";

@ObjectType({ description: "A ticket as a board shows it: its current state, flattened (no further look-ups needed)." })
export class TicketCard {
  @Field(() => ID, { description: "Ticket id (query `ticket(id)` for everything else)." })
  id!: string;

  @Field({ description: "Ticket number, e.g. CH-20261122-007." })
  number!: string;

  @Field(() => ID, { description: "Office handling it." })
  officeId!: string;

  @Field({ description: "Name of the office." })
  officeName!: string;

  @Field(() => TicketType, { description: "Kind of request." })
  type!: TicketType;

  @Field(() => Channel, { description: "How it came in." })
  channel!: Channel;

  @Field(() => Severity, { nullable: true, description: "Severity within the type." })
  severity!: Severity | null;

  @Field(() => TicketStatus, { description: "Lifecycle status now." })
  status!: TicketStatus;

  @Field(() => ComplaintClass, { nullable: true, description: "Complaint class (complaints only)." })
  complaintClass!: ComplaintClass | null;

  @Field({ description: "What it is about." })
  content!: string;

  @Field(() => String, { nullable: true, description: "Who made it (null for anonymous requests)." })
  contactName!: string | null;

  @Field(() => String, { nullable: true, description: "The customer's name, when the request is tied to a customer." })
  customerName!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The unit concerned as staff say it: building and number, e.g. 2栋 1001 (null when none).",
  })
  unitLabel!: string | null;

  @Field(() => Date, { description: "When the office received it." })
  receivedAt!: Date;

  @Field(() => Date, { nullable: true, description: "First response due." })
  replyDueAt!: Date | null;

  @Field(() => Date, { nullable: true, description: "Resolution due." })
  resolveDueAt!: Date | null;

  @Field(() => Date, { nullable: true, description: "Hard limit." })
  hardLimitAt!: Date | null;

  @Field(() => Boolean, { description: "The reply deadline has passed without a reply." })
  replyOverdue!: boolean;

  @Field(() => Boolean, { description: "The resolution deadline has passed without a resolution." })
  resolveOverdue!: boolean;

  @Field(() => Float, {
    nullable: true,
    description: "Share of the time to the next pending deadline used so far (≥ 1: overdue).",
  })
  timeUsed!: number | null;

  @Field(() => Boolean, { description: "The SLA clock is paused." })
  paused!: boolean;

  @Field(() => Boolean, { description: "Escalated to the head office." })
  escalated!: boolean;

  @Field({ description: "First receiver's name (首问责任人)." })
  receiverName!: string;

  @Field(() => String, { nullable: true, description: "Assignee's name." })
  assigneeName!: string | null;

  @Field(() => String, { nullable: true, description: "Department doing the work." })
  department!: string | null;

  @Field(() => Int, { description: "Times reopened." })
  reopenCount!: number;
}

@ObjectType({ description: "One entry of the group's ticket event log, with the ticket's current state." })
export class TicketEventMessage {
  @Field(() => Int, { description: "Position in the group's event log: increasing, gapless, visible in order. Resume after it." })
  sequence!: number;

  @Field(() => ID, { description: "Id of the timeline entry." })
  eventId!: string;

  @Field(() => TicketEventKind, { description: "What happened." })
  kind!: TicketEventKind;

  @Field(() => Date, { description: "When it happened." })
  at!: Date;

  @Field(() => ID, { description: "The ticket." })
  ticketId!: string;

  @Field(() => ID, { description: "The ticket's office." })
  officeId!: string;

  @Field(() => ID, { nullable: true, description: "Who did it; null when the system did (deadlines)." })
  actorId!: string | null;

  @Field(() => String, { nullable: true, description: "Their name." })
  actorName!: string | null;

  @Field(() => String, { nullable: true, description: "Reply, note, reason or instruction." })
  note!: string | null;

  @Field(() => [FieldChange], { description: "Values that changed, old → new." })
  changes!: FieldChange[];

  @Field(() => TicketCard, { description: "The ticket as it is now." })
  ticket!: TicketCard;
}

interface MessageRow {
  seq: string | number;
  event_id: string;
  kind: TicketEventKind;
  at: Date;
  note: string | null;
  changes: Changes;
  actor_id: string | null;
  actor_name: string | null;
  ticket_id: string;
  office_id: string;
  office_name: string;
  number: string;
  type: TicketType;
  channel: Channel;
  severity: Severity | null;
  status: TicketStatus;
  complaint_class: ComplaintClass | null;
  content: string;
  contact_name: string | null;
  customer_name: string | null;
  unit_label: string | null;
  received_at: Date;
  reply_due_at: Date | null;
  resolve_due_at: Date | null;
  hard_limit_at: Date | null;
  first_replied_at: Date | null;
  paused_at: Date | null;
  paused_seconds: number;
  escalated_at: Date | null;
  receiver_name: string;
  assignee_name: string | null;
  department: string | null;
  reopen_count: number;
}

const text = (value: unknown): string | null =>
  value === null || value === undefined ? null : typeof value === "string" ? value : JSON.stringify(value);

/** Board-card columns of `ticket t` joined with its office `o`, receiver `r`, assignee `s`, customer `c`, unit `u`. */
export const CARD_COLUMNS = `
  t.id as ticket_id, t.office_id, o.name as office_name, t.number, t.type, t.channel, t.severity, t.status,
  t.complaint_class, t.content, t.contact_name, c.name as customer_name, u.building || ' ' || u.number as unit_label, t.received_at, t.reply_due_at, t.resolve_due_at, t.hard_limit_at,
  t.first_replied_at, t.paused_at, t.paused_seconds, t.escalated_at, r.name as receiver_name, s.name as assignee_name,
  t.department, t.reopen_count`;

export const CARD_JOINS = `
  join office o on o.tenant_id = t.tenant_id and o.id = t.office_id
  join staff r on r.tenant_id = t.tenant_id and r.id = t.receiver_id
  left join staff s on s.tenant_id = t.tenant_id and s.id = t.assignee_id
  left join customer c on c.tenant_id = t.tenant_id and c.id = t.customer_id
  left join unit u on u.tenant_id = t.tenant_id and u.id = t.unit_id`;

/** Raw SQL may hand timestamps over as text. */
const date = (value: Date | string | null): Date | null =>
  value === null ? null : value instanceof Date ? value : new Date(value);

export function cardFromRow(
  raw: Omit<MessageRow, "seq" | "event_id" | "kind" | "at" | "note" | "changes" | "actor_id" | "actor_name">,
  now: Date,
): TicketCard {
  const row = {
    ...raw,
    received_at: date(raw.received_at)!,
    reply_due_at: date(raw.reply_due_at),
    resolve_due_at: date(raw.resolve_due_at),
    hard_limit_at: date(raw.hard_limit_at),
    first_replied_at: date(raw.first_replied_at),
    paused_at: date(raw.paused_at),
    escalated_at: date(raw.escalated_at),
  };
  const open = OPEN_STATUSES.includes(row.status);
  const clock = (row.paused_at ?? now).getTime();
  const replyOverdue = open && !row.first_replied_at && row.reply_due_at !== null && row.reply_due_at.getTime() < clock;
  const resolveOverdue = open && row.resolve_due_at !== null && row.resolve_due_at.getTime() < clock;
  const next = !open ? null : !row.first_replied_at && row.reply_due_at ? row.reply_due_at : row.resolve_due_at;
  const paused = row.paused_seconds * 1000;
  const span = next ? next.getTime() - row.received_at.getTime() - paused : 0;
  return {
    id: row.ticket_id,
    number: row.number,
    officeId: row.office_id,
    officeName: row.office_name,
    type: row.type,
    channel: row.channel,
    severity: row.severity,
    status: row.status,
    complaintClass: row.complaint_class,
    content: row.content,
    contactName: row.contact_name,
    customerName: row.customer_name,
    unitLabel: row.unit_label,
    receivedAt: row.received_at,
    replyDueAt: row.reply_due_at,
    resolveDueAt: row.resolve_due_at,
    hardLimitAt: row.hard_limit_at,
    replyOverdue,
    resolveOverdue,
    timeUsed: next ? (span > 0 ? Math.max(0, (clock - row.received_at.getTime() - paused) / span) : 1) : null,
    paused: row.paused_at !== null,
    escalated: row.escalated_at !== null,
    receiverName: row.receiver_name,
    assigneeName: row.assignee_name,
    department: row.department,
    reopenCount: row.reopen_count,
  };
}

export interface MessageQuery {
  after: number;
  /** Highest sequence to include. */
  upTo?: number;
  limit: number;
  /** Only these offices; null for all. */
  officeIds?: string[] | null;
  kinds?: TicketEventKind[] | null;
}

/**
 * Committed events of a tenant after a sequence, oldest first, each with its ticket's current card. Runs in the
 * caller's tenant transaction; names the tenant explicitly as all raw SQL must.
 */
export async function loadMessages(
  em: EntityManager,
  tenantId: string,
  q: MessageQuery,
  now: Date,
): Promise<TicketEventMessage[]> {
  const params: unknown[] = [tenantId, q.after];
  let where = "e.tenant_id = ? and e.seq > ?";
  if (q.upTo !== undefined) {
    where += " and e.seq <= ?";
    params.push(q.upTo);
  }
  if (q.officeIds) {
    if (!q.officeIds.length) return [];
    where += " and e.office_id in (?)";
    params.push(q.officeIds);
  }
  if (q.kinds?.length) {
    where += " and e.kind in (?)";
    params.push(q.kinds);
  }
  params.push(q.limit);
  const rows = await em.execute<MessageRow[]>(
    `select e.seq, e.id::text as event_id, e.kind, e.at, e.note, e.changes, e.actor_id, a.name as actor_name, ${CARD_COLUMNS}
       from ticket_event e
       join ticket t on t.tenant_id = e.tenant_id and t.id = e.ticket_id
       ${CARD_JOINS}
       left join staff a on a.tenant_id = e.tenant_id and a.id = e.actor_id
      where ${where}
      order by e.seq
      limit ?`,
    params,
  );
  return rows.map((row) => ({
    sequence: Number(row.seq),
    eventId: row.event_id,
    kind: row.kind,
    at: date(row.at)!,
    ticketId: row.ticket_id,
    officeId: row.office_id,
    actorId: row.actor_id,
    actorName: row.actor_name,
    note: row.note,
    changes: Object.entries(row.changes ?? {}).map(([field, [from, to]]) => ({ field, from: text(from), to: text(to) })),
    ticket: cardFromRow(row, now),
  }));
}

/** The latest committed sequence of a tenant (0 before any event). */
export async function latestSequence(em: EntityManager, tenantId: string): Promise<number> {
  const [row] = await em.execute<{ seq: string | null }[]>("select max(seq) as seq from ticket_event where tenant_id = ?", [
    tenantId,
  ]);
  return Number(row?.seq ?? 0);
}
