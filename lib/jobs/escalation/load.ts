import "server-only";
import type { DbClient } from "@/lib/db";
import { toPeriodKey } from "@/lib/queries/convert";
import { loadTargets, type KpiDef, type ScorecardStructure, type ValueRow } from "@/lib/queries/scorecard-model";
import { targetBookFor, ValueBook, type TargetBook } from "@/lib/queries/score-month";
import { monthStart } from "@/lib/scoring";
import { candidatePeriods, type OpenEscalation } from "./evaluate";

// The rows one scorecard's evaluation needs, in three reads whatever the number of KPIs,
// personas or periods: its unresolved escalations, the values of each KPI's window (4N periods,
// reaching back to an open escalation's first breached period), and the thresholds in force.
// The KPIs may be a subset of the scorecard's (a re-evaluation of a few pairs): the reads are
// then restricted to them.

export interface ScorecardRows {
  open: Map<string, OpenEscalation>;
  values: ValueBook;
  targets: TargetBook;
}

export const pairKey = (kpiId: string, personaId: string) => `${kpiId}|${personaId}`;

/** Unresolved escalations of these KPIs and personas, by pair. At most one per pair (the partial unique index). */
export async function loadOpenEscalations(db: DbClient, kpiIds: string[], personaIds: string[]): Promise<Map<string, OpenEscalation>> {
  const rows = await db.escalation.findMany({
    where: { kpiId: { in: kpiIds }, personaId: { in: personaIds }, status: { not: "RESOLVED" } },
    select: { id: true, kpiId: true, personaId: true, level: true, streakLength: true, firstBreachedPeriod: true, lastBreachedPeriod: true },
  });
  return new Map(rows.map((r) => [pairKey(r.kpiId, r.personaId), toOpenEscalation(r)]));
}

/** The unresolved escalation of one pair, read again after a concurrent run got there first. */
export async function loadOpenEscalation(db: DbClient, kpiId: string, personaId: string): Promise<OpenEscalation | null> {
  const row = await db.escalation.findFirst({
    where: { kpiId, personaId, status: { not: "RESOLVED" } },
    select: { id: true, level: true, streakLength: true, firstBreachedPeriod: true, lastBreachedPeriod: true },
  });
  return row ? toOpenEscalation(row) : null;
}

function toOpenEscalation(r: { id: string; level: number; streakLength: number; firstBreachedPeriod: Date; lastBreachedPeriod: Date }): OpenEscalation {
  return {
    id: r.id,
    level: r.level,
    streakLength: r.streakLength,
    firstBreachedPeriod: toPeriodKey(r.firstBreachedPeriod),
    lastBreachedPeriod: toPeriodKey(r.lastBreachedPeriod),
  };
}

/** Every period any KPI of the scorecard may judge: the union of the KPIs' windows. */
function windowPeriods(kpis: KpiDef[], personaIds: string[], open: Map<string, OpenEscalation>, today: string, n: number): string[] {
  const periods = new Set<string>();
  for (const kpi of kpis) {
    let reachBackTo: string | null = null;
    for (const personaId of personaIds) {
      const first = open.get(pairKey(kpi.id, personaId))?.firstBreachedPeriod;
      if (first && (reachBackTo === null || first < reachBackTo)) reachBackTo = first;
    }
    for (const period of candidatePeriods(kpi.frequency, today, n, reachBackTo)) periods.add(period);
  }
  return [...periods].sort();
}

/**
 * Values (or not-available rows: value null) of these KPIs and personas in these periods, the value
 * as float8 (scoring works in numbers). One read.
 */
export async function loadWindowValues(db: DbClient, kpiIds: string[], personaIds: string[], periods: string[]): Promise<ValueRow[]> {
  if (kpiIds.length === 0 || personaIds.length === 0 || periods.length === 0) return [];
  const rows = await db.$queryRaw<{ kpiId: string; personaId: string; period: Date; value: number | null }[]>`
    SELECT m."kpiId" AS "kpiId", m."personaId" AS "personaId", m.period AS period, m.value::float8 AS value
    FROM "Measurement" m
    WHERE m."kpiId" = ANY(${kpiIds}::text[])
      AND m."personaId" = ANY(${personaIds}::text[])
      AND m.period = ANY(${periods}::date[])`;
  return rows.map((r) => ({ kpiId: r.kpiId, personaId: r.personaId, period: toPeriodKey(r.period), value: r.value }));
}

/** `structure.kpis` may be a subset of the scorecard's KPIs: only their rows are read. */
export async function loadScorecardRows(db: DbClient, structure: ScorecardStructure, personaIds: string[], today: string): Promise<ScorecardRows> {
  const kpiIds = structure.kpis.map((k) => k.id);
  const open = await loadOpenEscalations(db, kpiIds, personaIds);
  const periods = windowPeriods(structure.kpis, personaIds, open, today, structure.escalationStreakLength);
  const [values, targets] = await Promise.all([
    loadWindowValues(db, kpiIds, personaIds, periods),
    loadTargets(db, kpiIds, personaIds, monthStart(today), { text: false }),
  ]);
  return { open, values: new ValueBook(values), targets: targetBookFor(structure, targets) };
}
