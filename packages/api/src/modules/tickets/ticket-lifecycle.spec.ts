import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Role } from "../../auth/roles";
import { AppError } from "../../common/errors/app-error";
import { ComplaintClass, PauseReason, TicketStatus, TicketType } from "./ticket.enums";
import { TicketEventKind } from "./ticket-event.entity";
import * as lc from "./ticket-lifecycle";
import { TicketAction, type TicketState } from "./ticket-lifecycle";

const T0 = new Date("2026-11-20T09:00:00+08:00");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

function ticket(overrides: Partial<TicketState> = {}): TicketState {
  return {
    type: TicketType.COMPLAINT,
    status: TicketStatus.NEW,
    complaintClass: ComplaintClass.GENERAL,
    validity: null,
    validityReason: null,
    receivedAt: T0,
    createdAt: T0,
    firstRepliedAt: null,
    replyDueAt: minutes(120),
    resolveDueAt: minutes(24 * 60),
    hardLimitAt: minutes(3 * 24 * 60),
    resolvedAt: null,
    resolution: null,
    closedAt: null,
    rejectedAt: null,
    escalatedAt: null,
    escalationReason: null,
    pausedAt: null,
    pauseReason: null,
    pausedSeconds: 0,
    reopenCount: 0,
    extensionCount: 0,
    department: null,
    instruction: null,
    complainantCount: 1,
    replyDueSoonAt: null,
    resolveDueSoonAt: null,
    replyOverdueAt: null,
    resolveOverdueAt: null,
    hardLimitPassedAt: null,
    ...overrides,
  };
}

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected the action to be refused");
}

