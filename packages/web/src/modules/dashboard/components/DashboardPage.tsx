import { useQuery } from "@apollo/client/react";
import { useTranslation } from "react-i18next";
import { QueryState } from "../../../common/components/QueryState";
import { OFFICE_COMPARISON } from "../graphql/reports";
import { usePeriod } from "../hooks/use-period";
import { CompetencyChart } from "./charts/CompetencyChart";
import { OfficeBarsChart } from "./charts/OfficeBarsChart";
import { TrendChart } from "./charts/TrendChart";
import { ComparisonTable } from "./ComparisonTable";
import { PeriodPicker } from "./PeriodPicker";

/** The head office's dashboard: every office side by side for a period, with charts. */
export default function DashboardPage() {
  const { t } = useTranslation();
  const [period, setPeriod] = usePeriod();
  const { data, loading, error, refetch } = useQuery(OFFICE_COMPARISON, { variables: period });
  const comparison = data?.officeComparison;
  const offices = (comparison?.rows ?? []).flatMap((r) => (r.office ? [{ id: r.office.id, name: r.office.name }] : []));
  return (
    <section aria-labelledby="dashboard-title" className="dashboard">
      <div className="page-head">
        <h1 id="dashboard-title">{t("dashboard.title")}</h1>
        <PeriodPicker period={period} onChange={setPeriod} />
      </div>
      <QueryState loading={loading && !comparison} error={error} onRetry={() => void refetch()} />
      {comparison && (
        <>
          <ComparisonTable comparison={comparison} />
          <div className="chart-grid">
            <OfficeBarsChart comparison={comparison} />
            <TrendChart period={period} offices={offices} />
            <CompetencyChart period={period} offices={offices} />
          </div>
        </>
      )}
    </section>
  );
}
