import { useEffect, useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { todayIn } from "../../../common/format";
import { useSession } from "../../session/hooks/session";
import { inclusiveEnd, periodFromInclusive, presetPeriod, PRESETS, type Period } from "../utils/period";

export function PeriodPicker(props: { period: Period; onChange: (p: Period) => void }) {
  const { t } = useTranslation();
  const { viewer } = useSession();
  const id = useId();
  const today = todayIn(viewer.tenant.timeZone);
  const [from, setFrom] = useState(props.period.from);
  const [to, setTo] = useState(inclusiveEnd(props.period));
  useEffect(() => {
    setFrom(props.period.from);
    setTo(inclusiveEnd(props.period));
  }, [props.period]);
  const active = PRESETS.find((p) => {
    const preset = presetPeriod(p, today);
    return preset.from === props.period.from && preset.to === props.period.to;
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const period = periodFromInclusive(from, to);
    if (period) props.onChange(period);
  }

  return (
    <form className="period-picker" onSubmit={submit} aria-label={t("dashboard.period")}>
      <div className="period-picker__presets" role="group" aria-label={t("dashboard.period")}>
        {PRESETS.map((p) => (
          <button
            key={p}
            type="button"
            className={`button button--chip${active === p ? " is-active" : ""}`}
            aria-pressed={active === p}
            onClick={() => props.onChange(presetPeriod(p, today))}
          >
            {t(`dashboard.presets.${p}`)}
          </button>
        ))}
      </div>
      <div className="inline-field">
        <label htmlFor={`${id}-from`}>{t("dashboard.from")}</label>
        <input id={`${id}-from`} type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} required />
      </div>
      <div className="inline-field">
        <label htmlFor={`${id}-to`}>{t("dashboard.to")}</label>
        <input id={`${id}-to`} type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} required />
      </div>
      <button type="submit" className="button">
        {t("dashboard.apply")}
      </button>
    </form>
  );
}
