import "server-only";
import type { DbClient } from "@/lib/db";
import { readRows } from "@/lib/db/rows";
import type { ReclassifyRule } from "@/lib/validation/persona-merge";

// Moving measurement values from one persona to another, set-based: a merge (every value of
// persona A into B) and a reclassification (the values of chosen KPIs and periods). The preview
// and the command share planMeasurementMove, so the preview's counts are the committed ones; the
// command re-plans inside its transaction and refuses when the plan changed since the preview.
//
// What happens to each value of the source in scope:
//   - no value of the destination on the same KPI and period: the row itself moves (its
//     personaId changes; same id, same version), so its MeasurementRevision history follows it;
//     one AuditEvent per row ("<prefix>.move") records the move with the reason;
//   - a conflict (the destination has a value there), by rule:
//       KEEP_TARGET  the destination's row stays as it is;
//       KEEP_SOURCE  the destination's row takes the source's value (its comment, or one saying
//                    where the value came from); its earlier state becomes a MeasurementRevision
//                    with the reason, its version goes up;
//       AVERAGE      when both have a number: share × source + (1 − share) × destination, rounded
//                    to 6 decimals (whole numbers for COUNT KPIs), with a comment that shows the
//                    sum; when only the source has a number it is taken; when the source is "not
//                    available" the destination's row stays;
//     the destination rows that change get an AuditEvent ("<prefix>.overwrite", before/after);
//     the source's conflicting row is then deleted (with its own revisions); its last state is
//     kept in an AuditEvent ("<prefix>.discard") with the reason.
// Every statement works on the whole set at once, whatever the number of values.

export interface MoveScope {
  fromId: string;
  toId: string;
  /** null: every KPI. */
  kpiIds: string[] | null;
  /** "YYYY-MM-01" or null: periods starting on or after / on or before. */
  fromPeriod: string | null;
  toPeriod: string | null;
}

export interface ConflictRow {
  kpiId: string;
  kpiCode: string;
  kpiName: string;
  unit: "PERCENT" | "RATIO" | "COUNT" | "CURRENCY" | "DURATION" | "SCORE";
  currencyCode: string | null;
  durationUnit: string | null;
  frequency: "MONTHLY" | "QUARTERLY";
  period: string;
  source: number | null;
  sourceNotAvailable: string | null;
  destination: number | null;
  destinationNotAvailable: string | null;
  /** The destination's value after the move under the chosen rule. */
  result: number | null;
  resultNotAvailable: string | null;
  /** Whether the destination's row changes under the chosen rule. */
  changes: boolean;
}

export interface MeasurementPlan {
  /** Values of the source in scope. */
  total: number;
  /** Rows that move as they are (no value of the destination there). */
  moving: number;
  /** Source values whose KPI and period the destination already has. */
  conflicts: number;
  /** Destination rows the rule changes (each gets a revision). */
  overwritten: number;
  /** Revisions of the moving rows (they follow their rows). */
  revisionsMoving: number;
  /** KPIs with at least one value in scope. */
  kpiIds: string[];
  /** The first conflicts, by KPI code and period (at most CONFLICTS_LISTED). */
  conflictRows: ConflictRow[];
}

export const CONFLICTS_LISTED = 200;

export interface RuleContext {
  rule: ReclassifyRule;
  /** The source's share in an AVERAGE, as a decimal string ("0.4000"). */
  share: string;
  sourceName: string;
  destinationName: string;
}

/**
 * SQL with named parameters: each "{name}" becomes $n (in order of first use) and only the
 * names used are passed, so every statement references exactly its parameters (Postgres cannot
 * type a parameter a statement does not use).
 */
export function named(sql: string, values: Record<string, unknown>): [string, unknown[]] {
  const order: string[] = [];
  const text = sql.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`No value for the SQL parameter {${name}}`);
    let i = order.indexOf(name);
    if (i < 0) i = order.push(name) - 1;
    return `$${i + 1}`;
  });
  return [text, order.map((n) => values[n])];
}

