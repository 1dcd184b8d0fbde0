import Papa from "papaparse";

export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => string | number | null | undefined;
}

/** CSV text of a table as shown (headers in the console's language), with a BOM so spreadsheet apps read UTF-8. */
export function toCsv<Row>(rows: readonly Row[], columns: readonly CsvColumn<Row>[]): string {
  const data = rows.map((row) => columns.map((c) => c.value(row) ?? ""));
  return "\uFEFF" + Papa.unparse({ fields: columns.map((c) => c.header), data }, { newline: "\r\n" });
}

/** Offers the text as a file download. */
export function downloadCsv(filename: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
