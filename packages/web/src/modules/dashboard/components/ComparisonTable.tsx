import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { CsvButton } from "../../../common/components/CsvButton";
import type { ComparisonRowFragment, OfficeComparisonQuery, TargetedMetric } from "../../../gql/graphql";
import { useFormat } from "../../session/hooks/session";
import { inclusiveEnd } from "../utils/period";

type Comparison = OfficeComparisonQuery["officeComparison"];

interface Column {
  key: string;
  label: string;
  value: (row: ComparisonRowFragment) => number | null;
  kind: "rate" | "count" | "decimal";
  target?: TargetedMetric;
  /** For sorting: true when a higher value is worse (overdue, complaints). */
  lowerIsBetter?: boolean;
}

type Sort = { key: string; direction: "ascending" | "descending" };

/** The office comparison: sortable, offices below a target marked in words and colour, exportable. */
export function ComparisonTable({ comparison }: { comparison: Comparison }) {
  const { t } = useTranslation();
  const f = useFormat();
  const location = useLocation();
  const [sort, setSort] = useState<Sort>({ key: "office", direction: "ascending" });
  const columns: Column[] = useMemo(
    () => [
      {
        key: "satisfaction",
        label: t("dashboard.satisfaction"),
        value: (r) => r.satisfaction.value ?? null,
        kind: "rate",
        target: "SATISFACTION",
      },
      { key: "followUp", label: t("dashboard.followUp"), value: (r) => r.followUpRate.value ?? null, kind: "rate" },
      {
        key: "collection",
        label: t("dashboard.collection"),
        value: (r) => r.collectionRate.value ?? null,
        kind: "rate",
        target: "COLLECTION",
      },
      { key: "replySla", label: t("dashboard.replySla"), value: (r) => r.replyCompliance.value ?? null, kind: "rate" },
      { key: "resolveSla", label: t("dashboard.resolveSla"), value: (r) => r.resolveCompliance.value ?? null, kind: "rate" },
      { key: "overdueNow", label: t("dashboard.overdueNow"), value: (r) => r.overdueNow, kind: "count", lowerIsBetter: true },
      { key: "complaints", label: t("dashboard.complaints"), value: (r) => r.complaints, kind: "count", lowerIsBetter: true },
      {
        key: "complaintsPer100",
        label: t("dashboard.complaintsPer100"),
        value: (r) => r.complaintsPer100Units ?? null,
        kind: "decimal",
        lowerIsBetter: true,
      },
      {
        key: "spotCheckDisagreement",
        label: t("dashboard.spotCheckDisagreement"),
        value: (r) => r.spotCheckDisagreement.value ?? null,
        kind: "rate",
        lowerIsBetter: true,
      },
    ],
    [t],
  );
  const targets: Record<TargetedMetric, number> = {
    SATISFACTION: comparison.targets.satisfaction,
    COLLECTION: comparison.targets.collection,
  };

  const rows = useMemo(() => {
    const sorted = [...comparison.rows];
    const column = columns.find((c) => c.key === sort.key);
    const sign = sort.direction === "ascending" ? 1 : -1;
    sorted.sort((a, b) => {
      if (!column) return sign * (a.office?.name ?? "").localeCompare(b.office?.name ?? "", "zh-CN");
      const va = column.value(a);
      const vb = column.value(b);
      // Rows without a value go last either way.
      if (va === null) return vb === null ? 0 : 1;
      if (vb === null) return -1;
      return sign * (va - vb);
    });
    return sorted;
  }, [comparison.rows, columns, sort]);

  const show = (column: Column, row: ComparisonRowFragment) => {
    const v = column.value(row);
    return column.kind === "rate" ? f.percent(v) : f.number(v, column.kind === "decimal" ? 2 : 0);
  };
  const toggle = (key: string) =>
    setSort((s) =>
      s.key === key
        ? { key, direction: s.direction === "ascending" ? "descending" : "ascending" }
        : { key, direction: "ascending" },
    );
  const header = (key: string, label: string) => (
    <th scope="col" aria-sort={sort.key === key ? sort.direction : "none"} key={key}>
      <button type="button" className="sort-button" onClick={() => toggle(key)}>
        {label}
        <span aria-hidden="true" className="sort-button__arrow">
          {sort.key === key ? (sort.direction === "ascending" ? "▲" : "▼") : "↕"}
        </span>
      </button>
    </th>
  );
  const caption = t("dashboard.tableCaption", {
    from: f.date(comparison.from),
    to: f.date(inclusiveEnd({ from: comparison.from, to: comparison.to })),
    zone: comparison.timeZone,
  });

  return (
    <div className="table-card">
      <div className="table-card__tools">
        <p className="muted">
          {t("dashboard.targets", {
            satisfaction: f.percent(comparison.targets.satisfaction, 0),
            collection: f.percent(comparison.targets.collection, 0),
          })}
        </p>
        <CsvButton
          filename={`office-comparison_${comparison.from}_${comparison.to}.csv`}
          rows={[...rows, comparison.total]}
          columns={[
            { header: t("dashboard.office"), value: (r) => r.office?.name ?? t("dashboard.total") },
            ...columns.map((c) => ({ header: c.label, value: (r: ComparisonRowFragment) => c.value(r) })),
            { header: t("dashboard.belowTarget"), value: (r) => r.belowTarget.join(" ") },
          ]}
        />
      </div>
      <div className="table-scroll">
        <table className="data-table" data-testid="comparison-table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              {header("office", t("dashboard.office"))}
              {columns.map((c) => header(c.key, c.label))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.officeId ?? "total"} className={row.belowTarget.length ? "is-below-target" : undefined}>
                <th scope="row">
                  {row.office ? (
                    <Link
                      to={{ pathname: `/offices/${row.office.id}`, search: location.search }}
                      aria-label={t("dashboard.drillDown", { office: row.office.name })}
                    >
                      {row.office.name}
                    </Link>
                  ) : (
                    t("dashboard.total")
                  )}
                </th>
                {columns.map((c) => {
                  const below = c.target && row.belowTarget.includes(c.target);
                  return (
                    <td key={c.key} className={`num${below ? " is-below" : ""}`} data-metric={c.key}>
                      {show(c, row)}
                      {below && (
                        <span
                          className="below-badge"
                          title={t("dashboard.belowTargetOf", { target: f.percent(targets[c.target!], 0) })}
                        >
                          {" "}
                          ▼ {t("dashboard.belowTarget")}
                        </span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("dashboard.total")}</th>
              {columns.map((c) => (
                <td key={c.key} className="num">
                  {show(c, comparison.total)}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
    </div>
  );
}
