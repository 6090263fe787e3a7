import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatPeriod } from "@/lib/format";

// lib/format.ts remembers the texts of string inputs: a remembered text must be the one a fresh
// format gives, and one input's text must never answer for another.
describe("remembered period and date texts", () => {
  it("names months and quarters, the same on every call", () => {
    for (let round = 0; round < 2; round++) {
      expect(formatPeriod("2026-10-01")).toBe("October 2026");
      expect(formatPeriod("2026-11-01")).toBe("November 2026");
      expect(formatPeriod("2026-10-01", "QUARTERLY")).toBe("Q4 2026");
      expect(formatPeriod("2026-01-01", "QUARTERLY")).toBe("Q1 2026");
    }
  });

  it("writes a date or instant the same from a string (remembered) as from a Date", () => {
    const iso = "2026-11-04T09:00:00.000Z";
    for (let round = 0; round < 2; round++) {
      expect(formatDate(iso)).toBe("4 Nov 2026");
      expect(formatDate(iso)).toBe(formatDate(new Date(iso)));
      expect(formatDateTime(iso)).toBe("4 Nov 2026, 09:00 UTC");
      expect(formatDateTime(iso)).toBe(formatDateTime(new Date(iso)));
      expect(formatDateTime("2026-11-04T17:30:00.000Z")).toBe("4 Nov 2026, 17:30 UTC");
    }
  });

  it("stays right past its bound on distinct inputs", () => {
    for (let day = 0; day < 2500; day++) {
      const iso = new Date(Date.UTC(2020, 0, 1 + day)).toISOString();
      expect(formatDate(iso)).toBe(formatDate(new Date(iso)));
    }
    expect(formatDate("2020-01-01T00:00:00.000Z")).toBe("1 Jan 2020");
  });
});
