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
import { kpiCounts, type KpiDef, type ScorecardStructure, type TargetRow, type ValueRow, type WeightRow } from "./scorecard-model";

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

const NO_ROWS: TargetRow[] = [];

/** Target rows by KPI and persona; answers which row is in force for a persona in a period. */
export class TargetBook {
  // kpiId -> personaId ('' = the KPI default) -> rows ascending by effectiveFrom.
  private readonly rows = new Map<string, Map<string, TargetRow[]>>();
  private readonly scorers = new Map<TargetRow, Scorer>();
  private readonly thresholds = new Map<TargetRow, Thresholds>();

  constructor(
    private readonly directionOf: ReadonlyMap<string, KpiDef["direction"]>,
    rows: ReadonlyArray<TargetRow>,
  ) {
    for (const row of rows) {
      let byPersona = this.rows.get(row.kpiId);
      if (!byPersona) this.rows.set(row.kpiId, (byPersona = new Map()));
      const key = row.personaId ?? "";
      const list = byPersona.get(key);
      if (list) list.push(row);
      else byPersona.set(key, [row]);
    }
  }

  /** The persona's own row in force in the period, else the KPI default's; null when neither exists. */
  inForce(kpiId: string, personaId: string, period: string): TargetInForce | null {
    const byPersona = this.rows.get(kpiId);
    if (!byPersona) return null;
    const ownRows = byPersona.get(personaId);
    const own = ownRows ? effectiveAt(ownRows, period) : undefined;
    const row = own ?? effectiveAt(byPersona.get("") ?? [], period);
    if (!row) return null;
    return { row, source: own ? "PERSONA" : "DEFAULT", thresholds: this.thresholdsOf(kpiId, row) };
  }

  /** The scorer of the row in force (as inForce decides), without building the answer object. */
  scorerInForce(kpiId: string, personaId: string, period: string): Scorer | null {
    const byPersona = this.rows.get(kpiId);
    if (!byPersona) return null;
    const ownRows = byPersona.get(personaId);
    const row = (ownRows ? effectiveAt(ownRows, period) : undefined) ?? effectiveAt(byPersona.get("") ?? NO_ROWS, period);
    return row ? this.scorerFor(kpiId, row) : null;
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
    let t = this.thresholds.get(row);
    if (!t) {
      t = {
        direction: this.directionOf.get(kpiId) ?? "HIGHER_IS_BETTER",
        target: row.target,
        green: row.green,
        red: row.red,
        greenHigh: row.greenHigh ?? undefined,
        redHigh: row.redHigh ?? undefined,
      };
      this.thresholds.set(row, t);
    }
    return t;
  }
}

export function targetBookFor(structure: Pick<ScorecardStructure, "kpis">, rows: ReadonlyArray<TargetRow>): TargetBook {
  return new TargetBook(new Map(structure.kpis.map((k) => [k.id, k.direction])), rows);
}

