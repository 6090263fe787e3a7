import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scorePersonaMonth, scorePersonaMonthTotals, targetBookFor, ValueBook } from "@/lib/queries/score-month";
import type { KpiDef, ScorecardStructure, TargetRow, ValueRow } from "@/lib/queries/scorecard-model";

// The heatmap scores through scorePersonaMonthTotals, a lean path without per-KPI objects; the
// persona scorecard through scorePersonaMonth. They must never disagree on a number.

const PERSONAS = ["p1", "p2"];
const MONTHS = ["2026-01-01", "2026-02-01", "2026-03-01", "2026-04-01", "2026-05-01"];

const kpiArb = fc.record({
  perspective: fc.integer({ min: 0, max: 2 }),
  direction: fc.constantFrom("HIGHER_IS_BETTER", "LOWER_IS_BETTER", "TARGET_RANGE") as fc.Arbitrary<KpiDef["direction"]>,
  frequency: fc.constantFrom("MONTHLY", "QUARTERLY") as fc.Arbitrary<KpiDef["frequency"]>,
  weight: fc.constantFrom(0, 0.5, 1, 2, 3),
  hasDefault: fc.boolean(),
  overrides: fc.subarray(PERSONAS),
  laterChange: fc.boolean(),
});

type KpiSpec = typeof kpiArb extends fc.Arbitrary<infer T> ? T : never;

function structureOf(kpis: KpiSpec[]): ScorecardStructure {
  return {
    id: "s",
    slug: "s",
    name: "S",
    description: null,
    escalationStreakLength: 3,
    perspectives: [0, 1, 2].map((i) => ({ id: `pe${i}`, name: `P${i}`, order: i, weight: i + 1 })),
    objectives: [],
    kpis: kpis.map((k, i) => ({
      id: `k${i}`,
      code: `K${i}`,
      name: `K${i}`,
      perspectiveId: `pe${k.perspective}`,
      objectiveId: null,
      unit: "PERCENT",
      currencyCode: null,
      durationUnit: null,
      direction: k.direction,
      frequency: k.frequency,
      weight: k.weight,
      measureType: "QUANTITATIVE",
      timing: "LAGGING",
      owner: null,
      department: null,
      status: "ACTIVE",
      retiredIn: null,
    })),
  };
}

function target(kpiId: string, personaId: string | null, effectiveFrom: string, direction: KpiDef["direction"], shift: number): TargetRow {
  const range = direction === "TARGET_RANGE";
  const [red, green, target] = direction === "LOWER_IS_BETTER" ? [80 - shift, 60 - shift, 40 - shift] : [30 + shift, 50 + shift, range ? 60 + shift : 70 + shift];
  return {
    kpiId,
    personaId,
    effectiveFrom,
    baseline: null,
    target,
    green,
    red,
    greenHigh: range ? 70 + shift : null,
    redHigh: range ? 90 + shift : null,
    text: { target: "", green: "", red: "", greenHigh: null, redHigh: null },
    rationale: null,
  };
}

describe("scorePersonaMonthTotals", () => {
  it("gives the same overall and perspective results as scorePersonaMonth", () => {
    fc.assert(
      fc.property(
        fc.array(kpiArb, { minLength: 1, maxLength: 12 }),
        fc.array(fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: null }), { minLength: 60, maxLength: 60 }),
        fc.constantFrom(...MONTHS),
        (kpis, rawValues, month) => {
          const structure = structureOf(kpis);
          const targets: TargetRow[] = [];
          structure.kpis.forEach((k, i) => {
            const spec = kpis[i]!;
            if (spec.hasDefault) targets.push(target(k.id, null, "2025-01-01", k.direction, 0));
            for (const p of spec.overrides) targets.push(target(k.id, p, spec.laterChange ? "2026-03-01" : "2025-06-01", k.direction, 5));
          });
          const values: ValueRow[] = [];
          let n = 0;
          for (const k of structure.kpis) {
            for (const p of PERSONAS) {
              for (const period of ["2026-01-01", "2026-04-01", month]) {
                const v = rawValues[n++ % rawValues.length];
                if (v !== undefined) values.push({ kpiId: k.id, personaId: p, period, value: v });
              }
            }
          }
          const book = targetBookFor(structure, targets);
          const valueBook = new ValueBook(values);
          for (const p of PERSONAS) {
            const full = scorePersonaMonth(structure, book, valueBook, p, month, true);
            const lean = scorePersonaMonthTotals(structure, book, valueBook, p, month);
            expect(lean.overall).toEqual(full.overall);
            expect(lean.perspectives).toEqual(full.perspectives);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
