import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { CsvButton } from "../../../../common/components/CsvButton";
import { DataTable } from "../../../../common/components/DataTable";
import type { CsvColumn } from "../../../../common/csv";

/**
 * A chart with its title, and the same numbers as a table for those who would rather read them (and for
 * screen readers), exportable as CSV.
 */
export function ChartFigure<Row>(props: {
  title: string;
  chart: ReactNode;
  rows: readonly Row[];
  columns: readonly CsvColumn<Row>[];
  filename: string;
  tools?: ReactNode;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <figure className="chart-card" data-testid={props.testId}>
      <figcaption className="chart-card__head">
        <h2>{props.title}</h2>
        {props.tools}
      </figcaption>
      <div className="chart-card__chart">{props.chart}</div>
      <details className="chart-card__table">
        <summary>{t("dashboard.showTable")}</summary>
        <DataTable caption={props.title} rows={props.rows} columns={props.columns} compact />
        <CsvButton filename={props.filename} rows={props.rows} columns={props.columns} />
      </details>
    </figure>
  );
}
