import { type Frequency, viewPeriod } from "./periods";
import { Scorer } from "./score";
import { breachStreak, type BreachStreak } from "./streak";
import type { Status, ThresholdsInput } from "./types";

export interface PeriodInput {
  period: string;
  /** The measured value; null/undefined/NaN when nothing was reported. */
  value: number | null | undefined;
  /** The thresholds in force in that period; null when the KPI had none (scores NO_DATA). */
  thresholds: ThresholdsInput | null | undefined;
}

export interface PeriodScore {
  period: string;
  score: number | null;
  status: Status;
}

/**
 * Scores each period with the thresholds in force in that period, so a threshold change in
 * the middle of a streak is honoured. Pass one entry per expected period, ascending (a
 * quarterly KPI: one per quarter); the result feeds breachStreak.
 */
export function breachSeries(entries: ReadonlyArray<PeriodInput>): PeriodScore[] {
  let scorer: Scorer | null = null;
  let scorerFor: ThresholdsInput | null = null;
  return entries.map(({ period, value, thresholds }) => {
    if (thresholds == null) return { period, score: null, status: "NO_DATA" };
    // Periods usually share one threshold row: validate it once, not once per period.
    if (scorer === null || scorerFor !== thresholds) {
      scorer = new Scorer(thresholds);
      scorerFor = thresholds;
    }
    return { period, score: scorer.score(value), status: scorer.status(value) };
  });
}

/** The current breach streak of one KPI for one persona. */
export function kpiBreachStreak(entries: ReadonlyArray<PeriodInput>): BreachStreak {
  return breachStreak(breachSeries(entries));
}

/**
 * What a monthly view shows for `monthKey`: the month's value for a monthly KPI, the value of
 * the quarter that contains the month for a quarterly one. `values` is keyed by period key.
 */
export function valueForMonth<T>(frequency: Frequency, monthKey: string, values: ReadonlyMap<string, T>): T | undefined {
  return values.get(viewPeriod(frequency, monthKey));
}
