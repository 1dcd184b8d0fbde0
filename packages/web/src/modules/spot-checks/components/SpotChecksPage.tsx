import { useMutation, useQuery } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formErrorsOf, NO_ERRORS, type FormErrors } from "../../../apollo/form-errors";
import { Field } from "../../../common/components/Field";
import { FormAlert } from "../../../common/components/FormErrors";
import { QueryState } from "../../../common/components/QueryState";
import { todayIn, wallTimeToIso } from "../../../common/format";
import type { SpotCheckSampler } from "../../../gql/graphql";
import { presetPeriod, periodFromInclusive, inclusiveEnd } from "../../dashboard/utils/period";
import { useFormat, useSession } from "../../session/hooks/session";
import { DRAW_SAMPLE, PENDING_SPOT_CHECKS } from "../graphql/spot-checks";
import { SpotCheckForm } from "./SpotCheckForm";

const SAMPLERS: SpotCheckSampler[] = ["HEAD_OFFICE_MANAGEMENT", "GENERAL_OFFICE"];

/** Head office: draw a sample of the period's followed-up requests and record a check of each. */
export function SpotChecksPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { viewer } = useSession();
  const zone = viewer.tenant.timeZone;
  const lastMonth = presetPeriod("lastMonth", todayIn(zone));
  const [sampler, setSampler] = useState<SpotCheckSampler>("HEAD_OFFICE_MANAGEMENT");
  const [from, setFrom] = useState(lastMonth.from);
  const [to, setTo] = useState(inclusiveEnd(lastMonth));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [drawn, setDrawn] = useState<string | null>(null);
  const pending = useQuery(PENDING_SPOT_CHECKS, { variables: { first: 50 }, fetchPolicy: "cache-and-network" });
  const [draw, { loading }] = useMutation(DRAW_SAMPLE);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setErrors(NO_ERRORS);
    setDrawn(null);
    const period = periodFromInclusive(from, to);
    if (!period) {
      setErrors({ fields: { to: { message: "", reason: "VALIDATION_FAILED" } }, form: [] });
      return;
    }
    try {
      const { data } = await draw({
        variables: {
          input: { sampler, from: wallTimeToIso(`${period.from}T00:00`, zone)!, to: wallTimeToIso(`${period.to}T00:00`, zone)! },
        },
      });
      if (data)
        setDrawn(
          t("spotChecks.drawn", { size: data.drawSpotCheckSample.sampleSize, population: data.drawSpotCheckSample.population }),
        );
      await pending.refetch();
    } catch (error) {
      setErrors(formErrorsOf(error, new Set(["sampler", "from", "to"])));
    }
  }

  const checks = pending.data?.spotChecks.nodes ?? [];
  return (
    <section aria-labelledby="spot-title">
      <h1 id="spot-title">{t("spotChecks.title")}</h1>
      <form className="card form form--inline" onSubmit={submit} aria-label={t("spotChecks.draw")}>
        <h2>{t("spotChecks.draw")}</h2>
        <FormAlert errors={errors.form} />
        <div className="field-row">
          <Field label={t("spotChecks.sampler")} error={errors.fields.sampler}>
            {(c) => (
              <select {...c} value={sampler} onChange={(e) => setSampler(e.target.value as SpotCheckSampler)}>
                {SAMPLERS.map((s) => (
                  <option key={s} value={s}>
                    {t(`enum.SpotCheckSampler.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t("spotChecks.from")} error={errors.fields.from}>
            {(c) => <input {...c} type="date" value={from} onChange={(e) => setFrom(e.target.value)} required />}
          </Field>
          <Field label={t("spotChecks.to")} error={errors.fields.to}>
            {(c) => <input {...c} type="date" value={to} onChange={(e) => setTo(e.target.value)} required />}
          </Field>
        </div>
        <button type="submit" className="button button--primary" disabled={loading}>
          {t("spotChecks.drawSubmit")}
        </button>
        {drawn && (
          <p role="status" className="notice">
            {drawn}
          </p>
        )}
      </form>
      <h2>
        {t("spotChecks.pending")} ({pending.data?.spotChecks.totalCount ?? "…"})
      </h2>
      <QueryState loading={pending.loading && !pending.data} error={pending.error} />
      {pending.data && checks.length === 0 && <p>{t("spotChecks.none")}</p>}
      <ul className="spot-checks">
        {checks.map((check) => (
          <li key={check.id} className="card">
            <p>
              <Link to={`/tickets/${check.ticket.id}`}>{check.ticket.number}</Link> · {check.office.name} ·{" "}
              {t(`enum.TicketType.${check.ticket.type}`)}
            </p>
            <p className="cell-clamp">{check.ticket.content}</p>
            <p className="muted">
              {t("spotChecks.followedUpAt")}: {f.dateTime(check.followedUpAt)} · {t("spotChecks.officeRecord")}:{" "}
              {check.followUp.satisfaction ? t(`enum.Satisfaction.${check.followUp.satisfaction}`) : "—"}
            </p>
            <SpotCheckForm spotCheckId={check.id} onDone={() => void pending.refetch()} />
          </li>
        ))}
      </ul>
    </section>
  );
}
