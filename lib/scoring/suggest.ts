import { DIRECTIONS, validateThresholds } from "./thresholds";
import type { Direction, Thresholds } from "./types";

export const MIN_SUGGESTION_HISTORY = 6;
/** How many periods of a persona's own history callers pass by default. */
export const DEFAULT_SUGGESTION_PERIODS = 24;

export interface Distribution {
  n: number;
  min: number;
  p10: number;
  p25: number;
  p50: number;
  p75: number;
  p90: number;
  max: number;
  mean: number;
}

export type ThresholdSuggestion =
  | { ok: true; thresholds: Thresholds; baseline: number; distribution: Distribution }
  | { ok: false; reason: "INSUFFICIENT_HISTORY" | "NO_SPREAD"; n: number };

/**
 * Percentile of ascending `sorted` values, p in 0..1, by linear interpolation between the
 * closest ranks: rank h = (n - 1)p (Excel PERCENTILE.INC, numpy's default "linear").
 */
export function percentileInc(sorted: ReadonlyArray<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new Error("percentileInc needs at least one value");
  if (!(p >= 0 && p <= 1)) throw new Error(`Invalid percentile ${String(p)}: must be within 0..1`);
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  if (lo === n - 1) return a;
  const b = sorted[lo + 1] as number;
  const t = h - lo;
  // numpy's two-sided lerp: the result never leaves [a, b], so percentiles stay ordered.
  return t < 0.5 ? a + (b - a) * t : b - (b - a) * (1 - t);
}

/** Summary of finite values (others are ignored); null when there are none. */
export function distributionOf(values: ReadonlyArray<number>): Distribution | null {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return null;
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    n,
    min: sorted[0] as number,
    p10: percentileInc(sorted, 0.1),
    p25: percentileInc(sorted, 0.25),
    p50: percentileInc(sorted, 0.5),
    p75: percentileInc(sorted, 0.75),
    p90: percentileInc(sorted, 0.9),
    max: sorted[n - 1] as number,
    mean: sum / n,
  };
}

function thresholdsFrom(d: Distribution, direction: Direction): Thresholds {
  switch (direction) {
    case "HIGHER_IS_BETTER":
      return { direction, red: d.p25, green: d.p75, target: d.p90 };
    case "LOWER_IS_BETTER":
      return { direction, red: d.p75, green: d.p25, target: d.p10 };
    case "TARGET_RANGE":
      return { direction, red: d.p10, green: d.p25, target: d.p50, greenHigh: d.p75, redHigh: d.p90 };
  }
}

/**
 * Thresholds from the persona's own history (never an outside benchmark). Missing or
 * non-finite values are ignored. Fewer than 6 values: INSUFFICIENT_HISTORY; percentiles that
 * would break the ordering rules (e.g. a flat history): NO_SPREAD.
 */
export function suggestThresholds(history: ReadonlyArray<number>, direction: Direction): ThresholdSuggestion {
  if (!DIRECTIONS.includes(direction)) throw new Error(`Invalid direction ${String(direction)}`);
  const distribution = distributionOf(history);
  const n = distribution?.n ?? 0;
  if (distribution === null || n < MIN_SUGGESTION_HISTORY) return { ok: false, reason: "INSUFFICIENT_HISTORY", n };
  const thresholds = thresholdsFrom(distribution, direction);
  if (!validateThresholds(thresholds).ok) return { ok: false, reason: "NO_SPREAD", n };
  return { ok: true, thresholds, baseline: distribution.p50, distribution };
}
