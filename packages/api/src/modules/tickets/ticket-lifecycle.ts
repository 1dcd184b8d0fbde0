import { registerEnumType } from "type-graphql";
import { badInput } from "../../common/errors/app-error";
import { Role } from "../../auth/roles";
import { ComplaintClass, ComplaintValidity, OPEN_STATUSES, PauseReason, TicketStatus, TicketType } from "./ticket.enums";
import { TicketEventKind, type Changes } from "./ticket-event.entity";

/** Everything a person can do to a ticket; which ones apply depends on its state and the person's role. */
export enum TicketAction {
  ASSIGN = "ASSIGN",
  REPLY = "REPLY",
  ADD_NOTE = "ADD_NOTE",
  RESOLVE = "RESOLVE",
  REJECT = "REJECT",
  ESCALATE = "ESCALATE",
  REOPEN = "REOPEN",
  CLOSE = "CLOSE",
  PAUSE = "PAUSE",
  RESUME = "RESUME",
  EXTEND_DEADLINE = "EXTEND_DEADLINE",
  SET_CLASS = "SET_CLASS",
  SET_VALIDITY = "SET_VALIDITY",
}

registerEnumType(TicketAction, {
  name: "TicketAction",
  description: "An action on a ticket (see Ticket.allowedActions).",
  valuesConfig: {
    ASSIGN: { description: "Assign to a person or department with an instruction (managers)." },
    REPLY: { description: "Record a response to the customer." },
    ADD_NOTE: { description: "Record progress." },
    RESOLVE: { description: "Record the resolution." },
    REJECT: { description: "Reject as an invalid complaint (managers)." },
    ESCALATE: { description: "Escalate to the head office (managers)." },
    REOPEN: { description: "Reopen a resolved or closed ticket (managers)." },
    CLOSE: { description: "Close after the follow-up or its exemption." },
    PAUSE: { description: "Pause the SLA clock with a reason." },
    RESUME: { description: "Resume the SLA clock." },
    EXTEND_DEADLINE: { description: "Extend the resolution deadline (managers; past the hard limit: head office)." },
    SET_CLASS: { description: "Change a complaint's class (managers)." },
    SET_VALIDITY: { description: "Judge a complaint valid (managers; invalid = REJECT)." },
  },
});

/** The part of a ticket the lifecycle reads and changes (the entity satisfies it). */
export interface TicketState {
  type: TicketType;
  status: TicketStatus;
  complaintClass: ComplaintClass | null;
  validity: ComplaintValidity | null;
  validityReason: string | null;
  receivedAt: Date;
  createdAt: Date;
  firstRepliedAt: Date | null;
  replyDueAt: Date | null;
  resolveDueAt: Date | null;
  hardLimitAt: Date | null;
  resolvedAt: Date | null;
  resolution: string | null;
  closedAt: Date | null;
  rejectedAt: Date | null;
  escalatedAt: Date | null;
  escalationReason: string | null;
  pausedAt: Date | null;
  pauseReason: PauseReason | null;
  pausedSeconds: number;
  reopenCount: number;
  extensionCount: number;
  department: string | null;
  instruction: string | null;
  complainantCount: number;
  replyDueSoonAt: Date | null;
  resolveDueSoonAt: Date | null;
  replyOverdueAt: Date | null;
  resolveOverdueAt: Date | null;
  hardLimitPassedAt: Date | null;
}

/** What an action did: the timeline entry to append. */
export interface Transition {
  kind: TicketEventKind;
  changes: Changes;
  note: string | null;
}

const OPEN = OPEN_STATUSES;
const MANAGERS: readonly Role[] = [Role.OFFICE_MANAGER, Role.HEAD_OFFICE_MANAGER, Role.HEAD_OFFICE_ADMIN];
const EVERYONE: readonly Role[] = [...MANAGERS, Role.OFFICE_STAFF];

