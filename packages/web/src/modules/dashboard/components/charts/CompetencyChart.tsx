import { useQuery } from "@apollo/client/react";
import { useTranslation } from "react-i18next";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { QueryState } from "../../../../common/components/QueryState";
import { useFormat } from "../../../session/hooks/session";
import { COMPETENCY_TOP_FIVE } from "../../graphql/reports";
import type { Period } from "../../utils/period";
import { pivotBy } from "../../utils/pivot";
import { ChartFigure } from "./ChartFigure";
import { seriesColor } from "./palette";

/** The top-five competency indicators' scores (0–100), one bar per office. */
export function CompetencyChart(props: { period: Period; officeId?: string; offices: { id: string; name: string }[] }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const { data, loading, error } = useQuery(COMPETENCY_TOP_FIVE, {
    variables: { ...props.period, officeId: props.officeId ?? null, groupBy: ["OFFICE"] },
  });
  if (!data) return <QueryState loading={loading} error={error} />;
  const rows = data.competencyTopFiveReport;
  const name = (i: { nameZh: string; nameEn: string }) => (i18n.language === "en" ? i.nameEn : i.nameZh);
  const points = pivotBy(
    rows,
    (r) => name(r.indicator),
    (r) => r.officeId ?? "total",
    (r) => r.score,
  );
  const offices = props.offices.filter((o) => rows.some((r) => r.officeId === o.id));
  return (
    <ChartFigure
      testId="chart-competency"
      title={t("dashboard.competencyTitle")}
      filename={`competency-top-five_${props.period.from}_${props.period.to}.csv`}
      rows={rows}
      columns={[
        { header: t("dashboard.office"), value: (r) => r.office?.name ?? "" },
        { header: t("dashboard.indicator"), value: (r) => name(r.indicator) },
        { header: t("dashboard.score"), value: (r) => f.number(r.score, 1) },
        { header: t("dashboard.assessments"), value: (r) => r.assessments },
      ]}
      chart={
        <ResponsiveContainer width="100%" height={Math.max(260, points.length * (offices.length * 9 + 24) + 60)}>
          {/* Bars run sideways so the indicator names (long in English) read in full. */}
          <BarChart data={points} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" domain={[0, 100]} tick={{ fontSize: 12, fill: "#1f2937" }} />
            <YAxis
              type="category"
              dataKey="key"
              width={i18n.language === "en" ? 190 : 140}
              tick={{ fontSize: 12, fill: "#1f2937" }}
            />
            <Tooltip formatter={(v) => f.number(typeof v === "number" ? v : null, 1)} />
            <Legend />
            {offices.map((o, i) => (
              <Bar key={o.id} dataKey={o.id} name={o.name} fill={seriesColor(i)} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      }
    />
  );
}
