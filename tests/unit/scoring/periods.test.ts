import { describe, expect, it } from "vitest";
import {
  addPeriods,
  comparePeriods,
  effectiveAt,
  formatPeriodKey,
  isPeriodKey,
  lastPeriods,
  monthStart,
  monthsOfQuarter,
  nextPeriod,
  parsePeriodKey,
  periodLabel,
  periodsBetween,
  periodStart,
  periodToDate,
  previousPeriod,
  quarterOfMonth,
  quarterStart,
  viewPeriod,
  type Frequency,
} from "@/lib/scoring";

describe("period keys", () => {
  it("formats and parses 'YYYY-MM-01'", () => {
    expect(formatPeriodKey(2025, 3)).toBe("2025-03-01");
    expect(formatPeriodKey(7, 12)).toBe("0007-12-01");
    expect(parsePeriodKey("2025-03-01")).toEqual({ year: 2025, month: 3 });
    expect(parsePeriodKey("2025-10-01", "QUARTERLY")).toEqual({ year: 2025, month: 10 });
  });

  it.each([
    [2025, 0],
    [2025, 13],
    [2025, 1.5],
    [0, 1],
    [10000, 1],
  ])("rejects year %s month %s", (year, month) => {
    expect(() => formatPeriodKey(year, month)).toThrow();
  });

  it.each(["2025-03-02", "2025-3-01", "2025-13-01", "25-03-01", "2025-03-01T00:00:00Z", ""])("rejects key %j", (key) => {
    expect(() => parsePeriodKey(key)).toThrow();
    expect(isPeriodKey(key)).toBe(false);
  });

  it("knows which keys start a quarter", () => {
    expect(isPeriodKey("2025-04-01", "QUARTERLY")).toBe(true);
    expect(isPeriodKey("2025-05-01", "QUARTERLY")).toBe(false);
    expect(isPeriodKey("2025-05-01", "MONTHLY")).toBe(true);
    expect(isPeriodKey(20250501)).toBe(false);
    expect(() => parsePeriodKey("2025-05-01", "QUARTERLY")).toThrow(/quarter/);
  });

  it("labels periods without a locale", () => {
    expect(periodLabel("2025-07-01", "QUARTERLY")).toBe("2025-Q3");
    expect(periodLabel("2025-10-01", "QUARTERLY")).toBe("2025-Q4");
    expect(periodLabel("2025-07-01", "MONTHLY")).toBe("2025-07");
  });

  it("sorts keys in time order", () => {
    expect(["2025-01-01", "2024-12-01", "2025-10-01"].sort(comparePeriods)).toEqual([
      "2024-12-01",
      "2025-01-01",
      "2025-10-01",
    ]);
    expect(comparePeriods("2025-01-01", "2025-01-01")).toBe(0);
  });
});

describe("month and quarter starts", () => {
  it("finds the month of a date string, leap days included", () => {
    expect(monthStart("2024-02-29")).toBe("2024-02-01");
    expect(monthStart("2000-02-29")).toBe("2000-02-01");
    expect(monthStart("2025-12-31")).toBe("2025-12-01");
    expect(() => monthStart("2023-02-29")).toThrow();
    expect(() => monthStart("1900-02-29")).toThrow();
    expect(() => monthStart("2025-04-31")).toThrow();
  });

  it("reads a Date in UTC", () => {
    expect(monthStart(new Date(Date.UTC(2025, 11, 31, 23, 59)))).toBe("2025-12-01");
    expect(quarterStart(new Date(Date.UTC(2026, 0, 1)))).toBe("2026-01-01");
    expect(() => monthStart(new Date(Number.NaN))).toThrow();
  });

  it.each([
    ["2025-01-01", "2025-01-01"],
    ["2025-03-31", "2025-01-01"],
    ["2025-04-01", "2025-04-01"],
    ["2025-05-17", "2025-04-01"],
    ["2025-09-30", "2025-07-01"],
    ["2025-12-31", "2025-10-01"],
  ])("the quarter of %s starts %s", (date, quarter) => {
    expect(quarterStart(date)).toBe(quarter);
    expect(periodStart(date, "QUARTERLY")).toBe(quarter);
  });

  it("finds the quarter that holds a month, and the months of a quarter", () => {
    expect(quarterOfMonth("2025-08-01")).toBe("2025-07-01");
    expect(() => quarterOfMonth("2025-08-15")).toThrow();
    expect(monthsOfQuarter("2025-10-01")).toEqual(["2025-10-01", "2025-11-01", "2025-12-01"]);
    expect(() => monthsOfQuarter("2025-11-01")).toThrow();
  });

  it("maps a month of a monthly view to the period to show", () => {
    expect(viewPeriod("MONTHLY", "2025-06-01")).toBe("2025-06-01");
    expect(viewPeriod("QUARTERLY", "2025-06-01")).toBe("2025-04-01");
  });

  it("rejects an unknown frequency", () => {
    expect(() => periodStart("2025-06-01", "WEEKLY" as Frequency)).toThrow(/frequency/);
  });
});

