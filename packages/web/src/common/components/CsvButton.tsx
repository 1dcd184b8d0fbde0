import { useTranslation } from "react-i18next";
import { downloadCsv, toCsv, type CsvColumn } from "../csv";

/** Exports a table's rows as CSV. */
export function CsvButton<Row>(props: {
  filename: string;
  rows: readonly Row[];
  columns: readonly CsvColumn<Row>[];
  label?: string;
}) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="button"
      onClick={() => downloadCsv(props.filename, toCsv(props.rows, props.columns))}
      disabled={!props.rows.length}
    >
      {props.label ?? t("dashboard.exportCsv")}
    </button>
  );
}
