import { statusFromScore } from "./bands";
import type { RollupResult } from "./types";

function assertWeight(weight: number): void {
  // Also rejects NaN and ±Infinity: a weight that cannot be summed would poison every total.
  if (!(weight >= 0 && weight <= Number.MAX_VALUE)) {
    throw new Error(`Invalid weight ${String(weight)}: weights must be finite and >= 0`);
  }
}

/**
 * Streaming weighted mean with the roll-up rules, for hot loops that should not build
 * an array of items. `rollup` is this accumulator over an array, so both agree exactly.
 *
 * The mean is kept relative to the first scored value (ref + Σw(s-ref)/Σw): the same
 * number mathematically as Σws/Σw, but a single item or equal scores come back exactly,
 * so a score on a band edge stays on it after rolling up.
 */
export class RollupAccumulator {
  private totalWeight = 0;
  private scoredWeight = 0;
  private weightedDeviation = 0;
  private reference = 0;
  private hasReference = false;

  reset(): this {
    this.totalWeight = 0;
    this.scoredWeight = 0;
    this.weightedDeviation = 0;
    this.reference = 0;
    this.hasReference = false;
    return this;
  }

  /** A null or NaN score is skipped but its weight still counts against coverage. */
  add(score: number | null, weight: number): this {
    assertWeight(weight);
    this.totalWeight += weight;
    if (score === null || score === undefined || score !== score) return this;
    if (!this.hasReference) {
      this.reference = score;
      this.hasReference = true;
    }
    this.scoredWeight += weight;
    this.weightedDeviation += weight * (score - this.reference);
    return this;
  }

  /** The rolled-up score, or null when no positive weight carried a score. */
  get score(): number | null {
    return this.scoredWeight > 0 ? this.reference + this.weightedDeviation / this.scoredWeight : null;
  }

  get coverage(): number {
    return this.totalWeight > 0 ? this.scoredWeight / this.totalWeight : 0;
  }

  result(): RollupResult {
    const score = this.score;
    return { score, status: statusFromScore(score), coverage: this.coverage };
  }
}

export interface WeightedScore {
  score: number | null;
  weight: number;
}

/**
 * Weighted mean of the scored items: missing scores are skipped and the remaining weights
 * normalised. coverage = scored weight / total weight (0 when the total is 0). Throws on a
 * weight that is negative or not finite.
 */
export function rollup(items: ReadonlyArray<WeightedScore>): RollupResult {
  const acc = new RollupAccumulator();
  for (const item of items) acc.add(item.score, item.weight);
  return acc.result();
}
