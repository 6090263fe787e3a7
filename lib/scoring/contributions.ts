import { isScored, type HierarchyItem, type PerspectiveInput } from "./hierarchy";

/**
 * Each item's share of a roll-up: w / Σw over the items that carry a score (and may be scored),
 * 0 for the others. Σ share·score equals rollup(items).score, so a reader can see how much each
 * item moved the total. Weights are checked by the roll-up; this only divides.
 */
export function rollupShares(items: ReadonlyArray<HierarchyItem>): number[] {
  let scoredWeight = 0;
  for (const item of items) if (counts(item)) scoredWeight += item.weight;
  return items.map((item) => (scoredWeight > 0 && counts(item) ? item.weight / scoredWeight : 0));
}

function counts(item: HierarchyItem): boolean {
  return isScored(item.status) && item.score !== null && item.score === item.score && item.weight > 0;
}

/**
 * Each KPI's share of a persona's overall score (scorePersona's rules): its share within its
 * perspective times the perspective's share of the persona. shares[p][k] follows the input's
 * order; Σ share·score over all KPIs equals the persona's overall score.
 */
export function personaKpiShares(perspectives: ReadonlyArray<PerspectiveInput>): number[][] {
  const within = perspectives.map((p) => rollupShares(p.kpis));
  const perspectiveScored = perspectives.map((p, i) => ({
    weight: p.weight,
    status: p.status,
    // A perspective counts when at least one of its KPIs carries a share.
    score: within[i]!.some((share) => share > 0) ? 1 : null,
  }));
  const outer = rollupShares(perspectiveScored);
  return within.map((shares, i) => shares.map((share) => share * outer[i]!));
}

export interface ChangeItem {
  /** Score in the previous period (null: not scored then). */
  previousScore: number | null;
  /** Score in the current period (null: not scored now). */
  currentScore: number | null;
  /** Share of the total in the current period (personaKpiShares). */
  currentShare: number;
}

export interface ChangeExplanation {
  /** current total - previous total; null unless both totals exist. */
  change: number | null;
  /** Per item, in input order: current share x score change; null when either score is missing. */
  contributions: (number | null)[];
  /**
   * What the per-item contributions do not explain: KPIs that started or stopped reporting and
   * shifts in the shares themselves. change = Σ contributions + residual.
   */
  residual: number | null;
}

/**
 * Decomposes a total's change between two periods into each item's contribution (its current
 * weight share x its score change), so a reader sees which items moved the total. The residual
 * closes the sum exactly.
 */
export function explainChange(items: ReadonlyArray<ChangeItem>, previousTotal: number | null, currentTotal: number | null): ChangeExplanation {
  const contributions = items.map((item) =>
    item.previousScore === null || item.currentScore === null ? null : item.currentShare * (item.currentScore - item.previousScore),
  );
  if (previousTotal === null || currentTotal === null) return { change: null, contributions, residual: null };
  const change = currentTotal - previousTotal;
  let explained = 0;
  for (const c of contributions) if (c !== null) explained += c;
  return { change, contributions, residual: change - explained };
}
