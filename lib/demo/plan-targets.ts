import { effectiveAt } from "@/lib/scoring/periods";
import { validateThresholds } from "@/lib/scoring/thresholds";
import { periodMonthsBeforeEnd, periodsInWindow, type DemoCalendar } from "./calendar";
import type { KpiSpec, PersonaSlug, TargetSpec } from "./catalogue";
import type { WalkThresholds } from "./random-walk";

// Every target row the demo holds: a default per KPI from the first period of the window,
// persona overrides from the same period, and the catalogue's later target changes.

export interface PlannedTarget {
  kpi: string;
  persona: PersonaSlug | null;
  effectiveFrom: string;
  baseline: number | null;
  target: number;
  green: number;
  red: number;
  greenHigh: number | null;
  redHigh: number | null;
  rationale: string;
}

/** The thresholds of a row in the shape scoring and the random walk take (absent, not null). */
export function thresholdsOf(t: PlannedTarget): WalkThresholds {
  return { target: t.target, green: t.green, red: t.red, greenHigh: t.greenHigh ?? undefined, redHigh: t.redHigh ?? undefined };
}

function firstPeriod(calendar: DemoCalendar, kpi: KpiSpec): string {
  const first = periodsInWindow(calendar, kpi.frequency)[0];
  if (!first) throw new Error(`No ${kpi.frequency} period between ${calendar.start} and ${calendar.end}`);
  return first;
}

function plannedTarget(kpi: KpiSpec, persona: PersonaSlug | null, effectiveFrom: string, t: TargetSpec): PlannedTarget {
  const row: PlannedTarget = {
    kpi: kpi.code,
    persona,
    effectiveFrom,
    baseline: t.baseline ?? null,
    target: t.target,
    green: t.green,
    red: t.red,
    greenHigh: kpi.direction === "TARGET_RANGE" ? (t.greenHigh ?? null) : null,
    redHigh: kpi.direction === "TARGET_RANGE" ? (t.redHigh ?? null) : null,
    rationale: t.rationale,
  };
  // A catalogue typo must fail here, not as a 500 on a dashboard.
  const check = validateThresholds({ direction: kpi.direction, ...thresholdsOf(row) });
  if (!check.ok) throw new Error(`Demo target ${kpi.code}/${persona ?? "default"}/${effectiveFrom}: ${check.message}`);
  return row;
}

export function planTargets(calendar: DemoCalendar, kpis: KpiSpec[]): PlannedTarget[] {
  return kpis.flatMap((spec) => {
    const from = firstPeriod(calendar, spec);
    const rows = [plannedTarget(spec, null, from, spec.target)];
    for (const [slug, t] of Object.entries(spec.personaTargets ?? {}) as Array<[PersonaSlug, TargetSpec]>) {
      rows.push(plannedTarget(spec, slug, from, t));
    }
    for (const change of spec.targetChanges ?? []) {
      const period = periodMonthsBeforeEnd(calendar, change.monthsBeforeEnd, spec.frequency);
      rows.push(plannedTarget(spec, change.persona ?? null, period, change));
    }
    return rows;
  });
}

/** The row in force: the persona's own latest on or before the period, else the default's. */
export function targetInForce(targets: PlannedTarget[], kpi: string, persona: PersonaSlug, period: string): PlannedTarget {
  const rows = targets.filter((t) => t.kpi === kpi);
  const found = effectiveAt(rows.filter((t) => t.persona === persona), period) ?? effectiveAt(rows.filter((t) => t.persona === null), period);
  if (!found) throw new Error(`No demo target for ${kpi} in ${period}`);
  return found;
}
