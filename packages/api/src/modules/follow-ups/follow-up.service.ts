import type { EntityManager } from "@mikro-orm/postgresql";
import { ref, type FilterQuery } from "@mikro-orm/core";
import { badInput, conflict, notFound } from "../../common/errors/app-error";
import { isId } from "../../common/ids";
import type { Session } from "../../context/context.type";
import { findVisible } from "../../context/find-visible";
import { loadPolicy } from "../sla/sla-policy.service";
import { Staff } from "../staff/staff.entity";
import { findVisibleStaff } from "../staff/staff.service";
import { Ticket } from "../tickets/ticket.entity";
import { TicketStatus } from "../tickets/ticket.enums";
import { TicketEventKind } from "../tickets/ticket-event.entity";
import * as lifecycle from "../tickets/ticket-lifecycle";
import { freshResolveDueAt, record } from "../tickets/ticket.service";
import { FollowUp } from "./follow-up.entity";
import { FollowUpAttempt } from "./follow-up-attempt.entity";
import { DISSATISFIED_RATINGS, FollowUpExemption, FollowUpOutcome, FollowUpStatus } from "./follow-up.enums";
import type { ExemptFollowUpInput, FollowUpAttemptInput, FollowUpListArgs } from "./follow-up.input";

const DAY_MS = 24 * 3600_000;

export const followUpNotFound = (field: string[] = ["id"]) =>
  notFound("FOLLOW_UP_NOT_FOUND", "No such follow-up, or it is not visible to you.", field);

export function findVisibleFollowUp(em: EntityManager, session: Session, id: string): Promise<FollowUp> {
  return findVisible(em, session, FollowUp, id, "office", () => followUpNotFound());
}

/**
 * The follow-up task of a resolution: due the policy's number of days later, assigned to the first receiver
 * (who owns the ticket until the customer is satisfied), or exempted at once with its reason.
 */
export async function createFollowUp(
  em: EntityManager,
  ticket: Ticket,
  now: Date,
  exemption: FollowUpExemption | null,
  exemptionNote: string | null,
): Promise<FollowUp> {
  const policy = await loadPolicy(em);
  return em.create(FollowUp, {
    ticket,
    office: ticket.office,
    round: ticket.reopenCount + 1,
    status: exemption ? FollowUpStatus.EXEMPTED : FollowUpStatus.PENDING,
    dueAt: new Date(now.getTime() + policy.followUpDueDays * DAY_MS),
    assignee: ticket.receiver,
    exemption,
    exemptionNote,
    completedAt: exemption ? now : null,
  });
}

export async function pendingFollowUp(em: EntityManager, ticket: Ticket): Promise<FollowUp | null> {
  return em.findOne(FollowUp, { ticket, status: FollowUpStatus.PENDING }, { orderBy: { round: "desc" } });
}

/** The follow-up and its ticket, checked to be the ticket's current round and still pending. */
async function openFollowUp(em: EntityManager, session: Session, id: string, expectedVersion?: number | null) {
  const followUp = await findVisibleFollowUp(em, session, id);
  if (expectedVersion !== null && expectedVersion !== undefined && expectedVersion !== followUp.version) {
    throw conflict("FOLLOW_UP_CHANGED", "The follow-up was changed by someone else; reload it and try again.", [
      "input",
      "expectedVersion",
    ]);
  }
  if (followUp.status !== FollowUpStatus.PENDING) {
    throw badInput("FOLLOW_UP_NOT_PENDING", `This follow-up is already ${followUp.status.toLowerCase()}.`, ["id"], {
      status: followUp.status,
    });
  }
  const ticket = await em.findOneOrFail(Ticket, { id: followUp.ticket.id });
  if (ticket.status !== TicketStatus.RESOLVED) {
    throw badInput(
      "TICKET_NOT_RESOLVED",
      `The ticket is ${ticket.status}; a follow-up is recorded once it is resolved.`,
      ["id"],
      {
        ticketStatus: ticket.status,
      },
    );
  }
  return { followUp, ticket };
}

/**
 * Records a try at reaching the customer. A try that reaches them completes the follow-up with their rating:
 * satisfied or neutral closes the ticket; dissatisfied reopens it with a fresh resolution deadline.
 */