/** The source rows in scope (alias m). */
const IN_SCOPE = (m: string) => `${m}."personaId" = {from}
      AND ({kpis}::text[] IS NULL OR ${m}."kpiId" = ANY({kpis}::text[]))
      AND ({fromPeriod}::date IS NULL OR ${m}.period >= {fromPeriod}::date)
      AND ({toPeriod}::date IS NULL OR ${m}.period <= {toPeriod}::date)`;

function scopeValues(scope: MoveScope) {
  return { from: scope.fromId, to: scope.toId, kpis: scope.kpiIds, fromPeriod: scope.fromPeriod, toPeriod: scope.toPeriod };
}

/**
 * The conflicting pairs with the destination's new state under the rule: CTEs "decided"
 * (a_id, b_id, kpi_id, period, new_value, new_na, new_comment) and "changed" (the pairs whose
 * destination row changes).
 */
function decidedCte(rule: ReclassifyRule): string {
  const precision = `CASE WHEN k.unit = 'COUNT' THEN 0 ELSE 6 END`;
  const averaged = `round({share}::numeric * a.value + (1 - {share}::numeric) * b.value, ${precision})`;
  const averageComment = `'Weighted average after moving the values of ' || {sourceName}::text || ': ' || trim_scale(round({share}::numeric * 100, 2))::text || ' % of ' || trim_scale(a.value)::text || ' (' || {sourceName}::text || ') + ' || trim_scale(round((1 - {share}::numeric) * 100, 2))::text || ' % of ' || trim_scale(b.value)::text || ' (' || {destinationName}::text || ').'`;
  const keptComment = `coalesce(a.comment, 'Value of ' || {sourceName}::text || ', kept when its values moved to ' || {destinationName}::text || '.')`;
  let value: string;
  let na: string;
  let comment: string;
  switch (rule) {
    case "KEEP_SOURCE":
      value = "a.value";
      na = `a."notAvailableReason"`;
      comment = keptComment;
      break;
    case "AVERAGE":
      value = `CASE WHEN a.value IS NOT NULL AND b.value IS NOT NULL THEN ${averaged} WHEN a.value IS NOT NULL THEN a.value ELSE b.value END`;
      na = `CASE WHEN a.value IS NULL OR b.value IS NOT NULL THEN b."notAvailableReason" ELSE NULL END`;
      comment = `CASE WHEN a.value IS NOT NULL AND b.value IS NOT NULL THEN ${averageComment} WHEN a.value IS NOT NULL THEN ${keptComment} ELSE b.comment END`;
      break;
    default:
      value = "b.value";
      na = `b."notAvailableReason"`;
      comment = "b.comment";
  }
  return `decided AS (
      SELECT a.id AS a_id, b.id AS b_id, a."kpiId" AS kpi_id, a.period AS period,
             ${value} AS new_value, ${na} AS new_na, ${comment} AS new_comment
        FROM "Measurement" a
        JOIN "Measurement" b ON b."personaId" = {to} AND b."kpiId" = a."kpiId" AND b.period = a.period
        JOIN "Kpi" k ON k.id = a."kpiId"
       WHERE ${IN_SCOPE("a")}
    ), changed AS (
      SELECT d.* FROM decided d JOIN "Measurement" b ON b.id = d.b_id
       WHERE d.new_value IS DISTINCT FROM b.value OR d.new_na IS DISTINCT FROM b."notAvailableReason"
    )`;
}

function ruleValues(ctx: RuleContext) {
  return { share: ctx.share, sourceName: ctx.sourceName, destinationName: ctx.destinationName };
}

