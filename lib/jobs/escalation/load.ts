import "server-only";
import type { Pool } from "pg";
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
    select: { id: true, kpiId: true, personaId: true, assigneeId: true, level: true, streakLength: true, firstBreachedPeriod: true, lastBreachedPeriod: true },
  });
  return new Map(rows.map((r) => [pairKey(r.kpiId, r.personaId), toOpenEscalation(r)]));
}

/** The unresolved escalation of one pair, read again after a concurrent run got there first. */
export async function loadOpenEscalation(db: DbClient, kpiId: string, personaId: string): Promise<OpenEscalation | null> {
  const row = await db.escalation.findFirst({
    where: { kpiId, personaId, status: { not: "RESOLVED" } },
    select: { id: true, assigneeId: true, level: true, streakLength: true, firstBreachedPeriod: true, lastBreachedPeriod: true },
  });
  return row ? toOpenEscalation(row) : null;
}

function toOpenEscalation(r: { id: string; assigneeId: string | null; level: number; streakLength: number; firstBreachedPeriod: Date; lastBreachedPeriod: Date }): OpenEscalation {
  return {
    id: r.id,
    assigneeId: r.assigneeId,
    level: r.level,
    streakLength: r.streakLength,
    firstBreachedPeriod: toPeriodKey(r.firstBreachedPeriod),
    lastBreachedPeriod: toPeriodKey(r.lastBreachedPeriod),
  };
}

/** A run of KPIs sharing one frequency and one window [from, to]: one range read each. */
export interface WindowGroup {
  kpiIds: string[];
  from: string;
  to: string;
}

/**
 * Each KPI's window (its candidate periods, reaching back to its pairs' open escalations), grouped
 * by identical range: usually one group per frequency. A range read fetches exactly the window's
 * rows, since a KPI holds values only on periods of its own frequency.
 */
export function windowGroups(kpis: KpiDef[], personaIds: string[], open: Map<string, OpenEscalation>, today: string, n: number): WindowGroup[] {
  const groups = new Map<string, WindowGroup>();
  for (const kpi of kpis) {
    let reachBackTo: string | null = null;
    for (const personaId of personaIds) {
      const first = open.get(pairKey(kpi.id, personaId))?.firstBreachedPeriod;
      if (first && (reachBackTo === null || first < reachBackTo)) reachBackTo = first;
    }
    const periods = candidatePeriods(kpi.frequency, today, n, reachBackTo);
    const from = periods[0]!;
    const to = periods.at(-1)!;
    const key = `${from}|${to}`;
    const group = groups.get(key);
    if (group) group.kpiIds.push(kpi.id);
    else groups.set(key, { kpiIds: [kpi.id], from, to });
  }
  return [...groups.values()];
}

const VALUES_SQL = `
  SELECT m."kpiId", m."personaId", to_char(m.period, 'YYYY-MM-DD'), m.value::float8
  FROM "Measurement" m
  WHERE m."kpiId" = ANY($1::text[]) AND m."personaId" = ANY($2::text[]) AND m.period BETWEEN $3::date AND $4::date`;

/**
 * The same rows packed per pair: "period=value;period=value;..." (value empty when not available;
 * float8's text is its shortest exact form, so Number() reads back the same double). A tenth of the
 * rows to move and parse: what makes the full run keep pace with its floor on the benchmark data.
 */
const PACKED_VALUES_SQL = `
  SELECT m."kpiId", m."personaId", string_agg(to_char(m.period, 'YYYY-MM-DD') || '=' || coalesce(m.value::float8::text, ''), ';')
  FROM "Measurement" m
  WHERE m."kpiId" = ANY($1::text[]) AND m."personaId" = ANY($2::text[]) AND m.period BETWEEN $3::date AND $4::date
  GROUP BY m."kpiId", m."personaId"`;

/**
 * Values (or not-available rows: value null) of the windows' KPIs and these personas, the value as
 * float8 (scoring works in numbers), the period as its key. One read per group. With a `pg` pool
 * (the runners pass theirs) the rows come packed per pair, as arrays: no per-row Date or object
 * building in the driver, several times faster than through Prisma on the benchmark data.
 */
export async function loadWindowValues(db: DbClient, groups: WindowGroup[], personaIds: string[], pool?: Pool): Promise<ValueRow[]> {
  const out: ValueRow[] = [];
  if (personaIds.length === 0) return out;
  for (const g of groups) {
    if (g.kpiIds.length === 0) continue;
    const params = [g.kpiIds, personaIds, g.from, g.to];
    if (pool) {
      const packed = await pool.query<[string, string, string]>({ text: PACKED_VALUES_SQL, values: params, rowMode: "array" });
      for (const [kpiId, personaId, list] of packed.rows) {
        for (const item of list.split(";")) {
          const value = item.slice(11);
          out.push({ kpiId, personaId, period: item.slice(0, 10), value: value === "" ? null : Number(value) });
        }
      }
      continue;
    }
    const rows = await db.$queryRawUnsafe<{ kpiId: string; personaId: string; to_char: string; value: number | null }[]>(VALUES_SQL, ...params);
    for (const r of rows) out.push({ kpiId: r.kpiId, personaId: r.personaId, period: r.to_char, value: r.value });
  }
  return out;
}

/** `structure.kpis` may be a subset of the scorecard's KPIs: only their rows are read. */
export async function loadScorecardRows(db: DbClient, structure: ScorecardStructure, personaIds: string[], today: string, pool?: Pool): Promise<ScorecardRows> {
  const kpiIds = structure.kpis.map((k) => k.id);
  const open = await loadOpenEscalations(db, kpiIds, personaIds);
  const groups = windowGroups(structure.kpis, personaIds, open, today, structure.escalationStreakLength);
  const [values, targets] = await Promise.all([
    loadWindowValues(db, groups, personaIds, pool),
    loadTargets(db, kpiIds, personaIds, monthStart(today), { text: false }),
  ]);
  return { open, values: new ValueBook(values), targets: targetBookFor(structure, targets) };
}