describe("ticket lifecycle", () => {
  it("walks NEW → ASSIGNED → IN_PROGRESS → RESOLVED → CLOSED, recording old → new", () => {
    const t = ticket();
    expect(lc.assign(t, { assigneeId: "s1", department: "工程部", instruction: "今天处理" }, null)).toEqual({
      kind: TicketEventKind.ASSIGNED,
      changes: {
        assignee: [null, "s1"],
        department: [null, "工程部"],
        instruction: [null, "今天处理"],
        status: ["NEW", "ASSIGNED"],
      },
      note: "今天处理",
    });
    expect(lc.addNote(t, "已联系业主").changes).toEqual({ status: ["ASSIGNED", "IN_PROGRESS"] });
    const resolved = lc.resolve(t, "已更换水管", minutes(300));
    expect(resolved.changes).toMatchObject({
      status: ["IN_PROGRESS", "RESOLVED"],
      firstRepliedAt: [null, minutes(300).toISOString()],
    });
    expect(lc.close(t, minutes(400)).changes).toEqual({
      status: ["RESOLVED", "CLOSED"],
      closedAt: [null, minutes(400).toISOString()],
    });
  });

  it("failing: an illegal transition names the state and the actions allowed now", () => {
    const t = ticket({ status: TicketStatus.CLOSED, resolvedAt: minutes(10), closedAt: minutes(20) });
    const error = refusal(() => lc.resolve(t, "again", minutes(30)));
    expect(error.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      reason: "ILLEGAL_TRANSITION",
      status: "CLOSED",
      action: "RESOLVE",
      allowedActions: ["REOPEN", "SET_CLASS", "SET_VALIDITY"],
    });
    expect(error.message).toContain("allowed now: REOPEN, SET_CLASS, SET_VALIDITY");
  });

  it("only complaints can be rejected as invalid; a rejected complaint is final", () => {
    expect(refusal(() => lc.reject(ticket({ type: TicketType.REPAIR, complaintClass: null }), "x", T0)).extensions.reason).toBe(
      "ILLEGAL_TRANSITION",
    );
    const t = ticket();
    lc.reject(t, "与物业服务无关", minutes(5));
    expect(t).toMatchObject({ status: TicketStatus.REJECTED, validity: "INVALID", validityReason: "与物业服务无关" });
    expect(lc.allowedActions(t)).toEqual([]);
  });

  it("a pause stops the clock: resuming moves every unmet deadline by the paused time", () => {
    const t = ticket();
    lc.reply(t, "已收到", minutes(30));
    lc.pause(t, PauseReason.CUSTOMER_NOT_HOME, "业主出差", minutes(60));
    // While paused, nothing becomes overdue however long it lasts.
    expect(lc.resolveOverdue(t, minutes(5 * 24 * 60))).toBe(false);
    const resumed = lc.resume(t, minutes(60 + 600));
    expect(t.replyDueAt).toEqual(minutes(120)); // already met: stays
    expect(t.resolveDueAt).toEqual(minutes(24 * 60 + 600));
    expect(t.hardLimitAt).toEqual(minutes(3 * 24 * 60 + 600));
    expect(t.pausedSeconds).toBe(600 * 60);
    expect(resumed.kind).toBe(TicketEventKind.RESUMED);
  });

  it("a ticket already overdue when paused stays overdue during the pause", () => {
    const t = ticket();
    lc.pause(t, PauseReason.WAITING_FOR_PARTS, null, minutes(200));
    expect(lc.replyOverdue(t, minutes(10_000))).toBe(true);
    expect(lc.resolveOverdue(t, minutes(10_000))).toBe(false);
  });

  it("extensions stay within the hard limit unless the head office approves; then the hard limit moves too", () => {
    const t = ticket();
    expect(refusal(() => lc.extendDeadline(t, minutes(4 * 24 * 60), "等配件", false, T0)).extensions.reason).toBe(
      "HARD_LIMIT_NEEDS_HEAD_OFFICE",
    );
    expect(refusal(() => lc.extendDeadline(t, minutes(60), "earlier", false, T0)).extensions.reason).toBe("EXTENSION_NOT_LATER");
    lc.extendDeadline(t, minutes(2 * 24 * 60), "等配件", false, T0);
    expect([t.resolveDueAt, t.hardLimitAt, t.extensionCount]).toEqual([minutes(2 * 24 * 60), minutes(3 * 24 * 60), 1]);
    lc.extendDeadline(t, minutes(5 * 24 * 60), "总部批准", true, T0);
    expect([t.resolveDueAt, t.hardLimitAt, t.extensionCount]).toEqual([minutes(5 * 24 * 60), minutes(5 * 24 * 60), 2]);
  });

  it("a complaint still open 30 days after it was received turns MAJOR; paused time does not count", () => {
    const day = 24 * 60;
    expect(lc.applyTimeRules(ticket(), minutes(29 * day))).toBeNull();
    const old = ticket();
    expect(lc.applyTimeRules(old, minutes(30 * day + 1))?.changes).toEqual({ complaintClass: ["GENERAL", "MAJOR"] });
    expect(lc.applyTimeRules(ticket({ pausedSeconds: 2 * day * 60 }), minutes(31 * day))).toBeNull();
    expect(lc.applyTimeRules(ticket({ status: TicketStatus.RESOLVED }), minutes(40 * day))).toBeNull();
    expect(lc.applyTimeRules(ticket({ type: TicketType.REPAIR, complaintClass: null }), minutes(40 * day))).toBeNull();
  });

  it("overdue, met and time used follow the deadlines", () => {
    const t = ticket();
    expect(lc.timeUsed(t, t.replyDueAt, minutes(90))).toBeCloseTo(0.75);
    expect([lc.replyOverdue(t, minutes(121)), lc.replyMet(t, minutes(121))]).toEqual([true, false]);
    lc.reply(t, "late", minutes(130));
    expect([lc.replyOverdue(t, minutes(131)), lc.replyMet(t, minutes(131))]).toEqual([false, false]);
    expect(lc.resolveMet(t, minutes(200))).toBeNull();
    lc.resolve(t, "done", minutes(600));
    expect(lc.resolveMet(t, minutes(700))).toBe(true);
  });

  it("role rules: office staff cannot assign, reject, escalate, reopen or extend; managers can", () => {
    const t = ticket();
    expect(lc.allowedActions(t, Role.OFFICE_STAFF)).toEqual(["REPLY", "ADD_NOTE", "RESOLVE", "PAUSE"]);
    expect(lc.allowedActions(t, Role.OFFICE_MANAGER)).toEqual(
      expect.arrayContaining(["ASSIGN", "REJECT", "ESCALATE", "EXTEND_DEADLINE", "SET_CLASS", "SET_VALIDITY"]),
    );
    expect(lc.allowedActions(t, null)).toEqual([]);
  });
});

