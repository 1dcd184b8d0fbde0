import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useFormat } from "../../session/hooks/session";
import type { PlacedCard } from "../utils/board-state";

export function BoardCardView({ placed }: { placed: PlacedCard }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { card, lane, highlight } = placed;
  const overdue = lane === "overdue";
  const ref = useRef<HTMLLIElement>(null);
  // A card that just arrived or became overdue is scrolled into its lane's view (the lane scrolls, not the page).
  useEffect(() => {
    const item = ref.current;
    const list = item?.parentElement;
    if (!highlight || !item || !list) return;
    const top = item.offsetTop;
    if (top < list.scrollTop || top + item.offsetHeight > list.scrollTop + list.clientHeight)
      list.scrollTop = Math.max(0, top - 8);
  }, [highlight, placed.changedAt]);
  return (
    <li
      ref={ref}
      className={`ticket-card${overdue ? " ticket-card--overdue" : ""}${highlight ? ` ticket-card--${highlight}` : ""}`}
      data-ticket={card.number}
      data-highlight={highlight ?? undefined}
    >
      <div className="ticket-card__head">
        <Link to={`/tickets/${card.id}`} className="ticket-card__number">
          {card.number}
        </Link>
        <span className="badge">{t(`enum.TicketType.${card.type}`)}</span>
        {card.severity && <span className="badge badge--muted">{t(`enum.Severity.${card.severity}`)}</span>}
        {overdue && <span className="badge badge--danger">{t("board.overdueBadge")}</span>}
        {card.escalated && <span className="badge badge--warn">{t("board.escalated")}</span>}
        {card.paused && <span className="badge badge--muted">{t("board.paused")}</span>}
        {card.reopenCount > 0 && <span className="badge badge--warn">{t("board.reopened", { count: card.reopenCount })}</span>}
      </div>
      <p className="ticket-card__content">{card.content}</p>
      <dl className="ticket-card__facts">
        <div>
          <dt className="visually-hidden">{t("ticket.receivedAt")}</dt>
          <dd>{t("board.receivedAt", { time: f.dateTime(card.receivedAt) })}</dd>
        </div>
        {card.replyDueAt && (
          <div className={card.replyOverdue ? "is-overdue" : undefined}>
            <dt className="visually-hidden">{t("ticket.replyDueAt")}</dt>
            <dd>{t("board.replyDue", { time: f.dateTime(card.replyDueAt) })}</dd>
          </div>
        )}
        {card.resolveDueAt && (
          <div className={card.resolveOverdue ? "is-overdue" : undefined}>
            <dt className="visually-hidden">{t("ticket.resolveDueAt")}</dt>
            <dd>{t("board.resolveDue", { time: f.dateTime(card.resolveDueAt) })}</dd>
          </div>
        )}
        <div>
          <dt className="visually-hidden">{t("ticket.receiver")}</dt>
          <dd>{t("board.receiver", { name: card.receiverName })}</dd>
        </div>
        <div>
          <dt className="visually-hidden">{t("ticket.assignee")}</dt>
          <dd>
            {card.assigneeName || card.department
              ? t("board.assignee", { name: [card.assigneeName, card.department].filter(Boolean).join(" · ") })
              : t("board.unassigned")}
          </dd>
        </div>
      </dl>
      {card.timeUsed !== null && card.timeUsed !== undefined && (
        <div className="time-used" title={t("board.timeUsed", { percent: f.percent(card.timeUsed, 0) })}>
          <div className="time-used__bar" style={{ width: `${Math.min(100, Math.round(card.timeUsed * 100))}%` }} />
          <span className="visually-hidden">{t("board.timeUsed", { percent: f.percent(card.timeUsed, 0) })}</span>
        </div>
      )}
    </li>
  );
}
