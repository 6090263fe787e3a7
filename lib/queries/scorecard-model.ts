import "server-only";
import type { DbClient } from "@/lib/db";
import { readRows } from "@/lib/db/rows";
import type { Prisma } from "@/lib/generated/prisma/client";
import { kpiCountsInMonth, type Direction, type Frequency } from "@/lib/scoring";
import { toPeriodKey } from "./convert";

// The scorecard's structure and the rows the dashboards score, loaded in a fixed number of
// reads whatever the number of personas, KPIs or periods. Pure scoring of these rows lives in
// score-month.ts; screens compose the two.

export type KpiUnit = "PERCENT" | "RATIO" | "COUNT" | "CURRENCY" | "DURATION" | "SCORE";

export interface KpiDef {
  id: string;
  code: string;
  name: string;
  perspectiveId: string;
  objectiveId: string | null;
  unit: KpiUnit;
  currencyCode: string | null;
  durationUnit: string | null;
  direction: Direction;
  frequency: Frequency;
  weight: number;
  measureType: "QUANTITATIVE" | "QUALITATIVE";
  timing: "LEADING" | "LAGGING";
  owner: { id: string; name: string } | null;
  department: { id: string; name: string } | null;
  status: "ACTIVE" | "RETIRED";
  /** RETIRED: the month it was retired in ('YYYY-MM-01'); it counts up to that period and not after. */
  retiredIn: string | null;
}

/** Whether a KPI of the structure counts in a month's view (lib/scoring's kpiCountsInMonth). */
export function kpiCounts(kpi: Pick<KpiDef, "status" | "retiredIn" | "frequency">, month: string): boolean {
  return kpiCountsInMonth(kpi, month);
}

export interface ObjectiveDef {
  id: string;
  title: string;
  perspectiveId: string;
  owner: { id: string; name: string } | null;
}

export interface PerspectiveDef {
  id: string;
  name: string;
  order: number;
  weight: number;
}

export interface ScorecardStructure {
  id: string;
  slug: string;
  name: string;
  description: string | null;
  escalationStreakLength: number;
  perspectives: PerspectiveDef[];
  objectives: ObjectiveDef[];
  /**
   * ACTIVE and RETIRED KPIs, in perspective order then by code. A RETIRED one counts only up to
   * the period it was retired in (kpiCounts); PROPOSED and REJECTED ones are never loaded.
   */
  kpis: KpiDef[];
}

// The structure in two statements sent together: the scorecard with its few perspectives and
// objectives (JSON arrays, returned as text, which both readRows paths return alike), and the KPIs
// as plain rows (hundreds: Postgres builds JSON for them slower than it sends rows). Prisma's
// nested select took one round trip per relation level, one after the other.
const STRUCTURE_HEAD_SQL = `
  SELECT s.id, s.slug, s.name, s.description, s."escalationStreakLength",
    (SELECT coalesce(json_agg(json_build_object('id', p.id, 'name', p.name, 'order', p."order", 'weight', p.weight) ORDER BY p."order", p.id), '[]')
       FROM "Perspective" p WHERE p."scorecardId" = s.id)::text AS perspectives,
    (SELECT coalesce(json_agg(json_build_object(
              'id', o.id, 'title', o.title, 'perspectiveId', o."perspectiveId",
              'owner', CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('id', u.id, 'name', u.name) END
            ) ORDER BY p."order", p.id, o.title), '[]')
       FROM "StrategicObjective" o
       JOIN "Perspective" p ON p.id = o."perspectiveId"
       LEFT JOIN "User" u ON u.id = o."ownerId"
      WHERE p."scorecardId" = s.id)::text AS objectives
  FROM "Scorecard" s
  WHERE s.slug = $1`;

