import type { Frequency } from "@/lib/generated/prisma/enums";
import { addPeriods, dueState, monthStart, parsePeriodKey, periodStart, periodsBetween } from "@/lib/scoring/periods";
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

/**
 * The end period a demo seeded on `today` ('YYYY-MM-DD') gets: the latest month whose values are
 * already overdue (it ended more than `graceDays` days ago), so the demo's data reaches as far as
 * a diligent team's would. The month just ended is still in its grace days, or filled in, as in
 * real use; the month in progress is open. (A quarterly KPI's last period is the quarter holding
 * this month: a quarter-to-date figure when the quarter is still running.)
 */
export function latestDemoEndPeriod(today: string, graceDays: number): string {
  let month = monthStart(today);
  while (dueState(month, "MONTHLY", today, graceDays) !== "OVERDUE") month = addPeriods(month, "MONTHLY", -1);
  return month;
}
