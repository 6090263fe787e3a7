import { viewPeriod, type Frequency } from "./periods";
import { rollup, type WeightedScore } from "./rollup";
import type { RollupResult } from "./types";

/**
 * Lifecycle states that are never scored: a DRAFT persona and a PROPOSED KPI do not exist
 * yet as far as scores go. Everything else (ACTIVE, SUNSET, RETIRED, or no status at all) is
 * scored when the caller passes it: whether a RETIRED KPI or SUNSET persona still belongs in
 * a given period depends on when it left, which only the caller knows.
 */
export const NEVER_SCORED_STATUSES: readonly string[] = Object.freeze(["DRAFT", "PROPOSED", "REJECTED"]);

export function isScored(status: string | null | undefined): boolean {
  return status == null || !NEVER_SCORED_STATUSES.includes(status);
}

/**
 * Whether a KPI counts in a month's view. ACTIVE: always. RETIRED: up to and including the
 * period it was retired in (`retiredIn`, a month key; for a quarterly KPI its quarter), never
 * after, so its history keeps scoring. PROPOSED and REJECTED: never.
 */
export function kpiCountsInMonth(kpi: { status: string; retiredIn: string | null; frequency: Frequency }, month: string): boolean {
  if (kpi.status === "ACTIVE") return true;
  if (kpi.status !== "RETIRED" || kpi.retiredIn === null) return false;
  return viewPeriod(kpi.frequency, month) <= viewPeriod(kpi.frequency, kpi.retiredIn);
}

/** An item of the hierarchy: its score, its weight, and optionally its lifecycle status. */
export interface HierarchyItem extends WeightedScore {
  status?: string | null;
}

/** rollup over the items that may be scored (see NEVER_SCORED_STATUSES). */
export function rollupScored(items: ReadonlyArray<HierarchyItem>): RollupResult {
  return rollup(items.filter((item) => isScored(item.status)));
}

/** A perspective rolls up its KPIs (score per KPI, KPI weights). */
export const rollupPerspective = rollupScored;
/** An objective rolls up its KPIs (score per KPI, KPI weights). */
export const rollupObjective = rollupScored;
/** A persona's overall score rolls up its perspectives (perspective weights). */
export const rollupPersona = rollupScored;
/** A score across personas rolls up persona scores with the persona weights in force in that period. */
export const rollupAcrossPersonas = rollupScored;

export interface PerspectiveInput {
  weight: number;
  status?: string | null;
  kpis: ReadonlyArray<HierarchyItem>;
}

/** One persona in one period: each perspective from its KPIs, then the persona from its perspectives. */
export function scorePersona(perspectives: ReadonlyArray<PerspectiveInput>): {
  overall: RollupResult;
  perspectives: RollupResult[];
} {
  const results = perspectives.map((p) => rollupPerspective(p.kpis));
  const overall = rollupPersona(
    perspectives.map((p, i) => ({ score: results[i]?.score ?? null, weight: p.weight, status: p.status })),
  );
  return { overall, perspectives: results };
}
