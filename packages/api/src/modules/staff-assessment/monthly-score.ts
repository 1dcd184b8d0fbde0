/** The regulation's scale (seed 002 考核规程): 100 − deductions + bonuses = final score. */
export const BASE_SCORE = 100;

export interface ScoreEntry {
  /** Signed: negative for a deduction, positive for a bonus. */
  points: number;
  voided: boolean;
}

export interface MonthlyScore {
  score: number;
  deductions: number;
  bonuses: number;
  entries: number;
}

/**
 * A staff member's score for a month from their entries; voided entries do not count. Not clamped: a month
 * with six absences really is −20, and hiding that would hide the problem.
 */
export function monthlyScore(entries: readonly ScoreEntry[]): MonthlyScore {
  let deductions = 0;
  let bonuses = 0;
  let counted = 0;
  for (const e of entries) {
    if (e.voided) continue;
    counted += 1;
    if (e.points < 0) deductions -= e.points;
    else bonuses += e.points;
  }
  return { score: BASE_SCORE - deductions + bonuses, deductions, bonuses, entries: counted };
}

/** Signed points of an occurrence of a catalogue item. */
export const signedPoints = (kind: "DEDUCTION" | "BONUS", points: number) => (kind === "DEDUCTION" ? -points : points);

/** First day of the month of a date, and the month as YYYY-MM. */
export const monthOf = (day: string) => `${day.slice(0, 7)}-01`;
export const monthCode = (month: string) => month.slice(0, 7);
