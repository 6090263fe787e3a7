import { describe, expect, it } from "vitest";
import { historyText } from "@/components/scorecard/kpi-table";

describe("the sparkline in words", () => {
  it("names the span from the trend's first period to the line's period, then every score in order", () => {
    const text = historyText({ frequency: "QUARTERLY", period: "2026-07-01", history: { from: "2025-10-01", scores: [40.4, null, 61.6, 80] } });
    expect(text).toBe("Scores over the last 4 quarters, Q4 2025 to Q3 2026: 40, no score, 62, 80.");
  });

  it("says there is no scored history when no period has a score", () => {
    expect(historyText({ frequency: "MONTHLY", period: "2026-06-01", history: { from: "2025-07-01", scores: [null, null] } })).toBe("No scored history.");
  });
});