const STRUCTURE_KPIS_SQL = `
  SELECT k.id, k.code, k.name, k."perspectiveId", k."objectiveId", k.unit, k."currencyCode", k."durationUnit",
         k.direction, k.frequency, k.weight::text AS weight, k."measureType", k.timing,
         k."ownerId", u.name AS "ownerName", k."departmentId", d.name AS "departmentName",
         k.status, to_char(k."retiredIn", 'YYYY-MM-DD') AS "retiredIn"
  FROM "Scorecard" s
  JOIN "Perspective" p ON p."scorecardId" = s.id
  JOIN "Kpi" k ON k."perspectiveId" = p.id AND k.status IN ('ACTIVE', 'RETIRED')
  LEFT JOIN "User" u ON u.id = k."ownerId"
  LEFT JOIN "Department" d ON d.id = k."departmentId"
  WHERE s.slug = $1
  ORDER BY p."order", p.id, k.code`;

interface StructureHeadRow {
  id: string;
  slug: string;
  name: string;
  description: string | null;
  escalationStreakLength: number;
  /** JSON arrays as text; numeric weights arrive as JSON numbers (the stored decimal, read as a number). */
  perspectives: string;
  objectives: string;
}

type KpiSqlRow = Omit<KpiDef, "weight" | "owner" | "department"> & {
  /** numeric as text: Number() of it, as of a Prisma Decimal. */
  weight: string;
  ownerId: string | null;
  ownerName: string | null;
  departmentId: string | null;
  departmentName: string | null;
};

/** One round trip: the scorecard with its perspectives, objectives and ACTIVE and RETIRED KPIs. */
export async function loadScorecardStructure(db: DbClient, slug: string): Promise<ScorecardStructure | null> {
  const [[card], kpis] = await Promise.all([readRows<StructureHeadRow>(db, STRUCTURE_HEAD_SQL, [slug]), readRows<KpiSqlRow>(db, STRUCTURE_KPIS_SQL, [slug])]);
  if (!card) return null;
  return {
    id: card.id,
    slug: card.slug,
    name: card.name,
    description: card.description,
    escalationStreakLength: card.escalationStreakLength,
    perspectives: JSON.parse(card.perspectives) as PerspectiveDef[],
    objectives: JSON.parse(card.objectives) as ObjectiveDef[],
    kpis: kpis.map((k) => ({
      id: k.id,
      code: k.code,
      name: k.name,
      perspectiveId: k.perspectiveId,
      objectiveId: k.objectiveId,
      unit: k.unit,
      currencyCode: k.currencyCode,
      durationUnit: k.durationUnit,
      direction: k.direction,
      frequency: k.frequency,
      weight: Number(k.weight),
      measureType: k.measureType,
      timing: k.timing,
      owner: k.ownerId === null ? null : { id: k.ownerId, name: k.ownerName! },
      department: k.departmentId === null ? null : { id: k.departmentId, name: k.departmentName! },
      status: k.status,
      retiredIn: k.retiredIn,
    })),
  };
}

// ───────────────────────────── Personas ─────────────────────────────

export interface PersonaDef {
  id: string;
  slug: string;
  name: string;
  status: "DRAFT" | "ACTIVE" | "SUNSET";
  priority: number;
  /** Month from which a SUNSET persona no longer counts ('YYYY-MM-01'); null otherwise. */
  sunsetFrom: string | null;
  statusRationale: string | null;
}

/** ACTIVE and SUNSET personas (DRAFT ones are never scored), by priority then name. */
export async function loadScoredPersonas(db: DbClient, where: Prisma.PersonaWhereInput = {}): Promise<PersonaDef[]> {
  const rows = await db.persona.findMany({
    where: { ...where, status: { in: ["ACTIVE", "SUNSET"] } },
    orderBy: [{ priority: "asc" }, { name: "asc" }],
    select: { id: true, slug: true, name: true, status: true, priority: true, statusChangedAt: true, statusRationale: true },
  });
  return rows.map((p) => ({
    id: p.id,
    slug: p.slug,
    name: p.name,
    status: p.status,
    priority: p.priority,
    sunsetFrom: p.status === "SUNSET" && p.statusChangedAt ? monthKeyOf(p.statusChangedAt) : p.status === "SUNSET" ? "0001-01-01" : null,
    statusRationale: p.statusRationale,
  }));
}

function monthKeyOf(date: Date): string {
  return `${toPeriodKey(date).slice(0, 7)}-01`;
}

/**
 * Whether a persona counts in a month's scores: an ACTIVE one always, a SUNSET one only in the
 * months before it was sunset (its history still scores), a DRAFT one never.
 */
