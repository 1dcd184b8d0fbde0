import type { EntityManager } from "@mikro-orm/postgresql";
import { cardFromRow, CARD_COLUMNS, CARD_JOINS, type TicketCard } from "../events/event-message";
import { TicketStatus } from "../tickets/ticket.enums";

export interface BoardState {
  asOfSequence: number;
  newTickets: TicketCard[];
  inProgress: TicketCard[];
  overdue: TicketCard[];
}

/**
 * An office's open tickets in three lanes (overdue first wins), read in one statement so the lanes and the
 * event sequence they reflect come from the same snapshot: subscribing with `after: asOfSequence` continues
 * exactly where the board was loaded.
 */
export async function loadBoard(em: EntityManager, tenantId: string, officeId: string, now: Date): Promise<BoardState> {
  const rows = await em.execute<(Parameters<typeof cardFromRow>[0] & { as_of: string | null })[]>(
    `with s as (select max(seq) as as_of from ticket_event where tenant_id = ?)
     select ${CARD_COLUMNS}, (select as_of from s) as as_of
       from ticket t ${CARD_JOINS}
      where t.tenant_id = ? and t.office_id = ? and t.status in ('NEW', 'ASSIGNED', 'IN_PROGRESS')
      order by t.received_at`,
    [tenantId, tenantId, officeId],
  );
  let asOf = rows[0]?.as_of;
  if (!rows.length) {
    const [row] = await em.execute<{ as_of: string | null }[]>("select max(seq) as as_of from ticket_event where tenant_id = ?", [
      tenantId,
    ]);
    asOf = row?.as_of ?? null;
  }
  const board: BoardState = { asOfSequence: Number(asOf ?? 0), newTickets: [], inProgress: [], overdue: [] };
  for (const row of rows) {
    const card = cardFromRow(row, now);
    if (card.replyOverdue || card.resolveOverdue) board.overdue.push(card);
    else if (card.status === TicketStatus.NEW) board.newTickets.push(card);
    else board.inProgress.push(card);
  }
  return board;
}
