import { unsafeUniformIntDistribution, xoroshiro128plus, type RandomGenerator } from "pure-rand";

/** A seeded random source, so demo and benchmark data come out the same on every machine. */
export class SeededRandom {
  private readonly rng: RandomGenerator;

  constructor(seed: number) {
    this.rng = xoroshiro128plus(seed);
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return unsafeUniformIntDistribution(min, max, this.rng);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.int(0, 999_999) < p * 1_000_000;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]!;
  }

  /** One of the values, each as likely as its weight. */
  weighted<T>(mix: readonly (readonly [T, number])[]): T {
    let roll = this.int(
      1,
      mix.reduce((n, [, w]) => n + w, 0),
    );
    for (const [value, weight] of mix) {
      roll -= weight;
      if (roll <= 0) return value;
    }
    return mix[0]![0];
  }
}
