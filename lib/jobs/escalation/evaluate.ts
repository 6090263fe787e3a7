import {
  addPeriods,
  breachSeries,
  breachStreak,
  escalationLevel,
  periodStart,
  periodsBetween,
  previousPeriod,
  type Frequency,
  type PeriodScore,
  type ThresholdsInput,
} from "@/lib/scoring";

// The escalation rule for one KPI x persona, pure: which periods to judge, and what to do with
// the escalation given the series. No I/O, no clock (today is passed in). run.ts loads and writes.
//
// - The series holds every expected period of the KPI's frequency from the window's start up to
//   the last complete period (the one before the period containing today). The period still in
//   progress is added only when a value was already reported for it (a quarter-to-date figure):
//   a reported value is judged, an unreported one is not owed yet.
// - Streak and level come from lib/scoring (breachStreak: missing values neither count nor break
//   the streak; escalationLevel: 1 from N, 2 from 2N, 3 from 3N).
// - Window: 4N periods (3N for level 3, plus N of slack for missing values), reaching back
//   further to the first breached period of an escalation already open, so its streak length
//   stays exact however long it runs.

export type EscalationLevel = 1 | 2 | 3;

export interface OpenEscalation {
  id: string;
  /** Who it is assigned to now (an admin may have reassigned it away from the KPI owner). */
  assigneeId: string | null;
  level: number;
  streakLength: number;
  firstBreachedPeriod: string;
  lastBreachedPeriod: string;
}

/** An open escalation whose streak goes on: its new level (never lower), length and last breached period. */
export interface Continued {
  escalation: OpenEscalation;
  level: number;
  streakLength: number;
  lastBreachedPeriod: string;
  overdue: string[];
}

export type Decision =
  | { kind: "open"; level: EscalationLevel; streakLength: number; firstBreachedPeriod: string; lastBreachedPeriod: string; overdue: string[] }
  | ({ kind: "raise" } & Continued)
  | ({ kind: "update" } & Continued)
  | { kind: "resolve"; escalation: OpenEscalation; resolvedPeriod: string }
  | { kind: "unchanged" };

/** Periods judged: 3N for level 3 plus N of slack for missing values. */
export function windowLength(n: number): number {
  return 4 * n;
}

/** The last period of `frequency` that has ended on `today` ('YYYY-MM-DD'). */
export function lastCompletePeriod(frequency: Frequency, today: string): string {
  return previousPeriod(periodStart(today, frequency), frequency);
}

/**
 * The expected periods to judge, ascending: the window ending with the period containing today
 * (the caller drops that one when nothing was reported for it), reaching back to `reachBackTo`
 * when that is earlier (an open escalation's first breached period).
 */
export function candidatePeriods(frequency: Frequency, today: string, n: number, reachBackTo?: string | null): string[] {
  const current = periodStart(today, frequency);
  let first = addPeriods(current, frequency, -windowLength(n));
  if (reachBackTo && periodStart(reachBackTo, frequency) < first) first = periodStart(reachBackTo, frequency);
  return periodsBetween(first, current, frequency);
}

export interface PairSeriesInput {
  frequency: Frequency;
  today: string;
  n: number;
  reachBackTo?: string | null;
  /** The reported value of a period: undefined when nothing was reported, null when marked not available. */
  valueOf(period: string): number | null | undefined;
  /** The thresholds in force for the persona in the period; null when none. */
  thresholdsOf(period: string): ThresholdsInput | null;
}

/** The scored series of one KPI x persona, ready for breachStreak. */
export function pairSeries(input: PairSeriesInput): PeriodScore[] {
  const periods = candidatePeriods(input.frequency, input.today, input.n, input.reachBackTo);
  const current = periods.at(-1);
  const judged = current !== undefined && input.valueOf(current) === undefined ? periods.slice(0, -1) : periods;
  return breachSeries(judged.map((period) => ({ period, value: input.valueOf(period), thresholds: input.thresholdsOf(period) })));
}

/**
 * What to do with one KPI x persona's escalation, given its scored series and the open escalation
 * (if any). `notAvailable` names periods whose value was marked not available: like any missing
 * value they neither count nor break the streak, but nobody owes them, so they are not listed as overdue.
 */
export function decideEscalation(
  series: ReadonlyArray<PeriodScore>,
  n: number,
  open: OpenEscalation | null,
  notAvailable: (period: string) => boolean = () => false,
): Decision {
  const scored = breachStreak(series);
  const streak = { ...scored, overdue: scored.overdue.filter((period) => !notAvailable(period)) };
  const level = escalationLevel(streak.length, n);
  const latest = [...series].reverse().find((entry) => entry.status !== "NO_DATA");

  if (open === null) {
    if (level === 0 || streak.since === null || latest === undefined) return { kind: "unchanged" };
    return {
      kind: "open",
      level,
      streakLength: streak.length,
      firstBreachedPeriod: streak.since,
      lastBreachedPeriod: latest.period,
      overdue: streak.overdue,
    };
  }

  // Nothing reported in the window (values deleted, thresholds removed): no evidence either way.
  if (latest === undefined) return { kind: "unchanged" };
  if (latest.status !== "RED") return { kind: "resolve", escalation: open, resolvedPeriod: latest.period };

  // Still RED. A level never goes down while the escalation is open (a correction may shorten the streak).
  const next = { level: Math.max(open.level, level), streakLength: streak.length, lastBreachedPeriod: latest.period, overdue: streak.overdue };
  if (next.level > open.level) return { kind: "raise", escalation: open, ...next };
  if (next.streakLength !== open.streakLength || next.lastBreachedPeriod !== open.lastBreachedPeriod) {
    return { kind: "update", escalation: open, ...next };
  }
  return { kind: "unchanged" };
}
