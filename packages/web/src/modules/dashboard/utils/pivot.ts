/** Chart data: one point per month, one value per series (office), from flat report rows. */
export interface Series {
  key: string;
  name: string;
}

export function pivotByMonth<Row extends { month?: string | null; officeId?: string | null }>(
  rows: readonly Row[],
  value: (row: Row) => number | null | undefined,
): { months: string[]; points: Record<string, string | number | null>[] } {
  const months = [...new Set(rows.map((r) => r.month).filter((m): m is string => !!m))].sort();
  const points = months.map((month) => {
    const point: Record<string, string | number | null> = { month };
    for (const row of rows) {
      if (row.month === month) point[row.officeId ?? "total"] = value(row) ?? null;
    }
    return point;
  });
  return { months, points };
}

/** Rows keyed by office then by a second key, e.g. the competency indicator. */
export function pivotBy<Row>(
  rows: readonly Row[],
  rowKey: (row: Row) => string,
  seriesKey: (row: Row) => string,
  value: (row: Row) => number | null | undefined,
): Record<string, string | number | null>[] {
  const byKey = new Map<string, Record<string, string | number | null>>();
  for (const row of rows) {
    const key = rowKey(row);
    const point = byKey.get(key) ?? { key };
    point[seriesKey(row)] = value(row) ?? null;
    byKey.set(key, point);
  }
  return [...byKey.values()];
}
