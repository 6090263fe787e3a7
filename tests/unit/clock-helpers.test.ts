import { afterEach, describe, expect, it, vi } from "vitest";
import { inOneMonth, utcMonth } from "../helpers/clock";

// The test helper for checks that depend on the current month: a run that the turn of a month cut
// through runs again in the new month; any other run is returned (or fails) as it is.

afterEach(() => {
  vi.useRealTimers();
});

describe("inOneMonth", () => {
  it("runs once when the month stays the same, failures included", async () => {
    vi.useFakeTimers({ now: new Date("2027-01-15T12:00:00Z") });
    const seen: string[] = [];
    expect(await inOneMonth(async (month) => (seen.push(month), "done"))).toBe("done");
    expect(seen).toEqual(["2027-01-01"]);
    await expect(inOneMonth(async () => Promise.reject(new Error("real failure")))).rejects.toThrow("real failure");
  });

  it("runs again in the new month when the month turned during the run, even after a failed check", async () => {
    vi.useFakeTimers({ now: new Date("2026-12-31T23:59:59.900Z") });
    const seen: string[] = [];
    const result = await inOneMonth(async (month) => {
      seen.push(month);
      if (seen.length === 1) {
        vi.setSystemTime(new Date("2027-01-01T00:00:00.100Z"));
        throw new Error("next month has started");
      }
      return month;
    });
    expect(seen).toEqual(["2026-12-01", "2027-01-01"]);
    expect(result).toBe("2027-01-01");
    expect(utcMonth()).toBe("2027-01-01");
  });
});