const RULES: Record<TicketAction, { from: readonly TicketStatus[]; roles: readonly Role[]; when?: (t: TicketState) => boolean }> =
  {
    [TicketAction.ASSIGN]: { from: OPEN, roles: MANAGERS },
    [TicketAction.REPLY]: { from: OPEN, roles: EVERYONE },
    [TicketAction.ADD_NOTE]: { from: [...OPEN, TicketStatus.RESOLVED], roles: EVERYONE },
    [TicketAction.RESOLVE]: { from: OPEN, roles: EVERYONE },
    [TicketAction.REJECT]: { from: OPEN, roles: MANAGERS, when: (t) => t.type === TicketType.COMPLAINT },
    [TicketAction.ESCALATE]: { from: OPEN, roles: MANAGERS, when: (t) => t.escalatedAt === null },
    [TicketAction.REOPEN]: { from: [TicketStatus.RESOLVED, TicketStatus.CLOSED], roles: MANAGERS },
    [TicketAction.CLOSE]: { from: [TicketStatus.RESOLVED], roles: EVERYONE },
    [TicketAction.PAUSE]: { from: OPEN, roles: EVERYONE, when: (t) => t.pausedAt === null },
    [TicketAction.RESUME]: { from: OPEN, roles: EVERYONE, when: (t) => t.pausedAt !== null },
    [TicketAction.EXTEND_DEADLINE]: { from: OPEN, roles: MANAGERS, when: (t) => t.resolveDueAt !== null },
    [TicketAction.SET_CLASS]: {
      from: [...OPEN, TicketStatus.RESOLVED, TicketStatus.CLOSED],
      roles: MANAGERS,
      when: (t) => t.type === TicketType.COMPLAINT,
    },
    [TicketAction.SET_VALIDITY]: {
      from: [...OPEN, TicketStatus.RESOLVED, TicketStatus.CLOSED],
      roles: MANAGERS,
      when: (t) => t.type === TicketType.COMPLAINT,
    },
  };

/** Actions the ticket's state allows, and, when a role is given, that role may take. */
export function allowedActions(t: TicketState, role?: Role | null): TicketAction[] {
  return (Object.keys(RULES) as TicketAction[]).filter((action) => {
    const rule = RULES[action];
    if (!rule.from.includes(t.status) || (rule.when && !rule.when(t))) return false;
    return role === undefined || (role !== null && rule.roles.includes(role));
  });
}

/** Whether a role may ever take an action (whatever the ticket's state). */
export function roleMay(role: Role | null, action: TicketAction): boolean {
  return role !== null && RULES[action].roles.includes(role);
}

/** Refuses an action the ticket's state does not allow, naming the ones it does. */
export function assertAllowed(t: TicketState, action: TicketAction): void {
  const allowed = allowedActions(t);
  if (allowed.includes(action)) return;
  throw badInput(
    "ILLEGAL_TRANSITION",
    `You cannot ${VERBS[action]} this ticket now (${t.type}, ${t.status}); allowed now: ${allowed.join(", ") || "nothing"}.`,
    undefined,
    { status: t.status, action, allowedActions: allowed },
  );
}

const VERBS: Record<TicketAction, string> = {
  ASSIGN: "assign",
  REPLY: "reply to",
  ADD_NOTE: "add a note to",
  RESOLVE: "resolve",
  REJECT: "reject",
  ESCALATE: "escalate",
  REOPEN: "reopen",
  CLOSE: "close",
  PAUSE: "pause",
  RESUME: "resume",
  EXTEND_DEADLINE: "extend the deadline of",
  SET_CLASS: "change the class of",
  SET_VALIDITY: "judge the validity of",
};

/** Sets `key` to `value`, recording old → new when it actually changes. */
function set<K extends keyof TicketState>(t: TicketState, changes: Changes, key: K, value: TicketState[K]): void {
  const old = t[key];
  const same = old instanceof Date && value instanceof Date ? old.getTime() === value.getTime() : old === value;
  if (same) return;
  changes[key] = [old instanceof Date ? old.toISOString() : old, value instanceof Date ? value.toISOString() : value];
  t[key] = value;
}

const transition = (kind: TicketEventKind, changes: Changes, note: string | null = null): Transition => ({ kind, changes, note });

export function assign(
  t: TicketState,
  to: { assigneeId: string | null; department: string | null; instruction: string | null },
  currentAssigneeId: string | null,
): Transition {
  assertAllowed(t, TicketAction.ASSIGN);
  const changes: Changes = {};
  if (currentAssigneeId !== to.assigneeId) changes.assignee = [currentAssigneeId, to.assigneeId];
  set(t, changes, "department", to.department);
  set(t, changes, "instruction", to.instruction);
  if (t.status === TicketStatus.NEW) set(t, changes, "status", TicketStatus.ASSIGNED);
  return transition(TicketEventKind.ASSIGNED, changes, to.instruction);
}

export function reply(t: TicketState, message: string, now: Date): Transition {
  assertAllowed(t, TicketAction.REPLY);
  const changes: Changes = {};
  if (!t.firstRepliedAt) set(t, changes, "firstRepliedAt", now);
  return transition(TicketEventKind.REPLIED, changes, message);
}

