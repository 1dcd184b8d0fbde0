/**
 * A rate as every report returns it: the value in [0, 1] together with its numerator and denominator.
 * With nothing to measure (denominator 0) the value is null, never 0 or 1, so an office with no follow-ups
 * does not look perfect or hopeless.
 */
export interface Rate {
  numerator: number;
  denominator: number;
  value: number | null;
}

export function rate(numerator: number, denominator: number): Rate {
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || numerator < 0 || denominator < 0) {
    throw new RangeError(`A rate needs finite, non-negative counts (got ${numerator}/${denominator})`);
  }
  if (numerator > denominator) {
    throw new RangeError(`A rate's numerator cannot exceed its denominator (got ${numerator}/${denominator})`);
  }
  return { numerator, denominator, value: denominator === 0 ? null : numerator / denominator };
}
