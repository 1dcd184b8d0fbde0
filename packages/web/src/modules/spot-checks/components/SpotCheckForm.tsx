import { useMutation } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { formErrorsOf, NO_ERRORS, type FormErrors } from "../../../apollo/form-errors";
import { Field } from "../../../common/components/Field";
import { FormAlert } from "../../../common/components/FormErrors";
import type { Satisfaction } from "../../../gql/graphql";
import { RECORD_SPOT_CHECK } from "../graphql/spot-checks";

export const SATISFACTIONS: Satisfaction[] = ["VERY_SATISFIED", "SATISFIED", "NEUTRAL", "DISSATISFIED", "VERY_DISSATISFIED"];

/** The head office's own rating of a followed-up request. */
export function SpotCheckForm(props: { spotCheckId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [satisfaction, setSatisfaction] = useState<Satisfaction>("SATISFIED");
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [record, { loading }] = useMutation(RECORD_SPOT_CHECK);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const comment = String(new FormData(event.currentTarget).get("comment") ?? "").trim() || null;
    setErrors(NO_ERRORS);
    try {
      await record({ variables: { id: props.spotCheckId, input: { satisfaction, comment } } });
      props.onDone();
    } catch (error) {
      setErrors(formErrorsOf(error, new Set(["satisfaction", "comment"])));
    }
  }
  return (
    <form className="inline-form" onSubmit={submit}>
      <FormAlert errors={errors.form} />
      <Field label={t("ticket.followUp.satisfaction")} error={errors.fields.satisfaction}>
        {(c) => (
          <select {...c} value={satisfaction} onChange={(e) => setSatisfaction(e.target.value as Satisfaction)}>
            {SATISFACTIONS.map((s) => (
              <option key={s} value={s}>
                {t(`enum.Satisfaction.${s}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t("ticket.followUp.comment")} error={errors.fields.comment}>
        {(c) => <input {...c} name="comment" maxLength={1000} />}
      </Field>
      <button type="submit" className="button button--primary" disabled={loading}>
        {t("spotChecks.record")}
      </button>
    </form>
  );
}
