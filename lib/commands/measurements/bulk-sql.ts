import "server-only";
import type { DbClient } from "@/lib/db";
import { newIds } from "../ids";

// Set-based statements for bulk measurement writes (an import of up to 100,000 rows). What the
// measurements showed (tests/bench/import, README "Import benchmark"), and so how these are built:
//   - A cell travels as small integers: the position of its KPI and persona in two short id
//     arrays (a file names ~100 KPIs and ~50 personas, not 100,000 of each), plus its period.
//     Postgres joins those arrays back to ids (`unnest ... WITH ORDINALITY`), so neither side
//     writes or reads 50 bytes of ids per cell.
//   - Rows to write go to Postgres as one array per column, unpacked by unnest(): the same few
//     parameters and bytes as one JSON text (Prisma re-stringifies every raw parameter, so bytes
//     count), but Postgres reads arrays without matching JSON keys on every row (100,000 inserts
//     A/B in psql: 3.5-4.3 s against 4.0-4.7 s with json_to_recordset). Cells to read still go
//     as one JSON parameter.
//   - Saved values come back as ONE text per statement, built by string concatenation
//     (to_json only for free text): json_build_array() looks up the type of each of its
//     arguments on every row, and that made reading 100,000 saved values take seconds.
//   - A cell's ids are looked up by subscript (($1::text[])[k + 1]), not joined: the planner
//     takes a JSON parameter for 100 rows, and a join built its hash on the 100,000 side and
//     spilled it to disk.
// Works the same on Postgres and on PGlite (no COPY, which PGlite's socket does not support).

export { newId, newIds } from "../ids";

/** The KPIs and personas a bulk statement refers to: a cell names them by position (0-based) in these arrays. */
export interface CellSpace {
  kpiIds: readonly string[];
  personaIds: readonly string[];
}

/** A cell: positions in CellSpace and the period ('YYYY-MM-DD'). */
export interface CellRef {
  k: number;
  p: number;
  period: string;
}

/** A saved measurement as read for an import (texts, so decimals stay exact). */
export interface ExistingRow {
  k: number;
  p: number;
  period: string;
  /** Exact decimal without trailing zeros ("87.4", "100", "0"), as Decimal's toFixed() writes it. */
  value: string | null;
  notAvailableReason: string | null;
  comment: string | null;
  version: number;
}

type PackedExisting = [number, number, string, string | null, string | null, string | null, number];

/** Months from a to b ('YYYY-MM-DD', a <= b), both included. */
function monthSpan(a: string, b: string): number {
  return (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7)) + 1;
}

// Postgres's ordinals are 1-based; the cells' positions are 0-based.
const PACKED_EXISTING = `'[' || string_agg('[' || (k.i - 1) || ',' || (p.i - 1) || ',"' || to_char(m.period, 'YYYY-MM-DD') || '",'
       || coalesce('"' || trim_scale(m.value) || '"', 'null') || ',' || coalesce(to_json(m."notAvailableReason")::text, 'null') || ','
       || coalesce(to_json(m.comment)::text, 'null') || ',' || m.version || ']', ',') || ']'`;

/**
 * The saved measurements of the given cells. Not locked (locking 100,000 rows writes to each of
 * them): the writes re-check each row's version instead, so a save committed meanwhile makes the
 * import a CONFLICT rather than a lost update. A file that covers most of its KPIs x personas x
 * months (an export, a monthly upload) is read as that block in one index range scan; a sparse
 * one sends its cells.
 */
