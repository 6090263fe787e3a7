import type { Pool } from "pg";

// The floor of the escalation benchmark: ONE SQL statement that computes the same breach streaks
// as the job, from the same rows, without writing anything. For every ACTIVE KPI x ACTIVE persona
// it takes the values of the job's window (the last 4N periods of the KPI's frequency up to the
// period containing today, N from the KPI's scorecard), judges each with the thresholds in force
// in its period (the persona's own row first, else the KPI default: latest effectiveFrom on or
// before the period, as ranges [effectiveFrom, next effectiveFrom) from a lead() window, joined
// by hash; RED at or beyond the red bound, on either side for TARGET_RANGE), then a
// window function counts, from the latest reported period back, the RED periods before the first
// non-RED one. Missing and not-available values are absent rows: they neither count nor break a
// streak, as in lib/scoring. It returns the pairs whose streak reaches N: the escalations that
// should be open (the job opens, raises or keeps exactly those).

export const FLOOR_SQL = `
WITH kp AS (
  SELECT k.id AS kpi_id, k.direction, s."escalationStreakLength" AS n,
         CASE k.frequency WHEN 'MONTHLY' THEN date_trunc('month', $1::date) ELSE date_trunc('quarter', $1::date) END::date AS current_period,
         CASE k.frequency WHEN 'MONTHLY' THEN 1 ELSE 3 END AS months
  FROM "Kpi" k JOIN "Perspective" p ON p.id = k."perspectiveId" JOIN "Scorecard" s ON s.id = p."scorecardId"
  WHERE k.status = 'ACTIVE'
),
t AS (
  SELECT "kpiId" AS kpi_id, "personaId" AS persona_id, "effectiveFrom" AS from_, red::float8 AS red, "redHigh"::float8 AS red_high,
         lead("effectiveFrom") OVER (PARTITION BY "kpiId", "personaId" ORDER BY "effectiveFrom") AS until
  FROM "KpiTarget"
),
v AS (
  SELECT m."kpiId" AS kpi_id, m."personaId" AS persona_id, m.period, m.value::float8 AS value, kp.direction, kp.n
  FROM kp JOIN "Measurement" m ON m."kpiId" = kp.kpi_id
  JOIN "Persona" pe ON pe.id = m."personaId" AND pe.status = 'ACTIVE'
  WHERE m.value IS NOT NULL
    AND m.period >= (kp.current_period - make_interval(months => 4 * kp.n * kp.months))::date
    AND m.period <= kp.current_period
),
judged AS (
  SELECT v.kpi_id, v.persona_id, v.period, v.n,
         CASE v.direction
           WHEN 'HIGHER_IS_BETTER' THEN v.value <= COALESCE(tp.red, td.red)
           WHEN 'LOWER_IS_BETTER' THEN v.value >= COALESCE(tp.red, td.red)
           ELSE v.value <= COALESCE(tp.red, td.red) OR v.value >= CASE WHEN tp.kpi_id IS NOT NULL THEN tp.red_high ELSE td.red_high END
         END AS is_red
  FROM v
  LEFT JOIN t tp ON tp.kpi_id = v.kpi_id AND tp.persona_id = v.persona_id AND tp.from_ <= v.period AND (tp.until IS NULL OR v.period < tp.until)
  LEFT JOIN t td ON td.kpi_id = v.kpi_id AND td.persona_id IS NULL AND td.from_ <= v.period AND (td.until IS NULL OR v.period < td.until)
  WHERE tp.kpi_id IS NOT NULL OR td.kpi_id IS NOT NULL
),
runs AS (
  SELECT kpi_id, persona_id, n, is_red,
         count(*) FILTER (WHERE NOT is_red) OVER (PARTITION BY kpi_id, persona_id ORDER BY period DESC) AS breaks
  FROM judged
)
SELECT kpi_id, persona_id, count(*)::int AS streak FROM runs WHERE breaks = 0 AND is_red GROUP BY kpi_id, persona_id, n HAVING count(*) >= n`;

export async function floorStreaks(pool: Pool, today: string): Promise<{ kpi_id: string; persona_id: string; streak: number }[]> {
  return (await pool.query<{ kpi_id: string; persona_id: string; streak: number }>(FLOOR_SQL, [today])).rows;
}
