import { useQuery } from "@apollo/client/react";
import { useTranslation } from "react-i18next";
import type { Channel, Severity, TicketType } from "../../../gql/graphql";
import { useFormat } from "../../session/hooks/session";
import { TICKET_DEADLINES } from "../graphql/tickets";

/** The deadlines the group's policy will set for this request, shown before it is saved. */
export function DeadlinePreview(props: { type: TicketType; severity: Severity | null; channel: Channel; at: string | null }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { data, previousData } = useQuery(TICKET_DEADLINES, {
    variables: { type: props.type, severity: props.severity, channel: props.channel, at: props.at },
    fetchPolicy: "network-only",
  });
  const deadlines = (data ?? previousData)?.ticketDeadlines;
  const row = (label: string, value: string | null | undefined, testId: string) => (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value ? f.dateTime(value) : t("register.noDeadline")}</dd>
    </div>
  );
  return (
    <aside className="deadlines card" aria-labelledby="deadlines-title" aria-live="polite" data-testid="deadlines">
      <h2 id="deadlines-title">{t("register.deadlines")}</h2>
      <p className="muted">{t("register.deadlinesHint")}</p>
      {deadlines && (
        <dl>
          {row(t("register.replyDueAt"), deadlines.replyDueAt, "deadline-reply")}
          {row(t("register.resolveDueAt"), deadlines.resolveDueAt, "deadline-resolve")}
          {deadlines.hardLimitAt && row(t("register.hardLimitAt"), deadlines.hardLimitAt, "deadline-hard")}
        </dl>
      )}
    </aside>
  );
}