export async function loadExisting(tx: DbClient, space: CellSpace, cells: readonly CellRef[]): Promise<ExistingRow[]> {
  if (cells.length === 0) return [];
  let first = cells[0]!.period;
  let last = first;
  for (const c of cells) {
    if (c.period < first) first = c.period;
    if (c.period > last) last = c.period;
  }
  const block = space.kpiIds.length * space.personaIds.length * monthSpan(first, last);
  const packs: (string | null)[] = [];
  if (block <= cells.length * 2) {
    const [r] = await tx.$queryRawUnsafe<{ rows: string | null }[]>(
      `SELECT ${PACKED_EXISTING} AS rows
         FROM unnest($1::text[]) WITH ORDINALITY AS k(id, i) CROSS JOIN unnest($2::text[]) WITH ORDINALITY AS p(id, i)
         JOIN "Measurement" m ON m."kpiId" = k.id AND m."personaId" = p.id AND m.period BETWEEN $3::date AND $4::date`,
      space.kpiIds,
      space.personaIds,
      first,
      last,
    );
    packs.push(r?.rows ?? null);
  } else {
    for (let i = 0; i < cells.length; i += 20_000) {
      const [r] = await tx.$queryRawUnsafe<{ rows: string | null }[]>(
        `SELECT ${PACKED_EXISTING} AS rows
           FROM json_to_recordset($3::json) AS c(k int, p int, d date)
           JOIN unnest($1::text[]) WITH ORDINALITY AS k(id, i) ON k.i = c.k + 1
           JOIN unnest($2::text[]) WITH ORDINALITY AS p(id, i) ON p.i = c.p + 1
           JOIN "Measurement" m ON m."kpiId" = k.id AND m."personaId" = p.id AND m.period = c.d`,
        space.kpiIds,
        space.personaIds,
        JSON.stringify(cells.slice(i, i + 20_000).map((c) => ({ k: c.k, p: c.p, d: c.period }))),
      );
      packs.push(r?.rows ?? null);
    }
  }
  const out: ExistingRow[] = [];
  for (const pack of packs) {
    if (!pack) continue;
    for (const r of JSON.parse(pack) as PackedExisting[]) {
      out.push({ k: r[0], p: r[1], period: r[2], value: r[3], notAvailableReason: r[4], comment: r[5], version: r[6] });
    }
  }
  return out;
}

/** Who saved these cells, and when (a version conflict's message): few rows, so read only when needed. */
export async function whoSaved(tx: DbClient, space: CellSpace, cells: readonly CellRef[]): Promise<Map<string, { enteredByName: string | null; enteredAt: string }>> {
  const out = new Map<string, { enteredByName: string | null; enteredAt: string }>();
  if (cells.length === 0) return out;
  const rows = await tx.$queryRawUnsafe<{ k: number; p: number; d: string; name: string | null; at: string }[]>(
    `SELECT c.k, c.p, to_char(m.period, 'YYYY-MM-DD') AS d, u.name, to_char(m."enteredAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at
       FROM json_to_recordset($3::json) AS c(k int, p int, d date)
       JOIN unnest($1::text[]) WITH ORDINALITY AS k(id, i) ON k.i = c.k + 1
       JOIN unnest($2::text[]) WITH ORDINALITY AS p(id, i) ON p.i = c.p + 1
       JOIN "Measurement" m ON m."kpiId" = k.id AND m."personaId" = p.id AND m.period = c.d
       LEFT JOIN "User" u ON u.id = m."enteredById"`,
    space.kpiIds,
    space.personaIds,
    JSON.stringify(cells.map((c) => ({ k: c.k, p: c.p, d: c.period }))),
  );
  for (const r of rows) out.set(cellKey(r.k, r.p, r.d), { enteredByName: r.name, enteredAt: r.at });
  return out;
}

/**
 * Rows per write statement: a set-returning function materializes its rows, and 10,000 (about
 * 1 MB) stay within work_mem; 100,000 in one statement was not faster (A/B at load 10-12: 4.2-7.8 s
 * against 4.6-5.7 s for ten statements).
 */
export const BATCH = 10_000;

/**
 * A batch's cells as the column arrays of an unnest(): [kpi positions, persona positions, periods,
 * values, not-available reasons, comments]. Arrays, not one JSON text per batch: Postgres reads
 * them without matching JSON keys on every row.
 */
function columnsOf(batch: readonly (CellRef & CellState)[]): [number[], number[], string[], (string | null)[], (string | null)[], (string | null)[]] {
  const n = batch.length;
  const k = new Array<number>(n);
  const p = new Array<number>(n);
  const d = new Array<string>(n);
  const v = new Array<string | null>(n);
  const na = new Array<string | null>(n);
  const c = new Array<string | null>(n);
  for (let i = 0; i < n; i++) {
    const r = batch[i]!;
    k[i] = r.k;
    p[i] = r.p;
    d[i] = r.period;
    v[i] = r.value;
    na[i] = r.notAvailableReason;
    c[i] = r.comment;
  }
  return [k, p, d, v, na, c];
}

