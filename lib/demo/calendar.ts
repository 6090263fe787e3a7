import type { Frequency } from "@/lib/generated/prisma/enums";
import { addPeriods, parsePeriodKey, periodStart, periodsBetween } from "@/lib/scoring/periods";
import { DEMO_HISTORY_MONTHS } from "./catalogue";

// The demo's time window. The catalogue dates everything as "n months before the end period",
// so one end period places the whole story: history, sunset, recalibration, review dates.

export interface DemoCalendar {
  start: string;
  end: string;
  /** The month `n` months before the end period. */
  monthsBeforeEnd(n: number): string;
}

export function demoCalendar(endPeriod: string): DemoCalendar {
  parsePeriodKey(endPeriod, "MONTHLY");
  return {
    start: addPeriods(endPeriod, "MONTHLY", 1 - DEMO_HISTORY_MONTHS),
    end: endPeriod,
    monthsBeforeEnd: (n) => addPeriods(endPeriod, "MONTHLY", -n),
  };
}

/** The period of `frequency` that holds the month `n` months before the end period. */
export function periodMonthsBeforeEnd(calendar: DemoCalendar, n: number, frequency: Frequency): string {
  return periodStart(calendar.monthsBeforeEnd(n), frequency);
}

/** The window's periods of `frequency`; a quarter that began before the window opened is not one of them. */
export function periodsInWindow(calendar: DemoCalendar, frequency: Frequency): string[] {
  return periodsBetween(calendar.start, calendar.end, frequency).filter((p) => p >= calendar.start);
}
