import { useQuery } from "@apollo/client/react";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { QueryState } from "../../../../common/components/QueryState";
import type { MonthlyTrendsQuery } from "../../../../gql/graphql";
import { useFormat } from "../../../session/hooks/session";
import { MONTHLY_TRENDS } from "../../graphql/reports";
import type { Period } from "../../utils/period";
import { pivotByMonth } from "../../utils/pivot";
import { ChartFigure } from "./ChartFigure";
import { seriesColor } from "./palette";

const METRICS = ["satisfaction", "followUp", "collection", "replySla", "resolveSla"] as const;
type Metric = (typeof METRICS)[number];

type Row = { month?: string | null; officeId?: string | null; value: number | null };

function rowsOf(data: MonthlyTrendsQuery, metric: Metric): Row[] {
  switch (metric) {
    case "satisfaction":
      return data.satisfactionReport.map((r) => ({ month: r.month, officeId: r.officeId, value: r.satisfaction.value ?? null }));
    case "followUp":
      return data.followUpReport.map((r) => ({ month: r.month, officeId: r.officeId, value: r.followUpRate.value ?? null }));
    case "collection":
      return data.collectionReport.map((r) => ({ month: r.month, officeId: r.officeId, value: r.collectionRate.value ?? null }));
    case "replySla":
      return data.slaReport.map((r) => ({ month: r.month, officeId: r.officeId, value: r.replyCompliance.value ?? null }));
    case "resolveSla":
      return data.slaReport.map((r) => ({ month: r.month, officeId: r.officeId, value: r.resolveCompliance.value ?? null }));
  }
}

/** A metric month by month: one line per office (or one for the office being looked at). */
export function TrendChart(props: { period: Period; officeId?: string; offices: { id: string; name: string }[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const id = useId();
  const [metric, setMetric] = useState<Metric>("satisfaction");
  const { data, loading, error } = useQuery(MONTHLY_TRENDS, {
    variables: { ...props.period, officeId: props.officeId ?? null, groupBy: ["OFFICE", "MONTH"] },
  });
  if (!data) return <QueryState loading={loading} error={error} />;
  const rows = rowsOf(data, metric);
  const { points } = pivotByMonth(rows, (r) => r.value);
  const offices = props.offices.filter((o) => rows.some((r) => r.officeId === o.id));
  const pct = (v: unknown) => f.percent(typeof v === "number" ? v : null, 0);
  return (
    <ChartFigure
      testId="chart-trend"
      title={`${t("dashboard.trendTitle")} · ${t(`dashboard.${metric}`)}`}
      filename={`trend_${metric}_${props.period.from}_${props.period.to}.csv`}
      tools={
        <div className="inline-field">
          <label htmlFor={id}>{t("dashboard.trendMetric")}</label>
          <select id={id} value={metric} onChange={(e) => setMetric(e.target.value as Metric)}>
            {METRICS.map((m) => (
              <option key={m} value={m}>
                {t(`dashboard.${m}`)}
              </option>
            ))}
          </select>
        </div>
      }
      rows={points}
      columns={[
        { header: t("dashboard.month"), value: (p) => f.month(String(p.month)) },
        ...offices.map((o) => ({
          header: o.name,
          value: (p: Record<string, string | number | null>) => f.percent(p[o.id] as number | null),
        })),
      ]}
      chart={
        <ResponsiveContainer width="100%" height={300}>
          <LineChart data={points} margin={{ top: 16, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="month" tickFormatter={(m) => f.month(String(m))} tick={{ fontSize: 12, fill: "#1f2937" }} />
            <YAxis
              tickFormatter={pct}
              domain={[(min: number) => Math.max(0, Math.floor(min * 10) / 10), 1]}
              tick={{ fontSize: 12, fill: "#1f2937" }}
            />
            <Tooltip formatter={(v) => pct(v)} labelFormatter={(m) => f.month(String(m))} />
            <Legend />
            {offices.map((o, i) => (
              <Line
                key={o.id}
                type="linear"
                dataKey={o.id}
                name={o.name}
                stroke={seriesColor(i)}
                strokeWidth={2}
                dot={{ r: 3 }}
                connectNulls
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      }
    />
  );
}
