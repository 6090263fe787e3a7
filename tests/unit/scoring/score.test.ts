import { describe, expect, it } from "vitest";
import {
  GREEN_MIN_SCORE,
  InvalidThresholdsError,
  makeScorer,
  RED_MAX_SCORE,
  scoreValue,
  statusFromScore,
  validateThresholds,
  type Status,
  type Thresholds,
} from "@/lib/scoring";

const HIGHER: Thresholds = { direction: "HIGHER_IS_BETTER", red: 40, green: 60, target: 80 };
const LOWER: Thresholds = { direction: "LOWER_IS_BETTER", red: 10, green: 5, target: 2 };
const RANGE: Thresholds = { direction: "TARGET_RANGE", red: 10, green: 20, target: 25, greenHigh: 40, redHigh: 60 };

// [value, expected score, expected status], hand-computed from the formulas in index.ts.
type Case = [number, number, Status];

function expectCases(t: Thresholds, cases: Case[]) {
  for (const [value, score, status] of cases) {
    const result = scoreValue(value, t);
    expect(result.score, `score of ${value}`).toBeCloseTo(score, 10);
    expect(result.status, `status of ${value}`).toBe(status);
  }
}

describe("statusFromScore", () => {
  it("maps the three equal bands, edges included", () => {
    expect(statusFromScore(0)).toBe("RED");
    expect(statusFromScore(100 / 3)).toBe("RED");
    expect(statusFromScore(33.34)).toBe("AMBER");
    expect(statusFromScore(50)).toBe("AMBER");
    expect(statusFromScore(66.66)).toBe("AMBER");
    expect(statusFromScore(200 / 3)).toBe("GREEN");
    expect(statusFromScore(100)).toBe("GREEN");
  });

  it("treats scores within 1e-9 of an edge as on it", () => {
    expect(statusFromScore(RED_MAX_SCORE + 1e-10)).toBe("RED");
    expect(statusFromScore(RED_MAX_SCORE + 1e-8)).toBe("AMBER");
    expect(statusFromScore(GREEN_MIN_SCORE - 1e-10)).toBe("GREEN");
    expect(statusFromScore(GREEN_MIN_SCORE - 1e-8)).toBe("AMBER");
  });

  it("is NO_DATA without a score", () => {
    expect(statusFromScore(null)).toBe("NO_DATA");
    expect(statusFromScore(Number.NaN)).toBe("NO_DATA");
  });
});

describe("scoreValue: HIGHER_IS_BETTER (red 40, green 60, target 80)", () => {
  it("scores every branch and band edge", () => {
    expectCases(HIGHER, [
      [120, 100, "GREEN"], // beyond target
      [80, 100, "GREEN"], // at target
      [70, 250 / 3, "GREEN"], // 200/3 + (100/3)(10/20)
      [60, 200 / 3, "GREEN"], // at green
      [50, 50, "AMBER"], // 100/3 + (100/3)(10/20)
      [40, 100 / 3, "RED"], // at red
      [30, 50 / 3, "RED"], // 100/3 - (100/3)(10/20)
      [20, 0, "RED"], // one green-red span below red
      [-1000, 0, "RED"], // clamped at 0
    ]);
  });

  it("is AMBER just inside the band edges", () => {
    expect(scoreValue(59.999, HIGHER).status).toBe("AMBER");
    expect(scoreValue(40.001, HIGHER).status).toBe("AMBER");
  });

  it("scores exactly on the edges (no drift)", () => {
    expect(scoreValue(60, HIGHER).score).toBe(GREEN_MIN_SCORE);
    expect(scoreValue(40, HIGHER).score).toBe(RED_MAX_SCORE);
    expect(scoreValue(80, HIGHER).score).toBe(100);
  });

  it("handles the degenerate green == target: green scores 100", () => {
    const t: Thresholds = { direction: "HIGHER_IS_BETTER", red: 40, green: 60, target: 60 };
    expectCases(t, [
      [61, 100, "GREEN"],
      [60, 100, "GREEN"],
      [59, 65, "AMBER"], // 100/3 + (100/3)(19/20)
      [40, 100 / 3, "RED"],
    ]);
  });

  it("scores infinities at the extremes", () => {
    expect(scoreValue(Number.POSITIVE_INFINITY, HIGHER)).toEqual({ score: 100, status: "GREEN" });
    expect(scoreValue(Number.NEGATIVE_INFINITY, HIGHER)).toEqual({ score: 0, status: "RED" });
  });
});

