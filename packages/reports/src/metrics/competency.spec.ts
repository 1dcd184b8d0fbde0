import { describe, expect, it } from "vitest";
import type { ReportQuery } from "../query";
import {
  compositeRows,
  indicatorCounts,
  indicatorScoreRows,
  staffIndicatorCounts,
  type AssessmentRow,
  type RatingRow,
} from "./competency";

const q = (office = false): ReportQuery => ({
  tenantId: "t",
  officeIds: null,
  period: { from: "2026-01-01", to: "2027-01-01", timeZone: "Asia/Shanghai" },
  groupBy: { office, month: false },
});
const model = [
  { code: "COMM", combinedWeight: 60 },
  { code: "SELF", combinedWeight: 40 },
];
const assessments: AssessmentRow[] = [
  { id: "a1", staffId: "s1", officeId: "A", periodStart: "2026-07-01" },
  { id: "a2", staffId: "s1", officeId: "A", periodStart: "2026-10-01" },
  { id: "a3", staffId: "s2", officeId: "A", periodStart: "2026-10-01" },
  { id: "a4", staffId: "s3", officeId: "B", periodStart: "2026-10-01" },
  { id: "a5", staffId: "s3", officeId: "B", periodStart: "2025-10-01" },
];
const r = (assessmentId: string, indicatorCode: string, rating: number): RatingRow => ({ assessmentId, indicatorCode, rating });
const ratings = [
  r("a1", "COMM", 3),
  r("a1", "SELF", 5),
  r("a2", "COMM", 5),
  r("a2", "SELF", 5),
  r("a3", "COMM", 5),
  r("a3", "SELF", 5),
  r("a4", "COMM", 1),
  r("a4", "SELF", 1),
  r("a5", "COMM", 5),
];

describe("competency scores", () => {
  it("scores each indicator as the mean rating on 0–100 with the number of assessments", () => {
    const rows = indicatorScoreRows(indicatorCounts(assessments, ratings, model, q()));
    expect(rows.map((x) => [x.indicatorCode, x.score, x.assessments])).toEqual([
      ["COMM", ((3 + 5 + 5 + 1) / 4 / 5) * 100, 4],
      ["SELF", ((5 + 5 + 5 + 1) / 4 / 5) * 100, 4],
    ]);
  });

  it("ranks staff by composite score (Σ weight × mean / 5), ties sharing a rank", () => {
    const rows = compositeRows(staffIndicatorCounts(assessments, ratings, q()), model, false);
    expect(rows.map((x) => [x.staffId, x.compositeScore, x.assessments, x.rank])).toEqual([
      ["s2", 100, 1, 1],
      ["s1", (60 * 4) / 5 + (40 * 5) / 5, 2, 2],
      ["s3", 20, 1, 3],
    ]);
    const tied = compositeRows(staffIndicatorCounts(assessments.slice(1, 3), ratings, q()), model, false);
    expect(tied.map((x) => x.rank)).toEqual([1, 1]);
  });

  it("ranks within each office when grouped by office", () => {
    expect(
      compositeRows(staffIndicatorCounts(assessments, ratings, q(true)), model, true).map((x) => [x.officeId, x.staffId, x.rank]),
    ).toEqual([
      ["A", "s2", 1],
      ["A", "s1", 2],
      ["B", "s3", 1],
    ]);
  });
});
