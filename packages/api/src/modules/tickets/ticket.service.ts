import type { EntityManager } from "@mikro-orm/postgresql";
import { UniqueConstraintViolationException, raw, ref, type FilterQuery } from "@mikro-orm/core";
import { badInput, conflict, forbidden } from "../../common/errors/app-error";
import { isId } from "../../common/ids";
import { likeContains } from "../../common/text-search";
import type { Session } from "../../context/context.type";
import { findVisible } from "../../context/find-visible";
import { Customer } from "../customer/customer.entity";
import { FollowUpExemption } from "../follow-ups/follow-up.enums";
import { findVisibleCustomer } from "../customer/customer.service";
import { createFollowUp, pendingFollowUp } from "../follow-ups/follow-up.service";
import { Property } from "../property/property.entity";
import { findVisibleUnit } from "../property/property.service";
import { computeDeadlines, loadPolicy } from "../sla/sla-policy.service";
import { Staff } from "../staff/staff.entity";
import { findVisibleStaff } from "../staff/staff.service";
import { Office, OfficeKind } from "../tenancy/office.entity";
import { findVisibleOffice } from "../tenancy/office.service";
import { Tenant } from "../tenancy/tenant.entity";
import { nextTicketNumber } from "./ticket-number";
import { Ticket } from "./ticket.entity";
import { ComplaintClass, SEVERITIES_BY_TYPE, TicketType, type Severity } from "./ticket.enums";
import { TicketError, severityNotForType, ticketChanged, ticketNotFound } from "./ticket.errors";
import { TicketEvent, TicketEventKind, type Changes } from "./ticket-event.entity";
import type { AssignTicketInput, RegisterTicketInput, ResolveTicketInput, TicketFilter } from "./ticket.input";
import * as lifecycle from "./ticket-lifecycle";
import { TicketAction, type Transition } from "./ticket-lifecycle";
import { maySearchPhones } from "../privacy/personal-data.policy";

/** Accepts a receipt time this far ahead of the server clock (client clocks drift). */
const CLOCK_SKEW_MS = 2 * 60_000;
/** Letters may be registered late, but not from before this long ago. */
const MAX_BACKDATE_MS = 90 * 24 * 3600_000;

export function findVisibleTicket(em: EntityManager, session: Session, id: string, field: string[] = ["id"]): Promise<Ticket> {
  return findVisible(em, session, Ticket, id, "office", () => ticketNotFound(field));
}

/**
 * Appends a timeline entry for a ticket (the timeline is the audit trail: insert only). The ticket may be a
 * managed entity or just its id and office (the sweep writes events for tickets it does not manage).
 */
export function record(
  em: EntityManager,
  ticket: Ticket | { id: string; officeId: string },
  t: Transition,
  actorId: string | null,
  at: Date,
): TicketEvent {
  const managed = ticket instanceof Ticket;
  return em.create(TicketEvent, {
    ticket: managed ? ticket : em.getReference(Ticket, ticket.id),
    office: managed ? ticket.office : em.getReference(Office, ticket.officeId),
    kind: t.kind,
    changes: t.changes,
    note: t.note,
    actor: actorId ? em.getReference(Staff, actorId, { wrapped: true }) : null,
    at,
  });
}

function resolveSeverity(type: TicketType, severity: Severity | null | undefined): Severity | null {
  const allowed = SEVERITIES_BY_TYPE[type];
  if (!severity) return allowed[0] ?? null;
  if (!allowed.includes(severity)) throw severityNotForType(severity, type, allowed);
  return severity;
}

function checkReceivedAt(receivedAt: Date, now: Date): void {
  if (receivedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw badInput(TicketError.RECEIVED_IN_FUTURE, "The time received cannot be in the future.", ["input", "receivedAt"]);
  }
  if (receivedAt.getTime() < now.getTime() - MAX_BACKDATE_MS) {
    throw badInput(TicketError.RECEIVED_TOO_LONG_AGO, "The time received is more than 90 days ago.", ["input", "receivedAt"]);
  }
}

/** The office a new ticket belongs to: the unit's, else the customer's, else the one named, else the caller's. */
async function officeFor(
  em: EntityManager,
  session: Session,
  input: RegisterTicketInput,
  unitOffice: string | null,
  customer: Customer | null,
): Promise<Office> {
  const named = input.officeId ? await findVisibleOffice(em, session, input.officeId, ["input", "officeId"]) : null;
  const implied = unitOffice ?? customer?.office.id ?? null;
  if (named && implied && named.id !== implied) {
    throw badInput(TicketError.OFFICE_MISMATCH, "The unit or customer belongs to another office than the one given.", [
      "input",
      "officeId",
    ]);
  }
  if (named) return named;
  if (implied) return em.findOneOrFail(Office, { id: implied });
  const own = session.viewer.officeId ? await em.findOne(Office, { id: session.viewer.officeId }) : null;
  if (!own || own.kind !== OfficeKind.OFFICE) {
    throw badInput(
      TicketError.OFFICE_REQUIRED,
      "Say which office handles this request (officeId), or give its unit or customer.",
      ["input", "officeId"],
    );
  }
  return own;
}

