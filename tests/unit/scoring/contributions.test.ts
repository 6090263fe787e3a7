import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dueState, explainChange, personaKpiShares, rollup, rollupShares, scorePersona } from "@/lib/scoring";

describe("rollupShares", () => {
  it("gives each scored item w / Σw of the scored weight and 0 to the rest", () => {
    expect(rollupShares([{ score: 80, weight: 1 }, { score: null, weight: 5 }, { score: 50, weight: 3 }])).toEqual([0.25, 0, 0.75]);
  });

  it("never gives a share to draft or proposed items", () => {
    expect(rollupShares([{ score: 80, weight: 1, status: "PROPOSED" }, { score: 40, weight: 1 }])).toEqual([0, 1]);
  });

  it("reproduces the roll-up: Σ share·score = rollup score", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ score: fc.option(fc.double({ min: 0, max: 100, noNaN: true })), weight: fc.double({ min: 0, max: 10, noNaN: true }) }), { minLength: 1, maxLength: 12 }),
        (items) => {
          const shares = rollupShares(items);
          const expected = rollup(items).score;
          const sum = items.reduce((s, item, i) => s + shares[i]! * (item.score ?? 0), 0);
          if (expected === null) expect(shares.every((x) => x === 0)).toBe(true);
          else expect(sum).toBeCloseTo(expected, 6);
        },
      ),
    );
  });
});

describe("personaKpiShares", () => {
  it("multiplies the KPI's share in its perspective by the perspective's share", () => {
    // Perspective A (weight 3): KPIs 1 and 3 scored -> 1/4, 3/4. Perspective B (weight 1): one KPI.
    // Perspective C (weight 6): nothing reported -> no share, so A = 3/4 and B = 1/4 of the persona.
    const perspectives = [
      { weight: 3, kpis: [{ score: 90, weight: 1 }, { score: 10, weight: 3 }] },
      { weight: 1, kpis: [{ score: 50, weight: 2 }] },
      { weight: 6, kpis: [{ score: null, weight: 1 }] },
    ];
    const shares = personaKpiShares(perspectives);
    expect(shares).toEqual([[3 / 16, 9 / 16], [1 / 4], [0]]);
    const overall = scorePersona(perspectives).overall.score!;
    expect(90 * (3 / 16) + 10 * (9 / 16) + 50 * (1 / 4)).toBeCloseTo(overall, 12);
  });
});

describe("explainChange", () => {
  it("attributes the change to each item's share x score change; the residual closes the sum", () => {
    const result = explainChange(
      [
        { previousScore: 50, currentScore: 70, currentShare: 0.5 },
        { previousScore: 80, currentScore: 60, currentShare: 0.25 },
        { previousScore: null, currentScore: 40, currentShare: 0.25 },
      ],
      60,
      62.5,
    );
    expect(result.contributions).toEqual([10, -5, null]);
    expect(result.change).toBeCloseTo(2.5, 12);
    expect(result.residual).toBeCloseTo(-2.5, 12);
  });

  it("has no change without both totals", () => {
    expect(explainChange([{ previousScore: null, currentScore: 40, currentShare: 1 }], null, 40)).toEqual({
      change: null,
      contributions: [null],
      residual: null,
    });
  });
});

describe("dueState", () => {
  it("is OPEN until the period ends, DUE for the grace days, then OVERDUE", () => {
    expect(dueState("2026-10-01", "MONTHLY", "2026-10-31")).toBe("OPEN");
    expect(dueState("2026-10-01", "MONTHLY", "2026-11-01")).toBe("DUE");
    expect(dueState("2026-10-01", "MONTHLY", "2026-11-10")).toBe("DUE");
    expect(dueState("2026-10-01", "MONTHLY", "2026-11-11")).toBe("OVERDUE");
  });

  it("counts a quarter from the quarter's end, with a custom grace", () => {
    expect(dueState("2026-07-01", "QUARTERLY", "2026-09-30")).toBe("OPEN");
    expect(dueState("2026-07-01", "QUARTERLY", "2026-10-02", 1)).toBe("OVERDUE");
    expect(dueState("2026-07-01", "QUARTERLY", new Date(Date.UTC(2026, 9, 1)), 0)).toBe("OVERDUE");
  });

  it("handles leap days and refuses a bad grace", () => {
    expect(dueState("2024-02-01", "MONTHLY", "2024-02-29")).toBe("OPEN");
    expect(() => dueState("2024-02-01", "MONTHLY", "2024-03-01", -1)).toThrow(/grace/);
  });
});
