import { useQuery } from "@apollo/client/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "react-router";
import { QueryState } from "../../../common/components/QueryState";
import type { TicketDetailFragment } from "../../../gql/graphql";
import { SpotCheckForm } from "../../spot-checks/components/SpotCheckForm";
import { useFormat, useSession } from "../../session/hooks/session";
import { TICKET } from "../graphql/tickets";
import { describeChange } from "../utils/timeline";
import { FollowUpForm } from "./FollowUpForm";
import { TicketActions } from "./TicketActions";

export function TicketPage() {
  const { t } = useTranslation();
  const { ticketId = "" } = useParams();
  const location = useLocation();
  const registered = (location.state as { registered?: string } | null)?.registered;
  const { data, loading, error, refetch } = useQuery(TICKET, { variables: { id: ticketId }, fetchPolicy: "cache-and-network" });
  const [notice, setNotice] = useState<string | null>(registered ? t("register.saved", { number: registered }) : null);
  const ticket = data?.ticket;
  if (!ticket) return <QueryState loading={loading} error={error} onRetry={() => void refetch()} />;
  return (
    <article aria-labelledby="ticket-title" className="ticket">
      <div className="page-head">
        <h1 id="ticket-title">{t("ticket.title", { number: ticket.number })}</h1>
        <div className="page-head__tools">
          <span className={`status status--${ticket.status}`}>{t(`enum.TicketStatus.${ticket.status}`)}</span>
          {(ticket.replyOverdue || ticket.resolveOverdue) && <span className="badge badge--danger">{t("ticket.overdue")}</span>}
        </div>
      </div>
      {notice && (
        <p className="notice" role="status" data-testid="ticket-notice">
          {notice}
        </p>
      )}
      <div className="ticket__layout">
        <div>
          <Details ticket={ticket} />
          <section className="card" aria-labelledby="actions-title">
            <h2 id="actions-title">{t("ticket.actions")}</h2>
            <TicketActions
              ticket={ticket}
              onConflict={() => {
                setNotice(t("ticket.conflict"));
                void refetch();
              }}
              onDone={() => setNotice(t("ticket.done"))}
            />
          </section>
          <FollowUps ticket={ticket} onDone={() => void refetch()} />
          <SpotChecks ticket={ticket} onDone={() => void refetch()} />
        </div>
        <Timeline ticket={ticket} />
      </div>
    </article>
  );
}

function Details({ ticket }: { ticket: TicketDetailFragment }) {
  const { t } = useTranslation();
  const f = useFormat();
  const item = (label: string, value: React.ReactNode, overdue = false) => (
    <div className={overdue ? "is-overdue" : undefined}>
      <dt>{label}</dt>
      <dd>{value ?? t("ticket.none")}</dd>
    </div>
  );
  return (
    <section className="card" aria-labelledby="details-title">
      <h2 id="details-title">{t("ticket.details")}</h2>
      <p className="ticket__content">{ticket.content}</p>
      <dl className="facts">
        {item(
          t("ticket.type"),
          `${t(`enum.TicketType.${ticket.type}`)}${ticket.severity ? ` · ${t(`enum.Severity.${ticket.severity}`)}` : ""}`,
        )}
        {item(t("ticket.channel"), t(`enum.Channel.${ticket.channel}`))}
        {ticket.complaintClass && item(t("ticket.complaintClass"), t(`enum.ComplaintClass.${ticket.complaintClass}`))}
        {ticket.type === "COMPLAINT" &&
          item(t("ticket.validity"), ticket.validity ? t(`enum.ComplaintValidity.${ticket.validity}`) : null)}
        {item(t("ticket.office"), ticket.office.name)}
        {item(t("ticket.customer"), ticket.anonymous ? t("ticket.anonymous") : ticket.customer?.name)}
        {item(
          t("ticket.unit"),
          ticket.unit ? `${ticket.unit.property.name} ${ticket.unit.building}-${ticket.unit.number}` : null,
        )}
        {item(t("ticket.contact"), [ticket.contactName, ticket.contactPhone].filter(Boolean).join(" ") || null)}
        {item(t("ticket.receiver"), ticket.receiver.name)}
        {item(t("ticket.assignee"), [ticket.assignee?.name, ticket.department].filter(Boolean).join(" · ") || null)}
        {ticket.instruction && item(t("ticket.instruction"), ticket.instruction)}
        {item(t("ticket.receivedAt"), f.dateTime(ticket.receivedAt))}
        {item(t("ticket.replyDueAt"), f.dateTime(ticket.replyDueAt), ticket.replyOverdue)}
        {item(t("ticket.resolveDueAt"), f.dateTime(ticket.resolveDueAt), ticket.resolveOverdue)}
        {ticket.hardLimitAt && item(t("ticket.hardLimitAt"), f.dateTime(ticket.hardLimitAt), ticket.hardLimitPassed)}
        {ticket.resolution && item(t("ticket.resolution"), ticket.resolution)}
      </dl>
    </section>
  );
}

