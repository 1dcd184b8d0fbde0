import fc from "fast-check";
import { overdueRows, replyOutcome, resolveOutcome, type TicketRow } from "@psp/reports";
import { describe, expect, it } from "vitest";
import * as lifecycle from "../tickets/ticket-lifecycle";
import type { TicketState } from "../tickets/ticket-lifecycle";

/**
 * The reports judge deadlines with their own copy of the rule (they must run in SQL too); the ticket shows
 * its own `replyMet`, `resolveMet` and overdue flags. A board and a report must never disagree.
 */
const T0 = Date.parse("2026-10-01T00:00:00Z");
const instant = fc.integer({ min: 0, max: 10 * 86_400_000 }).map((ms) => new Date(T0 + ms));
const maybe = fc.option(instant, { nil: null });

const ticketArb = fc.record({
  status: fc.constantFrom("NEW", "ASSIGNED", "IN_PROGRESS", "RESOLVED", "CLOSED", "REJECTED" as const),
  replyDueAt: maybe,
  firstRepliedAt: maybe,
  resolveDueAt: maybe,
  resolvedAt: maybe,
  pausedAt: maybe,
});

function asRow(t: Record<string, unknown>): TicketRow {
  return {
    officeId: "A",
    type: "REPAIR",
    channel: "PHONE",
    severity: null,
    complaintClass: null,
    validity: null,
    complainantCount: 1,
    receivedAt: new Date(T0),
    ...t,
  } as TicketRow;
}

const asState = (t: Record<string, unknown>) => t as unknown as TicketState;

describe("deadline rules shared by tickets and reports", () => {
  it("a report's met / missed / undecided equals the ticket's own replyMet and resolveMet", () => {
    fc.assert(
      fc.property(ticketArb, instant, (t, now) => {
        expect(replyOutcome(asRow(t), now)).toBe(lifecycle.replyMet(asState(t), now));
        expect(resolveOutcome(asRow(t), now)).toBe(lifecycle.resolveMet(asState(t), now));
      }),
      { numRuns: 2_000 },
    );
  });

  it("a report's overdue count equals the tickets whose own overdue flags are up", () => {
    fc.assert(
      fc.property(fc.array(ticketArb, { maxLength: 20 }), instant, (tickets, now) => {
        const [row] = overdueRows(tickets.map(asRow), { tenantId: "t", officeIds: null }, { office: false }, now);
        const flagged = tickets.filter(
          (t) => lifecycle.replyOverdue(asState(t), now) || lifecycle.resolveOverdue(asState(t), now),
        );
        expect(row!.overdue).toBe(flagged.length);
        expect(row!.replyOverdue).toBe(tickets.filter((t) => lifecycle.replyOverdue(asState(t), now)).length);
        expect(row!.resolveOverdue).toBe(tickets.filter((t) => lifecycle.resolveOverdue(asState(t), now)).length);
      }),
    );
  });
});
