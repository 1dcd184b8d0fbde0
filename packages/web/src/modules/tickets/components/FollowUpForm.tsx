import { useMutation } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { formErrorsOf, NO_ERRORS, type FormErrors } from "../../../apollo/form-errors";
import { Field } from "../../../common/components/Field";
import { FormAlert } from "../../../common/components/FormErrors";
import type { FollowUpMethod, FollowUpOutcome, Satisfaction } from "../../../gql/graphql";
import { SATISFACTIONS } from "../../spot-checks/components/SpotCheckForm";
import { RECORD_FOLLOW_UP } from "../graphql/actions";

const METHODS: FollowUpMethod[] = ["PHONE", "HOME_VISIT", "ONLINE"];
const OUTCOMES: FollowUpOutcome[] = ["REACHED", "NO_ANSWER", "REFUSED"];

/** 回访: one attempt; reaching the customer records satisfaction (dissatisfied reopens the request). */
export function FollowUpForm(props: { followUpId: string; version: number; onDone: () => void }) {
  const { t } = useTranslation();
  const [method, setMethod] = useState<FollowUpMethod>("PHONE");
  const [outcome, setOutcome] = useState<FollowUpOutcome>("REACHED");
  const [satisfaction, setSatisfaction] = useState<Satisfaction>("SATISFIED");
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [record, { loading }] = useMutation(RECORD_FOLLOW_UP);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const comment = String(new FormData(event.currentTarget).get("comment") ?? "").trim() || null;
    setErrors(NO_ERRORS);
    try {
      await record({
        variables: {
          id: props.followUpId,
          input: {
            method,
            outcome,
            satisfaction: outcome === "REACHED" ? satisfaction : null,
            comment,
            expectedVersion: props.version,
          },
        },
      });
      props.onDone();
    } catch (error) {
      setErrors(formErrorsOf(error, new Set(["method", "outcome", "satisfaction", "comment"])));
    }
  }
  const e = errors.fields;
  return (
    <form className="inline-form" onSubmit={submit} aria-label={t("ticket.followUp.record")}>
      <FormAlert errors={errors.form} />
      <div className="field-row">
        <Field label={t("ticket.followUp.method")} error={e.method}>
          {(c) => (
            <select {...c} value={method} onChange={(ev) => setMethod(ev.target.value as FollowUpMethod)}>
              {METHODS.map((m) => (
                <option key={m} value={m}>
                  {t(`enum.FollowUpMethod.${m}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t("ticket.followUp.outcome")} error={e.outcome}>
          {(c) => (
            <select {...c} value={outcome} onChange={(ev) => setOutcome(ev.target.value as FollowUpOutcome)}>
              {OUTCOMES.map((m) => (
                <option key={m} value={m}>
                  {t(`enum.FollowUpOutcome.${m}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {outcome === "REACHED" && (
          <Field label={t("ticket.followUp.satisfaction")} error={e.satisfaction}>
            {(c) => (
              <select {...c} value={satisfaction} onChange={(ev) => setSatisfaction(ev.target.value as Satisfaction)}>
                {SATISFACTIONS.map((s) => (
                  <option key={s} value={s}>
                    {t(`enum.Satisfaction.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
      </div>
      <Field label={t("ticket.followUp.comment")} error={e.comment}>
        {(c) => <input {...c} name="comment" maxLength={1000} />}
      </Field>
      <button type="submit" className="button button--primary" disabled={loading}>
        {t("ticket.followUp.record")}
      </button>
    </form>
  );
}
