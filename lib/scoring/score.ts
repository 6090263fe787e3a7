import { GREEN_MIN_SCORE, RED_MAX_SCORE, SCORE_MAX } from "./bands";
import { assertValidThresholds } from "./thresholds";
import type { ScoredValue, Status, Thresholds } from "./types";

const THIRD = RED_MAX_SCORE; // width of one band

/**
 * HIGHER_IS_BETTER on one side of the target. LOWER_IS_BETTER is this on negated values,
 * which keeps one formula for both and makes the mirror image exact.
 * Preconditions (checked once by makeScorer): red < green <= target.
 */
function scoreRising(x: number, red: number, green: number, target: number): number {
  if (x >= target) return SCORE_MAX;
  // Here green < target, since green <= x < target.
  if (x >= green) return GREEN_MIN_SCORE + (THIRD * (x - green)) / (target - green);
  if (x > red) return RED_MAX_SCORE + (THIRD * (x - red)) / (green - red);
  const s = RED_MAX_SCORE - (THIRD * (red - x)) / (green - red);
  return s > 0 ? s : 0;
}

function statusRising(x: number, red: number, green: number): Status {
  if (x >= green) return "GREEN";
  if (x <= red) return "RED";
  return "AMBER";
}

/**
 * A scorer for one threshold set: validates once, then scores many values without
 * allocating. Every direction is stored as a target with an optional rising side below it
 * (HIGHER_IS_BETTER, TARGET_RANGE's lower half) and an optional falling side above it
 * (LOWER_IS_BETTER, TARGET_RANGE's upper half), kept negated so both sides share scoreRising.
 * All instances have the same shape, so a loop over many series stays monomorphic.
 */
export class Scorer {
  readonly thresholds: Readonly<Thresholds>;
  private readonly target: number;
  private readonly hasBelow: boolean;
  private readonly red: number;
  private readonly green: number;
  private readonly hasAbove: boolean;
  private readonly negTarget: number;
  private readonly negRedHigh: number;
  private readonly negGreenHigh: number;

  constructor(t: Thresholds) {
    assertValidThresholds(t);
    // A copy, so a caller mutating its object later cannot desynchronise the scorer.
    this.thresholds = Object.freeze({ ...t });
    const below = t.direction !== "LOWER_IS_BETTER";
    const above = t.direction !== "HIGHER_IS_BETTER";
    // LOWER_IS_BETTER's falling side is bounded by red/green; TARGET_RANGE's by redHigh/greenHigh.
    const highRed = t.direction === "TARGET_RANGE" ? (t.redHigh as number) : t.red;
    const highGreen = t.direction === "TARGET_RANGE" ? (t.greenHigh as number) : t.green;
    this.target = t.target;
    this.hasBelow = below;
    this.red = below ? t.red : 0;
    this.green = below ? t.green : 0;
    this.hasAbove = above;
    this.negTarget = -t.target;
    this.negRedHigh = above ? -highRed : 0;
    this.negGreenHigh = above ? -highGreen : 0;
  }

  /** 0..100, or null for a missing value (null, undefined, NaN). */
  score(value: number | null | undefined): number | null {
    if (value === null || value === undefined || value !== value) return null;
    if (value <= this.target) {
      return this.hasBelow ? scoreRising(value, this.red, this.green, this.target) : SCORE_MAX;
    }
    return this.hasAbove ? scoreRising(-value, this.negRedHigh, this.negGreenHigh, this.negTarget) : SCORE_MAX;
  }

  /** Status from the raw value (not from the score), as the rules define it. */
  status(value: number | null | undefined): Status {
    if (value === null || value === undefined || value !== value) return "NO_DATA";
    if (value <= this.target) return this.hasBelow ? statusRising(value, this.red, this.green) : "GREEN";
    return this.hasAbove ? statusRising(-value, this.negRedHigh, this.negGreenHigh) : "GREEN";
  }

  scoreValue(value: number | null | undefined): ScoredValue {
    return { score: this.score(value), status: this.status(value) };
  }
}

/** Validates `t` (throwing InvalidThresholdsError naming the field) and returns a fast scorer. */
export function makeScorer(t: Thresholds): Scorer {
  return new Scorer(t);
}

/** Scores one value. For many values against the same thresholds use makeScorer. */
export function scoreValue(value: number | null | undefined, t: Thresholds): ScoredValue {
  return new Scorer(t).scoreValue(value);
}