/** What a move would do, without writing: counts and the first conflicts with their outcome. Two reads. */
export async function planMeasurementMove(db: DbClient, scope: MoveScope, ctx: RuleContext): Promise<MeasurementPlan> {
  const values = { ...scopeValues(scope), ...ruleValues(ctx) };
  const [countsSql, countsParams] = named(
    `WITH ${decidedCte(ctx.rule)}, scoped AS (SELECT m.id, m."kpiId" FROM "Measurement" m WHERE ${IN_SCOPE("m")})
     SELECT (SELECT count(*)::int FROM scoped) AS total,
            (SELECT count(*)::int FROM decided) AS conflicts,
            (SELECT count(*)::int FROM changed) AS overwritten,
            (SELECT count(*)::int FROM "MeasurementRevision" r JOIN scoped s ON s.id = r."measurementId"
              WHERE NOT EXISTS (SELECT 1 FROM decided d WHERE d.a_id = s.id)) AS revisions,
            (SELECT coalesce(string_agg(DISTINCT s."kpiId", ','), '') FROM scoped s) AS kpis`,
    values,
  );
  const [counts] = await readRows<{ total: number; conflicts: number; overwritten: number; revisions: number; kpis: string }>(db, countsSql, countsParams);
  const [rowsSql, rowsParams] = named(
    `WITH ${decidedCte(ctx.rule)}
     SELECT k.id AS "kpiId", k.code AS "kpiCode", k.name AS "kpiName", k.unit::text AS unit, k."currencyCode", k."durationUnit", k.frequency::text AS frequency,
            to_char(d.period, 'YYYY-MM-DD') AS period,
            a.value::float8 AS source, a."notAvailableReason" AS "sourceNotAvailable",
            b.value::float8 AS destination, b."notAvailableReason" AS "destinationNotAvailable",
            d.new_value::float8 AS result, d.new_na AS "resultNotAvailable",
            (d.new_value IS DISTINCT FROM b.value OR d.new_na IS DISTINCT FROM b."notAvailableReason") AS changes
       FROM decided d
       JOIN "Measurement" a ON a.id = d.a_id
       JOIN "Measurement" b ON b.id = d.b_id
       JOIN "Kpi" k ON k.id = d.kpi_id
      ORDER BY k.code, d.period
      LIMIT ${CONFLICTS_LISTED}`,
    values,
  );
  const rows = await readRows<ConflictRow>(db, rowsSql, rowsParams);
  const total = counts?.total ?? 0;
  const conflicts = counts?.conflicts ?? 0;
  return {
    total,
    moving: total - conflicts,
    conflicts,
    overwritten: ctx.rule === "KEEP_TARGET" || ctx.rule === "REFUSE" ? 0 : (counts?.overwritten ?? 0),
    revisionsMoving: counts?.revisions ?? 0,
    kpiIds: (counts?.kpis ?? "").split(",").filter((k) => k !== "").sort(),
    conflictRows: rows.map((r) => ({ ...r, currencyCode: r.currencyCode?.trim() ?? null })),
  };
}

export interface MoveMeta {
  actorId: string;
  actorLabel: string;
  /** Audit action prefix: "persona.merge" or "measurement.reclassify". */
  action: string;
  reason: string;
  at: Date;
}

export interface MoveResult {
  moved: number;
  overwritten: number;
  discarded: number;
}

/** A new row id in SQL, shaped like a cuid ("c" + 24 characters). */
const NEW_ID = (column: string) => `'c' || substr(md5(random()::text || clock_timestamp()::text || ${column}), 1, 24)`;

/** A measurement row as the audit log keeps it. */
const SNAPSHOT = (alias: string, persona: string) => `jsonb_build_object(
      'kpi', k.code, 'persona', ${persona}, 'period', to_char(${alias}.period, 'YYYY-MM-DD'),
      'value', trim_scale(${alias}.value)::text, 'notAvailableReason', ${alias}."notAvailableReason", 'comment', ${alias}.comment,
      'version', ${alias}.version, 'enteredById', ${alias}."enteredById")`;

/**
 * Carries out a move in the caller's transaction, set-based (at most seven statements whatever
 * the number of rows), and returns what it did; the caller compares it with the plan it showed.
 */