/** A cell's key in maps: positions and period. */
export function cellKey(k: number, p: number, period: string): string {
  return `${k}|${p}|${period}`;
}

/** A state to write into a cell. */
export interface CellState {
  value: string | null;
  notAvailableReason: string | null;
  comment: string | null;
}

export interface WriteMeta {
  source: string;
  actorId: string;
  at: Date;
}

/**
 * Inserts new cells, one statement per BATCH; returns how many were inserted (fewer: someone saved
 * one of them meanwhile, and the caller must roll back).
 */
export async function insertMeasurements(tx: DbClient, space: CellSpace, rows: readonly (CellRef & CellState)[], meta: WriteMeta): Promise<number> {
  const ids = newIds(rows.length);
  let count = 0;
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const [result] = await tx.$queryRawUnsafe<{ n: number }[]>(
      `WITH ins AS (
         INSERT INTO "Measurement" (id, "kpiId", "personaId", period, value, "notAvailableReason", comment, source, "enteredById", "enteredAt", version)
         SELECT u.id, ($1::text[])[u.k + 1], ($2::text[])[u.p + 1], u.d, u.v::numeric, u.na, u.c, $3::"MeasurementSource", $4, $5::timestamp(3), 1
           FROM unnest($6::text[], $7::int[], $8::int[], $9::date[], $10::text[], $11::text[], $12::text[]) AS u(id, k, p, d, v, na, c)
         ON CONFLICT ("kpiId", "personaId", period) DO NOTHING
         RETURNING 1
       )
       SELECT count(*)::int AS n FROM ins`,
      space.kpiIds,
      space.personaIds,
      meta.source,
      meta.actorId,
      meta.at.toISOString(),
      ids.slice(start, start + batch.length),
      ...columnsOf(batch),
    );
    count += Number(result?.n ?? 0);
  }
  return count;
}

/**
 * Keeps the replaced state of each cell in MeasurementRevision (copied from the row itself, so it
 * is exactly what the update replaces), and updates the rows (version + 1), in one statement per
 * BATCH whose parts share one snapshot. A row at another version than the one read is left alone;
 * returns how many rows were updated (fewer: a row changed meanwhile, and the caller must roll back).
 */
export async function updateMeasurements(tx: DbClient, space: CellSpace, rows: readonly (CellRef & CellState & { version: number })[], meta: WriteMeta & { reason: string }): Promise<number> {
  const revisionIds = newIds(rows.length);
  let count = 0;
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const [result] = await tx.$queryRawUnsafe<{ n: number }[]>(
      `WITH u AS MATERIALIZED (
         SELECT m.id AS mid, m.version, m.value, m."notAvailableReason", m.comment, m."enteredById", m."enteredAt",
                u.r, u.v, u.na, u.c
           FROM unnest($7::text[], $8::int[], $9::int[], $10::date[], $11::text[], $12::text[], $13::text[], $14::int[]) AS u(r, k, p, d, v, na, c, ver)
           JOIN "Measurement" m ON m."kpiId" = ($1::text[])[u.k + 1] AND m."personaId" = ($2::text[])[u.p + 1] AND m.period = u.d AND m.version = u.ver
       ), rev AS (
         INSERT INTO "MeasurementRevision" (id, "measurementId", version, value, "notAvailableReason", comment, "enteredById", "enteredAt", "changedById", "changedAt", reason)
         SELECT u.r, u.mid, u.version, u.value, u."notAvailableReason", u.comment, u."enteredById", u."enteredAt", $4, $5::timestamp(3), $6 FROM u
       ), upd AS (
         UPDATE "Measurement" m
            SET value = u.v::numeric, "notAvailableReason" = u.na, comment = u.c, source = $3::"MeasurementSource",
                "enteredById" = $4, "enteredAt" = $5::timestamp(3), version = m.version + 1
           FROM u
          WHERE m.id = u.mid AND m.version = u.version
         RETURNING 1
       )
       SELECT count(*)::int AS n FROM upd`,
      space.kpiIds,
      space.personaIds,
      meta.source,
      meta.actorId,
      meta.at.toISOString(),
      meta.reason,
      revisionIds.slice(start, start + batch.length),
      ...columnsOf(batch),
      batch.map((r) => r.version),
    );
    count += Number(result?.n ?? 0);
  }
  return count;
}
