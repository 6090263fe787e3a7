import type { Status } from "./types";

// Three equal bands so a colour means the same at every level of the hierarchy.
export const SCORE_MIN = 0;
export const SCORE_MAX = 100;
/** At or below this score the status is RED. */
export const RED_MAX_SCORE = 100 / 3;
/** At or above this score the status is GREEN. */
export const GREEN_MIN_SCORE = 200 / 3;
/** Scores this close to a band edge count as on it (roll-ups add rounding noise). */
export const BAND_TOLERANCE = 1e-9;

export function statusFromScore(score: number | null): Status {
  // `score !== score` is the NaN test; NaN is treated like a missing score.
  if (score === null || score === undefined || score !== score) return "NO_DATA";
  if (score <= RED_MAX_SCORE + BAND_TOLERANCE) return "RED";
  if (score >= GREEN_MIN_SCORE - BAND_TOLERANCE) return "GREEN";
  return "AMBER";
}