function sameRequest(existing: Ticket, input: RegisterTicketInput): boolean {
  return existing.type === input.type && existing.channel === input.channel && existing.content === input.content.trim();
}

async function byIdempotencyKey(em: EntityManager, key: string, input: RegisterTicketInput): Promise<Ticket | null> {
  const existing = await em.findOne(Ticket, { idempotencyKey: key });
  if (existing && !sameRequest(existing, input)) {
    throw conflict(TicketError.IDEMPOTENCY_KEY_REUSED, "This idempotency key was already used for a different request.", [
      "input",
      "idempotencyKey",
    ]);
  }
  return existing;
}

/** Registers a request (诉求登记): the caller is its first receiver; deadlines come from the policy at receipt. */
export async function registerTicket(
  em: EntityManager,
  session: Session,
  input: RegisterTicketInput,
  now: Date,
): Promise<Ticket> {
  if (input.idempotencyKey) {
    const existing = await byIdempotencyKey(em, input.idempotencyKey, input);
    if (existing) return existing;
  }
  if (input.anonymous && input.customerId) {
    throw badInput(TicketError.ANONYMOUS_WITH_CUSTOMER, "An anonymous request cannot name a customer.", ["input", "customerId"]);
  }
  if (!input.content.trim()) throw badInput(TicketError.CONTENT_REQUIRED, "Say what the request is about.", ["input", "content"]);
  const severity = resolveSeverity(input.type, input.severity);
  const receivedAt = input.receivedAt ?? now;
  checkReceivedAt(receivedAt, now);

  const unit = input.unitId ? await findVisibleUnit(em, session, input.unitId, ["input", "unitId"]) : null;
  const property = unit ? await em.findOneOrFail(Property, { id: unit.property.id }) : null;
  const customer = input.customerId ? await findVisibleCustomer(em, session, input.customerId, ["input", "customerId"]) : null;
  const office = await officeFor(em, session, input, property?.office.id ?? null, customer);
  const tenant = await em.findOneOrFail(Tenant, { id: session.viewer.tenantId });
  const policy = await loadPolicy(em);
  const deadlines = await computeDeadlines(
    em,
    policy,
    tenant.timeZone,
    { type: input.type, severity, channel: input.channel },
    receivedAt,
  );

  const ticket = em.create(Ticket, {
    number: await nextTicketNumber(em, session.viewer.tenantId, office, now, tenant.timeZone),
    office,
    property,
    unit,
    customer,
    type: input.type,
    channel: input.channel,
    severity,
    complaintClass:
      input.type === TicketType.COMPLAINT
        ? input.complainantCount >= lifecycle.MAJOR_COMPLAINANTS
          ? ComplaintClass.MAJOR
          : ComplaintClass.GENERAL
        : null,
    anonymous: input.anonymous,
    contactName: input.anonymous ? null : ((input.contactName?.trim() || customer?.name) ?? null),
    contactPhone: input.anonymous ? null : ((input.contactPhone?.trim() || customer?.phone) ?? null),
    content: input.content.trim(),
    complainantCount: input.complainantCount,
    receivedAt,
    receiver: em.getReference(Staff, session.viewer.staff!.id, { wrapped: true }),
    replyDueAt: deadlines.replyDueAt,
    resolveDueAt: deadlines.resolveDueAt,
    hardLimitAt: deadlines.hardLimitAt,
    idempotencyKey: input.idempotencyKey ?? null,
    createdAt: now,
    updatedAt: now,
  });
  const created: Changes = {
    status: [null, ticket.status],
    type: [null, ticket.type],
    severity: [null, ticket.severity],
    channel: [null, ticket.channel],
    replyDueAt: [null, ticket.replyDueAt?.toISOString() ?? null],
    resolveDueAt: [null, ticket.resolveDueAt?.toISOString() ?? null],
    hardLimitAt: [null, ticket.hardLimitAt?.toISOString() ?? null],
  };
  if (ticket.complaintClass) created.complaintClass = [null, ticket.complaintClass];
  record(em, ticket, { kind: TicketEventKind.CREATED, changes: created, note: null }, session.viewer.staff!.id, now);
  // A letter registered long after it was written may already be a month old.
  const timed = lifecycle.applyTimeRules(ticket, now);
  if (timed) record(em, ticket, timed, null, now);
  if (!input.idempotencyKey) {
    await em.flush();
    return ticket;
  }
  // A retry racing this one may insert the same key first: keep the transaction usable to answer with its ticket.
  await em.execute("savepoint register_ticket");
  try {
    await em.flush();
    await em.execute("release savepoint register_ticket");
    return ticket;
  } catch (error) {
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    await em.execute("rollback to savepoint register_ticket");
    em.clear();
    const existing = await byIdempotencyKey(em, input.idempotencyKey, input);
    if (!existing) throw error;
    return existing;
  }
}