const ACTIONS = Object.values(TicketAction);

describe("ticket lifecycle under any sequence of actions (property-based)", () => {
  it("keeps its invariants: timestamps match the status, the clock never runs after the end, deadlines only move later", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(TicketType.COMPLAINT, TicketType.REPAIR, TicketType.CONSULTATION),
        fc.array(fc.tuple(fc.constantFrom(...ACTIONS), fc.integer({ min: 1, max: 3 * 24 * 60 })), { maxLength: 40 }),
        (type, steps) => {
          const t = ticket({ type, complaintClass: type === TicketType.COMPLAINT ? ComplaintClass.GENERAL : null });
          let clock = 0;
          for (const [action, gap] of steps) {
            clock += gap;
            const now = minutes(clock);
            const before = { ...t };
            const allowed = lc.allowedActions(t).includes(action);
            try {
              switch (action) {
                case TicketAction.ASSIGN:
                  lc.assign(t, { assigneeId: "s", department: null, instruction: null }, null);
                  break;
                case TicketAction.REPLY:
                  lc.reply(t, "r", now);
                  break;
                case TicketAction.ADD_NOTE:
                  lc.addNote(t, "n");
                  break;
                case TicketAction.RESOLVE:
                  lc.resolve(t, "x", now);
                  break;
                case TicketAction.REJECT:
                  lc.reject(t, "x", now);
                  break;
                case TicketAction.ESCALATE:
                  lc.escalate(t, "x", now);
                  break;
                case TicketAction.REOPEN:
                  lc.reopen(t, "x", minutes(clock + 24 * 60), now);
                  break;
                case TicketAction.CLOSE:
                  lc.close(t, now);
                  break;
                case TicketAction.PAUSE:
                  lc.pause(t, PauseReason.OTHER, null, now);
                  break;
                case TicketAction.RESUME:
                  lc.resume(t, now);
                  break;
                case TicketAction.EXTEND_DEADLINE:
                  lc.extendDeadline(t, minutes(clock + 10 * 24 * 60), "x", true, now);
                  break;
                case TicketAction.SET_CLASS:
                  lc.setComplaintClass(t, ComplaintClass.IMPORTANT, "x");
                  break;
                case TicketAction.SET_VALIDITY:
                  lc.markValid(t, "x");
                  break;
              }
              expect(allowed).toBe(true);
            } catch (e) {
              // Refused actions change nothing and were not allowed.
              expect(e).toBeInstanceOf(AppError);
              if ((e as AppError).reason === "ILLEGAL_TRANSITION") expect(allowed).toBe(false);
              expect(t).toEqual(before);
            }
            expect(t.resolvedAt !== null).toBe(t.status === TicketStatus.RESOLVED || t.status === TicketStatus.CLOSED);
            expect(t.closedAt !== null).toBe(t.status === TicketStatus.CLOSED);
            expect(t.rejectedAt !== null).toBe(t.status === TicketStatus.REJECTED);
            if (t.pausedAt) expect(lc.isOpen(t)).toBe(true);
            if (t.status === TicketStatus.RESOLVED || t.status === TicketStatus.CLOSED) expect(t.firstRepliedAt).not.toBeNull();
            if (before.hardLimitAt && t.hardLimitAt)
              expect(t.hardLimitAt.getTime()).toBeGreaterThanOrEqual(before.hardLimitAt.getTime());
          }
        },
      ),
    );
  });
});