/** Values by KPI, persona and period (nested maps: no key strings built per lookup). */
export class ValueBook<R extends ValueRow = ValueRow> {
  private readonly rows = new Map<string, Map<string, Map<string, R>>>(); // period -> persona -> kpi
  constructor(rows: ReadonlyArray<R>) {
    for (const row of rows) {
      let byPersona = this.rows.get(row.period);
      if (!byPersona) this.rows.set(row.period, (byPersona = new Map()));
      let byKpi = byPersona.get(row.personaId);
      if (!byKpi) byPersona.set(row.personaId, (byKpi = new Map()));
      byKpi.set(row.kpiId, row);
    }
  }
  get(kpiId: string, personaId: string, period: string): R | undefined {
    return this.rows.get(period)?.get(personaId)?.get(kpiId);
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
  /**
   * Whether the KPI counts in this month: false for a RETIRED KPI after the period it was retired
   * in (then it has no score, no weight in the roll-ups, and screens leave it out).
   */
  counts: boolean;
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

interface StructureIndex {
  /** KPI positions (in structure.kpis) per perspective, in perspective order. */
  byPerspective: number[][];
  /** KPI positions per objective id. */
  byObjective: Map<string, number[]>;
}

// Built once per loaded structure, not once per persona and month.
const indexes = new WeakMap<ScorecardStructure, StructureIndex>();

function indexOf(structure: ScorecardStructure): StructureIndex {
  let index = indexes.get(structure);
  if (!index) {
    const position = new Map(structure.perspectives.map((p, i) => [p.id, i]));
    const byPerspective: number[][] = structure.perspectives.map(() => []);
    const byObjective = new Map<string, number[]>(structure.objectives.map((o) => [o.id, []]));
    structure.kpis.forEach((k, i) => {
      byPerspective[position.get(k.perspectiveId)!]?.push(i);
      if (k.objectiveId) byObjective.get(k.objectiveId)?.push(i);
    });
    index = { byPerspective, byObjective };
    indexes.set(structure, index);
  }
  return index;
}

/** The periods whose values a month's view needs: the month and the quarter containing it. */
export function periodsForMonth(month: string): string[] {
  const quarter = viewPeriod("QUARTERLY", month);
  return quarter === month ? [month] : [month, quarter];
}

/**
 * One persona in one month (with `detail`, also each KPI's share and the objectives): each KPI against the thresholds in force for that persona in the
 * value's period (a KPI without thresholds cannot be judged: no data, never zero), then
 * objectives, perspectives and the persona's overall score with lib/scoring's roll-ups.
 */
export function scorePersonaMonth(
  structure: ScorecardStructure,
  targets: TargetBook,
  values: ValueBook,
  personaId: string,
  month: string,
  /** false: only the overall and perspective scores (no KPI shares, no objectives), for the heatmap. */
  detail = true,
): PersonaMonthScore {
  // The value's period per frequency, computed once rather than once per KPI.
  const periodOf = { MONTHLY: viewPeriod("MONTHLY", month), QUARTERLY: viewPeriod("QUARTERLY", month) };
  const kpis: KpiMonthScore[] = structure.kpis.map((kpi) => {
    const period = periodOf[kpi.frequency];
    if (kpi.status !== "ACTIVE" && !kpiCounts(kpi, month)) {
      return { kpi, period, value: null, reported: false, target: null, score: null, status: "NO_DATA" as Status, share: 0, counts: false };
    }
    const row = values.get(kpi.id, personaId, period);
    const value = row?.value ?? null;
    const target = targets.inForce(kpi.id, personaId, period);
    const scored = target ? targets.scorerFor(kpi.id, target.row).scoreValue(value) : { score: null, status: "NO_DATA" as Status };
    return { kpi, period, value, reported: row !== undefined, target, score: scored.score, status: scored.status, share: 0, counts: true };
  });

  const index = indexOf(structure);
  // A KPI that does not count in the month weighs 0: it neither scores nor lowers coverage.
  const inputs = structure.perspectives.map((p, i) => ({
    weight: p.weight,
    kpis: index.byPerspective[i]!.map((k) => ({ score: kpis[k]!.score, weight: kpis[k]!.counts ? kpis[k]!.kpi.weight : 0 })),
  }));
  const scored = scorePersona(inputs);
  const objectives = new Map<string, RollupResult>();
  if (!detail) {
    return { personaId, month, overall: scored.overall, perspectives: structure.perspectives.map((p, i) => ({ perspectiveId: p.id, result: scored.perspectives[i]! })), objectives, kpis };
  }
  const shares = personaKpiShares(inputs);
  index.byPerspective.forEach((positions, i) => positions.forEach((k, j) => (kpis[k]!.share = shares[i]![j]!)));

  for (const [objectiveId, positions] of index.byObjective) {
    objectives.set(objectiveId, rollupObjective(positions.map((k) => ({ score: kpis[k]!.score, weight: kpis[k]!.counts ? kpis[k]!.kpi.weight : 0 }))));
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

/**
 * The heatmap's view of a persona-month: the same numbers as the full path (the same scorers
 * and lib/scoring roll-ups), without the per-KPI answer objects. The overview scores every
 * persona x KPI of a month (25,000 at benchmark size), and those objects were most of its time.
 */
export function scorePersonaMonthTotals(
  structure: ScorecardStructure,
  targets: TargetBook,
  values: ValueBook,
  personaId: string,
  month: string,
): PersonaMonthTotals {
  const periodOf = { MONTHLY: viewPeriod("MONTHLY", month), QUARTERLY: viewPeriod("QUARTERLY", month) };
  const index = indexOf(structure);
  const inputs = structure.perspectives.map((p, i) => ({
    weight: p.weight,
    kpis: index.byPerspective[i]!.map((k) => {
      const kpi = structure.kpis[k]!;
      if (kpi.status !== "ACTIVE" && !kpiCounts(kpi, month)) return { score: null, weight: 0 };
      const period = periodOf[kpi.frequency];
      const scorer = targets.scorerInForce(kpi.id, personaId, period);
      return { score: scorer ? scorer.score(values.get(kpi.id, personaId, period)?.value ?? null) : null, weight: kpi.weight };
    }),
  }));
  const scored = scorePersona(inputs);
  return {
    personaId,
    month,
    overall: scored.overall,
    perspectives: structure.perspectives.map((p, i) => ({ perspectiveId: p.id, result: scored.perspectives[i]! })),
  };
}

export type PersonaMonthTotals = Pick<PersonaMonthScore, "personaId" | "month" | "overall" | "perspectives">;

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
