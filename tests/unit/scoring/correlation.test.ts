import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeCorrelation, historyCorrelation, MIN_CORRELATION_POINTS, pearson } from "@/lib/scoring";

const months = (n: number) => Array.from({ length: n }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}-01`);
const series = (values: (number | undefined)[]) => new Map(values.flatMap((v, i) => (v === undefined ? [] : [[months(12)[i]!, v] as const])));

describe("pearson", () => {
  it("matches a hand-computed r: x = 1..5, y = 2,4,5,4,5 gives 0.7745966692", () => {
    // Sxy = 6, Sxx = 10, Syy = 6 -> r = 6 / sqrt(60)
    expect(pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5])).toBeCloseTo(6 / Math.sqrt(60), 12);
  });

  it("is 1 for a positive linear relation, -1 for a negative one, whatever the scale", () => {
    expect(pearson([1, 2, 3, 4], [10, 20, 30, 40])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3, 4], [-3, -6, -9, -12])).toBeCloseTo(-1, 12);
    expect(pearson([1e9 + 1, 1e9 + 2, 1e9 + 4], [5, 6, 8])).toBeCloseTo(1, 9);
  });

  it("is null without spread, with fewer than 2 pairs, unequal lengths or a non-finite value", () => {
    expect(pearson([3, 3, 3], [1, 2, 3])).toBeNull();
    expect(pearson([1, 2, 3], [7, 7, 7])).toBeNull();
    expect(pearson([1], [1])).toBeNull();
    expect(pearson([1, 2], [1, 2, 3])).toBeNull();
    expect(pearson([1, Number.NaN, 3], [1, 2, 3])).toBeNull();
  });

  it("is symmetric, within -1..1, and unchanged by a positive affine map of one side (property)", () => {
    const list = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 3, maxLength: 12 });
    fc.assert(
      fc.property(list, fc.double({ min: 0.01, max: 100, noNaN: true }), fc.double({ min: -1e3, max: 1e3, noNaN: true }), (xs, a, b) => {
        const ys = xs.map((x, i) => x * 0.5 + ((i * 7919) % 13));
        const r = pearson(xs, ys);
        if (r === null) return;
        expect(r).toBeGreaterThanOrEqual(-1);
        expect(r).toBeLessThanOrEqual(1);
        expect(pearson(ys, xs)).toBeCloseTo(r, 9);
        const mapped = pearson(xs.map((x) => a * x + b), ys);
        if (mapped !== null) expect(mapped).toBeCloseTo(r, 6);
      }),
    );
  });
});

describe("historyCorrelation", () => {
  it("uses only the periods both personas have, needs MIN_CORRELATION_POINTS of them, and says why r is missing", () => {
    const periods = months(12);
    const result = historyCorrelation([
      { kpiId: "aligned", periods, a: series([1, 2, 3, 4, 5, 6]), b: series([2, 4, 6, 8, 10, 12]) },
      // Only 3 common periods: too few.
      { kpiId: "sparse", periods, a: series([1, 2, 3, undefined, 5]), b: series([1, 2, 3]) },
      { kpiId: "flat", periods, a: series([5, 5, 5, 5, 5]), b: series([1, 2, 3, 4, 5]) },
      { kpiId: "opposed", periods, a: series([1, 2, 3, 4, 5]), b: series([5, 4, 3, 2, 1]) },
    ]);
    expect(MIN_CORRELATION_POINTS).toBe(4);
    expect(result.perKpi).toEqual([
      { kpiId: "aligned", n: 6, r: expect.closeTo(1, 9), reason: null },
      { kpiId: "sparse", n: 3, r: null, reason: "TOO_FEW" },
      { kpiId: "flat", n: 5, r: null, reason: "NO_SPREAD" },
      { kpiId: "opposed", n: 5, r: expect.closeTo(-1, 9), reason: null },
    ]);
    expect(result.kpisUsed).toBe(2);
  });

  it("combines per-KPI r by Fisher's z weighted by n - 3: r = 0.5 (n = 7) and r = 0 (n = 5) give tanh(atanh(0.5) * 4 / 6)", () => {
    const periods = months(12);
    // Two series with known r: a symmetric construction gives exactly 0.5 and 0.
    const x7 = [1, 2, 3, 4, 5, 6, 7];
    const y7 = halfCorrelated(x7);
    expect(pearson(x7, y7)).toBeCloseTo(0.5, 9);
    const x5 = [1, 2, 3, 4, 5];
    const y5 = [2, 1, 3, 1, 2]; // r = 0
    expect(pearson(x5, y5)).toBeCloseTo(0, 12);
    const result = historyCorrelation([
      { kpiId: "k1", periods, a: series(x7), b: series(y7) },
      { kpiId: "k2", periods, a: series(x5), b: series(y5) },
    ]);
    expect(result.overall).toBeCloseTo(Math.tanh((Math.atanh(0.5) * 4 + 0 * 2) / 6), 9);
  });

  it("ignores periods outside the window and has no overall figure without any r", () => {
    const result = historyCorrelation([{ kpiId: "k", periods: months(3), a: series([1, 2, 3, 4, 5]), b: series([1, 2, 3, 4, 5]) }]);
    expect(result.perKpi[0]).toMatchObject({ n: 3, r: null, reason: "TOO_FEW" });
    expect(result.overall).toBeNull();
    expect(historyCorrelation([]).overall).toBeNull();
  });

  it("keeps a perfect correlation finite overall", () => {
    const periods = months(12);
    const result = historyCorrelation([{ kpiId: "k", periods, a: series([1, 2, 3, 4, 5]), b: series([3, 5, 7, 9, 11]) }]);
    expect(result.overall).toBeCloseTo(1, 5);
    expect(Number.isFinite(result.overall)).toBe(true);
  });
});

describe("describeCorrelation", () => {
  it("names the strength and the sign", () => {
    expect(describeCorrelation(0.85)).toBe("strong positive");
    expect(describeCorrelation(-0.5)).toBe("moderate negative");
    expect(describeCorrelation(0.1)).toBe("weak or none");
    expect(describeCorrelation(null)).toBe("not enough history");
  });
});

/** y = x + e with e orthogonal to x and sized so that r = 0.5 exactly (Var(e) = 3 Var(x)). */
function halfCorrelated(xs: number[]): number[] {
  const n = xs.length;
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  const dx = xs.map((x) => x - mean);
  // A vector orthogonal to dx and to the constant vector: alternate signs, then remove its projection.
  let e = xs.map((_, i) => (i % 2 === 0 ? 1 : -1) * (1 + (i % 3)));
  const eMean = e.reduce((s, v) => s + v, 0) / n;
  e = e.map((v) => v - eMean);
  const proj = e.reduce((s, v, i) => s + v * dx[i]!, 0) / dx.reduce((s, v) => s + v * v, 0);
  e = e.map((v, i) => v - proj * dx[i]!);
  const sxx = dx.reduce((s, v) => s + v * v, 0);
  const see = e.reduce((s, v) => s + v * v, 0);
  const k = Math.sqrt((3 * sxx) / see);
  return xs.map((x, i) => x + k * e[i]!);
}
