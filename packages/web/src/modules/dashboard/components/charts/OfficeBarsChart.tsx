import { useTranslation } from "react-i18next";
import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { OfficeComparisonQuery } from "../../../../gql/graphql";
import { useFormat } from "../../../session/hooks/session";
import { ChartFigure } from "./ChartFigure";
import { seriesColor } from "./palette";

type Comparison = OfficeComparisonQuery["officeComparison"];

/** Satisfaction and collection per office against their targets. */
export function OfficeBarsChart({ comparison }: { comparison: Comparison }) {
  const { t } = useTranslation();
  const f = useFormat();
  const rows = comparison.rows.map((r) => ({
    office: r.office?.name ?? "",
    satisfaction: r.satisfaction.value ?? null,
    collection: r.collectionRate.value ?? null,
  }));
  const pct = (v: unknown) => f.percent(typeof v === "number" ? v : null, 0);
  return (
    <ChartFigure
      testId="chart-office-bars"
      title={t("dashboard.barsTitle")}
      filename={`offices_${comparison.from}_${comparison.to}.csv`}
      rows={rows}
      columns={[
        { header: t("dashboard.office"), value: (r) => r.office },
        { header: t("dashboard.satisfaction"), value: (r) => f.percent(r.satisfaction) },
        { header: t("dashboard.collection"), value: (r) => f.percent(r.collection) },
      ]}
      chart={
        <ResponsiveContainer width="100%" height={300}>
          <BarChart data={rows} margin={{ top: 16, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="office" tick={{ fontSize: 12, fill: "#1f2937" }} interval={0} />
            <YAxis domain={[0.5, 1]} tickFormatter={pct} tick={{ fontSize: 12, fill: "#1f2937" }} allowDataOverflow />
            <Tooltip formatter={(v) => pct(v)} />
            <Legend />
            <ReferenceLine
              y={comparison.targets.satisfaction}
              stroke={seriesColor(0)}
              strokeDasharray="6 3"
              label={{
                value: `${t("dashboard.target")} ${pct(comparison.targets.satisfaction)}`,
                fill: "#1f2937",
                fontSize: 11,
                position: "insideTopLeft",
              }}
            />
            <ReferenceLine y={comparison.targets.collection} stroke={seriesColor(1)} strokeDasharray="2 2" />
            <Bar dataKey="satisfaction" name={t("dashboard.satisfaction")} fill={seriesColor(0)} isAnimationActive={false} />
            <Bar dataKey="collection" name={t("dashboard.collection")} fill={seriesColor(1)} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      }
    />
  );
}