export function countsInPeriod(persona: PersonaDef, month: string): boolean {
  if (persona.status === "ACTIVE") return true;
  if (persona.status === "SUNSET") return persona.sunsetFrom !== null && month < persona.sunsetFrom;
  return false;
}

// ───────────────────────────── Targets ─────────────────────────────

export interface TargetRow {
  kpiId: string;
  personaId: string | null;
  effectiveFrom: string;
  baseline: number | null;
  target: number;
  green: number;
  red: number;
  greenHigh: number | null;
  redHigh: number | null;
  /** As stored (plain decimals), for exports. */
  text: { target: string; green: string; red: string; greenHigh: string | null; redHigh: string | null };
  rationale: string | null;
}

/** Plain decimal text of a numeric column as Postgres prints it ('12.500000' -> '12.5'). */
export function plainDecimal(text: string): string;
export function plainDecimal(text: string | null): string | null;
export function plainDecimal(text: string | null): string | null {
  if (text === null || !text.includes(".")) return text;
  return text.replace(/0+$/, "").replace(/\.$/, "");
}

interface TargetSqlRow {
  kpiId: string;
  personaId: string | null;
  effectiveFrom: string;
  baseline: number | null;
  target: number;
  green: number;
  red: number;
  greenHigh: number | null;
  redHigh: number | null;
  targetText: string | null;
  greenText: string | null;
  redText: string | null;
  greenHighText: string | null;
  redHighText: string | null;
  rationale: string | null;
}

// Targets of a list of KPIs ($1 text[]), or of a scorecard's ACTIVE and RETIRED KPIs ($1 its id).
const OF_KPIS = `t."kpiId" = ANY($1::text[])`;
const OF_SCORECARD = `t."kpiId" IN (SELECT k.id FROM "Kpi" k JOIN "Perspective" p ON p.id = k."perspectiveId"
                                  WHERE p."scorecardId" = $1 AND k.status IN ('ACTIVE', 'RETIRED'))`;

const TARGETS_SQL = (text: boolean, ofKpis = OF_KPIS) => `
  SELECT t."kpiId", t."personaId", to_char(t."effectiveFrom", 'YYYY-MM-DD') AS "effectiveFrom",
         t.baseline::float8 AS baseline, t.target::float8 AS target, t.green::float8 AS green, t.red::float8 AS red,
         t."greenHigh"::float8 AS "greenHigh", t."redHigh"::float8 AS "redHigh"${
           text
             ? `,
         t.target::text AS "targetText", t.green::text AS "greenText", t.red::text AS "redText",
         t."greenHigh"::text AS "greenHighText", t."redHigh"::text AS "redHighText", t.rationale`
             : ""
         }
  FROM "KpiTarget" t
  WHERE ${ofKpis}
    AND (t."personaId" IS NULL OR t."personaId" = ANY($2::text[]))
    AND t."effectiveFrom" <= $3::date
  ORDER BY t."effectiveFrom"`;

/**
 * One read: every target row of these KPIs, or of the scorecard's ACTIVE and RETIRED KPIs
 * (defaults and these personas' own), effective on or before `upTo`. Numbers travel twice, as float8 for scoring and as text for exports, so no
 * Decimal object is built per row.
 */
export async function loadTargets(
  db: DbClient,
  kpis: string[] | { scorecardId: string },
  personaIds: string[],
  upTo: string,
  options: { text?: boolean } = {},
): Promise<TargetRow[]> {
  if (Array.isArray(kpis) && kpis.length === 0) return [];
  // The stored text is only for screens and exports that print thresholds; scoring needs floats.
  const text = options.text ?? true;
  // By scorecard, a screen can ask before it has loaded the structure (in the same round trip).
  const [sql, first] = Array.isArray(kpis) ? [TARGETS_SQL(text), kpis] : [TARGETS_SQL(text, OF_SCORECARD), kpis.scorecardId];
  const rows = await readRows<TargetSqlRow>(db, sql, [first, personaIds, upTo]);
  return rows.map((t) => ({
    kpiId: t.kpiId,
    personaId: t.personaId,
    effectiveFrom: t.effectiveFrom,
    baseline: t.baseline,
    target: t.target,
    green: t.green,
    red: t.red,
    greenHigh: t.greenHigh,
    redHigh: t.redHigh,
    text: {
      target: plainDecimal(t.targetText ?? null) ?? String(t.target),
      green: plainDecimal(t.greenText ?? null) ?? String(t.green),
      red: plainDecimal(t.redText ?? null) ?? String(t.red),
      greenHigh: text ? plainDecimal(t.greenHighText) : t.greenHigh === null ? null : String(t.greenHigh),
      redHigh: text ? plainDecimal(t.redHighText) : t.redHigh === null ? null : String(t.redHigh),
    },
    rationale: t.rationale ?? null,
  }));
}

