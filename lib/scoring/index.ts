/**
 * lib/scoring — the one source of truth for KPI scores, statuses, weighted roll-ups, breach
 * streaks and threshold suggestions. Pure TypeScript: no I/O, no clock, and no imports from
 * Next.js, Prisma, React, zod or the rest of lib. Same input, same output.
 *
 * SCORES AND STATUSES
 * Scores run 0..100 in three equal bands, so a colour means the same at every level:
 * RED at or below 100/3, GREEN at or above 200/3, AMBER between (statusFromScore compares
 * with a tolerance of 1e-9). A missing value (null, undefined, NaN) scores null, NO_DATA.
 *
 * - HIGHER_IS_BETTER needs red < green <= target.
 *     value >= target          -> 100
 *     green <= value < target  -> 200/3 + (100/3)(value - green)/(target - green)
 *     red < value < green      -> 100/3 + (100/3)(value - red)/(green - red)
 *     value <= red             -> max(0, 100/3 - (100/3)(red - value)/(green - red))
 *   Status from the raw value: >= green GREEN, <= red RED, else AMBER.
 *   With green == target the green band is a single step: green scores 100.
 * - LOWER_IS_BETTER needs red > green >= target: the mirror image (same formulas on negated
 *   values). Status: <= green GREEN, >= red RED, else AMBER.
 * - TARGET_RANGE needs red < green <= target <= greenHigh < redHigh. At or below the target it
 *   scores like HIGHER_IS_BETTER with (red, green, target), above it like LOWER_IS_BETTER with
 *   (redHigh, greenHigh, target). GREEN inside [green, greenHigh], RED at or beyond red or
 *   redHigh, else AMBER.
 * - All thresholds must be finite. Thresholds that break the orderings make scoreValue and
 *   makeScorer throw InvalidThresholdsError, whose message and `field` name the offending
 *   field; validateThresholds returns the same verdict for the zod schemas. Field blamed:
 *   `red` when red is on the wrong side of green, `green` when green is beyond the target
 *   (HIGHER/LOWER_IS_BETTER), `target` when the target is outside [green, greenHigh],
 *   `redHigh` when redHigh <= greenHigh; a missing/non-finite number blames itself; bounds so
 *   far apart that their span overflows a double blame `red` (`redHigh` for a range).
 *   greenHigh/redHigh are ignored for HIGHER/LOWER_IS_BETTER, and may be null (ThresholdsInput).
 * - For many values against one threshold set use makeScorer(t): it validates once and
 *   scores without allocating. scoreValue(v, t) is makeScorer(t).scoreValue(v).
 *
 * ROLL-UPS
 * rollup(items): weights must be finite and >= 0 (else it throws). Items without a score are
 * skipped and the remaining weights normalised: score = Σ(w·s)/Σw over scored items.
 * coverage = scored weight / total weight, 0 when the total is 0. When the scored weights sum
 * to 0 the result is score null, NO_DATA. Status comes from statusFromScore(score).
 * RollupAccumulator is the same rule, streaming (no item array).
 *
 * THE HIERARCHY (hierarchy.ts, thin over rollup)
 * A perspective rolls up its active KPIs with KPI weights; an objective, its KPIs; a
 * persona's overall score rolls up perspectives with perspective weights; a score across
 * personas rolls up persona scores with the persona weights in force in that period.
 * Items may carry their lifecycle `status`: DRAFT, PROPOSED and REJECTED items are never scored (they
 * are dropped, weight and all). ACTIVE, SUNSET and RETIRED items are scored when passed:
 * whether a retired KPI or sunset persona belongs in a period depends on dates only the caller
 * knows, so the caller leaves it out where it should not count. kpiCountsInMonth(kpi, month) is
 * that rule for KPIs: a RETIRED KPI counts up to and including the period it was retired in.
 *
 * BREACH STREAKS AND ESCALATION
 * breachStreak takes one entry per expected period, ascending (a quarterly KPI: one per
 * quarter). Counting back from the last entry: RED counts, NO_DATA neither counts nor breaks
 * the streak but is listed in overdue (ascending), GREEN or AMBER stops. since = period of the
 * earliest RED counted (null when length is 0). Example: RED Jan, RED Feb, NO_DATA Mar,
 * RED Apr -> length 3, since Jan, overdue [Mar]. breachSeries scores each period with the
 * thresholds in force in that period (a period without thresholds is NO_DATA), so a threshold
 * change mid-streak is honoured. escalationLevel(length, n = 3): 0 below n, 1 from n, 2 from
 * 2n, 3 from 3n on.
 *
 * THRESHOLD SUGGESTIONS
 * suggestThresholds(history, direction) uses only the values given (callers pass the
 * persona's own history, by default its last 24 periods); non-finite values are ignored.
 * Percentiles interpolate linearly between closest ranks (Excel PERCENTILE.INC, numpy's
 * default). HIGHER_IS_BETTER: red p25, green p75, target p90. LOWER_IS_BETTER: red p75,
 * green p25, target p10. TARGET_RANGE: red p10, green p25, target p50, greenHigh p75,
 * redHigh p90. baseline = p50. Fewer than 6 values -> INSUFFICIENT_HISTORY; suggestions that
 * break the ordering rules (e.g. a flat history) -> NO_SPREAD.
 *
 * CONTRIBUTIONS (contributions.ts)
 * rollupShares(items): each item's share w/Σw over the scored items (0 for the others), so
 * Σ share·score is the roll-up's score. personaKpiShares: each KPI's share of its persona's
 * overall score (share within its perspective x the perspective's share). explainChange: a
 * total's change between two periods as each item's current share x its score change, plus a
 * residual (items that started or stopped reporting, shifted shares) that closes the sum.
 *
 * PERIODS (periods.ts)
 * A period key is its first day, 'YYYY-MM-DD' (a month, or a quarter starting Jan/Apr/Jul/
 * Oct); dates are read in UTC. In a monthly view a quarterly KPI shows the value of the
 * quarter that contains the month (viewPeriod, valueForMonth). dueState: a period's values are
 * OPEN until it ends (the next period starts), DUE from then, OVERDUE from DEFAULT_GRACE_DAYS (10)
 * days after it ended.
 */

