import { describe, expect, it } from "vitest";
import {
  GREEN_MIN_SCORE,
  isScored,
  RED_MAX_SCORE,
  rollup,
  RollupAccumulator,
  rollupAcrossPersonas,
  rollupObjective,
  rollupPerspective,
  scorePersona,
} from "@/lib/scoring";

describe("rollup", () => {
  it("is the weighted mean of the scored items", () => {
    expect(rollup([{ score: 80, weight: 1 }, { score: 50, weight: 3 }])).toEqual({
      score: 57.5, // (80 + 150) / 4
      status: "AMBER",
      coverage: 1,
    });
  });

  it("skips missing scores, normalises the other weights and reports coverage", () => {
    const r = rollup([
      { score: 80, weight: 1 },
      { score: null, weight: 1 },
      { score: 50, weight: 2 },
    ]);
    expect(r.score).toBeCloseTo(60, 12); // (80 + 100) / 3
    expect(r.status).toBe("AMBER");
    expect(r.coverage).toBe(0.75); // 3 of 4
  });

  it("treats a NaN score as missing", () => {
    expect(rollup([{ score: 70, weight: 2 }, { score: Number.NaN, weight: 6 }])).toEqual({
      score: 70,
      status: "GREEN",
      coverage: 0.25,
    });
  });

  it("is NO_DATA with coverage 0 when nothing is scored", () => {
    expect(rollup([])).toEqual({ score: null, status: "NO_DATA", coverage: 0 });
    expect(rollup([{ score: null, weight: 1 }, { score: null, weight: 2 }])).toEqual({
      score: null,
      status: "NO_DATA",
      coverage: 0,
    });
  });

  it("is NO_DATA when the scored weights sum to 0", () => {
    // All weights zero: coverage is 0 because the total weight is 0.
    expect(rollup([{ score: 80, weight: 0 }, { score: 50, weight: 0 }])).toEqual({
      score: null,
      status: "NO_DATA",
      coverage: 0,
    });
    // Scored weight zero, unscored weight positive: coverage 0 / 2.
    expect(rollup([{ score: 80, weight: 0 }, { score: null, weight: 2 }])).toEqual({
      score: null,
      status: "NO_DATA",
      coverage: 0,
    });
  });

  it("gives a zero-weight item no say", () => {
    expect(rollup([{ score: 90, weight: 0 }, { score: 50, weight: 1 }])).toEqual({
      score: 50,
      status: "AMBER",
      coverage: 1,
    });
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])("throws on weight %s", (weight) => {
    expect(() => rollup([{ score: 50, weight: 1 }, { score: 50, weight }])).toThrow(/weight/);
    // Even when the item carries no score: its weight would still enter the coverage.
    expect(() => rollup([{ score: null, weight }])).toThrow(/weight/);
  });

  it("keeps scores on a band edge on it", () => {
    expect(rollup([{ score: RED_MAX_SCORE, weight: 0.1 }, { score: RED_MAX_SCORE, weight: 0.7 }])).toEqual({
      score: RED_MAX_SCORE,
      status: "RED",
      coverage: 1,
    });
    const r = rollup([{ score: 0, weight: 1 }, { score: 100, weight: 2 }]);
    expect(r.score).toBeCloseTo(GREEN_MIN_SCORE, 12);
    expect(r.status).toBe("GREEN");
  });

  it("returns a single item's score exactly", () => {
    expect(rollup([{ score: 0.1, weight: 3 }]).score).toBe(0.1);
  });
});

describe("RollupAccumulator", () => {
  it("matches rollup and can be reset", () => {
    const acc = new RollupAccumulator();
    acc.add(80, 1).add(null, 1).add(50, 2);
    expect(acc.result()).toEqual(rollup([
      { score: 80, weight: 1 },
      { score: null, weight: 1 },
      { score: 50, weight: 2 },
    ]));
    expect(acc.coverage).toBe(0.75);
    acc.reset();
    expect(acc.result()).toEqual({ score: null, status: "NO_DATA", coverage: 0 });
    acc.add(20, 1);
    expect(acc.score).toBe(20);
  });
});

describe("hierarchy", () => {
  it("never scores DRAFT or PROPOSED items; scores the rest", () => {
    expect(isScored("DRAFT")).toBe(false);
    expect(isScored("PROPOSED")).toBe(false);
    for (const status of ["ACTIVE", "SUNSET", "RETIRED", null, undefined]) expect(isScored(status)).toBe(true);
  });

  it("rolls up a perspective's KPIs with KPI weights, dropping PROPOSED ones entirely", () => {
    const r = rollupPerspective([
      { score: 90, weight: 1, status: "ACTIVE" },
      { score: 10, weight: 5, status: "PROPOSED" },
      { score: 30, weight: 1, status: "RETIRED" },
    ]);
    expect(r).toEqual({ score: 60, status: "AMBER", coverage: 1 });
    expect(rollupObjective([{ score: 90, weight: 1 }, { score: 10, weight: 5, status: "PROPOSED" }]).score).toBe(90);
  });

  it("rolls up persona scores with the persona weights in force", () => {
    const r = rollupAcrossPersonas([
      { score: 80, weight: 0.5, status: "ACTIVE" },
      { score: 20, weight: 0.3, status: "SUNSET" },
      { score: 100, weight: 0.2, status: "DRAFT" },
    ]);
    expect(r.score).toBeCloseTo(57.5, 10); // (40 + 6) / 0.8
    expect(r.status).toBe("AMBER");
    expect(r.coverage).toBe(1);
  });

  it("scores a persona: perspectives from KPIs, the persona from perspectives", () => {
    const { overall, perspectives } = scorePersona([
      { weight: 2, kpis: [{ score: 90, weight: 1 }, { score: 60, weight: 2 }] }, // 70
      { weight: 1, kpis: [{ score: null, weight: 1 }] }, // no data
      { weight: 1, kpis: [{ score: 20, weight: 1, status: "DRAFT" }, { score: 40, weight: 1 }] }, // 40
    ]);
    expect(perspectives.map((p) => p.status)).toEqual(["GREEN", "NO_DATA", "AMBER"]);
    expect(perspectives[0]?.score).toBeCloseTo(70, 12);
    expect(perspectives[2]?.score).toBe(40);
    expect(overall.score).toBeCloseTo(60, 12); // (2*70 + 1*40) / 3
    expect(overall.coverage).toBe(0.75); // the no-data perspective's weight 1 of 4
    expect(overall.status).toBe("AMBER");
  });
});