export function addNote(t: TicketState, note: string): Transition {
  assertAllowed(t, TicketAction.ADD_NOTE);
  const changes: Changes = {};
  if (t.status === TicketStatus.NEW || t.status === TicketStatus.ASSIGNED) set(t, changes, "status", TicketStatus.IN_PROGRESS);
  return transition(TicketEventKind.NOTE_ADDED, changes, note);
}

/** Resolving tells the customer the outcome, so it also counts as the first reply when none was given. */
export function resolve(t: TicketState, resolution: string, now: Date): Transition {
  assertAllowed(t, TicketAction.RESOLVE);
  const changes: Changes = {};
  if (t.pausedAt) endPause(t, changes, now);
  if (!t.firstRepliedAt) set(t, changes, "firstRepliedAt", now);
  set(t, changes, "status", TicketStatus.RESOLVED);
  set(t, changes, "resolvedAt", now);
  set(t, changes, "resolution", resolution);
  return transition(TicketEventKind.RESOLVED, changes, resolution);
}

export function reject(t: TicketState, reason: string, now: Date): Transition {
  assertAllowed(t, TicketAction.REJECT);
  const changes: Changes = {};
  if (t.pausedAt) endPause(t, changes, now);
  set(t, changes, "status", TicketStatus.REJECTED);
  set(t, changes, "validity", ComplaintValidity.INVALID);
  set(t, changes, "validityReason", reason);
  set(t, changes, "rejectedAt", now);
  return transition(TicketEventKind.REJECTED, changes, reason);
}

export function escalate(t: TicketState, reason: string, now: Date, kind = TicketEventKind.ESCALATED): Transition {
  assertAllowed(t, TicketAction.ESCALATE);
  const changes: Changes = {};
  set(t, changes, "escalatedAt", now);
  set(t, changes, "escalationReason", reason);
  return transition(kind, changes, reason);
}

/** Back to work with a fresh resolution deadline (computed by the caller from the policy at `now`). */
export function reopen(t: TicketState, reason: string, newResolveDueAt: Date | null, now: Date): Transition {
  assertAllowed(t, TicketAction.REOPEN);
  const changes: Changes = {};
  set(t, changes, "status", TicketStatus.IN_PROGRESS);
  set(t, changes, "reopenCount", t.reopenCount + 1);
  set(t, changes, "resolvedAt", null);
  set(t, changes, "closedAt", null);
  moveDeadline(t, changes, "resolveDueAt", newResolveDueAt, now);
  return transition(TicketEventKind.REOPENED, changes, reason);
}

export function close(t: TicketState, now: Date, note: string | null = null): Transition {
  assertAllowed(t, TicketAction.CLOSE);
  const changes: Changes = {};
  set(t, changes, "status", TicketStatus.CLOSED);
  set(t, changes, "closedAt", now);
  return transition(TicketEventKind.CLOSED, changes, note);
}

export function pause(t: TicketState, reason: PauseReason, note: string | null, now: Date): Transition {
  assertAllowed(t, TicketAction.PAUSE);
  const changes: Changes = {};
  set(t, changes, "pausedAt", now);
  set(t, changes, "pauseReason", reason);
  return transition(TicketEventKind.PAUSED, changes, note);
}

export function resume(t: TicketState, now: Date): Transition {
  assertAllowed(t, TicketAction.RESUME);
  const changes: Changes = {};
  endPause(t, changes, now);
  return transition(TicketEventKind.RESUMED, changes);
}

/**
 * Moves a deadline. When it moves into the future its due-soon and overdue marks are cleared, so the sweep warns
 * and marks the new deadline once; a deadline still in the past keeps them (the same breach, not a new one).
 */
function moveDeadline(
  t: TicketState,
  changes: Changes,
  key: "replyDueAt" | "resolveDueAt" | "hardLimitAt",
  to: Date | null,
  now: Date,
): void {
  set(t, changes, key, to);
  if (to && to.getTime() <= now.getTime()) return;
  if (key === "replyDueAt") Object.assign(t, { replyDueSoonAt: null, replyOverdueAt: null });
  if (key === "resolveDueAt") Object.assign(t, { resolveDueSoonAt: null, resolveOverdueAt: null });
  if (key === "hardLimitAt") t.hardLimitPassedAt = null;
}

