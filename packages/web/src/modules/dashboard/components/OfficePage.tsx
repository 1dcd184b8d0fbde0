import { useQuery } from "@apollo/client/react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { CsvButton } from "../../../common/components/CsvButton";
import { DataTable } from "../../../common/components/DataTable";
import { QueryState } from "../../../common/components/QueryState";
import type { CsvColumn } from "../../../common/csv";
import type { MonthlyTrendsQuery, OfficeDetailQuery } from "../../../gql/graphql";
import { useFormat } from "../../session/hooks/session";
import { MONTHLY_TRENDS, OFFICE_DETAIL } from "../graphql/reports";
import { usePeriod } from "../hooks/use-period";
import { CompetencyChart } from "./charts/CompetencyChart";
import { TrendChart } from "./charts/TrendChart";
import { PeriodPicker } from "./PeriodPicker";

interface MonthRow {
  month: string;
  satisfaction: number | null;
  followUp: number | null;
  collection: number | null;
  replySla: number | null;
  resolveSla: number | null;
}

function monthRows(data: MonthlyTrendsQuery): MonthRow[] {
  const rows = new Map<string, MonthRow>();
  const row = (month: string | null | undefined) => {
    const key = month ?? "";
    let r = rows.get(key);
    if (!r) {
      r = { month: key, satisfaction: null, followUp: null, collection: null, replySla: null, resolveSla: null };
      rows.set(key, r);
    }
    return r;
  };
  for (const r of data.satisfactionReport) row(r.month).satisfaction = r.satisfaction.value ?? null;
  for (const r of data.followUpReport) row(r.month).followUp = r.followUpRate.value ?? null;
  for (const r of data.collectionReport) row(r.month).collection = r.collectionRate.value ?? null;
  for (const r of data.slaReport) {
    row(r.month).replySla = r.replyCompliance.value ?? null;
    row(r.month).resolveSla = r.resolveCompliance.value ?? null;
  }
  return [...rows.values()].sort((a, b) => a.month.localeCompare(b.month));
}

/** Drill-down into one office: its months, complaints, competency and staff ranking. */
export default function OfficePage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { officeId = "" } = useParams();
  const [period, setPeriod] = usePeriod();
  const detail = useQuery(OFFICE_DETAIL, { variables: { officeId, ...period } });
  const trends = useQuery(MONTHLY_TRENDS, { variables: { ...period, officeId, groupBy: ["MONTH"] } });
  const office = detail.data?.office;
  const months = trends.data ? monthRows(trends.data) : [];
  const monthColumns: CsvColumn<MonthRow>[] = [
    { header: t("dashboard.month"), value: (r) => f.month(r.month) },
    { header: t("dashboard.satisfaction"), value: (r) => f.percent(r.satisfaction) },
    { header: t("dashboard.followUp"), value: (r) => f.percent(r.followUp) },
    { header: t("dashboard.collection"), value: (r) => f.percent(r.collection) },
    { header: t("dashboard.replySla"), value: (r) => f.percent(r.replySla) },
    { header: t("dashboard.resolveSla"), value: (r) => f.percent(r.resolveSla) },
  ];
  type Complaint = OfficeDetailQuery["complaintClassificationReport"][number];
  const complaintColumns: CsvColumn<Complaint>[] = [
    { header: t("office.class"), value: (r) => t(`enum.ComplaintClass.${r.complaintClass}`) },
    {
      header: t("office.validity"),
      value: (r) => (r.validity ? t(`enum.ComplaintValidity.${r.validity}`) : t("office.undecided")),
    },
    { header: t("office.channel"), value: (r) => t(`enum.Channel.${r.channel}`) },
    { header: t("ticket.severity"), value: (r) => (r.severity ? t(`enum.Severity.${r.severity}`) : "") },
    { header: t("office.count"), value: (r) => r.complaints },
    { header: t("office.complainants"), value: (r) => r.complainants },
  ];
  type Ranked = OfficeDetailQuery["staffCompositeRanking"][number];
  const rankingColumns: CsvColumn<Ranked>[] = [
    { header: t("office.rank"), value: (r) => r.rank },
    { header: t("office.staff"), value: (r) => r.staff.name },
    { header: t("office.role"), value: (r) => t(`enum.Role.${r.staff.role}`) },
    { header: t("office.composite"), value: (r) => f.number(r.compositeScore, 2) },
    { header: t("dashboard.assessments"), value: (r) => r.assessments },
  ];
  return (
    <section aria-labelledby="office-title" className="dashboard">
      <div className="page-head">
        <h1 id="office-title">{office?.name ?? t("app.loading")}</h1>
        <div className="page-head__tools">
          <Link className="button" to={`/board/${officeId}`}>
            {t("office.openBoard")}
          </Link>
        </div>
      </div>
      <PeriodPicker period={period} onChange={setPeriod} />
      <QueryState loading={detail.loading && !office} error={detail.error} />
      <Table title={t("office.monthly")} rows={months} columns={monthColumns} filename={`office_${office?.code}_months.csv`} />
      {office && (
        <div className="chart-grid">
          <TrendChart period={period} officeId={officeId} offices={[{ id: office.id, name: office.name }]} />
          <CompetencyChart period={period} officeId={officeId} offices={[{ id: office.id, name: office.name }]} />
        </div>
      )}
      {detail.data && (
        <>
          <Table
            title={t("office.complaintsTitle")}
            rows={detail.data.complaintClassificationReport}
            columns={complaintColumns}
            filename={`office_${office?.code}_complaints.csv`}
          />
          <Table
            title={t("office.rankingTitle")}
            rows={detail.data.staffCompositeRanking}
            columns={rankingColumns}
            filename={`office_${office?.code}_ranking.csv`}
          />
        </>
      )}
    </section>
  );
}

function Table<Row>(props: { title: string; rows: readonly Row[]; columns: readonly CsvColumn<Row>[]; filename: string }) {
  return (
    <div className="table-card">
      <div className="table-card__tools">
        <h2>{props.title}</h2>
        <CsvButton filename={props.filename} rows={props.rows} columns={props.columns} />
      </div>
      <DataTable caption={props.title} rows={props.rows} columns={props.columns} />
    </div>
  );
}
