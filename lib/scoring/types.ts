// Shared shapes of the scoring library. Kept in one file so every module (and every caller)
// speaks the same vocabulary; index.ts re-exports them as the public contract.

export type Direction = "HIGHER_IS_BETTER" | "LOWER_IS_BETTER" | "TARGET_RANGE";

export type Status = "GREEN" | "AMBER" | "RED" | "NO_DATA";

export interface Thresholds {
  direction: Direction;
  /** The value that scores 100 (TARGET_RANGE: the ideal point inside the green band). */
  target: number;
  /** From here on the KPI is green (TARGET_RANGE: lower edge of the green band). */
  green: number;
  /** At or beyond this the KPI breaches (TARGET_RANGE: lower breach bound). */
  red: number;
  /** TARGET_RANGE only: upper edge of the green band. */
  greenHigh?: number;
  /** TARGET_RANGE only: upper breach bound. */
  redHigh?: number;
}

/**
 * What the scorer and validator accept: Thresholds, but with greenHigh/redHigh also allowed to be
 * null, as they come from nullable database columns and form parsers.
 */
export type ThresholdsInput = Omit<Thresholds, "greenHigh" | "redHigh"> & {
  greenHigh?: number | null;
  redHigh?: number | null;
};

export interface ScoredValue {
  score: number | null;
  status: Status;
}

export interface RollupResult {
  score: number | null;
  status: Status;
  /** Share (0..1) of the total weight that carried a score. */
  coverage: number;
}