export async function recordFollowUpAttempt(
  em: EntityManager,
  session: Session,
  id: string,
  input: FollowUpAttemptInput,
  now: Date,
) {
  const { followUp, ticket } = await openFollowUp(em, session, id, input.expectedVersion);
  const reached = input.outcome === FollowUpOutcome.REACHED;
  if (reached && !input.satisfaction) {
    throw badInput("SATISFACTION_REQUIRED", "When the customer was reached, record their rating.", ["input", "satisfaction"]);
  }
  if (!reached && input.satisfaction) {
    throw badInput("SATISFACTION_WITHOUT_CONTACT", "A rating can only be recorded when the customer was reached.", [
      "input",
      "satisfaction",
    ]);
  }
  const actor = session.viewer.staff!;
  em.create(FollowUpAttempt, {
    followUp,
    at: now,
    by: em.getReference(Staff, actor.id, { wrapped: true }),
    method: input.method,
    outcome: input.outcome,
    note: input.comment ?? null,
  });
  followUp.attemptCount += 1;
  if (!reached) {
    record(
      em,
      ticket,
      {
        kind: TicketEventKind.FOLLOW_UP_ATTEMPTED,
        changes: { outcome: [null, input.outcome], method: [null, input.method] },
        note: input.comment ?? null,
      },
      actor.id,
      now,
    );
    await em.flush();
    return followUp;
  }
  followUp.status = FollowUpStatus.COMPLETED;
  followUp.satisfaction = input.satisfaction!;
  followUp.comment = input.comment ?? null;
  followUp.method = input.method;
  followUp.completedAt = now;
  followUp.completedBy = em.getReference(Staff, actor.id, { wrapped: true });
  record(
    em,
    ticket,
    {
      kind: TicketEventKind.FOLLOWED_UP,
      changes: { satisfaction: [null, input.satisfaction], method: [null, input.method] },
      note: input.comment ?? null,
    },
    actor.id,
    now,
  );
  const next = DISSATISFIED_RATINGS.includes(input.satisfaction!)
    ? lifecycle.reopen(ticket, "The customer was not satisfied at the follow-up.", await freshResolveDueAt(em, ticket, now), now)
    : lifecycle.close(ticket, now, "Followed up.");
  record(em, ticket, next, actor.id, now);
  ticket.updatedAt = now;
  await em.flush();
  return followUp;
}

export async function exemptFollowUp(em: EntityManager, session: Session, id: string, input: ExemptFollowUpInput, now: Date) {
  const { followUp, ticket } = await openFollowUp(em, session, id);
  const actor = session.viewer.staff!;
  followUp.status = FollowUpStatus.EXEMPTED;
  followUp.exemption = input.exemption;
  followUp.exemptionNote = input.note ?? null;
  followUp.completedAt = now;
  followUp.completedBy = em.getReference(Staff, actor.id, { wrapped: true });
  record(
    em,
    ticket,
    { kind: TicketEventKind.FOLLOW_UP_EXEMPTED, changes: { followUp: [null, input.exemption] }, note: input.note ?? null },
    actor.id,
    now,
  );
  record(em, ticket, lifecycle.close(ticket, now, "No follow-up needed."), actor.id, now);
  ticket.updatedAt = now;
  await em.flush();
  return followUp;
}

export async function assignFollowUp(em: EntityManager, session: Session, id: string, assigneeId: string) {
  const followUp = await findVisibleFollowUp(em, session, id);
  const assignee = await findVisibleStaff(em, session, assigneeId, ["assigneeId"]);
  if (assignee.office.id !== followUp.office.id || !assignee.active) {
    throw badInput("ASSIGNEE_NOT_IN_OFFICE", "The follow-up must go to an active staff member of its office.", ["assigneeId"]);
  }
  followUp.assignee = ref(assignee);
  await em.flush();
  return followUp;
}

export async function followUpWhere(session: Session, args: FollowUpListArgs): Promise<FilterQuery<FollowUp>> {
  const where: Record<string, unknown> = { ...(await session.scope.where(args.officeId)) };
  if (args.statuses?.length) where.status = { $in: args.statuses };
  if (args.assigneeId) where.assignee = isId(args.assigneeId) ? args.assigneeId : { $in: [] };
  if (args.dueBefore) where.dueAt = { $lt: args.dueBefore };
  return where as FilterQuery<FollowUp>;
}
