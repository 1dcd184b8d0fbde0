import defaults from "./competency-model.json";

/** One indicator of the competency model, with its group. Weights are percentages. */
export interface IndicatorData {
  code: string;
  groupCode: string;
  groupNameZh: string;
  groupNameEn: string;
  groupWeight: number;
  nameZh: string;
  nameEn: string;
  weightInGroup: number;
  combinedWeight: number;
}

/** The model every group starts with (shared/domain/competency-model.json, copied here): 3 groups, 11 indicators. */
export function defaultCompetencyModel(): IndicatorData[] {
  return defaults.groups.flatMap((g) =>
    g.indicators.map((i) => ({
      code: i.code,
      groupCode: g.code,
      groupNameZh: g.name.zh,
      groupNameEn: g.name.en,
      groupWeight: g.weight,
      nameZh: i.name.zh,
      nameEn: i.name.en,
      weightInGroup: i.groupWeight,
      combinedWeight: i.combinedWeight,
    })),
  );
}

/** Weights are given to two decimals, so sums may be off by rounding; beyond this they are wrong. */
export const WEIGHT_TOLERANCE = 0.05;

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Everything wrong with a model: weights that do not add up to 100, missing or inconsistent weights, repeated codes. */
export function modelProblems(indicators: readonly IndicatorData[]): string[] {
  const problems: string[] = [];
  if (!indicators.length) return ["the model has no indicators"];
  const codes = new Set<string>();
  for (const i of indicators) {
    if (codes.has(i.code)) problems.push(`indicator ${i.code} appears twice`);
    codes.add(i.code);
    if (!(i.combinedWeight > 0) || !(i.weightInGroup > 0)) problems.push(`indicator ${i.code} has no weight`);
    const expected = (i.groupWeight * i.weightInGroup) / 100;
    if (Math.abs(expected - i.combinedWeight) > WEIGHT_TOLERANCE) {
      problems.push(
        `indicator ${i.code}: combined weight ${i.combinedWeight} is not group weight × weight in group (${round2(expected)})`,
      );
    }
  }
  const total = indicators.reduce((n, i) => n + i.combinedWeight, 0);
  if (Math.abs(total - 100) > WEIGHT_TOLERANCE) problems.push(`combined weights add up to ${round2(total)}, not 100`);
  const groups = new Map<string, IndicatorData[]>();
  for (const i of indicators) groups.set(i.groupCode, [...(groups.get(i.groupCode) ?? []), i]);
  let groupTotal = 0;
  for (const [code, members] of groups) {
    const weights = new Set(members.map((m) => m.groupWeight));
    if (weights.size > 1) problems.push(`group ${code} has more than one weight`);
    groupTotal += members[0]!.groupWeight;
    const within = members.reduce((n, m) => n + m.weightInGroup, 0);
    if (Math.abs(within - 100) > WEIGHT_TOLERANCE)
      problems.push(`weights within group ${code} add up to ${round2(within)}, not 100`);
  }
  if (Math.abs(groupTotal - 100) > WEIGHT_TOLERANCE) problems.push(`group weights add up to ${round2(groupTotal)}, not 100`);
  return problems;
}

/** The five indicators with the highest combined weight (ties by code). */
export function topFive(indicators: readonly IndicatorData[]): IndicatorData[] {
  return [...indicators].sort((a, b) => b.combinedWeight - a.combinedWeight || a.code.localeCompare(b.code)).slice(0, 5);
}

/**
 * A staff member's composite score (0–100): Σ combinedWeight × rating / 5 over the model's indicators, from
 * the mean rating of each (several assessors or assessments), null when nothing was rated.
 */
export function compositeScore(indicators: readonly IndicatorData[], meanRatings: ReadonlyMap<string, number>): number | null {
  let score = 0;
  let rated = false;
  for (const i of indicators) {
    const mean = meanRatings.get(i.code);
    if (mean === undefined) continue;
    score += (i.combinedWeight * mean) / 5;
    rated = true;
  }
  return rated ? score : null;
}
