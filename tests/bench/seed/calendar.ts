import { addPeriods, periodsBetween } from "@/lib/scoring/periods";

// The bench's time window: `months` months ending with `end`, and the quarters that start in it.

export interface BenchCalendar {
  start: string;
  end: string;
  months: string[];
  /** Quarter starts inside the window (a quarter that began before it is not one of them). */
  quarters: string[];
  /** The month halfway through: target changes and the weight recalibration take effect here. */
  middle: string;
}

export function benchCalendar(end: string, months: number): BenchCalendar {
  const start = addPeriods(end, "MONTHLY", 1 - months);
  return {
    start,
    end,
    months: periodsBetween(start, end, "MONTHLY"),
    quarters: periodsBetween(start, end, "QUARTERLY").filter((q) => q >= start),
    middle: addPeriods(start, "MONTHLY", Math.floor(months / 2)),
  };
}