/**
 * Loads a ticket the caller may see and act on, checks the role and the version the caller last saw, applies
 * any rule of time that is due (e.g. a complaint turning MAJOR), runs the action and records the timeline.
 * Concurrent edits lose with CONFLICT at flush (optimistic locking on `version`).
 */
export async function act(
  em: EntityManager,
  session: Session,
  id: string,
  expectedVersion: number | null | undefined,
  action: TicketAction,
  now: Date,
  run: (ticket: Ticket) => Promise<Transition[]> | Transition[],
): Promise<Ticket> {
  const ticket = await findVisibleTicket(em, session, id);
  if (!lifecycle.roleMay(session.viewer.role, action)) {
    throw forbidden("ROLE_NOT_ALLOWED", "Your role does not allow this action on a ticket.");
  }
  if (expectedVersion !== null && expectedVersion !== undefined && expectedVersion !== ticket.version) {
    throw ticketChanged(expectedVersion, ticket.version);
  }
  const actor = session.viewer.staff?.id ?? null;
  const timed = lifecycle.applyTimeRules(ticket, now);
  if (timed) record(em, ticket, timed, null, now);
  for (const t of await run(ticket)) record(em, ticket, t, actor, now);
  ticket.updatedAt = now;
  await em.flush();
  return ticket;
}

export async function assignTicket(em: EntityManager, session: Session, id: string, input: AssignTicketInput, now: Date) {
  return act(em, session, id, input.expectedVersion, TicketAction.ASSIGN, now, async (ticket) => {
    if (!input.assigneeId && !input.department) {
      throw badInput(TicketError.ASSIGNEE_REQUIRED, "Assign to a staff member, a department, or both.", ["input", "assigneeId"]);
    }
    let assignee: Staff | null = null;
    if (input.assigneeId) {
      assignee = await findVisibleStaff(em, session, input.assigneeId, ["input", "assigneeId"]);
      if (assignee.office.id !== ticket.office.id || !assignee.active) {
        throw badInput(
          TicketError.ASSIGNEE_NOT_IN_OFFICE,
          "The assignee must be an active staff member of the ticket's office.",
          ["input", "assigneeId"],
        );
      }
    }
    const t = lifecycle.assign(
      ticket,
      {
        assigneeId: assignee?.id ?? null,
        department: input.department?.trim() ?? null,
        instruction: input.instruction?.trim() ?? null,
      },
      ticket.assignee?.id ?? null,
    );
    ticket.assignee = assignee ? ref(assignee) : null;
    return [t];
  });
}

export async function resolveTicket(em: EntityManager, session: Session, id: string, input: ResolveTicketInput, now: Date) {
  return act(em, session, id, input.expectedVersion, TicketAction.RESOLVE, now, async (ticket) => {
    const transitions = [lifecycle.resolve(ticket, input.resolution.trim(), now)];
    ticket.resolvedBy = session.viewer.staff ? em.getReference(Staff, session.viewer.staff.id, { wrapped: true }) : null;
    const exemption = ticket.anonymous ? FollowUpExemption.ANONYMOUS : (input.followUpExemption ?? null);
    const followUp = await createFollowUp(em, ticket, now, exemption, input.exemptionNote ?? null);
    if (followUp.exemption) {
      transitions.push({
        kind: TicketEventKind.FOLLOW_UP_EXEMPTED,
        changes: { followUp: [null, followUp.exemption] },
        note: input.exemptionNote ?? null,
      });
      transitions.push(lifecycle.close(ticket, now, "No follow-up needed."));
    }
    return transitions;
  });
}

/** A fresh resolution deadline from the policy, counted from `at` (used when a ticket is reopened). */
export async function freshResolveDueAt(em: EntityManager, ticket: Ticket, at: Date): Promise<Date | null> {
  const tenant = await em.findOneOrFail(Tenant, { id: ticket.tenantId });
  const policy = await loadPolicy(em);
  const deadlines = await computeDeadlines(em, policy, tenant.timeZone, ticket, at);
  return deadlines.resolveDueAt;
}

