import { env as currentEnv, type Env } from "@/lib/env";
import { latestDemoEndPeriod } from "./calendar";

// Which month the demo's history ends with. A demo seeded today should look current: its data
// follows the calendar (the latest month already overdue), unless DEMO_END_PERIOD pins it (the
// tests do, so their dates and counts never depend on the day they run).

/** The demo's end period ('YYYY-MM-01') for a seed run at `now`. */
export function demoEndPeriod(config: Env = currentEnv(), now: Date = new Date()): string {
  return config.DEMO_END_PERIOD ?? latestDemoEndPeriod(now.toISOString().slice(0, 10), config.REMINDER_GRACE_DAYS);
}
