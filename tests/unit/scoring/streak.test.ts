import { describe, expect, it } from "vitest";
import {
  breachSeries,
  breachStreak,
  escalationLevel,
  kpiBreachStreak,
  valueForMonth,
  type Status,
  type Thresholds,
} from "@/lib/scoring";

const MONTHS = ["2025-01-01", "2025-02-01", "2025-03-01", "2025-04-01", "2025-05-01", "2025-06-01"];

function series(...statuses: Status[]) {
  return statuses.map((status, i) => ({ period: MONTHS[i] as string, status }));
}

describe("breachStreak", () => {
  it("follows the issue's example: RED, RED, NO_DATA, RED", () => {
    expect(breachStreak(series("RED", "RED", "NO_DATA", "RED"))).toEqual({
      length: 3,
      since: "2025-01-01",
      overdue: ["2025-03-01"],
    });
  });

  it("is empty for an empty series", () => {
    expect(breachStreak([])).toEqual({ length: 0, since: null, overdue: [] });
  });

  it("stops at GREEN or AMBER", () => {
    expect(breachStreak(series("RED", "RED", "GREEN"))).toEqual({ length: 0, since: null, overdue: [] });
    expect(breachStreak(series("RED", "AMBER", "RED", "RED"))).toEqual({
      length: 2,
      since: "2025-03-01",
      overdue: [],
    });
  });

  it("lists NO_DATA met before the stop, without counting it", () => {
    expect(breachStreak(series("AMBER", "NO_DATA", "RED"))).toEqual({
      length: 1,
      since: "2025-03-01",
      overdue: ["2025-02-01"],
    });
    expect(breachStreak(series("RED", "NO_DATA", "NO_DATA"))).toEqual({
      length: 1,
      since: "2025-01-01",
      overdue: ["2025-02-01", "2025-03-01"],
    });
    expect(breachStreak(series("NO_DATA", "NO_DATA"))).toEqual({
      length: 0,
      since: null,
      overdue: ["2025-01-01", "2025-02-01"],
    });
  });

  it("counts quarters for a quarterly KPI", () => {
    const quarters = ["2024-10-01", "2025-01-01", "2025-04-01"].map((period) => ({ period, status: "RED" as Status }));
    expect(breachStreak(quarters)).toEqual({ length: 3, since: "2024-10-01", overdue: [] });
  });
});

describe("escalationLevel", () => {
  it.each([
    [0, 0],
    [2, 0],
    [3, 1],
    [5, 1],
    [6, 2],
    [8, 2],
    [9, 3],
    [100, 3],
  ])("with the default n = 3, a streak of %i is level %i", (length, level) => {
    expect(escalationLevel(length)).toBe(level);
  });

  it("scales with n", () => {
    expect([1, 2, 3, 4, 5, 6].map((l) => escalationLevel(l, 2))).toEqual([0, 1, 1, 2, 2, 3]);
    expect([0, 1, 2, 3, 4].map((l) => escalationLevel(l, 1))).toEqual([0, 1, 2, 3, 3]);
  });

  it("is 0 for a negative or NaN length", () => {
    expect(escalationLevel(-5)).toBe(0);
    expect(escalationLevel(Number.NaN)).toBe(0);
  });

  it.each([0, -1, 1.5, Number.NaN])("rejects n = %s", (n) => {
    expect(() => escalationLevel(3, n)).toThrow(/escalation step/);
  });
});

describe("breachSeries", () => {
  const before: Thresholds = { direction: "HIGHER_IS_BETTER", red: 40, green: 60, target: 80 };
  const after: Thresholds = { direction: "HIGHER_IS_BETTER", red: 55, green: 70, target: 90 };

  it("scores each period with the thresholds in force then", () => {
    const entries = [
      { period: "2025-01-01", value: 35, thresholds: before }, // RED: 100/3 - (100/3)(5/20) = 25
      { period: "2025-02-01", value: 50, thresholds: before }, // AMBER: 50
      { period: "2025-03-01", value: 50, thresholds: after }, // RED under the new red of 55
      { period: "2025-04-01", value: null, thresholds: after }, // nothing reported
      { period: "2025-05-01", value: 52, thresholds: after }, // RED
    ];
    const scored = breachSeries(entries);
    expect(scored.map((s) => s.status)).toEqual(["RED", "AMBER", "RED", "NO_DATA", "RED"]);
    expect(scored[0]?.score).toBeCloseTo(25, 12);
    expect(scored[2]?.score).toBeCloseTo(200 / 9, 12); // 100/3 - (100/3)(5/15)
    expect(kpiBreachStreak(entries)).toEqual({ length: 2, since: "2025-03-01", overdue: ["2025-04-01"] });
    // Had the old thresholds stayed, March (50) and May (52) would be AMBER: no streak at all.
    expect(kpiBreachStreak(entries.map((e) => ({ ...e, thresholds: before })))).toEqual({
      length: 0,
      since: null,
      overdue: [],
    });
  });

  it("is NO_DATA for a period without thresholds", () => {
    expect(breachSeries([{ period: "2025-01-01", value: 10, thresholds: null }])).toEqual([
      { period: "2025-01-01", score: null, status: "NO_DATA" },
    ]);
  });

  it("rejects invalid thresholds", () => {
    expect(() => breachSeries([{ period: "2025-01-01", value: 10, thresholds: { ...before, red: 90 } }])).toThrow(/red/);
  });
});

describe("valueForMonth", () => {
  it("shows a monthly KPI's own month", () => {
    const values = new Map([["2025-02-01", 7]]);
    expect(valueForMonth("MONTHLY", "2025-02-01", values)).toBe(7);
    expect(valueForMonth("MONTHLY", "2025-03-01", values)).toBeUndefined();
  });

  it("shows a quarterly KPI's value of the quarter containing the month", () => {
    const values = new Map([
      ["2025-01-01", 42],
      ["2025-04-01", 50],
    ]);
    expect(valueForMonth("QUARTERLY", "2025-03-01", values)).toBe(42);
    expect(valueForMonth("QUARTERLY", "2025-04-01", values)).toBe(50);
    expect(valueForMonth("QUARTERLY", "2025-06-01", values)).toBe(50);
    expect(valueForMonth("QUARTERLY", "2025-07-01", values)).toBeUndefined();
  });
});
