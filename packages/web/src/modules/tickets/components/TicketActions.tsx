import { useApolloClient, useMutation, useQuery } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { formErrorsOf, NO_ERRORS, type FormErrors } from "../../../apollo/form-errors";
import { Field } from "../../../common/components/Field";
import { FormAlert } from "../../../common/components/FormErrors";
import { wallTimeToIso } from "../../../common/format";
import type { ComplaintClass, FollowUpExemption, PauseReason, TicketAction, TicketDetailFragment } from "../../../gql/graphql";
import { useSession } from "../../session/hooks/session";
import * as M from "../graphql/actions";
import { OFFICE_STAFF } from "../graphql/tickets";

/** Actions with a form of their own here; the rest are not offered in the console. */
const OFFERED: readonly TicketAction[] = [
  "ASSIGN",
  "REPLY",
  "ADD_NOTE",
  "RESOLVE",
  "PAUSE",
  "RESUME",
  "ESCALATE",
  "SET_VALIDITY",
  "REJECT",
  "SET_CLASS",
  "EXTEND_DEADLINE",
  "REOPEN",
  "CLOSE",
];
const TEXT_ACTIONS = {
  REPLY: M.REPLY,
  ADD_NOTE: M.ADD_NOTE,
  REJECT: M.REJECT,
  ESCALATE: M.ESCALATE,
  REOPEN: M.REOPEN,
  SET_VALIDITY: M.MARK_VALID,
} as const;
const EXEMPTIONS: FollowUpExemption[] = ["RESOLVED_ON_SPOT_CONFIRMED", "SENSITIVE"];
const PAUSE_REASONS: PauseReason[] = ["CUSTOMER_NOT_HOME", "WAITING_FOR_PARTS", "WAITING_FOR_CUSTOMER_DECISION", "OTHER"];
const CLASSES: ComplaintClass[] = ["MAJOR", "IMPORTANT", "GENERAL", "MINOR"];

