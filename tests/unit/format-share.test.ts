import { describe, expect, it } from "vitest";
import { formatShare } from "@/lib/format";

describe("formatShare", () => {
  it("writes whole percents from 1% up, and 0% only for nothing", () => {
    expect(formatShare(0)).toBe("0%");
    expect(formatShare(0.35)).toBe("35%");
    expect(formatShare(0.0096)).toBe("1%");
    expect(formatShare(1)).toBe("100%");
  });

  it("gives a share under 1% one decimal, and '<0.1%' below that, so a share that counts never reads 0%", () => {
    expect(formatShare(0.002)).toBe("0.2%");
    expect(formatShare(0.0094)).toBe("0.9%");
    expect(formatShare(0.0004)).toBe("<0.1%");
  });

  it("gives a share one short of complete one decimal, rounded down, so it never reads 100%", () => {
    expect(formatShare(0.996)).toBe("99.6%");
    expect(formatShare(0.9989)).toBe("99.8%");
    expect(formatShare(0.9996)).toBe(">99.9%");
    expect(formatShare(0.994)).toBe("99%");
  });
});