export async function reopenTicket(
  em: EntityManager,
  session: Session,
  id: string,
  reason: string,
  expectedVersion: number | null | undefined,
  now: Date,
) {
  return act(em, session, id, expectedVersion, TicketAction.REOPEN, now, async (ticket) => [
    lifecycle.reopen(ticket, reason, await freshResolveDueAt(em, ticket, now), now),
  ]);
}

export async function closeTicket(
  em: EntityManager,
  session: Session,
  id: string,
  note: string | null,
  expectedVersion: number | null | undefined,
  now: Date,
) {
  return act(em, session, id, expectedVersion, TicketAction.CLOSE, now, async (ticket) => {
    if (await pendingFollowUp(em, ticket)) {
      throw badInput(TicketError.FOLLOW_UP_PENDING, "The follow-up is still pending: record it or its exemption first.", ["id"]);
    }
    return [lifecycle.close(ticket, now, note)];
  });
}

export async function extendTicketDeadline(
  em: EntityManager,
  session: Session,
  id: string,
  to: Date,
  reason: string,
  expectedVersion: number | null | undefined,
  now: Date,
) {
  const headOffice = session.viewer.seesAllOffices && session.viewer.role !== null;
  return act(em, session, id, expectedVersion, TicketAction.EXTEND_DEADLINE, now, (ticket) => {
    if (to.getTime() <= now.getTime()) {
      throw badInput("EXTENSION_IN_PAST", "The new deadline must be in the future.", ["input", "resolveDueAt"]);
    }
    return [lifecycle.extendDeadline(ticket, to, reason, headOffice, now)];
  });
}

/** SQL for "reply or resolution overdue now" on the ticket alias `a`; a paused clock stands at the pause. */
const overdueSql = (a: string) =>
  `(${a}.status in ('NEW', 'ASSIGNED', 'IN_PROGRESS') and (` +
  `(${a}.first_replied_at is null and ${a}.reply_due_at < coalesce(${a}.paused_at, ?)) or ${a}.resolve_due_at < coalesce(${a}.paused_at, ?)))`;

/** The where-clause of a ticket list: the caller's offices and the filter's conditions. */
export async function ticketWhere(
  session: Session,
  filter: TicketFilter | null | undefined,
  now: Date,
): Promise<FilterQuery<Ticket>> {
  const f = filter ?? {};
  const and: Record<string, unknown>[] = [await session.scope.filter()];
  if (f.officeIds) {
    const visible = await session.scope.officeIds();
    and.push({ office: { $in: f.officeIds.filter((o) => isId(o) && (visible === null || visible.includes(o))) } });
  }
  if (f.statuses?.length) and.push({ status: { $in: f.statuses } });
  if (f.types?.length) and.push({ type: { $in: f.types } });
  if (f.severities?.length) and.push({ severity: { $in: f.severities } });
  if (f.channels?.length) and.push({ channel: { $in: f.channels } });
  if (f.receiverId) and.push({ receiver: isId(f.receiverId) ? f.receiverId : { $in: [] } });
  if (f.assigneeId) and.push({ assignee: isId(f.assigneeId) ? f.assigneeId : { $in: [] } });
  if (f.complaintClasses?.length) and.push({ complaintClass: { $in: f.complaintClasses } });
  if (f.validities?.length) and.push({ validity: { $in: f.validities } });
  if (f.createdFrom) and.push({ createdAt: { $gte: f.createdFrom } });
  if (f.createdTo) and.push({ createdAt: { $lt: f.createdTo } });
  if (f.resolvedFrom) and.push({ resolvedAt: { $gte: f.resolvedFrom } });
  if (f.resolvedTo) and.push({ resolvedAt: { $lt: f.resolvedTo } });
  if (f.updatedFrom) and.push({ updatedAt: { $gte: f.updatedFrom } });
  if (f.search) {
    const pattern = likeContains(f.search.trim());
    and.push({
      $or: [
        { content: { $ilike: pattern } },
        { contactName: { $ilike: pattern } },
        // Only callers who see numbers in full may find tickets by one (see personal-data.policy.ts).
        ...(maySearchPhones(session.viewer) ? [{ contactPhone: { $ilike: pattern } }] : []),
        { number: { $ilike: pattern } },
      ],
    });
  }
  if (f.overdue !== null && f.overdue !== undefined) {
    const overdue = f.overdue;
    and.push({ [raw((a: string) => (overdue ? overdueSql(a) : `not coalesce(${overdueSql(a)}, false)`), [now, now])]: [] });
  }
  return { $and: and } as FilterQuery<Ticket>;
}