describe("scoreValue: LOWER_IS_BETTER (red 10, green 5, target 2)", () => {
  it("mirrors HIGHER_IS_BETTER", () => {
    expectCases(LOWER, [
      [0, 100, "GREEN"],
      [2, 100, "GREEN"],
      [3.5, 250 / 3, "GREEN"], // 200/3 + (100/3)(1.5/3)
      [5, 200 / 3, "GREEN"],
      [7.5, 50, "AMBER"], // 100/3 + (100/3)(2.5/5)
      [10, 100 / 3, "RED"],
      [12.5, 50 / 3, "RED"],
      [15, 0, "RED"],
      [1e9, 0, "RED"],
    ]);
  });

  it("handles the degenerate green == target", () => {
    const t: Thresholds = { direction: "LOWER_IS_BETTER", red: 10, green: 5, target: 5 };
    expectCases(t, [
      [5, 100, "GREEN"],
      [6, 60, "AMBER"], // 100/3 + (100/3)(4/5)
      [10, 100 / 3, "RED"],
    ]);
  });
});

describe("scoreValue: TARGET_RANGE (10 | 20 .. 25 .. 40 | 60)", () => {
  it("scores below the target like HIGHER_IS_BETTER", () => {
    expectCases(RANGE, [
      [25, 100, "GREEN"],
      [22.5, 250 / 3, "GREEN"],
      [20, 200 / 3, "GREEN"],
      [15, 50, "AMBER"],
      [10, 100 / 3, "RED"],
      [5, 50 / 3, "RED"],
      [0, 0, "RED"],
    ]);
  });

  it("scores above the target like LOWER_IS_BETTER", () => {
    expectCases(RANGE, [
      [32.5, 250 / 3, "GREEN"], // 200/3 + (100/3)(7.5/15)
      [40, 200 / 3, "GREEN"],
      [50, 50, "AMBER"], // 100/3 + (100/3)(10/20)
      [60, 100 / 3, "RED"],
      [70, 50 / 3, "RED"],
      [80, 0, "RED"],
    ]);
  });

  it("handles a one-point green band (green == target == greenHigh)", () => {
    const t: Thresholds = { direction: "TARGET_RANGE", red: 10, green: 20, target: 20, greenHigh: 20, redHigh: 30 };
    expectCases(t, [
      [20, 100, "GREEN"],
      [19, 190 / 3, "AMBER"], // 100/3 + (100/3)(9/10)
      [21, 190 / 3, "AMBER"], // 100/3 + (100/3)(9/10) on the upper side
      [30, 100 / 3, "RED"],
    ]);
  });
});

describe("scoreValue: missing values", () => {
  it.each([null, undefined, Number.NaN])("scores %s as null, NO_DATA", (value) => {
    for (const t of [HIGHER, LOWER, RANGE]) expect(scoreValue(value, t)).toEqual({ score: null, status: "NO_DATA" });
  });
});

