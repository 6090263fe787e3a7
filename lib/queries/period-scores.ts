import "server-only";
import {
  effectiveAt,
  kpiCountsInMonth,
  makeScorer,
  periodStart,
  periodToDate,
  rollupAcrossPersonas,
  scorePersona,
  type Direction,
  type RollupResult,
  type Thresholds,
} from "@/lib/scoring";
import type { DbClient } from "@/lib/db";
import { toPeriodKey } from "./convert";

// Scores every active persona in one scorecard for one month, in four bounded reads, with
// lib/scoring doing all the arithmetic. Dashboards and the home page build on this.

export interface PersonaPeriodScore {
  personaId: string;
  overall: RollupResult;
  perspectives: { perspectiveId: string; result: RollupResult }[];
}

export interface ScorecardPeriodScores {
  period: string;
  personas: PersonaPeriodScore[];
  /** Across personas, with the persona weights in force in the period. */
  total: RollupResult;
}

interface TargetRow {
  effectiveFrom: string;
  thresholds: Thresholds;
}

function thresholdsOf(direction: Direction, row: { target: unknown; green: unknown; red: unknown; greenHigh: unknown; redHigh: unknown }): Thresholds {
  const num = (v: unknown) => (v === null || v === undefined ? undefined : Number(v));
  return {
    direction,
    target: Number(row.target),
    green: Number(row.green),
    red: Number(row.red),
    greenHigh: num(row.greenHigh),
    redHigh: num(row.redHigh),
  };
}

export async function scoreScorecardPeriod(
  db: DbClient,
  scorecardId: string,
  period: string,
  personaIds: string[],
): Promise<ScorecardPeriodScores> {
  const perspectives = await db.perspective.findMany({
    where: { scorecardId },
    orderBy: { order: "asc" },
    select: {
      id: true,
      weight: true,
      // RETIRED ones count up to the period they were retired in (kpiCountsInMonth below).
      kpis: { where: { status: { in: ["ACTIVE", "RETIRED"] } }, select: { id: true, weight: true, direction: true, frequency: true, status: true, retiredIn: true } },
    },
  });
  const kpis = perspectives.flatMap((p) => p.kpis);
  const kpiIds = kpis.map((k) => k.id);
  const quarter = periodStart(period, "QUARTERLY");
  const periodDates = [...new Set([period, quarter])].map(periodToDate);

  const [measurements, targets, weights] = await Promise.all([
    db.measurement.findMany({
      // A not-available value (value null) is no data: it is never read, so never scored as 0.
      where: { kpiId: { in: kpiIds }, personaId: { in: personaIds }, period: { in: periodDates }, value: { not: null } },
      select: { kpiId: true, personaId: true, period: true, value: true },
    }),
    db.kpiTarget.findMany({
      where: { kpiId: { in: kpiIds }, effectiveFrom: { lte: periodToDate(period) } },
      select: { kpiId: true, personaId: true, effectiveFrom: true, target: true, green: true, red: true, greenHigh: true, redHigh: true },
    }),
    db.personaWeight.findMany({
      where: { scorecardId, personaId: { in: personaIds }, effectiveFrom: { lte: periodToDate(period) } },
      select: { personaId: true, weight: true, effectiveFrom: true },
    }),
  ]);

  const valueAt = new Map<string, number>();
  for (const m of measurements) {
    if (m.value !== null) valueAt.set(`${m.kpiId}|${m.personaId}|${toPeriodKey(m.period)}`, Number(m.value));
  }

  const directionOf = new Map(kpis.map((k) => [k.id, k.direction as Direction]));
  const targetRows = new Map<string, TargetRow[]>(); // key: kpiId|personaId ('' = default)
  for (const t of targets) {
    const key = `${t.kpiId}|${t.personaId ?? ""}`;
    const rows = targetRows.get(key) ?? [];
    rows.push({ effectiveFrom: toPeriodKey(t.effectiveFrom), thresholds: thresholdsOf(directionOf.get(t.kpiId)!, t) });
    targetRows.set(key, rows);
  }
  const thresholdsFor = (kpiId: string, personaId: string) =>
    (effectiveAt(targetRows.get(`${kpiId}|${personaId}`) ?? [], period) ?? effectiveAt(targetRows.get(`${kpiId}|`) ?? [], period))?.thresholds;

  const personas = personaIds.map((personaId): PersonaPeriodScore => {
    const scored = scorePersona(
      perspectives.map((p) => ({
        weight: Number(p.weight),
        kpis: p.kpis.map((k) => {
          // A KPI retired before this period weighs nothing: not scored, not missing.
          if (!kpiCountsInMonth({ status: k.status, retiredIn: k.retiredIn ? toPeriodKey(k.retiredIn) : null, frequency: k.frequency }, period)) return { score: null, weight: 0 };
          const thresholds = thresholdsFor(k.id, personaId);
          const value = valueAt.get(`${k.id}|${personaId}|${periodStart(period, k.frequency)}`);
          // A KPI without thresholds in force cannot be judged: it counts as missing, not as zero.
          const score = thresholds ? makeScorer(thresholds).scoreValue(value).score : null;
          return { score, weight: Number(k.weight) };
        }),
      })),
    );
    return {
      personaId,
      overall: scored.overall,
      perspectives: perspectives.map((p, i) => ({ perspectiveId: p.id, result: scored.perspectives[i]! })),
    };
  });

  const weightRows = new Map<string, { effectiveFrom: string; weight: number }[]>();
  for (const w of weights) {
    const rows = weightRows.get(w.personaId) ?? [];
    rows.push({ effectiveFrom: toPeriodKey(w.effectiveFrom), weight: Number(w.weight) });
    weightRows.set(w.personaId, rows);
  }
  const total = rollupAcrossPersonas(
    personas.map((p) => ({ score: p.overall.score, weight: effectiveAt(weightRows.get(p.personaId) ?? [], period)?.weight ?? 0 })),
  );
  return { period, personas, total };
}