/** Ends a pause: every deadline not yet met moves later by the paused time. */
function endPause(t: TicketState, changes: Changes, now: Date): void {
  const pausedMs = Math.max(0, now.getTime() - t.pausedAt!.getTime());
  const shift = (d: Date | null) => (d ? new Date(d.getTime() + pausedMs) : null);
  if (!t.firstRepliedAt) moveDeadline(t, changes, "replyDueAt", shift(t.replyDueAt), now);
  moveDeadline(t, changes, "resolveDueAt", shift(t.resolveDueAt), now);
  moveDeadline(t, changes, "hardLimitAt", shift(t.hardLimitAt), now);
  set(t, changes, "pausedSeconds", t.pausedSeconds + Math.round(pausedMs / 1000));
  set(t, changes, "pausedAt", null);
  set(t, changes, "pauseReason", null);
}

/**
 * A manager moves the resolution target later. Past the hard limit only a head-office role may (that is the
 * head office's approval), and the hard limit moves with it.
 */
export function extendDeadline(t: TicketState, to: Date, reason: string, headOfficeApproval: boolean, now: Date): Transition {
  assertAllowed(t, TicketAction.EXTEND_DEADLINE);
  if (t.resolveDueAt && to.getTime() <= t.resolveDueAt.getTime()) {
    throw badInput("EXTENSION_NOT_LATER", "An extension must move the deadline later.", ["input", "resolveDueAt"]);
  }
  const pastHardLimit = t.hardLimitAt !== null && to.getTime() > t.hardLimitAt.getTime();
  if (pastHardLimit && !headOfficeApproval) {
    throw badInput(
      "HARD_LIMIT_NEEDS_HEAD_OFFICE",
      `The hard limit is ${t.hardLimitAt!.toISOString()}; going past it needs head-office approval.`,
      ["input", "resolveDueAt"],
      { hardLimitAt: t.hardLimitAt!.toISOString() },
    );
  }
  const changes: Changes = {};
  moveDeadline(t, changes, "resolveDueAt", to, now);
  if (pastHardLimit) moveDeadline(t, changes, "hardLimitAt", to, now);
  set(t, changes, "extensionCount", t.extensionCount + 1);
  return transition(TicketEventKind.DEADLINE_EXTENDED, changes, reason);
}

export function setComplaintClass(t: TicketState, to: ComplaintClass, reason: string): Transition {
  assertAllowed(t, TicketAction.SET_CLASS);
  const changes: Changes = {};
  set(t, changes, "complaintClass", to);
  return transition(TicketEventKind.CLASS_CHANGED, changes, reason);
}

export function markValid(t: TicketState, reason: string | null): Transition {
  assertAllowed(t, TicketAction.SET_VALIDITY);
  const changes: Changes = {};
  set(t, changes, "validity", ComplaintValidity.VALID);
  set(t, changes, "validityReason", reason);
  return transition(TicketEventKind.VALIDITY_SET, changes, reason);
}

/** Complaints with this many complainants are MAJOR (collective complaint). */
export const MAJOR_COMPLAINANTS = 10;
/** Complaints still unresolved this long after they were made (pauses excluded) become MAJOR. */
export const MAJOR_AFTER_MS = 30 * 24 * 3600_000;

/**
 * The rules of time that change a complaint by themselves: still open a month (30 days) after it was made —
 * received, not registered (投诉发生一个月后) — makes it MAJOR; paused time is not the company's fault and
 * does not count.
 */
export function applyTimeRules(t: TicketState, now: Date): Transition | null {
  if (t.type !== TicketType.COMPLAINT || t.complaintClass === ComplaintClass.MAJOR || !OPEN.includes(t.status)) return null;
  const activeMs = (t.pausedAt ?? now).getTime() - t.receivedAt.getTime() - t.pausedSeconds * 1000;
  if (activeMs < MAJOR_AFTER_MS) return null;
  const changes: Changes = {};
  set(t, changes, "complaintClass", ComplaintClass.MAJOR);
  return transition(TicketEventKind.CLASS_CHANGED, changes, "Unresolved 30 days after it was made (重大投诉).");
}

/** The clock a deadline is compared with: while paused it stands at the moment the pause began. */
const clock = (t: TicketState, now: Date): number => (t.pausedAt ?? now).getTime();

export function isOpen(t: TicketState): boolean {
  return OPEN.includes(t.status);
}

export function replyOverdue(t: TicketState, now: Date): boolean {
  return isOpen(t) && !t.firstRepliedAt && t.replyDueAt !== null && t.replyDueAt.getTime() < clock(t, now);
}

export function resolveOverdue(t: TicketState, now: Date): boolean {
  return isOpen(t) && t.resolveDueAt !== null && t.resolveDueAt.getTime() < clock(t, now);
}