describe("validateThresholds and invalid orderings", () => {
  const invalid: Array<[string, Thresholds, keyof Thresholds]> = [
    ["unknown direction", { ...HIGHER, direction: "SIDEWAYS" as Thresholds["direction"] }, "direction"],
    ["non-finite target", { ...HIGHER, target: Number.NaN }, "target"],
    ["infinite green", { ...HIGHER, green: Number.POSITIVE_INFINITY }, "green"],
    ["non-number red", { ...HIGHER, red: "40" as unknown as number }, "red"],
    ["HIGHER red above green", { ...HIGHER, red: 70 }, "red"],
    ["HIGHER red equal to green", { ...HIGHER, red: 60 }, "red"],
    ["HIGHER green above target", { ...HIGHER, green: 90 }, "green"],
    ["HIGHER spans overflow", { direction: "HIGHER_IS_BETTER", red: -1e308, green: 0, target: 1e308 }, "red"],
    ["LOWER red below green", { ...LOWER, red: 4 }, "red"],
    ["LOWER red equal to green", { ...LOWER, red: 5 }, "red"],
    ["LOWER green below target", { ...LOWER, green: 1 }, "green"],
    ["RANGE without greenHigh", { ...RANGE, greenHigh: undefined }, "greenHigh"],
    ["RANGE without redHigh", { ...RANGE, redHigh: undefined }, "redHigh"],
    ["RANGE with null redHigh", { ...RANGE, redHigh: null as unknown as number }, "redHigh"],
    ["RANGE red above green", { ...RANGE, red: 20 }, "red"],
    ["RANGE target below green", { ...RANGE, target: 15 }, "target"],
    ["RANGE target above greenHigh", { ...RANGE, target: 45 }, "target"],
    ["RANGE redHigh equal to greenHigh", { ...RANGE, redHigh: 40 }, "redHigh"],
    ["RANGE redHigh below greenHigh", { ...RANGE, redHigh: 30 }, "redHigh"],
    ["RANGE spans overflow", { ...RANGE, red: -1e308, redHigh: 1e308 }, "redHigh"],
  ];

  it.each(invalid)("rejects %s, naming the field", (_name, t, field) => {
    const check = validateThresholds(t);
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.field).toBe(field);
      expect(check.message).toContain(field);
    }
  });

  it.each(invalid)("scoreValue throws for %s with a message naming the field", (_name, t, field) => {
    let thrown: unknown;
    try {
      scoreValue(50, t);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidThresholdsError);
    expect((thrown as InvalidThresholdsError).field).toBe(field);
    expect((thrown as Error).message).toMatch(new RegExp(`^Invalid thresholds \\(${field}\\): .*${field}`));
  });

  it("throws even for a missing value (thresholds are checked first)", () => {
    expect(() => scoreValue(null, { ...HIGHER, red: 70 })).toThrow(/red/);
  });

  it("accepts valid thresholds, including degenerate ones", () => {
    expect(validateThresholds(HIGHER)).toEqual({ ok: true });
    expect(validateThresholds(LOWER)).toEqual({ ok: true });
    expect(validateThresholds(RANGE)).toEqual({ ok: true });
    expect(validateThresholds({ ...HIGHER, green: 80 })).toEqual({ ok: true });
    expect(validateThresholds({ ...RANGE, target: 20, greenHigh: 20 })).toEqual({ ok: true });
  });

  it("ignores greenHigh/redHigh outside TARGET_RANGE", () => {
    const t = { ...HIGHER, greenHigh: -5, redHigh: Number.NaN };
    expect(validateThresholds(t)).toEqual({ ok: true });
    expect(scoreValue(70, t).score).toBeCloseTo(250 / 3, 10);
    // Nullable database columns come through as null.
    expect(validateThresholds({ ...HIGHER, greenHigh: null, redHigh: null })).toEqual({ ok: true });
  });
});

describe("makeScorer", () => {
  it("agrees with scoreValue", () => {
    for (const t of [HIGHER, LOWER, RANGE]) {
      const scorer = makeScorer(t);
      for (const v of [-10, 0, 5, 10, 20, 25, 40, 45, 60, 80, 100, Number.NaN]) {
        expect(scorer.scoreValue(v)).toEqual(scoreValue(v, t));
        expect(scorer.score(v)).toEqual(scoreValue(v, t).score);
        expect(scorer.status(v)).toBe(scoreValue(v, t).status);
      }
    }
  });

  it("exposes the thresholds it applies", () => {
    expect(makeScorer(HIGHER).thresholds).toEqual(HIGHER);
    expect(makeScorer(LOWER).thresholds).toEqual(LOWER);
    expect(makeScorer(RANGE).thresholds).toEqual(RANGE);
    expect(makeScorer({ ...HIGHER, greenHigh: 1 }).thresholds).toEqual(HIGHER);
  });

  it("is not affected by later mutation of the thresholds object", () => {
    const t: Thresholds = { ...HIGHER };
    const scorer = makeScorer(t);
    t.green = 0;
    t.red = -100;
    expect(scorer.score(50)).toBe(50);
    expect(scorer.thresholds.green).toBe(60);
  });

  it("validates when built", () => {
    expect(() => makeScorer({ ...LOWER, green: 1 })).toThrow(InvalidThresholdsError);
  });
});