describe("period arithmetic", () => {
  it("steps across year boundaries", () => {
    expect(nextPeriod("2025-12-01", "MONTHLY")).toBe("2026-01-01");
    expect(previousPeriod("2025-01-01", "MONTHLY")).toBe("2024-12-01");
    expect(nextPeriod("2025-10-01", "QUARTERLY")).toBe("2026-01-01");
    expect(previousPeriod("2025-01-01", "QUARTERLY")).toBe("2024-10-01");
    expect(addPeriods("2025-01-01", "MONTHLY", 25)).toBe("2027-02-01");
    expect(addPeriods("2025-01-01", "QUARTERLY", -5)).toBe("2023-10-01");
    expect(addPeriods("2025-01-01", "MONTHLY", 0)).toBe("2025-01-01");
  });

  it("rejects keys of the wrong frequency, fractional steps and years out of range", () => {
    expect(() => nextPeriod("2025-02-01", "QUARTERLY")).toThrow(/quarter/);
    expect(() => addPeriods("2025-01-01", "MONTHLY", 1.5)).toThrow();
    expect(() => nextPeriod("9999-12-01", "MONTHLY")).toThrow();
    expect(() => previousPeriod("0001-01-01", "MONTHLY")).toThrow();
  });

  it("lists the periods between two dates, both ends included", () => {
    expect(periodsBetween("2024-11-15", "2025-02-03", "MONTHLY")).toEqual([
      "2024-11-01",
      "2024-12-01",
      "2025-01-01",
      "2025-02-01",
    ]);
    expect(periodsBetween("2024-11-15", "2025-05-01", "QUARTERLY")).toEqual(["2024-10-01", "2025-01-01", "2025-04-01"]);
    expect(periodsBetween("2025-03-05", "2025-03-20", "MONTHLY")).toEqual(["2025-03-01"]);
    expect(periodsBetween("2025-03-01", "2025-02-28", "MONTHLY")).toEqual([]);
  });

  it("lists the last n periods ending with a date's period", () => {
    expect(lastPeriods("2025-03-15", "MONTHLY", 3)).toEqual(["2025-01-01", "2025-02-01", "2025-03-01"]);
    expect(lastPeriods("2025-02-01", "QUARTERLY", 2)).toEqual(["2024-10-01", "2025-01-01"]);
    expect(lastPeriods("2025-03-01", "MONTHLY", 0)).toEqual([]);
    const last24 = lastPeriods("2025-03-01", "MONTHLY", 24);
    expect(last24).toHaveLength(24);
    expect(last24[0]).toBe("2023-04-01");
    expect(() => lastPeriods("2025-03-01", "MONTHLY", -1)).toThrow();
  });

  it("converts a key to the UTC midnight of its first day", () => {
    expect(periodToDate("2025-03-01").toISOString()).toBe("2025-03-01T00:00:00.000Z");
    expect(periodToDate("0050-01-01").toISOString()).toBe("0050-01-01T00:00:00.000Z");
  });
});

describe("effectiveAt", () => {
  const rows = [
    { effectiveFrom: "2025-01-01", weight: 1 },
    { effectiveFrom: "2025-04-01", weight: 2 },
    { effectiveFrom: "2024-07-01", weight: 0 },
  ];

  it("picks the latest row effective on or before the period", () => {
    expect(effectiveAt(rows, "2024-06-01")).toBeUndefined();
    expect(effectiveAt(rows, "2024-12-01")?.weight).toBe(0);
    expect(effectiveAt(rows, "2025-03-01")?.weight).toBe(1);
    expect(effectiveAt(rows, "2025-04-01")?.weight).toBe(2);
    expect(effectiveAt([], "2025-04-01")).toBeUndefined();
  });
});
