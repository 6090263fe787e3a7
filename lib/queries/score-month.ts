import {
  effectiveAt,
  makeScorer,
  personaKpiShares,
  rollupAcrossPersonas,
  rollupObjective,
  rollupShares,
  scorePersona,
  viewPeriod,
  type RollupResult,
  type Scorer,
  type Status,
  type Thresholds,
} from "@/lib/scoring";
import type { KpiDef, ScorecardStructure, TargetRow, ValueRow, WeightRow } from "./scorecard-model";

// Scores loaded rows for one persona and month with lib/scoring. No I/O: the loaders in
// scorecard-model.ts fetch, this indexes and scores, screens shape. Every screen and export
// that shows a persona's month goes through scorePersonaMonth, so their numbers agree.

export type TargetSource = "PERSONA" | "DEFAULT";

export interface TargetInForce {
  row: TargetRow;
  /** The persona's own row, or the KPI's default. */
  source: TargetSource;
  thresholds: Thresholds;
}

/** Target rows by KPI and persona; answers which row is in force for a persona in a period. */
export class TargetBook {
  private readonly rows = new Map<string, TargetRow[]>();
  private readonly scorers = new Map<TargetRow, Scorer>();

  constructor(
    private readonly directionOf: ReadonlyMap<string, KpiDef["direction"]>,
    rows: ReadonlyArray<TargetRow>,
  ) {
    for (const row of rows) {
      const key = `${row.kpiId}|${row.personaId ?? ""}`;
      const list = this.rows.get(key);
      if (list) list.push(row);
      else this.rows.set(key, [row]);
    }
  }

  /** The persona's own row in force in the period, else the KPI default's; null when neither exists. */
  inForce(kpiId: string, personaId: string, period: string): TargetInForce | null {
    const own = effectiveAt(this.rows.get(`${kpiId}|${personaId}`) ?? [], period);
    const row = own ?? effectiveAt(this.rows.get(`${kpiId}|`) ?? [], period);
    if (!row) return null;
    return { row, source: own ? "PERSONA" : "DEFAULT", thresholds: this.thresholdsOf(kpiId, row) };
  }

  scorerFor(kpiId: string, row: TargetRow): Scorer {
    let scorer = this.scorers.get(row);
    if (!scorer) {
      scorer = makeScorer(this.thresholdsOf(kpiId, row));
      this.scorers.set(row, scorer);
    }
    return scorer;
  }

  private thresholdsOf(kpiId: string, row: TargetRow): Thresholds {
    return {
      direction: this.directionOf.get(kpiId) ?? "HIGHER_IS_BETTER",
      target: row.target,
      green: row.green,
      red: row.red,
      greenHigh: row.greenHigh ?? undefined,
      redHigh: row.redHigh ?? undefined,
    };
  }
}

export function targetBookFor(structure: Pick<ScorecardStructure, "kpis">, rows: ReadonlyArray<TargetRow>): TargetBook {
  return new TargetBook(new Map(structure.kpis.map((k) => [k.id, k.direction])), rows);
}

/** Values by KPI, persona and period. */
export class ValueBook<R extends ValueRow = ValueRow> {
  private readonly rows = new Map<string, R>();
  constructor(rows: ReadonlyArray<R>) {
    for (const row of rows) this.rows.set(`${row.kpiId}|${row.personaId}|${row.period}`, row);
  }
  get(kpiId: string, personaId: string, period: string): R | undefined {
    return this.rows.get(`${kpiId}|${personaId}|${period}`);
  }
}

/** Persona weights by persona; answers the weight in force in a period (0 when none). */
export class WeightBook {
  private readonly rows = new Map<string, WeightRow[]>();
  constructor(rows: ReadonlyArray<WeightRow>) {
    for (const row of rows) {
      const list = this.rows.get(row.personaId);
      if (list) list.push(row);
      else this.rows.set(row.personaId, [row]);
    }
  }
  inForce(personaId: string, period: string): WeightRow | undefined {
    return effectiveAt(this.rows.get(personaId) ?? [], period);
  }
}

