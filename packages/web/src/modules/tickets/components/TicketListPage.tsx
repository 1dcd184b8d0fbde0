import { useQuery } from "@apollo/client/react";
import { useId, useState } from "react";
import { useDebouncedValue } from "../../../common/use-debounced-value";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { QueryState } from "../../../common/components/QueryState";
import type { TicketStatus, TicketType } from "../../../gql/graphql";
import { useFormat } from "../../session/hooks/session";
import { TICKETS } from "../graphql/tickets";
import { TICKET_TYPES } from "../utils/severity";

const STATUSES: TicketStatus[] = ["NEW", "ASSIGNED", "IN_PROGRESS", "RESOLVED", "CLOSED", "REJECTED"];
const PAGE = 50;

export function TicketListPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const id = useId();
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState<TicketStatus | "">("");
  const [type, setType] = useState<TicketType | "">("");
  const [overdue, setOverdue] = useState(false);
  const text = useDebouncedValue(search.trim());
  const filter = {
    search: text || null,
    statuses: status ? [status] : null,
    types: type ? [type] : null,
    overdue: overdue ? true : null,
  };
  const { data, loading, error, fetchMore } = useQuery(TICKETS, { variables: { filter, first: PAGE } });
  const page = data?.tickets;
  return (
    <section aria-labelledby="tickets-title">
      <div className="page-head">
        <h1 id="tickets-title">{t("tickets.title")}</h1>
        <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
          <div className="inline-field">
            <label htmlFor={`${id}-search`}>{t("tickets.search")}</label>
            <input id={`${id}-search`} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
          </div>
          <div className="inline-field">
            <label htmlFor={`${id}-status`}>{t("tickets.status")}</label>
            <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value as TicketStatus | "")}>
              <option value="">{t("tickets.all")}</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`enum.TicketStatus.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="inline-field">
            <label htmlFor={`${id}-type`}>{t("tickets.type")}</label>
            <select id={`${id}-type`} value={type} onChange={(e) => setType(e.target.value as TicketType | "")}>
              <option value="">{t("tickets.all")}</option>
              {TICKET_TYPES.map((s) => (
                <option key={s} value={s}>
                  {t(`enum.TicketType.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="inline-field">
            <input id={`${id}-overdue`} type="checkbox" checked={overdue} onChange={(e) => setOverdue(e.target.checked)} />
            <label htmlFor={`${id}-overdue`}>{t("tickets.overdueOnly")}</label>
          </div>
        </form>
      </div>
      <QueryState loading={loading && !page} error={error} />
      {page && (
        <div className="table-card">
          <p className="muted" role="status">
            {t("tickets.count", { count: page.totalCount })}
          </p>
          {page.nodes.length === 0 ? (
            <p>{t("tickets.none")}</p>
          ) : (
            <div className="table-scroll">
              <table className="data-table">
                <caption className="visually-hidden">{t("tickets.title")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("tickets.number")}</th>
                    <th scope="col">{t("tickets.type")}</th>
                    <th scope="col">{t("tickets.status")}</th>
                    <th scope="col">{t("tickets.office")}</th>
                    <th scope="col">{t("tickets.content")}</th>
                    <th scope="col">{t("tickets.received")}</th>
                    <th scope="col">{t("tickets.resolveDue")}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.nodes.map((ticket) => (
                    <tr key={ticket.id} className={ticket.replyOverdue || ticket.resolveOverdue ? "is-overdue" : undefined}>
                      <th scope="row">
                        <Link to={`/tickets/${ticket.id}`}>{ticket.number}</Link>
                      </th>
                      <td>
                        {t(`enum.TicketType.${ticket.type}`)}
                        {ticket.severity ? ` · ${t(`enum.Severity.${ticket.severity}`)}` : ""}
                      </td>
                      <td>{t(`enum.TicketStatus.${ticket.status}`)}</td>
                      <td>{ticket.office.name}</td>
                      <td className="cell-clamp">{ticket.content}</td>
                      <td>{f.dateTime(ticket.receivedAt)}</td>
                      <td>
                        {f.dateTime(ticket.resolveDueAt)}
                        {(ticket.replyOverdue || ticket.resolveOverdue) && (
                          <span className="badge badge--danger">{t("ticket.overdue")}</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {page.pageInfo.hasNextPage && (
            <button
              type="button"
              className="button"
              onClick={() =>
                void fetchMore({
                  variables: { after: page.pageInfo.endCursor },
                  updateQuery: (prev, { fetchMoreResult }) => ({
                    tickets: { ...fetchMoreResult.tickets, nodes: [...prev.tickets.nodes, ...fetchMoreResult.tickets.nodes] },
                  }),
                })
              }
            >
              {t("tickets.more")}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