describe("the overdue sweep's rules of time", () => {
  const kinds = (r: lc.SweepResult) => r.transitions.map((x) => x.kind);

  it("warns at 75% of the time, then marks overdue, each exactly once", () => {
    const t = ticket(); // reply due at +120 min, resolution at +1 day, hard limit at +3 days
    expect(kinds(lc.sweep(t, minutes(80), 0.75))).toEqual([]);
    expect(kinds(lc.sweep(t, minutes(90), 0.75))).toEqual(["DUE_SOON"]);
    expect(kinds(lc.sweep(t, minutes(100), 0.75))).toEqual([]);
    expect(kinds(lc.sweep(t, minutes(121), 0.75))).toEqual(["REPLY_OVERDUE"]);
    expect(kinds(lc.sweep(t, minutes(122), 0.75))).toEqual([]);
    expect(kinds(lc.sweep(t, minutes(18 * 60), 0.75))).toEqual(["DUE_SOON"]);
    expect(kinds(lc.sweep(t, minutes(24 * 60 + 1), 0.75))).toEqual(["RESOLUTION_OVERDUE"]);
    const hard = lc.sweep(t, minutes(3 * 24 * 60 + 1), 0.75);
    expect(kinds(hard)).toEqual(["HARD_LIMIT_PASSED"]);
    expect(hard.stateChanged).toBe(true);
    expect(t.escalatedAt).toEqual(minutes(3 * 24 * 60 + 1));
    expect(kinds(lc.sweep(t, minutes(4 * 24 * 60), 0.75))).toEqual([]);
  });

  it("after downtime, catches up everything that fell due, without warning about deadlines already passed", () => {
    const t = ticket();
    expect(kinds(lc.sweep(t, minutes(5 * 24 * 60), 0.75))).toEqual(["REPLY_OVERDUE", "RESOLUTION_OVERDUE", "HARD_LIMIT_PASSED"]);
  });

  it("applies nothing while the clock is paused or once the ticket is resolved", () => {
    expect(
      lc.sweep(ticket({ pausedAt: minutes(10), pauseReason: PauseReason.OTHER }), minutes(10_000), 0.75).transitions,
    ).toEqual([]);
    expect(
      lc.sweep(
        ticket({ status: TicketStatus.RESOLVED, resolvedAt: minutes(5), firstRepliedAt: minutes(5) }),
        minutes(10_000),
        0.75,
      ).transitions,
    ).toEqual([]);
  });

  it("a deadline moved into the future is warned and marked again; one moved but still past is the same breach", () => {
    const t = ticket({ status: TicketStatus.IN_PROGRESS, firstRepliedAt: minutes(30) });
    expect(kinds(lc.sweep(t, minutes(24 * 60 + 5), 0.75))).toEqual(["RESOLUTION_OVERDUE"]);
    lc.extendDeadline(t, minutes(2 * 24 * 60), "等配件", false, minutes(24 * 60 + 10));
    expect(kinds(lc.sweep(t, minutes(2 * 24 * 60 + 1), 0.75))).toEqual(["RESOLUTION_OVERDUE"]);
    lc.pause(t, PauseReason.OTHER, null, minutes(2 * 24 * 60 + 2));
    lc.resume(t, minutes(2 * 24 * 60 + 12)); // shifted by 10 minutes, still in the past
    expect(kinds(lc.sweep(t, minutes(2 * 24 * 60 + 13), 0.75))).toEqual([]);
  });

  it("a complaint open a month turns MAJOR once (property: any sweep schedule gives each event at most once)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 4 * 24 * 60 }), { minLength: 1, maxLength: 60 }),
        fc.double({ min: 0.5, max: 0.95, noNaN: true }),
        (gaps, ratio) => {
          const t = ticket();
          const seen: string[] = [];
          let clock = 0;
          for (const gap of gaps) {
            clock += gap;
            seen.push(...kinds(lc.sweep(t, minutes(clock), ratio)));
          }
          for (const kind of ["REPLY_OVERDUE", "RESOLUTION_OVERDUE", "HARD_LIMIT_PASSED", "CLASS_CHANGED"]) {
            expect(seen.filter((k) => k === kind).length).toBeLessThanOrEqual(1);
          }
          expect(seen.filter((k) => k === "DUE_SOON").length).toBeLessThanOrEqual(2);
          if (clock > 30 * 24 * 60) expect(t.complaintClass).toBe("MAJOR");
        },
      ),
    );
  });
});