export interface KpiMonthScore {
  kpi: KpiDef;
  /** The period whose value a monthly view shows: the month, or the quarter containing it. */
  period: string;
  /** The value scored; null when missing or not available. */
  value: number | null;
  /** A row exists for the period (a stored value, or one marked not available). */
  reported: boolean;
  target: TargetInForce | null;
  score: number | null;
  status: Status;
  /** This KPI's share of the persona's overall score in the month (0 when not scored). */
  share: number;
}

export interface PersonaMonthScore {
  personaId: string;
  month: string;
  overall: RollupResult;
  perspectives: { perspectiveId: string; result: RollupResult }[];
  objectives: Map<string, RollupResult>;
  /** In the structure's KPI order. */
  kpis: KpiMonthScore[];
}

/** The periods whose values a month's view needs: the month and the quarter containing it. */
export function periodsForMonth(month: string): string[] {
  const quarter = viewPeriod("QUARTERLY", month);
  return quarter === month ? [month] : [month, quarter];
}

/**
 * One persona in one month: each KPI against the thresholds in force for that persona in the
 * value's period (a KPI without thresholds cannot be judged: no data, never zero), then
 * objectives, perspectives and the persona's overall score with lib/scoring's roll-ups.
 */
export function scorePersonaMonth(
  structure: ScorecardStructure,
  targets: TargetBook,
  values: ValueBook,
  personaId: string,
  month: string,
): PersonaMonthScore {
  const kpis: KpiMonthScore[] = structure.kpis.map((kpi) => {
    const period = viewPeriod(kpi.frequency, month);
    const row = values.get(kpi.id, personaId, period);
    const value = row?.value ?? null;
    const target = targets.inForce(kpi.id, personaId, period);
    const scored = target ? targets.scorerFor(kpi.id, target.row).scoreValue(value) : { score: null, status: "NO_DATA" as Status };
    return { kpi, period, value, reported: row !== undefined, target, score: scored.score, status: scored.status, share: 0 };
  });

  const byPerspective = structure.perspectives.map((p) => ({
    weight: p.weight,
    items: kpis.filter((k) => k.kpi.perspectiveId === p.id),
  }));
  const inputs = byPerspective.map((p) => ({ weight: p.weight, kpis: p.items.map((k) => ({ score: k.score, weight: k.kpi.weight })) }));
  const scored = scorePersona(inputs);
  const shares = personaKpiShares(inputs);
  byPerspective.forEach((p, i) => p.items.forEach((item, j) => (item.share = shares[i]![j]!)));

  const objectives = new Map<string, RollupResult>();
  for (const objective of structure.objectives) {
    const items = kpis.filter((k) => k.kpi.objectiveId === objective.id).map((k) => ({ score: k.score, weight: k.kpi.weight }));
    objectives.set(objective.id, rollupObjective(items));
  }

  return {
    personaId,
    month,
    overall: scored.overall,
    perspectives: structure.perspectives.map((p, i) => ({ perspectiveId: p.id, result: scored.perspectives[i]! })),
    objectives,
    kpis,
  };
}

export interface AcrossPersonas {
  total: RollupResult;
  /** Per item, in input order: the weight in force, and its share of the total (0 when not scored). */
  weights: number[];
  shares: number[];
}

/** Rolls persona results up with the persona weights in force in the month. */
export function scoreAcrossPersonas(
  items: ReadonlyArray<{ personaId: string; result: RollupResult }>,
  weights: WeightBook,
  month: string,
): AcrossPersonas {
  const weighted = items.map((item) => ({ score: item.result.score, weight: weights.inForce(item.personaId, month)?.weight ?? 0 }));
  return { total: rollupAcrossPersonas(weighted), weights: weighted.map((w) => w.weight), shares: rollupShares(weighted) };
}
