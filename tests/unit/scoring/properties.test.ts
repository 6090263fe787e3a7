import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addPeriods,
  breachStreak,
  makeScorer,
  monthsOfQuarter,
  percentileInc,
  periodsBetween,
  quarterStart,
  rollup,
  scoreValue,
  statusFromScore,
  validateThresholds,
  type Status,
  type Thresholds,
} from "@/lib/scoring";

// ── generators ────────────────────────────────────────────────────────────────

const coordinate = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });
const gap = fc.double({ min: 1e-3, max: 1e4, noNaN: true, noDefaultInfinity: true });
// Zero half of the time: degenerate green == target (and target == greenHigh) must hold too.
const gapOrZero = fc.oneof(fc.constant(0), gap);

const higher = fc.record({ red: coordinate, a: gap, b: gapOrZero }).map(
  ({ red, a, b }): Thresholds => ({ direction: "HIGHER_IS_BETTER", red, green: red + a, target: red + a + b }),
);
const lower = fc.record({ red: coordinate, a: gap, b: gapOrZero }).map(
  ({ red, a, b }): Thresholds => ({ direction: "LOWER_IS_BETTER", red, green: red - a, target: red - a - b }),
);
const range = fc.record({ red: coordinate, a: gap, b: gapOrZero, c: gapOrZero, d: gap }).map(
  ({ red, a, b, c, d }): Thresholds => {
    const green = red + a;
    const target = green + b;
    const greenHigh = target + c;
    return { direction: "TARGET_RANGE", red, green, target, greenHigh, redHigh: greenHigh + d };
  },
);
const anyValid = fc.oneof(higher, lower, range).filter((t) => validateThresholds(t).ok);

const edgesOf = (t: Thresholds): number[] =>
  t.direction === "TARGET_RANGE"
    ? [t.red, t.green, t.target, t.greenHigh as number, t.redHigh as number]
    : [t.red, t.green, t.target];

/** Values anywhere, at the thresholds, and just either side of them. */
const valueFor = (t: Thresholds) =>
  fc.oneof(
    fc.double({ noNaN: true }), // includes ±Infinity and huge magnitudes
    fc.double({ min: -2e6, max: 2e6, noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(...edgesOf(t)),
    fc.tuple(fc.constantFrom(...edgesOf(t)), fc.double({ min: -10, max: 10, noNaN: true })).map(([e, d]) => e + d),
  );

const statusArb = fc.constantFrom<Status>("GREEN", "AMBER", "RED", "NO_DATA");
const score = fc.double({ min: 0, max: 100, noNaN: true });
const weight = fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 1e3, noNaN: true }));
const items = fc.array(fc.record({ score: fc.option(score, { nil: null }), weight }), { maxLength: 20 });

function closeScores(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= 1e-9;
}

// ── scoring ───────────────────────────────────────────────────────────────────

