import { describe, expect, it } from "vitest";
import { latestDemoEndPeriod } from "@/lib/demo/calendar";
import { demoEndPeriod } from "@/lib/demo/end-period";
import { parseEnv } from "@/lib/env";

// The demo's history follows the calendar: it ends with the latest month whose values are already
// overdue on the day of seeding, so a demo seeded in any month looks current. DEMO_END_PERIOD pins it.

describe("latestDemoEndPeriod", () => {
  it("is the month before last while last month is within its grace days, last month after", () => {
    expect(latestDemoEndPeriod("2026-12-01", 10)).toBe("2026-10-01");
    expect(latestDemoEndPeriod("2026-12-10", 10)).toBe("2026-10-01");
    expect(latestDemoEndPeriod("2026-12-11", 10)).toBe("2026-11-01");
    expect(latestDemoEndPeriod("2026-12-31", 10)).toBe("2026-11-01");
  });

  it("crosses the year and follows the grace days", () => {
    expect(latestDemoEndPeriod("2027-01-05", 10)).toBe("2026-11-01");
    expect(latestDemoEndPeriod("2027-03-05", 10)).toBe("2027-01-01");
    expect(latestDemoEndPeriod("2027-03-05", 0)).toBe("2027-02-01");
    expect(latestDemoEndPeriod("2027-03-05", 40)).toBe("2026-12-01");
    expect(latestDemoEndPeriod("2027-03-05", 70)).toBe("2026-11-01");
  });
});

describe("demoEndPeriod", () => {
  it("follows the calendar when DEMO_END_PERIOD is unset", () => {
    expect(demoEndPeriod(parseEnv({}), new Date("2027-03-05T23:59:59Z"))).toBe("2027-01-01");
    expect(demoEndPeriod(parseEnv({ REMINDER_GRACE_DAYS: "0" }), new Date("2027-03-05T00:00:00Z"))).toBe("2027-02-01");
  });

  it("takes DEMO_END_PERIOD as given, whatever the date", () => {
    expect(demoEndPeriod(parseEnv({ DEMO_END_PERIOD: "2026-10" }), new Date("2031-07-20T12:00:00Z"))).toBe("2026-10-01");
    expect(demoEndPeriod(parseEnv({ DEMO_END_PERIOD: "2026-10-01" }), new Date("2026-12-20T12:00:00Z"))).toBe("2026-10-01");
  });

  it("names DEMO_END_PERIOD when it is not a month", () => {
    for (const bad of ["2026-13", "2026-10-15", "October", "2026-1"]) {
      expect(() => parseEnv({ DEMO_END_PERIOD: bad })).toThrow(/DEMO_END_PERIOD must be a month, YYYY-MM/);
    }
  });
});
