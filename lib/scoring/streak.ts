import type { Status } from "./types";

export interface BreachStreak {
  /** Number of RED periods in the current streak. */
  length: number;
  /** Period of the earliest RED counted; null when length is 0. */
  since: string | null;
  /** NO_DATA periods met while counting back (ascending): values someone owes. */
  overdue: string[];
}

/**
 * `series` holds one entry per expected period, ascending. Counting back from the last entry:
 * RED counts, NO_DATA neither counts nor breaks the streak (it is listed in overdue),
 * GREEN or AMBER stops the count.
 */
export function breachStreak(series: ReadonlyArray<{ period: string; status: Status }>): BreachStreak {
  let length = 0;
  let since: string | null = null;
  const overdue: string[] = [];
  for (let i = series.length - 1; i >= 0; i--) {
    const entry = series[i] as { period: string; status: Status };
    if (entry.status === "RED") {
      length++;
      since = entry.period;
    } else if (entry.status === "NO_DATA") {
      overdue.push(entry.period);
    } else {
      break;
    }
  }
  overdue.reverse();
  return { length, since, overdue };
}