/** The ticket's allowed actions, one form at a time; the API says which the caller may do now. */
export function TicketActions(props: { ticket: TicketDetailFragment; onConflict: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const allowed = OFFERED.filter((a) => props.ticket.allowedActions.includes(a));
  const [open, setOpen] = useState<TicketAction | null>(null);
  if (!allowed.length) return <p className="muted">{t("ticket.noActions")}</p>;
  return (
    <div className="actions">
      <div className="actions__buttons" role="group" aria-label={t("ticket.actions")}>
        {allowed.map((a) => (
          <button
            key={a}
            type="button"
            className={`button${open === a ? " is-active" : ""}`}
            aria-expanded={open === a}
            aria-controls="ticket-action-form"
            onClick={() => setOpen(open === a ? null : a)}
            data-action={a}
          >
            {t(`enum.TicketAction.${a}`)}
          </button>
        ))}
      </div>
      {open && (
        <div id="ticket-action-form">
          <ActionForm
            key={`${open}-${props.ticket.version}`}
            action={open}
            ticket={props.ticket}
            onConflict={props.onConflict}
            onDone={() => {
              setOpen(null);
              props.onDone();
            }}
          />
        </div>
      )}
    </div>
  );
}

function ActionForm(props: { action: TicketAction; ticket: TicketDetailFragment; onConflict: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { viewer } = useSession();
  const { action, ticket } = props;
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const staff = useQuery(OFFICE_STAFF, { variables: { officeId: ticket.office.id }, skip: action !== "ASSIGN" });
  const [assign] = useMutation(M.ASSIGN);
  const [resolve] = useMutation(M.RESOLVE);
  const [close] = useMutation(M.CLOSE);
  const [resume] = useMutation(M.RESUME);
  const [pause] = useMutation(M.PAUSE);
  const [setClass] = useMutation(M.SET_CLASS);
  const [extend] = useMutation(M.EXTEND_DEADLINE);
  const client = useApolloClient();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? "").trim() || null;
    const base = { id: ticket.id };
    const expectedVersion = ticket.version;
    setErrors(NO_ERRORS);
    setBusy(true);
    try {
      switch (action) {
        case "ASSIGN":
          await assign({
            variables: {
              ...base,
              input: {
                assigneeId: value("assigneeId"),
                department: value("department"),
                instruction: value("instruction"),
                expectedVersion,
              },
            },
          });
          break;
        case "RESOLVE":
          await resolve({
            variables: {
              ...base,
              input: {
                resolution: String(form.get("resolution") ?? ""),
                followUpExemption: (value("followUpExemption") as FollowUpExemption | null) ?? null,
                exemptionNote: value("exemptionNote"),
                expectedVersion,
              },
            },
          });
          break;
        case "CLOSE":
          await close({ variables: { ...base, input: { expectedVersion } } });
          break;
        case "RESUME":
          await resume({ variables: { ...base, input: { expectedVersion } } });
          break;
        case "PAUSE":
          await pause({
            variables: { ...base, input: { reason: value("reason") as PauseReason, note: value("note"), expectedVersion } },
          });
          break;
        case "SET_CLASS":
          await setClass({
            variables: {
              ...base,
              input: {
                complaintClass: value("complaintClass") as ComplaintClass,
                reason: String(form.get("reason") ?? ""),
                expectedVersion,
              },
            },
          });
          break;
        case "EXTEND_DEADLINE":
          await extend({
            variables: {
              ...base,
              input: {
                resolveDueAt: wallTimeToIso(String(form.get("resolveDueAt") ?? ""), viewer.tenant.timeZone) ?? "",
                reason: String(form.get("reason") ?? ""),
                expectedVersion,
              },
            },
          });
          break;
        default: {
          const document = TEXT_ACTIONS[action as keyof typeof TEXT_ACTIONS];
          await client.mutate({
            mutation: document,
            variables: { ...base, input: { text: String(form.get("text") ?? ""), expectedVersion } },
          });
        }
      }
      props.onDone();
    } catch (error) {
      const result = formErrorsOf(error, FIELDS);
      if ([...result.form, ...Object.values(result.fields)].some((e) => e.code === "CONFLICT")) props.onConflict();
      setErrors(result);
    } finally {
      setBusy(false);
    }
  }

  const e = errors.fields;
  const textArea = (name: string, label: string, required = true) => (
    <Field label={label} error={e[name]} name={name}>
      {(c) => <textarea {...c} name={name} rows={3} required={required} maxLength={5000} />}
    </Field>
  );
  return (
    <form className="inline-form card" onSubmit={submit} noValidate aria-label={t(`enum.TicketAction.${action}`)}>
      <h3>{t(`enum.TicketAction.${action}`)}</h3>
      <FormAlert errors={errors.form} />
      {action === "ASSIGN" && (
        <>
          <Field label={t("ticket.form.assignee")} error={e.assigneeId} name="assigneeId">
            {(c) => (
              <select {...c} name="assigneeId" defaultValue={ticket.assignee?.id ?? ""}>
                <option value="">{t("ticket.form.chooseStaff")}</option>
                {staff.data?.staffMembers.nodes.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name} · {t(`enum.Role.${s.role}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t("ticket.form.department")} error={e.department} name="department">
            {(c) => <input {...c} name="department" defaultValue={ticket.department ?? ""} maxLength={50} />}
          </Field>
          {textArea("instruction", t("ticket.form.instruction"), false)}
        </>
      )}
      {action in TEXT_ACTIONS &&
        textArea(
          "text",
          action === "REPLY" ? t("ticket.form.reply") : action === "ADD_NOTE" ? t("ticket.form.note") : t("ticket.form.reason"),
        )}
      {action === "RESOLVE" && (
        <>
          {textArea("resolution", t("ticket.form.resolution"))}
          <Field label={t("ticket.form.exemption")} error={e.followUpExemption} name="followUpExemption">
            {(c) => (
              <select {...c} name="followUpExemption" defaultValue="">
                <option value="">{t("ticket.form.exemptionNone")}</option>
                {EXEMPTIONS.map((x) => (
                  <option key={x} value={x}>
                    {t(`enum.FollowUpExemption.${x}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t("ticket.form.exemptionNote")} error={e.exemptionNote} name="exemptionNote">
            {(c) => <input {...c} name="exemptionNote" maxLength={1000} />}
          </Field>
        </>
      )}
      {action === "PAUSE" && (
        <>
          <Field label={t("ticket.form.reason")} error={e.reason} name="reason">
            {(c) => (
              <select {...c} name="reason">
                {PAUSE_REASONS.map((x) => (
                  <option key={x} value={x}>
                    {t(`enum.PauseReason.${x}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t("ticket.form.note")} error={e.note} name="note">
            {(c) => <input {...c} name="note" maxLength={1000} />}
          </Field>
        </>
      )}
      {action === "SET_CLASS" && (
        <>
          <Field label={t("ticket.complaintClass")} error={e.complaintClass} name="complaintClass">
            {(c) => (
              <select {...c} name="complaintClass" defaultValue={ticket.complaintClass ?? "GENERAL"}>
                {CLASSES.map((x) => (
                  <option key={x} value={x}>
                    {t(`enum.ComplaintClass.${x}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {textArea("reason", t("ticket.form.reason"))}
        </>
      )}
      {action === "EXTEND_DEADLINE" && (
        <>
          <Field label={t("ticket.resolveDueAt")} error={e.resolveDueAt} name="resolveDueAt" hint={viewer.tenant.timeZone}>
            {(c) => <input {...c} type="datetime-local" name="resolveDueAt" required />}
          </Field>
          {textArea("reason", t("ticket.form.reason"))}
        </>
      )}
      <button type="submit" className="button button--primary" disabled={busy}>
        {t(`enum.TicketAction.${action}`)}
      </button>
    </form>
  );
}

const FIELDS = new Set([
  "assigneeId",
  "department",
  "instruction",
  "text",
  "resolution",
  "followUpExemption",
  "exemptionNote",
  "reason",
  "note",
  "complaintClass",
  "resolveDueAt",
]);
