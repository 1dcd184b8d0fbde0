import { useApolloClient, useQuery } from "@apollo/client/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { useSocketState } from "../../../apollo/use-connection";
import { BOARD, BOARD_EVENTS } from "../graphql/board";
import { applyEvent, boardFromLanes, clearHighlight, type BoardState, type Change } from "../utils/board-state";

export type LiveState = "connecting" | "live" | "reconnecting";

/** Delay before the n-th resubscription: 0.5 s doubling to 15 s, with jitter so boards do not return in step. */
export function retryDelay(attempt: number): number {
  return Math.min(15_000, 500 * 2 ** attempt) + Math.floor(Math.random() * 300);
}

const HIGHLIGHT_MS = 12_000;

/**
 * An office's live board: loads the lanes with the sequence they reflect, then follows `ticketEvents` from
 * exactly there. When the subscription ends (socket lost, server restart) it subscribes again after a short
 * delay with `after` = the last sequence applied, so the events missed meanwhile are replayed — nothing is
 * missed, and the state's sequence check plus one card per ticket mean nothing is shown twice.
 */
export function useLiveBoard(officeId: string | undefined, onChange: (change: Change) => void) {
  const client = useApolloClient();
  const socket = useSocketState();
  const query = useQuery(BOARD, { variables: { officeId: officeId ?? "" }, skip: !officeId, fetchPolicy: "network-only" });
  const [state, setState] = useState<BoardState | null>(null);
  // The state events are applied to, synchronously and once each (React may render a state twice).
  const current = useRef<BoardState | null>(null);
  const [subscription, setSubscription] = useState<"active" | "retrying">("active");
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const board = query.data?.board;

  const commit = useCallback((next: BoardState | null) => {
    current.current = next;
    setState(next);
  }, []);

  useEffect(() => {
    if (!board || board.office.id !== officeId) return;
    commit(
      boardFromLanes(board.office.id, board.asOfSequence, {
        newTickets: board.newTickets,
        inProgress: board.inProgress,
        overdue: board.overdue,
      }),
    );
  }, [board, officeId, commit]);

  const loadedOffice = state?.officeId;
  useEffect(() => {
    if (!loadedOffice || loadedOffice !== officeId) return;
    let stopped = false;
    let attempt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const settleTimers = new Set<ReturnType<typeof setTimeout>>();
    let active: { unsubscribe: () => void } | undefined;

    const start = () => {
      let ended = false;
      const retry = () => {
        if (ended || stopped) return;
        ended = true;
        setSubscription("retrying");
        timer = setTimeout(start, retryDelay(attempt++));
      };
      const after = current.current?.lastSequence ?? 0;
      active = client.subscribe({ query: BOARD_EVENTS, variables: { officeId: loadedOffice, after } }).subscribe({
        next: (result) => {
          const message = result.data?.ticketEvents;
          if (!message) {
            if (result.error) retry();
            return;
          }
          attempt = 0;
          setSubscription("active");
          const before = current.current;
          if (!before || before.officeId !== loadedOffice) return;
          const { state: next, change } = applyEvent(before, message);
          if (next === before) return;
          commit(next);
          onChangeRef.current(change);
          const placed = next.cards.get(message.ticketId);
          if (placed?.highlight && placed.changedAt === message.sequence) {
            const settle = setTimeout(() => {
              settleTimers.delete(settle);
              if (current.current) commit(clearHighlight(current.current, message.ticketId, message.sequence));
            }, HIGHLIGHT_MS);
            settleTimers.add(settle);
          }
        },
        error: retry,
        complete: retry,
      });
      setSubscription("active");
    };
    start();
    return () => {
      stopped = true;
      clearTimeout(timer);
      settleTimers.forEach(clearTimeout);
      active?.unsubscribe();
    };
  }, [client, loadedOffice, officeId, commit]);

  const live: LiveState =
    subscription === "retrying" || socket === "closed" ? "reconnecting" : socket === "connected" ? "live" : "connecting";
  return {
    state: state?.officeId === officeId ? state : null,
    office: board?.office,
    loading: query.loading,
    error: query.error,
    live,
    refetch: query.refetch,
  };
}