// ───────────────────────────── Weights ─────────────────────────────

export interface WeightRow {
  personaId: string;
  effectiveFrom: string;
  weight: number;
}

/** One read: the persona weights of a scorecard effective on or before `upTo`. */
export async function loadPersonaWeights(db: DbClient, scorecardId: string, upTo: string): Promise<WeightRow[]> {
  const rows = await db.personaWeight.findMany({
    where: { scorecardId, effectiveFrom: { lte: new Date(`${upTo}T00:00:00.000Z`) } },
    select: { personaId: true, effectiveFrom: true, weight: true },
  });
  return rows.map((w) => ({ personaId: w.personaId, effectiveFrom: toPeriodKey(w.effectiveFrom), weight: Number(w.weight) }));
}

// ───────────────────────────── Values ─────────────────────────────

export interface ValueRow {
  kpiId: string;
  personaId: string;
  period: string;
  /** null when the value is missing for a stated reason (not available). */
  value: number | null;
}

/** What the persona scorecard shows beside a stored value of its month (or quarter). */
export interface ValueDetail {
  /** The value as stored (plain decimal); null when not available. */
  text: string | null;
  notAvailableReason: string | null;
  comment: string | null;
  enteredAt: Date;
  enteredBy: string | null;
}

/** The periods a persona's history covers, per KPI frequency (monthly KPIs never need quarter keys, nor the reverse). */
export interface PeriodWindow {
  MONTHLY: string[];
  QUARTERLY: string[];
}

/**
 * Two reads in parallel: one persona's values of the scorecard's active KPIs in the window of
 * their frequency (an index-only scan of (personaId, period) INCLUDE (kpiId, value)), and for
 * `detailPeriods` only, what the screen shows beside a value (stored text, comment, reason, who
 * and when), which needs the table rows. `details` is keyed by period, then KPI id.
 */
export async function loadPersonaValues(
  db: DbClient,
  scorecardId: string,
  personaId: string,
  window: PeriodWindow,
  detailPeriods: string[],
): Promise<{ values: ValueRow[]; details: Map<string, Map<string, ValueDetail>> }> {
  const periods = [...new Set([...window.MONTHLY, ...window.QUARTERLY])];
  const ofScorecard = `JOIN "Kpi" k ON k.id = m."kpiId" AND k.status IN ('ACTIVE', 'RETIRED')
     JOIN "Perspective" p ON p.id = k."perspectiveId" AND p."scorecardId" = $1`;
  const [history, detailRows] = await Promise.all([
    // The union of both windows drives the index scan; the frequency test drops a monthly KPI's
    // values on the older quarter keys (a third of the rows otherwise).
    periods.length === 0
      ? []
      : readRows<Omit<ValueRow, "personaId"> & { personaId?: string }>(
          db,
          `SELECT m."kpiId", to_char(m.period, 'YYYY-MM-DD') AS period, m.value::float8 AS value
           FROM "Measurement" m ${ofScorecard}
           WHERE m."personaId" = $2 AND m.period = ANY($3::date[])
             AND m.period = ANY(CASE WHEN k.frequency = 'QUARTERLY' THEN $5::date[] ELSE $4::date[] END)`,
          [scorecardId, personaId, periods, window.MONTHLY, window.QUARTERLY],
        ),
    detailPeriods.length === 0
      ? []
      : readRows<ValueDetail & { kpiId: string; period: string }>(
          db,
          `SELECT m."kpiId", to_char(m.period, 'YYYY-MM-DD') AS period, m.value::text AS text,
                  m."notAvailableReason", m.comment, m."enteredAt" AT TIME ZONE 'UTC' AS "enteredAt", u.name AS "enteredBy"
           FROM "Measurement" m ${ofScorecard}
           LEFT JOIN "User" u ON u.id = m."enteredById"
           WHERE m."personaId" = $2 AND m.period = ANY($3::date[])`,
          [scorecardId, personaId, detailPeriods],
        ),
  ]);
  // The rows as read, with the persona added in place: thousands of history rows, no copies.
  for (const row of history) row.personaId = personaId;
  const details = new Map<string, Map<string, ValueDetail>>();
  for (const d of detailRows) {
    let byKpi = details.get(d.period);
    if (!byKpi) details.set(d.period, (byKpi = new Map()));
    byKpi.set(d.kpiId, { text: plainDecimal(d.text), notAvailableReason: d.notAvailableReason, comment: d.comment, enteredAt: d.enteredAt, enteredBy: d.enteredBy });
  }
  return { values: history as ValueRow[], details };
}

