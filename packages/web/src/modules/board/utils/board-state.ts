import type { BoardCardFragment, TicketEventKind } from "../../../gql/graphql";

export type Card = BoardCardFragment;
export type LaneKey = "newTickets" | "inProgress" | "overdue";
export const LANES: readonly LaneKey[] = ["newTickets", "inProgress", "overdue"];

export interface BoardEvent {
  sequence: number;
  kind: TicketEventKind;
  ticketId: string;
  officeId: string;
  ticket: Card;
}

/** Why a card catches the eye for a moment: it just arrived, or it just became overdue. */
export type Highlight = "arrived" | "overdue";

export interface PlacedCard {
  card: Card;
  lane: LaneKey;
  /** Sequence of the event that last changed it (0 for cards loaded with the board). */
  changedAt: number;
  highlight: Highlight | null;
}

export interface BoardState {
  officeId: string;
  /** The last event sequence applied: the `after` of the next (re)subscription. */
  lastSequence: number;
  cards: ReadonlyMap<string, PlacedCard>;
}

export type Change =
  | { kind: "ignored" }
  | { kind: "added"; card: Card }
  | { kind: "became-overdue"; card: Card }
  | { kind: "moved"; card: Card }
  | { kind: "updated"; card: Card }
  | { kind: "removed"; ticketId: string };

const OPEN = new Set(["NEW", "ASSIGNED", "IN_PROGRESS"]);

/** The lane a ticket belongs in, as the API's board puts it (overdue first), or null when it leaves the board. */
export function laneOf(card: Card, officeId: string): LaneKey | null {
  if (card.officeId !== officeId || !OPEN.has(card.status)) return null;
  if (card.replyOverdue || card.resolveOverdue) return "overdue";
  return card.status === "NEW" ? "newTickets" : "inProgress";
}

export function boardFromLanes(officeId: string, asOfSequence: number, lanes: Record<LaneKey, readonly Card[]>): BoardState {
  const cards = new Map<string, PlacedCard>();
  for (const lane of LANES) {
    for (const card of lanes[lane]) cards.set(card.id, { card, lane, changedAt: 0, highlight: null });
  }
  return { officeId, lastSequence: asOfSequence, cards };
}

/**
 * Applies one event: each event carries the ticket's current card, so the card is replaced whole and placed
 * in its lane. Events at or below the last sequence were already applied (a replay after reconnecting
 * overlaps what was seen) and change nothing; cards are keyed by ticket, so a ticket is never shown twice.
 */
export function applyEvent(state: BoardState, event: BoardEvent): { state: BoardState; change: Change } {
  if (event.sequence <= state.lastSequence) return { state, change: { kind: "ignored" } };
  const cards = new Map(state.cards);
  const before = cards.get(event.ticketId);
  const lane = laneOf(event.ticket, state.officeId);
  let change: Change;
  if (!lane) {
    cards.delete(event.ticketId);
    change = before ? { kind: "removed", ticketId: event.ticketId } : { kind: "ignored" };
  } else {
    const becameOverdue = lane === "overdue" && before?.lane !== "overdue";
    const highlight: Highlight | null = !before
      ? becameOverdue
        ? "overdue"
        : "arrived"
      : becameOverdue
        ? "overdue"
        : before.highlight;
    cards.set(event.ticketId, { card: event.ticket, lane, changedAt: event.sequence, highlight });
    change = !before
      ? { kind: "added", card: event.ticket }
      : becameOverdue
        ? { kind: "became-overdue", card: event.ticket }
        : before.lane !== lane
          ? { kind: "moved", card: event.ticket }
          : { kind: "updated", card: event.ticket };
  }
  return { state: { ...state, lastSequence: event.sequence, cards }, change };
}

/** Lanes for display: overdue and new by time received (oldest first, like the API), in progress likewise. */
export function lanesOf(state: BoardState): Record<LaneKey, PlacedCard[]> {
  const lanes: Record<LaneKey, PlacedCard[]> = { newTickets: [], inProgress: [], overdue: [] };
  for (const placed of state.cards.values()) lanes[placed.lane].push(placed);
  for (const lane of LANES) lanes[lane].sort((a, b) => a.card.receivedAt.localeCompare(b.card.receivedAt));
  return lanes;
}

/** Clears a card's highlight (after it has been shown). */
export function clearHighlight(state: BoardState, ticketId: string, changedAt: number): BoardState {
  const placed = state.cards.get(ticketId);
  if (!placed || placed.changedAt !== changedAt || !placed.highlight) return state;
  const cards = new Map(state.cards);
  cards.set(ticketId, { ...placed, highlight: null });
  return { ...state, cards };
}
