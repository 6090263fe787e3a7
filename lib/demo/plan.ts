import { BREACH_SCENARIOS, GAPS, SCORECARDS, type KpiSpec, type ScorecardSpec } from "./catalogue";
import { demoCalendar, type DemoCalendar } from "./calendar";
import { planMeasurements, type PlannedMeasurement } from "./plan-measurements";
import { planTargets, type PlannedTarget } from "./plan-targets";

// The demo as data: every row it writes, by natural key, with values from the seeded random
// walk. No database here, so the plan can be checked (and tested) on its own before any write.

export interface PlannedKpi {
  spec: KpiSpec;
  scorecard: ScorecardSpec;
  perspective: string;
}

export interface DemoPlan {
  calendar: DemoCalendar;
  kpis: PlannedKpi[];
  targets: PlannedTarget[];
  measurements: PlannedMeasurement[];
}

function allKpis(): PlannedKpi[] {
  return SCORECARDS.flatMap((scorecard) =>
    scorecard.perspectives.flatMap((perspective) => perspective.kpis.map((spec) => ({ spec, scorecard, perspective: perspective.name }))),
  );
}

function checkCatalogue(kpis: PlannedKpi[]): void {
  const codes = new Set<string>();
  for (const { spec, scorecard } of kpis) {
    if (codes.has(spec.code)) throw new Error(`Duplicate demo KPI code ${spec.code}`);
    codes.add(spec.code);
    const objectives = scorecard.perspectives.flatMap((p) => p.objectives.map((o) => o.key));
    if (!objectives.includes(spec.objective)) throw new Error(`KPI ${spec.code}: unknown objective ${spec.objective}`);
  }
  for (const ref of [...BREACH_SCENARIOS, ...GAPS]) {
    if (!codes.has(ref.kpi)) throw new Error(`Scenario or gap names unknown KPI ${ref.kpi}`);
  }
}

/** Everything the demo writes, by natural key. Pure and deterministic: same end period, same plan. */
export function buildDemoPlan(endPeriod: string): DemoPlan {
  const calendar = demoCalendar(endPeriod);
  const kpis = allKpis();
  checkCatalogue(kpis);
  const specs = kpis.map((k) => k.spec);
  const targets = planTargets(calendar, specs);
  return { calendar, kpis, targets, measurements: planMeasurements(calendar, specs, targets) };
}