export type { Direction, Status, Thresholds, ThresholdsInput, ScoredValue, RollupResult } from "./types";
export {
  SCORE_MIN,
  SCORE_MAX,
  RED_MAX_SCORE,
  GREEN_MIN_SCORE,
  BAND_TOLERANCE,
  statusFromScore,
} from "./bands";
export {
  DIRECTIONS,
  InvalidThresholdsError,
  validateThresholds,
  assertValidThresholds,
  type ThresholdsCheck,
} from "./thresholds";
export { Scorer, makeScorer, scoreValue } from "./score";
export { RollupAccumulator, rollup, type WeightedScore } from "./rollup";
export {
  NEVER_SCORED_STATUSES,
  isScored,
  kpiCountsInMonth,
  rollupScored,
  rollupPerspective,
  rollupObjective,
  rollupPersona,
  rollupAcrossPersonas,
  scorePersona,
  type HierarchyItem,
  type PerspectiveInput,
} from "./hierarchy";
export { checkNewLink, findPath, isAcyclic, type Edge, type LinkVerdict } from "./graph";
export { breachStreak, type BreachStreak } from "./streak";
export { DEFAULT_ESCALATION_STEP, escalationLevel } from "./escalation";
export { breachSeries, kpiBreachStreak, valueForMonth, type PeriodInput, type PeriodScore } from "./series";
export {
  MIN_SUGGESTION_HISTORY,
  DEFAULT_SUGGESTION_PERIODS,
  percentileInc,
  distributionOf,
  suggestThresholds,
  type Distribution,
  type ThresholdSuggestion,
} from "./suggest";
export {
  FREQUENCIES,
  formatPeriodKey,
  parsePeriodKey,
  isPeriodKey,
  monthStart,
  quarterStart,
  periodStart,
  quarterOfMonth,
  monthsOfQuarter,
  addPeriods,
  nextPeriod,
  previousPeriod,
  periodsBetween,
  lastPeriods,
  viewPeriod,
  periodToDate,
  periodLabel,
  comparePeriods,
  effectiveAt,
  dueState,
  DEFAULT_GRACE_DAYS,
  type DueState,
  type Frequency,
} from "./periods";
export {
  rollupShares,
  personaKpiShares,
  explainChange,
  type ChangeItem,
  type ChangeExplanation,
} from "./contributions";
export {
  CORRELATION_PERIODS,
  MIN_CORRELATION_POINTS,
  pearson,
  historyCorrelation,
  describeCorrelation,
  type KpiSeriesPair,
  type KpiCorrelation,
  type HistoryCorrelation,
} from "./correlation";
