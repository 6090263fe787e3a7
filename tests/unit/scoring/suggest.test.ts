import { describe, expect, it } from "vitest";
import { distributionOf, percentileInc, suggestThresholds, validateThresholds, type Direction } from "@/lib/scoring";

const ONE_TO_TEN = [7, 3, 10, 1, 5, 9, 2, 8, 4, 6]; // deliberately unsorted

describe("percentileInc (Excel PERCENTILE.INC / numpy linear)", () => {
  it("matches numpy.percentile([1..10], [10, 25, 50, 75, 90]) = [1.9, 3.25, 5.5, 7.75, 9.1]", () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentileInc(sorted, 0.1)).toBeCloseTo(1.9, 12); // rank 0.9
    expect(percentileInc(sorted, 0.25)).toBeCloseTo(3.25, 12); // rank 2.25
    expect(percentileInc(sorted, 0.5)).toBeCloseTo(5.5, 12); // rank 4.5
    expect(percentileInc(sorted, 0.75)).toBeCloseTo(7.75, 12); // rank 6.75
    expect(percentileInc(sorted, 0.9)).toBeCloseTo(9.1, 12); // rank 8.1
  });

  it("matches Excel PERCENTILE.INC({15,20,35,40,50}, 0.4) = 29", () => {
    expect(percentileInc([15, 20, 35, 40, 50], 0.4)).toBeCloseTo(29, 12); // rank 1.6: 20 + 0.6 * 15
  });

  it("returns the extremes at 0 and 1, and the value itself for one value", () => {
    expect(percentileInc([2, 4, 8], 0)).toBe(2);
    expect(percentileInc([2, 4, 8], 1)).toBe(8);
    expect(percentileInc([5], 0.37)).toBe(5);
    expect(percentileInc([2, 4, 8], 0.5)).toBe(4); // exact rank 1
  });

  it("rejects an empty list and p outside 0..1", () => {
    expect(() => percentileInc([], 0.5)).toThrow();
    expect(() => percentileInc([1, 2], 1.5)).toThrow(/percentile/);
    expect(() => percentileInc([1, 2], -0.1)).toThrow(/percentile/);
  });
});

describe("distributionOf", () => {
  it("summarises numpy's example [[10, 7, 4], [3, 2, 1]]", () => {
    const d = distributionOf([10, 7, 4, 3, 2, 1]);
    expect(d).not.toBeNull();
    expect(d?.n).toBe(6);
    expect(d?.min).toBe(1);
    expect(d?.max).toBe(10);
    expect(d?.mean).toBe(4.5);
    expect(d?.p10).toBeCloseTo(1.5, 12); // rank 0.5
    expect(d?.p25).toBeCloseTo(2.25, 12); // rank 1.25
    expect(d?.p50).toBeCloseTo(3.5, 12); // np.percentile(a, 50) = 3.5
    expect(d?.p75).toBeCloseTo(6.25, 12); // rank 3.75: 4 + 0.75 * 3
    expect(d?.p90).toBeCloseTo(8.5, 12); // rank 4.5
  });

  it("ignores non-finite values and is null without any", () => {
    expect(distributionOf([1, Number.NaN, 3, Number.POSITIVE_INFINITY])?.n).toBe(2);
    expect(distributionOf([Number.NaN])).toBeNull();
  });
});

describe("suggestThresholds", () => {
  it("HIGHER_IS_BETTER: red p25, green p75, target p90", () => {
    const s = suggestThresholds(ONE_TO_TEN, "HIGHER_IS_BETTER");
    expect(s.ok).toBe(true);
    if (!s.ok) return;
    expect(s.thresholds.direction).toBe("HIGHER_IS_BETTER");
    expect(s.thresholds.red).toBeCloseTo(3.25, 12);
    expect(s.thresholds.green).toBeCloseTo(7.75, 12);
    expect(s.thresholds.target).toBeCloseTo(9.1, 12);
    expect(s.thresholds.greenHigh).toBeUndefined();
    expect(s.baseline).toBeCloseTo(5.5, 12);
    expect(s.distribution).toMatchObject({ n: 10, min: 1, max: 10, mean: 5.5 });
  });

  it("LOWER_IS_BETTER: red p75, green p25, target p10", () => {
    const s = suggestThresholds(ONE_TO_TEN, "LOWER_IS_BETTER");
    expect(s.ok).toBe(true);
    if (!s.ok) return;
    expect(s.thresholds.red).toBeCloseTo(7.75, 12);
    expect(s.thresholds.green).toBeCloseTo(3.25, 12);
    expect(s.thresholds.target).toBeCloseTo(1.9, 12);
    expect(s.baseline).toBeCloseTo(5.5, 12);
  });

  it("TARGET_RANGE: red p10, green p25, target p50, greenHigh p75, redHigh p90", () => {
    const s = suggestThresholds(ONE_TO_TEN, "TARGET_RANGE");
    expect(s.ok).toBe(true);
    if (!s.ok) return;
    expect(s.thresholds.red).toBeCloseTo(1.9, 12);
    expect(s.thresholds.green).toBeCloseTo(3.25, 12);
    expect(s.thresholds.target).toBeCloseTo(5.5, 12);
    expect(s.thresholds.greenHigh).toBeCloseTo(7.75, 12);
    expect(s.thresholds.redHigh).toBeCloseTo(9.1, 12);
    expect(validateThresholds(s.thresholds)).toEqual({ ok: true });
  });

  it.each<Direction>(["HIGHER_IS_BETTER", "LOWER_IS_BETTER", "TARGET_RANGE"])(
    "%s: fewer than 6 values is INSUFFICIENT_HISTORY",
    (direction) => {
      expect(suggestThresholds([1, 2, 3, 4, 5], direction)).toEqual({ ok: false, reason: "INSUFFICIENT_HISTORY", n: 5 });
      expect(suggestThresholds([], direction)).toEqual({ ok: false, reason: "INSUFFICIENT_HISTORY", n: 0 });
      // A missing value does not count towards the six.
      expect(suggestThresholds([1, 2, 3, 4, 5, Number.NaN], direction)).toEqual({
        ok: false,
        reason: "INSUFFICIENT_HISTORY",
        n: 5,
      });
    },
  );

  it("accepts exactly 6 values", () => {
    expect(suggestThresholds([1, 2, 3, 4, 5, 6], "HIGHER_IS_BETTER").ok).toBe(true);
  });

  it.each<Direction>(["HIGHER_IS_BETTER", "LOWER_IS_BETTER", "TARGET_RANGE"])("%s: a flat history is NO_SPREAD", (direction) => {
    expect(suggestThresholds([5, 5, 5, 5, 5, 5, 5, 5], direction)).toEqual({ ok: false, reason: "NO_SPREAD", n: 8 });
  });

  it("is NO_SPREAD when only some percentiles tie (p10 == p25 breaks a target range)", () => {
    const history = [1, 1, 1, 1, 2, 3, 4, 5, 6, 7]; // p10 = p25 = 1, p50 2.5, p75 4.75, p90 6.1
    expect(suggestThresholds(history, "TARGET_RANGE")).toEqual({ ok: false, reason: "NO_SPREAD", n: 10 });
    expect(suggestThresholds(history, "HIGHER_IS_BETTER").ok).toBe(true);
    expect(suggestThresholds(history, "LOWER_IS_BETTER").ok).toBe(true); // green p25 = target p10 is allowed
  });

  it("rejects an unknown direction", () => {
    expect(() => suggestThresholds(ONE_TO_TEN, "UP" as Direction)).toThrow(/direction/);
  });
});