/**
 * One read: the values of a scorecard's active KPIs for these personas in these periods (month
 * and quarter keys). The value travels as float8 for scoring; exports read the stored text.
 */
export async function loadValues(db: DbClient, scorecardId: string, personaIds: string[], periods: string[]): Promise<ValueRow[]> {
  if (personaIds.length === 0 || periods.length === 0) return [];
  // Rows come back in the shape of ValueRow: no per-row mapping.
  return readRows<ValueRow>(
    db,
    `SELECT m."kpiId", m."personaId", to_char(m.period, 'YYYY-MM-DD') AS period, m.value::float8 AS value
     FROM "Measurement" m
     JOIN "Kpi" k ON k.id = m."kpiId" AND k.status IN ('ACTIVE', 'RETIRED')
     JOIN "Perspective" p ON p.id = k."perspectiveId"
     WHERE p."scorecardId" = $1
       AND m."personaId" = ANY($2::text[])
       AND m.period = ANY($3::date[])`,
    [scorecardId, personaIds, periods],
  );
}

/** The span of a scorecard's data: its first and last month with a value. */
export interface DataMonths {
  first: string;
  last: string;
}

/**
 * Where a screen gets a scorecard's data months: from the data (loadDataMonths), or from a cache
 * that keeps them while no value lands in a new month (the read-model cache's `months` entries).
 */
export type DataMonthsSource = (db: DbClient, scorecard: { slug: string }) => Promise<DataMonths | null>;

/**
 * The first and last month with a value of the scorecard's active KPIs, in one read that probes
 * the (kpiId, period) index once per KPI: flat in the length of history (about 30 ms at 500 KPIs).
 */
export async function loadDataMonths(db: DbClient, scorecard: { slug: string }): Promise<DataMonths | null> {
  // By slug, so screens can ask for it in the same round trip as the structure (an object, so a
  // scorecard id cannot be passed by mistake).
  const scorecardSlug = scorecard.slug;
  const [row] = await db.$queryRaw<{ first: Date | null; last: Date | null; lastMonthly: Date | null }[]>`
    SELECT min(x.lo) AS first, max(x.hi) AS last, max(x.hi) FILTER (WHERE k.frequency = 'MONTHLY') AS "lastMonthly"
    FROM "Scorecard" s
    JOIN "Perspective" p ON p."scorecardId" = s.id
    JOIN "Kpi" k ON k."perspectiveId" = p.id
    CROSS JOIN LATERAL (SELECT min(m.period) AS lo, max(m.period) AS hi FROM "Measurement" m WHERE m."kpiId" = k.id) x
    WHERE s.slug = ${scorecardSlug} AND k.status IN ('ACTIVE', 'RETIRED')`;
  if (!row?.first || !row.last) return null;
  // A quarterly value is keyed on its quarter's first month: the monthly KPIs say how far data reaches.
  return { first: toPeriodKey(row.first), last: toPeriodKey(row.lastMonthly ?? row.last) };
}
