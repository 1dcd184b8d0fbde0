import type { CsvColumn } from "../csv";

/** A plain table of rows by the same column definitions the CSV export uses (so both always agree). */
export function DataTable<Row>(props: {
  caption: string;
  rows: readonly Row[];
  columns: readonly CsvColumn<Row>[];
  compact?: boolean;
}) {
  return (
    <div className="table-scroll">
      <table className={`data-table${props.compact ? " data-table--compact" : ""}`}>
        <caption className="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th key={c.header} scope="col">
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row, i) => (
            <tr key={i}>
              {props.columns.map((c) => (
                <td key={c.header}>{c.value(row) ?? "—"}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
