import { dateInPeriod, monthOfDate } from "../period";
import { compareKeys, inScope, keyOf, type GroupKey, type ReportQuery } from "../query";

/** An indicator of the group's model and its combined weight (percent; all add up to 100). */
export interface WeightedIndicator {
  code: string;
  combinedWeight: number;
}

export interface AssessmentRow {
  id: string;
  staffId: string;
  /** The staff member's office when assessed. */
  officeId: string;
  /** First day of the period assessed; the assessment counts in the report period containing it. */
  periodStart: string;
}

export interface RatingRow {
  assessmentId: string;
  indicatorCode: string;
  /** 1–5. */
  rating: number;
}

/** Sum and count of ratings of one indicator in one group (mean = sum / count). */
export interface IndicatorCounts extends GroupKey {
  indicatorCode: string;
  ratingSum: number;
  ratings: number;
  assessments: number;
}

export interface IndicatorScoreRow extends IndicatorCounts {
  /** Mean rating on 0–100 (mean / 5 × 100); null without ratings. */
  score: number | null;
}

const str = (v: string | null) => v ?? "";

function inQuery(a: AssessmentRow, q: ReportQuery): boolean {
  return inScope(q, a.officeId) && dateInPeriod(a.periodStart, q.period);
}

/** Ratings of the given indicators (the model's top five) per group, from assessments in the period. */
export function indicatorCounts(
  assessments: AssessmentRow[],
  ratings: RatingRow[],
  indicators: readonly WeightedIndicator[],
  q: ReportQuery,
): IndicatorCounts[] {
  const byId = new Map(assessments.filter((a) => inQuery(a, q)).map((a) => [a.id, a]));
  const codes = new Set(indicators.map((i) => i.code));
  const groups = new Map<string, IndicatorCounts & { ids: Set<string> }>();
  for (const r of ratings) {
    const a = byId.get(r.assessmentId);
    if (!a || !codes.has(r.indicatorCode)) continue;
    const key = keyOf(q.groupBy, a.officeId, monthOfDate(a.periodStart));
    const k = `${str(key.officeId)}|${str(key.month)}|${r.indicatorCode}`;
    const g = groups.get(k) ?? {
      ...key,
      indicatorCode: r.indicatorCode,
      ratingSum: 0,
      ratings: 0,
      assessments: 0,
      ids: new Set<string>(),
    };
    g.ratingSum += r.rating;
    g.ratings += 1;
    g.ids.add(a.id);
    g.assessments = g.ids.size;
    groups.set(k, g);
  }
  return [...groups.values()].map(({ ids: _ids, ...g }) => g).sort(compareIndicatorCounts);
}

export const compareIndicatorCounts = (a: IndicatorCounts, b: IndicatorCounts): number =>
  compareKeys(a, b) || (a.indicatorCode < b.indicatorCode ? -1 : a.indicatorCode > b.indicatorCode ? 1 : 0);

export const indicatorScoreRows = (counts: IndicatorCounts[]): IndicatorScoreRow[] =>
  counts.map((c) => ({ ...c, score: c.ratings ? (c.ratingSum / c.ratings / 5) * 100 : null }));

/** Sum and count of one staff member's ratings of one indicator in the period. */
export interface StaffIndicatorCounts {
  staffId: string;
  /** The office of the staff member's latest assessment in the period. */
  officeId: string;
  indicatorCode: string;
  ratingSum: number;
  ratings: number;
}

export interface StaffAssessmentCounts {
  staffId: string;
  officeId: string;
  assessments: number;
}

/** Per staff member and indicator, the ratings from assessments in the period (the composite's inputs). */
export function staffIndicatorCounts(
  assessments: AssessmentRow[],
  ratings: RatingRow[],
  q: ReportQuery,
): { indicators: StaffIndicatorCounts[]; staff: StaffAssessmentCounts[] } {
  const inPeriod = assessments.filter((a) => inQuery(a, q));
  const latest = new Map<string, AssessmentRow>();
  for (const a of inPeriod) {
    const seen = latest.get(a.staffId);
    if (!seen || a.periodStart > seen.periodStart || (a.periodStart === seen.periodStart && a.id > seen.id))
      latest.set(a.staffId, a);
  }
  const byId = new Map(inPeriod.map((a) => [a.id, a]));
  const groups = new Map<string, StaffIndicatorCounts>();
  for (const r of ratings) {
    const a = byId.get(r.assessmentId);
    if (!a) continue;
    const k = `${a.staffId}|${r.indicatorCode}`;
    const g = groups.get(k) ?? {
      staffId: a.staffId,
      officeId: latest.get(a.staffId)!.officeId,
      indicatorCode: r.indicatorCode,
      ratingSum: 0,
      ratings: 0,
    };
    g.ratingSum += r.rating;
    g.ratings += 1;
    groups.set(k, g);
  }
  const staff = new Map<string, StaffAssessmentCounts>();
  for (const a of inPeriod) {
    const s = staff.get(a.staffId) ?? { staffId: a.staffId, officeId: latest.get(a.staffId)!.officeId, assessments: 0 };
    s.assessments += 1;
    staff.set(a.staffId, s);
  }
  const byStaffThenCode = (x: StaffIndicatorCounts, y: StaffIndicatorCounts) =>
    x.staffId < y.staffId
      ? -1
      : x.staffId > y.staffId
        ? 1
        : x.indicatorCode < y.indicatorCode
          ? -1
          : x.indicatorCode > y.indicatorCode
            ? 1
            : 0;
  return {
    indicators: [...groups.values()].sort(byStaffThenCode),
    staff: [...staff.values()].sort((x, y) => (x.staffId < y.staffId ? -1 : x.staffId > y.staffId ? 1 : 0)),
  };
}

export interface CompositeRow {
  staffId: string;
  officeId: string;
  /** Σ combined weight × mean rating / 5 over the model's indicators (0–100). */
  compositeScore: number;
  assessments: number;
  /** 1 = best; equal scores share a rank (1, 2, 2, 4). Within the office when grouped by office. */
  rank: number;
}

/** The composite score of every staff member assessed in the period, ranked. */
export function compositeRows(
  counts: { indicators: StaffIndicatorCounts[]; staff: StaffAssessmentCounts[] },
  model: readonly WeightedIndicator[],
  byOffice: boolean,
): CompositeRow[] {
  const weight = new Map(model.map((i) => [i.code, i.combinedWeight]));
  const score = new Map<string, number>();
  for (const c of counts.indicators) {
    const w = weight.get(c.indicatorCode);
    if (w === undefined || !c.ratings) continue;
    score.set(c.staffId, (score.get(c.staffId) ?? 0) + (w * (c.ratingSum / c.ratings)) / 5);
  }
  const partitions = new Map<string, CompositeRow[]>();
  for (const s of counts.staff) {
    const p = byOffice ? s.officeId : "";
    partitions.set(p, [...(partitions.get(p) ?? []), { ...s, compositeScore: score.get(s.staffId) ?? 0, rank: 0 }]);
  }
  return [...partitions.keys()].sort().flatMap((p) => {
    const rows = partitions.get(p)!.sort((a, b) => b.compositeScore - a.compositeScore || (a.staffId < b.staffId ? -1 : 1));
    rows.forEach(
      (row, i) => (row.rank = i > 0 && rows[i - 1]!.compositeScore === row.compositeScore ? rows[i - 1]!.rank : i + 1),
    );
    return rows;
  });
}
