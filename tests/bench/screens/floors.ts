import type { Pool } from "pg";
import { lastPeriods, quarterStart } from "@/lib/scoring/periods";

// "The floor" of each screen: the bare SQL that fetches the rows the screen needs, issued
// together on a pool, with no ORM, no mapping and no scoring. A read model cannot beat it by
// much; the ratio read model / floor says what the layers on top cost.

const KPIS_OF_SCORECARD = `
  FROM "Scorecard" s
  JOIN "Perspective" p ON p."scorecardId" = s.id
  JOIN "Kpi" k ON k."perspectiveId" = p.id AND k.status = 'ACTIVE'`;

/** The scorecard's active KPIs with their perspective, owner and department. */
const STRUCTURE = `
SELECT k.id, k.code, k.name, k."perspectiveId", k."objectiveId", k.unit, k.direction, k.frequency, k.weight,
       p.name AS perspective, p."order", p.weight AS "perspectiveWeight", u.name AS owner, d.name AS department
${KPIS_OF_SCORECARD}
LEFT JOIN "User" u ON u.id = k."ownerId"
LEFT JOIN "Department" d ON d.id = k."departmentId"
WHERE s.slug = $1`;

/** The target row in force for each KPI (default) and KPI x persona (override), latest on or before the month. */
const TARGETS_IN_FORCE = (personaFilter: string) => `
SELECT DISTINCT ON (t."kpiId", t."personaId")
       t."kpiId", t."personaId", t."effectiveFrom", t.baseline, t.target, t.green, t.red, t."greenHigh", t."redHigh"
${KPIS_OF_SCORECARD}
JOIN "KpiTarget" t ON t."kpiId" = k.id
WHERE s.slug = $1 AND t."effectiveFrom" <= $2::date AND ${personaFilter}
ORDER BY t."kpiId", t."personaId", t."effectiveFrom" DESC`;

export interface FloorResult {
  /** Rows fetched, all queries together. */
  rows: number;
}

async function together(pool: Pool, queries: Array<[string, unknown[]]>): Promise<FloorResult> {
  const results = await Promise.all(queries.map(([sql, params]) => pool.query(sql, params)));
  return { rows: results.reduce((sum, r) => sum + (r.rowCount ?? 0), 0) };
}

/**
 * Overview of one month: the values of the month and of its quarter for every active KPI x
 * scored persona (ACTIVE or SUNSET) of the scorecard, the target rows in force, the persona
 * weights in force, plus the structure and the personas.
 */
export function overviewFloor(pool: Pool, scorecardSlug: string, month: string): Promise<FloorResult> {
  return together(pool, [
    [STRUCTURE, [scorecardSlug]],
    [`SELECT id, slug, name, status, priority, "statusChangedAt", "statusRationale" FROM "Persona" WHERE status IN ('ACTIVE', 'SUNSET')`, []],
    [
      `SELECT m."kpiId", m."personaId", m.period, m.value::float8 AS value
       ${KPIS_OF_SCORECARD}
       JOIN "Measurement" m ON m."kpiId" = k.id
       JOIN "Persona" pe ON pe.id = m."personaId" AND pe.status IN ('ACTIVE', 'SUNSET')
       WHERE s.slug = $1 AND m.period = ANY($2::date[])`,
      [scorecardSlug, [...new Set([month, quarterStart(month)])]],
    ],
    [TARGETS_IN_FORCE("true"), [scorecardSlug, month]],
    [
      `SELECT DISTINCT ON (w."personaId") w."personaId", w.weight, w."effectiveFrom"
       FROM "PersonaWeight" w JOIN "Scorecard" s ON s.id = w."scorecardId"
       WHERE s.slug = $1 AND w."effectiveFrom" <= $2::date
       ORDER BY w."personaId", w."effectiveFrom" DESC`,
      [scorecardSlug, month],
    ],
  ]);
}

/**
 * One persona's scorecard: the persona's values of the last 12 months (monthly KPIs) and the
 * last 12 quarters (quarterly KPIs) ending with the month; for the month (and its quarter) also
 * the stored text, comment, reason, entry time and who entered them; the target rows in force
 * (defaults and the persona's own); its weight; plus the structure, objectives and the persona list.
 */
export function personaFloor(pool: Pool, scorecardSlug: string, personaSlug: string, month: string): Promise<FloorResult> {
  const firstMonth = lastPeriods(month, "MONTHLY", 12)[0]!;
  const firstQuarter = lastPeriods(month, "QUARTERLY", 12)[0]!;
  return together(pool, [
    [STRUCTURE, [scorecardSlug]],
    [
      `SELECT o.id, o.title, o."perspectiveId", u.name AS owner
       FROM "Scorecard" s JOIN "Perspective" p ON p."scorecardId" = s.id JOIN "StrategicObjective" o ON o."perspectiveId" = p.id
       LEFT JOIN "User" u ON u.id = o."ownerId" WHERE s.slug = $1`,
      [scorecardSlug],
    ],
    [`SELECT id, slug, name, status, priority, "statusChangedAt", "statusRationale" FROM "Persona" WHERE status IN ('ACTIVE', 'SUNSET')`, []],
    [
      `SELECT m."kpiId", m.period, m.value
       ${KPIS_OF_SCORECARD}
       JOIN "Persona" pe ON pe.slug = $2
       JOIN "Measurement" m ON m."kpiId" = k.id AND m."personaId" = pe.id
       WHERE s.slug = $1 AND m.period <= $3::date
         AND m.period >= CASE WHEN k.frequency = 'QUARTERLY' THEN $5::date ELSE $4::date END`,
      [scorecardSlug, personaSlug, month, firstMonth, firstQuarter],
    ],
    [
      `SELECT m."kpiId", m.period, m.value, m."notAvailableReason", m.comment, m."enteredAt", u.name AS "enteredBy"
       ${KPIS_OF_SCORECARD}
       JOIN "Persona" pe ON pe.slug = $2
       JOIN "Measurement" m ON m."kpiId" = k.id AND m."personaId" = pe.id
       LEFT JOIN "User" u ON u.id = m."enteredById"
       WHERE s.slug = $1 AND m.period = ANY($3::date[])`,
      [scorecardSlug, personaSlug, [...new Set([month, quarterStart(month)])]],
    ],
    [
      TARGETS_IN_FORCE(`(t."personaId" IS NULL OR t."personaId" = (SELECT id FROM "Persona" WHERE slug = $3))`),
      [scorecardSlug, month, personaSlug],
    ],
    [
      `SELECT w.weight, w."effectiveFrom"
       FROM "PersonaWeight" w JOIN "Scorecard" s ON s.id = w."scorecardId" JOIN "Persona" pe ON pe.id = w."personaId"
       WHERE s.slug = $1 AND pe.slug = $2 AND w."effectiveFrom" <= $3::date
       ORDER BY w."effectiveFrom" DESC LIMIT 1`,
      [scorecardSlug, personaSlug, month],
    ],
  ]);
}