function Timeline({ ticket }: { ticket: TicketDetailFragment }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <section className="card timeline" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t("ticket.timeline")}</h2>
      <ol data-testid="timeline">
        {ticket.timeline.map((event) => (
          <li key={event.id}>
            <div className="timeline__head">
              <strong>{t(`enum.TicketEventKind.${event.kind}`)}</strong>
              <time dateTime={event.at}>{f.dateTime(event.at)}</time>
            </div>
            {event.actor && <div className="muted">{event.actor.name}</div>}
            {event.note && <p>{event.note}</p>}
            <Changes changes={event.changes} />
          </li>
        ))}
      </ol>
    </section>
  );
}

function Changes({ changes }: { changes: TicketDetailFragment["timeline"][number]["changes"] }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const views = changes.flatMap((c) => describeChange(c, t, (key) => i18n.exists(key), f) ?? []);
  if (!views.length) return null;
  return (
    <ul className="timeline__changes">
      {views.map((c, i) => (
        <li key={i}>
          {c.label}: {c.from} → {c.to}
        </li>
      ))}
    </ul>
  );
}

function FollowUps({ ticket, onDone }: { ticket: TicketDetailFragment; onDone: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { capabilities } = useSession();
  if (!ticket.followUps.length) return null;
  return (
    <section className="card" aria-labelledby="followups-title">
      <h2 id="followups-title">{t("ticket.followUps")}</h2>
      <ul className="plain-list">
        {ticket.followUps.map((fu) => (
          <li key={fu.id}>
            <p>
              #{fu.round} · {t(`enum.FollowUpStatus.${fu.status}`)}
              {fu.satisfaction ? ` · ${t(`enum.Satisfaction.${fu.satisfaction}`)}` : ""}
              {fu.exemption ? ` · ${t(`enum.FollowUpExemption.${fu.exemption}`)}` : ""} ·{" "}
              {t("ticket.followUp.dueAt", { time: f.dateTime(fu.dueAt) })}
              {fu.attemptCount > 0 && ` · ${t("ticket.followUp.attempts", { count: fu.attemptCount })}`}
              {fu.overdue && <span className="badge badge--danger">{t("ticket.overdue")}</span>}
            </p>
            {fu.comment && <p className="muted">{fu.comment}</p>}
            {fu.status === "PENDING" && capabilities.registerTickets && (
              <FollowUpForm followUpId={fu.id} version={fu.version} onDone={onDone} />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function SpotChecks({ ticket, onDone }: { ticket: TicketDetailFragment; onDone: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { capabilities } = useSession();
  if (!ticket.spotChecks.length) return null;
  return (
    <section className="card" aria-labelledby="spotchecks-title">
      <h2 id="spotchecks-title">{t("ticket.spotChecks")}</h2>
      <ul className="plain-list">
        {ticket.spotChecks.map((sc) => (
          <li key={sc.id}>
            {sc.status === "DONE" ? (
              <p>
                {sc.satisfaction && t(`enum.Satisfaction.${sc.satisfaction}`)} ·{" "}
                {sc.agrees ? t("spotChecks.agrees") : t("spotChecks.disagrees")} · {sc.checkedBy?.name} ·{" "}
                {f.dateTime(sc.checkedAt)}
              </p>
            ) : capabilities.spotCheck ? (
              <SpotCheckForm spotCheckId={sc.id} onDone={onDone} />
            ) : (
              <p className="muted">{t("spotChecks.pending")}</p>
            )}
          </li>
        ))}
      </ul>
      <Link to="/spot-checks">{t("app.nav.spotChecks")}</Link>
    </section>
  );
}