describe("scoreValue properties", () => {
  it("scores within 0..100, or null exactly for a missing value", () => {
    fc.assert(
      fc.property(
        anyValid.chain((t) => fc.tuple(fc.constant(t), fc.oneof(valueFor(t), fc.constantFrom(null, undefined, Number.NaN)))),
        ([t, v]) => {
          const { score: s, status } = scoreValue(v, t);
          const missing = v === null || v === undefined || Number.isNaN(v);
          expect(s === null).toBe(missing);
          expect(status === "NO_DATA").toBe(missing);
          if (s !== null) {
            expect(s).toBeGreaterThanOrEqual(0);
            expect(s).toBeLessThanOrEqual(100);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("is monotone in the value: non-decreasing for HIGHER_IS_BETTER, non-increasing for LOWER_IS_BETTER", () => {
    const pairs = (arb: fc.Arbitrary<Thresholds>) =>
      arb.chain((t) => fc.tuple(fc.constant(t), valueFor(t), valueFor(t)));
    fc.assert(
      fc.property(pairs(higher), ([t, a, b]) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(scoreValue(lo, t).score as number).toBeLessThanOrEqual(scoreValue(hi, t).score as number);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(pairs(lower), ([t, a, b]) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(scoreValue(lo, t).score as number).toBeGreaterThanOrEqual(scoreValue(hi, t).score as number);
      }),
      { numRuns: 2000 },
    );
  });

  it("status from the value agrees with statusFromScore(score) away from the thresholds", () => {
    fc.assert(
      fc.property(
        anyValid.chain((t) => fc.tuple(fc.constant(t), valueFor(t))),
        ([t, v]) => {
          // Each band edge with its own side's span: 1e-6 x (green - red), or of the upper band.
          const low = 1e-6 * Math.abs(t.green - t.red);
          const high = t.direction === "TARGET_RANGE" ? 1e-6 * ((t.redHigh as number) - (t.greenHigh as number)) : low;
          const edges: Array<[number, number]> = [[t.red, low], [t.green, low], [t.target, Math.min(low, high)]];
          if (t.direction === "TARGET_RANGE") edges.push([t.greenHigh as number, high], [t.redHigh as number, high]);
          fc.pre(edges.every(([edge, margin]) => Math.abs(v - edge) > margin));
          const { score: s, status } = scoreValue(v, t);
          expect(status).toBe(statusFromScore(s));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("status agrees with statusFromScore exactly on every threshold, too", () => {
    fc.assert(
      fc.property(anyValid, (t) => {
        for (const e of edgesOf(t)) {
          const { score: s, status } = scoreValue(e, t);
          expect(status).toBe(statusFromScore(s));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("LOWER_IS_BETTER is HIGHER_IS_BETTER on negated values", () => {
    fc.assert(
      fc.property(
        lower.chain((t) => fc.tuple(fc.constant(t), valueFor(t))),
        ([t, v]) => {
          const mirrored: Thresholds = { direction: "HIGHER_IS_BETTER", red: -t.red, green: -t.green, target: -t.target };
          expect(scoreValue(v, t)).toEqual(scoreValue(-v, mirrored));
        },
      ),
    );
  });

  it("TARGET_RANGE scores each side like the one-sided directions", () => {
    fc.assert(
      fc.property(
        range.chain((t) => fc.tuple(fc.constant(t), valueFor(t))),
        ([t, v]) => {
          const side: Thresholds =
            v <= t.target
              ? { direction: "HIGHER_IS_BETTER", red: t.red, green: t.green, target: t.target }
              : { direction: "LOWER_IS_BETTER", red: t.redHigh as number, green: t.greenHigh as number, target: t.target };
          expect(scoreValue(v, t).score).toBe(scoreValue(v, side).score);
        },
      ),
    );
  });

  it("throws exactly when validateThresholds rejects, naming the same field", () => {
    const loose = fc.record({
      direction: fc.constantFrom("HIGHER_IS_BETTER", "LOWER_IS_BETTER", "TARGET_RANGE") as fc.Arbitrary<Thresholds["direction"]>,
      red: fc.integer({ min: -5, max: 5 }),
      green: fc.integer({ min: -5, max: 5 }),
      target: fc.integer({ min: -5, max: 5 }),
      greenHigh: fc.option(fc.integer({ min: -5, max: 5 }), { nil: undefined }),
      redHigh: fc.option(fc.integer({ min: -5, max: 5 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(loose, (t) => {
        const check = validateThresholds(t);
        if (check.ok) {
          expect(() => makeScorer(t)).not.toThrow();
        } else {
          expect(() => scoreValue(0, t)).toThrow(expect.objectContaining({ field: check.field }));
        }
      }),
      { numRuns: 2000 },
    );
  });
});

// ── roll-ups ──────────────────────────────────────────────────────────────────

describe("rollup properties", () => {
  it("rolls one item up to itself", () => {
    fc.assert(
      fc.property(fc.option(score, { nil: null }), fc.double({ min: 1e-6, max: 1e6, noNaN: true }), (s, w) => {
        expect(rollup([{ score: s, weight: w }])).toEqual({
          score: s,
          status: statusFromScore(s),
          coverage: s === null ? 0 : 1,
        });
      }),
    );
  });

  it("is invariant to scaling all weights", () => {
    fc.assert(
      fc.property(items, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (xs, c) => {
        const a = rollup(xs);
        const b = rollup(xs.map((x) => ({ score: x.score, weight: x.weight * c })));
        expect(closeScores(a.score, b.score)).toBe(true);
        expect(Math.abs(a.coverage - b.coverage)).toBeLessThanOrEqual(1e-12);
        expect(b.status).toBe(statusFromScore(b.score));
      }),
    );
  });

  it("is invariant to the order of items", () => {
    fc.assert(
      fc.property(
        items.chain((xs) => fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length }))),
        ([xs, shuffled]) => {
          const a = rollup(xs);
          const b = rollup(shuffled);
          expect(closeScores(a.score, b.score)).toBe(true);
          expect(Math.abs(a.coverage - b.coverage)).toBeLessThanOrEqual(1e-12);
        },
      ),
    );
  });

  it("stays within the range of the scored items and has coverage in 0..1", () => {
    fc.assert(
      fc.property(items, (xs) => {
        const r = rollup(xs);
        expect(r.coverage).toBeGreaterThanOrEqual(0);
        expect(r.coverage).toBeLessThanOrEqual(1);
        const scored = xs.filter((x) => x.score !== null && x.weight > 0).map((x) => x.score as number);
        if (scored.length === 0) {
          expect(r.score).toBeNull();
        } else {
          expect(r.score as number).toBeGreaterThanOrEqual(Math.min(...scored) - 1e-9);
          expect(r.score as number).toBeLessThanOrEqual(Math.max(...scored) + 1e-9);
        }
      }),
    );
  });
});

// ── streaks ───────────────────────────────────────────────────────────────────

describe("breachStreak properties", () => {
  const statusSeries = fc
    .array(statusArb, { maxLength: 40 })
    .map((statuses) => statuses.map((status, i) => ({ period: addPeriods("2020-01-01", "MONTHLY", i), status })));

  it("never counts NO_DATA: dropping NO_DATA entries keeps length and since", () => {
    fc.assert(
      fc.property(statusSeries, (series) => {
        const all = breachStreak(series);
        const withoutGaps = breachStreak(series.filter((e) => e.status !== "NO_DATA"));
        expect(all.length).toBe(withoutGaps.length);
        expect(all.since).toBe(withoutGaps.since);
        expect(withoutGaps.overdue).toEqual([]);
      }),
    );
  });

  it("counts the REDs after the last GREEN/AMBER and lists the NO_DATAs there", () => {
    fc.assert(
      fc.property(statusSeries, (series) => {
        let start = series.length;
        while (start > 0 && (series[start - 1]?.status === "RED" || series[start - 1]?.status === "NO_DATA")) start--;
        const tail = series.slice(start);
        const reds = tail.filter((e) => e.status === "RED");
        const r = breachStreak(series);
        expect(r.length).toBe(reds.length);
        expect(r.since).toBe(reds[0]?.period ?? null);
        expect(r.overdue).toEqual(tail.filter((e) => e.status === "NO_DATA").map((e) => e.period));
      }),
    );
  });
});

// ── percentiles and periods ───────────────────────────────────────────────────

describe("percentile and period properties", () => {
  it("percentileInc stays within the data and is monotone in p", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 50 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, p, q) => {
          const sorted = [...values].sort((a, b) => a - b);
          const [lo, hi] = p <= q ? [p, q] : [q, p];
          const a = percentileInc(sorted, lo);
          const b = percentileInc(sorted, hi);
          expect(a).toBeGreaterThanOrEqual(sorted[0] as number);
          expect(b).toBeLessThanOrEqual(sorted[sorted.length - 1] as number);
          expect(a).toBeLessThanOrEqual(b);
        },
      ),
    );
  });

  const monthKey = fc
    .record({ year: fc.integer({ min: 1900, max: 2200 }), month: fc.integer({ min: 1, max: 12 }) })
    .map(({ year, month }) => `${year}-${String(month).padStart(2, "0")}-01`);

  it("adding and subtracting periods round-trips", () => {
    fc.assert(
      fc.property(monthKey, fc.integer({ min: -600, max: 600 }), (key, n) => {
        expect(addPeriods(addPeriods(key, "MONTHLY", n), "MONTHLY", -n)).toBe(key);
        const q = quarterStart(key);
        expect(addPeriods(addPeriods(q, "QUARTERLY", n), "QUARTERLY", -n)).toBe(q);
      }),
    );
  });

  it("periodsBetween is consecutive and ends at the two periods", () => {
    fc.assert(
      fc.property(monthKey, fc.integer({ min: 0, max: 120 }), (from, n) => {
        const to = addPeriods(from, "MONTHLY", n);
        const months = periodsBetween(from, to, "MONTHLY");
        expect(months).toHaveLength(n + 1);
        expect(months[0]).toBe(from);
        expect(months[n]).toBe(to);
        const quarters = periodsBetween(from, to, "QUARTERLY");
        expect(quarters[0]).toBe(quarterStart(from));
        expect(quarters[quarters.length - 1]).toBe(quarterStart(to));
        quarters.slice(1).forEach((q, i) => expect(q).toBe(addPeriods(quarters[i] as string, "QUARTERLY", 1)));
      }),
    );
  });

  it("every month lies in the quarter that holds it", () => {
    fc.assert(
      fc.property(monthKey, (month) => {
        expect(monthsOfQuarter(quarterStart(month))).toContain(month);
      }),
    );
  });
});
