import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyEvent, boardFromLanes, laneOf, lanesOf, type BoardEvent, type BoardState, type Card } from "./board-state";

const OFFICE = "office-a";

function card(id: string, overrides: Partial<Card> = {}): Card {
  return {
    id,
    number: `CH-20261122-${id}`,
    officeId: OFFICE,
    status: "NEW",
    type: "COMPLAINT",
    severity: "GENERAL",
    channel: "PHONE",
    complaintClass: "GENERAL",
    content: "漏水",
    contactName: null,
    receivedAt: `2026-11-22T0${id.length % 10}:00:00.000Z`,
    replyDueAt: null,
    resolveDueAt: null,
    hardLimitAt: null,
    replyOverdue: false,
    resolveOverdue: false,
    escalated: false,
    paused: false,
    reopenCount: 0,
    timeUsed: null,
    receiverName: "张三",
    assigneeName: null,
    department: null,
    ...overrides,
  };
}

const empty = (): BoardState => boardFromLanes(OFFICE, 10, { newTickets: [], inProgress: [], overdue: [] });

describe("live board state", () => {
  it("successful: a new ticket arrives in the new lane, then moves to overdue and is highlighted", () => {
    let { state, change } = applyEvent(empty(), {
      sequence: 11,
      kind: "CREATED",
      ticketId: "1",
      officeId: OFFICE,
      ticket: card("1"),
    });
    expect(change.kind).toBe("added");
    expect(lanesOf(state).newTickets.map((p) => p.card.id)).toEqual(["1"]);
    ({ state, change } = applyEvent(state, {
      sequence: 12,
      kind: "REPLY_OVERDUE",
      ticketId: "1",
      officeId: OFFICE,
      ticket: card("1", { replyOverdue: true }),
    }));
    expect(change.kind).toBe("became-overdue");
    expect(lanesOf(state).newTickets).toEqual([]);
    expect(lanesOf(state).overdue[0]).toMatchObject({ highlight: "overdue", changedAt: 12 });
    expect(state.lastSequence).toBe(12);
  });

  it("failing: an event at or below the last sequence (a replay overlap) changes nothing", () => {
    const start = empty();
    const { state, change } = applyEvent(start, {
      sequence: 10,
      kind: "CREATED",
      ticketId: "9",
      officeId: OFFICE,
      ticket: card("9"),
    });
    expect(change.kind).toBe("ignored");
    expect(state).toBe(start);
  });

  it("successful: resolved, closed and rejected tickets, and other offices' tickets, leave the board", () => {
    expect(laneOf(card("1", { status: "RESOLVED" }), OFFICE)).toBeNull();
    expect(laneOf(card("1", { status: "REJECTED" }), OFFICE)).toBeNull();
    expect(laneOf(card("1", { officeId: "other" }), OFFICE)).toBeNull();
    expect(laneOf(card("1", { status: "ASSIGNED" }), OFFICE)).toBe("inProgress");
    expect(laneOf(card("1", { status: "IN_PROGRESS", resolveOverdue: true }), OFFICE)).toBe("overdue");
  });

  it("property: however events are re-delivered (reconnect replays, duplicates), the board equals one pass over the log", () => {
    const statuses = ["NEW", "ASSIGNED", "IN_PROGRESS", "RESOLVED", "CLOSED"] as const;
    const eventArb = fc.record({
      ticket: fc.constantFrom("1", "2", "3", "4"),
      status: fc.constantFrom(...statuses),
      overdue: fc.boolean(),
      office: fc.constantFrom(OFFICE, OFFICE, OFFICE, "other"),
    });
    fc.assert(
      fc.property(fc.array(eventArb, { minLength: 1, maxLength: 30 }), fc.array(fc.nat(), { maxLength: 40 }), (specs, picks) => {
        const log: BoardEvent[] = specs.map((s, i) => ({
          sequence: 11 + i,
          kind: "NOTE_ADDED",
          ticketId: s.ticket,
          officeId: s.office,
          ticket: card(s.ticket, { status: s.status, replyOverdue: s.overdue, officeId: s.office }),
        }));
        const once = log.reduce((s, e) => applyEvent(s, e).state, empty());
        // Deliver in order, but after each step maybe re-deliver an earlier event (what a replay from an
        // older `after` does), and finally the whole log again.
        let replayed = empty();
        log.forEach((event, i) => {
          replayed = applyEvent(replayed, event).state;
          const pick = picks[i];
          if (pick !== undefined) replayed = applyEvent(replayed, log[pick % (i + 1)]!).state;
        });
        for (const event of log) replayed = applyEvent(replayed, event).state;

        const ids = (s: BoardState) => Object.values(lanesOf(s)).flatMap((lane) => lane.map((p) => p.card.id));
        expect(ids(replayed).sort()).toEqual(ids(once).sort());
        expect(new Set(ids(replayed)).size).toBe(ids(replayed).length);
        for (const [id, placed] of replayed.cards) {
          expect(placed.lane).toBe(laneOf(once.cards.get(id)!.card, OFFICE));
        }
        expect(replayed.lastSequence).toBe(log.at(-1)!.sequence);
      }),
    );
  });
});