export function hardLimitPassed(t: TicketState, now: Date): boolean {
  return isOpen(t) && t.hardLimitAt !== null && t.hardLimitAt.getTime() < clock(t, now);
}

/** Met (true), missed (false), or not decided yet (null) for the reply deadline. */
export function replyMet(t: TicketState, now: Date): boolean | null {
  if (!t.replyDueAt) return null;
  if (t.firstRepliedAt) return t.firstRepliedAt.getTime() <= t.replyDueAt.getTime();
  return replyOverdue(t, now) || !isOpen(t) ? false : null;
}

/** Met, missed or undecided for the resolution deadline. */
export function resolveMet(t: TicketState, now: Date): boolean | null {
  if (!t.resolveDueAt) return null;
  if (t.resolvedAt) return t.resolvedAt.getTime() <= t.resolveDueAt.getTime();
  return resolveOverdue(t, now) ? false : null;
}

/**
 * Share of the time to `due` already used (paused time excluded), for boards to warn before a breach: 0 at
 * receipt, 1 at the deadline, above 1 when overdue.
 */
export function timeUsed(t: TicketState, due: Date | null, now: Date): number | null {
  if (!due) return null;
  const paused = t.pausedSeconds * 1000;
  const span = due.getTime() - t.receivedAt.getTime() - paused;
  const used = clock(t, now) - t.receivedAt.getTime() - paused;
  if (span <= 0) return used > 0 ? 1 : 0;
  return Math.max(0, used / span);
}

/** When the due-soon warning for `due` falls: `ratio` of its active time (pauses excluded) has passed. */
export function dueSoonAt(t: TicketState, due: Date, ratio: number): Date {
  const paused = t.pausedSeconds * 1000;
  const span = due.getTime() - t.receivedAt.getTime() - paused;
  return new Date(t.receivedAt.getTime() + paused + span * ratio);
}

export interface SweepResult {
  transitions: Transition[];
  /** True when more than marks changed (escalation, class), i.e. the ticket's visible state. */
  stateChanged: boolean;
}

/**
 * The rules of time, each applied once per deadline (the marks on the ticket remember it): a due-soon warning
 * at `ratio` of the time used, then reply and resolution overdue, the hard limit passing (escalated to the head
 * office), and a complaint open a month turning MAJOR. A paused clock applies none. A warning whose deadline
 * has already passed is not sent: the overdue event says more.
 */
export function sweep(t: TicketState, now: Date, ratio: number): SweepResult {
  const transitions: Transition[] = [];
  let stateChanged = false;
  if (!isOpen(t) || t.pausedAt) return { transitions, stateChanged };
  const n = now.getTime();
  const step = (
    deadline: "reply" | "resolution",
    due: Date | null,
    soonKey: "replyDueSoonAt" | "resolveDueSoonAt",
    overKey: "replyOverdueAt" | "resolveOverdueAt",
    overKind: TicketEventKind,
  ) => {
    if (!due) return;
    if (!t[overKey] && due.getTime() <= n) {
      t[soonKey] ??= now;
      t[overKey] = now;
      transitions.push(
        transition(overKind, { [deadline === "reply" ? "replyDueAt" : "resolveDueAt"]: [null, due.toISOString()] }),
      );
    } else if (!t[soonKey] && !t[overKey] && dueSoonAt(t, due, ratio).getTime() <= n) {
      t[soonKey] = now;
      transitions.push(transition(TicketEventKind.DUE_SOON, { deadline: [null, deadline], dueAt: [null, due.toISOString()] }));
    }
  };
  if (!t.firstRepliedAt) step("reply", t.replyDueAt, "replyDueSoonAt", "replyOverdueAt", TicketEventKind.REPLY_OVERDUE);
  step("resolution", t.resolveDueAt, "resolveDueSoonAt", "resolveOverdueAt", TicketEventKind.RESOLUTION_OVERDUE);
  if (t.hardLimitAt && !t.hardLimitPassedAt && t.hardLimitAt.getTime() <= n) {
    t.hardLimitPassedAt = now;
    const changes: Changes = { hardLimitAt: [null, t.hardLimitAt.toISOString()] };
    if (!t.escalatedAt) {
      set(t, changes, "escalatedAt", now);
      set(t, changes, "escalationReason", "The hard limit passed (超过最长时限).");
      stateChanged = true;
    }
    transitions.push(transition(TicketEventKind.HARD_LIMIT_PASSED, changes, "Escalated to the head office."));
  }
  const major = applyTimeRules(t, now);
  if (major) {
    transitions.push(major);
    stateChanged = true;
  }
  return { transitions, stateChanged };
}