export async function moveMeasurements(
  tx: DbClient,
  scope: MoveScope,
  ctx: RuleContext & { sourceSlug: string; destinationSlug: string },
  meta: MoveMeta,
): Promise<MoveResult> {
  const values = {
    ...scopeValues(scope),
    ...ruleValues(ctx),
    actorId: meta.actorId,
    actorLabel: meta.actorLabel,
    action: meta.action,
    reason: meta.reason,
    at: meta.at.toISOString(),
    sourceSlug: ctx.sourceSlug,
    destinationSlug: ctx.destinationSlug,
    rule: ctx.rule,
  };
  const run = (sql: string) => {
    const [text, params] = named(sql, values);
    return tx.$executeRawUnsafe(text, ...params);
  };

  let overwritten = 0;
  if (ctx.rule === "KEEP_SOURCE" || ctx.rule === "AVERAGE") {
    // 1. The destination rows the rule changes: audit (before/after) and a revision of their current state, then the update.
    await run(`WITH ${decidedCte(ctx.rule)}
       INSERT INTO "AuditEvent" (id, "actorId", "actorLabel", action, "entityType", "entityId", before, after, at)
       SELECT ${NEW_ID("b.id")}, {actorId}, {actorLabel}, {action}::text || '.overwrite', 'Measurement', b.id,
              ${SNAPSHOT("b", "{destinationSlug}::text")},
              jsonb_build_object('kpi', k.code, 'persona', {destinationSlug}::text, 'period', to_char(b.period, 'YYYY-MM-DD'),
                'value', trim_scale(c.new_value)::text, 'notAvailableReason', c.new_na, 'comment', c.new_comment,
                'version', b.version + 1, 'enteredById', {actorId}::text, 'rule', {rule}::text, 'from', {sourceSlug}::text, 'reason', {reason}::text),
              {at}::timestamp(3)
         FROM changed c JOIN "Measurement" b ON b.id = c.b_id JOIN "Kpi" k ON k.id = b."kpiId"`);
    await run(`WITH ${decidedCte(ctx.rule)}
       INSERT INTO "MeasurementRevision" (id, "measurementId", version, value, "notAvailableReason", comment, "enteredById", "enteredAt", "changedById", "changedAt", reason)
       SELECT ${NEW_ID("b.id")}, b.id, b.version, b.value, b."notAvailableReason", b.comment, b."enteredById", b."enteredAt", {actorId}, {at}::timestamp(3), {reason}
         FROM changed c JOIN "Measurement" b ON b.id = c.b_id`);
    overwritten = await run(`WITH ${decidedCte(ctx.rule)}
       UPDATE "Measurement" b
          SET value = c.new_value, "notAvailableReason" = c.new_na, comment = c.new_comment,
              "enteredById" = {actorId}, "enteredAt" = {at}::timestamp(3), version = b.version + 1
         FROM changed c
        WHERE b.id = c.b_id`);
  }

  // 2. The source's conflicting rows: their last state into the audit log, then deleted (with their revisions).
  await run(`WITH ${decidedCte(ctx.rule)}
     INSERT INTO "AuditEvent" (id, "actorId", "actorLabel", action, "entityType", "entityId", before, after, at)
     SELECT ${NEW_ID("a.id")}, {actorId}, {actorLabel}, {action}::text || '.discard', 'Measurement', a.id,
            ${SNAPSHOT("a", "{sourceSlug}::text")},
            jsonb_build_object('keptIn', d.b_id, 'persona', {destinationSlug}::text, 'rule', {rule}::text, 'reason', {reason}::text),
            {at}::timestamp(3)
       FROM decided d JOIN "Measurement" a ON a.id = d.a_id JOIN "Kpi" k ON k.id = a."kpiId"`);
  const discarded = await run(`WITH ${decidedCte(ctx.rule)}
     DELETE FROM "Measurement" a USING decided d WHERE a.id = d.a_id`);

  // 3. Every remaining source row in scope moves as it is: audit first (it names the source), then the move.
  await run(`INSERT INTO "AuditEvent" (id, "actorId", "actorLabel", action, "entityType", "entityId", before, after, at)
     SELECT ${NEW_ID("m.id")}, {actorId}, {actorLabel}, {action}::text || '.move', 'Measurement', m.id,
            ${SNAPSHOT("m", "{sourceSlug}::text")},
            jsonb_build_object('persona', {destinationSlug}::text, 'reason', {reason}::text),
            {at}::timestamp(3)
       FROM "Measurement" m JOIN "Kpi" k ON k.id = m."kpiId"
      WHERE ${IN_SCOPE("m")}`);
  const moved = await run(`UPDATE "Measurement" m SET "personaId" = {to} WHERE ${IN_SCOPE("m")}`);
  return { moved, overwritten, discarded };
}
