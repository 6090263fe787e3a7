import { describe, expect, it } from "vitest";
import { neighbourMonths } from "@/lib/queries/period-input";

describe("neighbourMonths (the entry grid's previous / next links)", () => {
  it("links forward only up to the current month, never into the future", () => {
    expect(neighbourMonths("2026-10-01", "2026-12-01")).toEqual({ previous: "2026-09-01", next: "2026-11-01" });
    expect(neighbourMonths("2026-11-01", "2026-12-01")).toEqual({ previous: "2026-10-01", next: "2026-12-01" });
    expect(neighbourMonths("2026-12-01", "2026-12-01")).toEqual({ previous: "2026-11-01", next: null });
    expect(neighbourMonths("2027-03-01", "2026-12-01").next).toBeNull();
    expect(neighbourMonths("2026-12-01", "2027-01-01").next).toBe("2027-01-01");
  });
});
