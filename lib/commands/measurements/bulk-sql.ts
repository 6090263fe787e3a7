import "server-only";
import { randomBytes } from "node:crypto";
import type { DbClient } from "@/lib/db";

// Set-based statements for bulk measurement writes. Each batch of rows travels as ONE parameter,
// a JSON array of records that Postgres unpacks with json_to_recordset(): one round trip and one
// parameter per batch, whatever its size. (Bound arrays of 5,000 texts per column cost more in
// the client's parameter handling than in the database; a JSON text is one string to the driver.)
// Each write is one statement per batch that also writes what goes with it, in data-modifying
// CTEs that share one snapshot: the new rows and their audit events; the revisions, the updates
// and their audit events. Works the same on Postgres and on PGlite (no COPY, which PGlite's
// socket does not support).

/** Rows per statement: large enough to amortise a round trip, small enough for memory. */
export const BATCH = 10_000;

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/** `count` new row ids shaped like Prisma's cuid ("c" + 24 lower-case letters and digits), from one random buffer. */
export function newIds(count: number): string[] {
  const bytes = randomBytes(24 * count);
  const out = new Array<string>(count);
  for (let i = 0; i < count; i++) {
    let id = "c";
    for (let j = i * 24, end = j + 24; j < end; j++) id += ALPHABET[(bytes[j] as number) % 36];
    out[i] = id;
  }
  return out;
}

/** A new row id shaped like Prisma's cuid. */
export function newId(): string {
  return newIds(1)[0] as string;
}

export function batches<T>(rows: readonly T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** A saved measurement as read for an import (texts, so decimals stay exact). */
export interface ExistingRow {
  id: string;
  kpiId: string;
  personaId: string;
  period: string;
  /** Exact decimal without trailing zeros ("87.4", "100", "0"), as Decimal's toFixed() writes it. */
  value: string | null;
  notAvailableReason: string | null;
  comment: string | null;
  source: string;
  version: number;
  enteredById: string | null;
  enteredByName: string | null;
  /** ISO timestamp. */
  enteredAt: string;
}

type PackedExisting = [string, string, string, string, string | null, string | null, string | null, string, number, string | null, string | null, string];

/**
 * The saved measurements of the given cells. Not locked (locking 100,000 rows writes to each of
 * them): the writes re-check each row's version instead, so a save committed meanwhile makes the
 * import a CONFLICT rather than a lost update. Each batch comes back as one JSON text (one row per
 * batch, not one per value: the client maps a row far more slowly than JSON.parse reads one).
 */
export async function loadExisting(tx: DbClient, cells: { kpiId: string; personaId: string; period: string }[]): Promise<ExistingRow[]> {
  const out: ExistingRow[] = [];
  for (const batch of batches(cells, 20_000)) {
    const [packed] = await tx.$queryRawUnsafe<{ rows: string | null }[]>(
      `SELECT json_agg(json_build_array(m.id, m."kpiId", m."personaId", to_char(m.period, 'YYYY-MM-DD'), trim_scale(m.value)::text,
              m."notAvailableReason", m.comment, m.source::text, m.version, m."enteredById", u.name,
              to_char(m."enteredAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))::text AS rows
         FROM json_to_recordset($1::json) AS c(k text, p text, d date)
         JOIN "Measurement" m ON m."kpiId" = c.k AND m."personaId" = c.p AND m.period = c.d
         LEFT JOIN "User" u ON u.id = m."enteredById"`,
      JSON.stringify(batch.map((c) => ({ k: c.kpiId, p: c.personaId, d: c.period }))),
    );
    if (!packed?.rows) continue;
    for (const r of JSON.parse(packed.rows) as PackedExisting[]) {
      out.push({
        id: r[0],
        kpiId: r[1],
        personaId: r[2],
        period: r[3],
        value: r[4],
        notAvailableReason: r[5],
        comment: r[6],
        source: r[7],
        version: r[8],
        enteredById: r[9],
        enteredByName: r[10],
        enteredAt: r[11],
      });
    }
  }
  return out;
}

export interface NewMeasurement {
  id: string;
  kpiId: string;
  personaId: string;
  period: string;
  value: string | null;
  notAvailableReason: string | null;
  comment: string | null;
  /** Its audit event: id and `after` snapshot. */
  auditId: string;
  after: unknown;
}

export interface WriteMeta {
  source: string;
  actorId: string;
  at: Date;
  /** Audit events' actor label and action. */
  actorLabel: string;
  action: string;
}

/**
 * Inserts new cells and one AuditEvent per cell (entityType Measurement, no `before`), in one
 * statement per batch; returns how many cells were inserted (fewer: someone saved one of them
 * meanwhile, and the caller must roll back, which also takes back the audit events).
 */
export async function insertMeasurements(tx: DbClient, rows: NewMeasurement[], meta: WriteMeta): Promise<number> {
  let count = 0;
  for (const batch of batches(rows)) {
    const [result] = await tx.$queryRawUnsafe<{ n: number }[]>(
      `WITH u AS MATERIALIZED (
         SELECT * FROM json_to_recordset($1::json) AS u(id text, k text, p text, d date, v text, na text, c text, a text, after jsonb)
       ), ins AS (
         INSERT INTO "Measurement" (id, "kpiId", "personaId", period, value, "notAvailableReason", comment, source, "enteredById", "enteredAt", version)
         SELECT u.id, u.k, u.p, u.d, u.v::numeric, u.na, u.c, $2::"MeasurementSource", $3, $4::timestamp(3), 1 FROM u
         ON CONFLICT ("kpiId", "personaId", period) DO NOTHING
         RETURNING 1
       ), aud AS (
         INSERT INTO "AuditEvent" (id, "actorId", "actorLabel", action, "entityType", "entityId", before, after, at)
         SELECT u.a, $3, $5, $6, 'Measurement', u.id, NULL, u.after, $4::timestamp(3) FROM u
       )
       SELECT count(*)::int AS n FROM ins`,
      JSON.stringify(batch.map((r) => ({ id: r.id, k: r.kpiId, p: r.personaId, d: r.period, v: r.value, na: r.notAvailableReason, c: r.comment, a: r.auditId, after: r.after }))),
      meta.source,
      meta.actorId,
      meta.at.toISOString(),
      meta.actorLabel,
      meta.action,
    );
    count += Number(result?.n ?? 0);
  }
  return count;
}

export interface ChangedMeasurement {
  id: string;
  /** The version read; the update is refused for a row at another version (changed meanwhile). */
  version: number;
  value: string | null;
  notAvailableReason: string | null;
  comment: string | null;
  /** Id of the MeasurementRevision that keeps the replaced state. */
  revisionId: string;
  /** Its audit event: id, `before` and `after` snapshots. */
  auditId: string;
  before: unknown;
  after: unknown;
}

/**
 * Keeps the replaced state of each row in MeasurementRevision (copied from the row itself),
 * updates the rows (version + 1) and writes one AuditEvent per row, in one statement per batch
 * (the CTEs share a snapshot, so the revision copies the state the update replaces). Returns how
 * many rows were updated (fewer: a row changed meanwhile, and the caller must roll back).
 */
export async function updateMeasurements(tx: DbClient, rows: ChangedMeasurement[], meta: WriteMeta & { reason: string }): Promise<number> {
  let count = 0;
  for (const batch of batches(rows)) {
    const [result] = await tx.$queryRawUnsafe<{ n: number }[]>(
      `WITH u AS MATERIALIZED (
         SELECT * FROM json_to_recordset($1::json) AS u(id text, ver int, v text, na text, c text, r text, a text, before jsonb, after jsonb)
       ), rev AS (
         INSERT INTO "MeasurementRevision" (id, "measurementId", version, value, "notAvailableReason", comment, "enteredById", "enteredAt", "changedById", "changedAt", reason)
         SELECT u.r, m.id, m.version, m.value, m."notAvailableReason", m.comment, m."enteredById", m."enteredAt", $3, $4::timestamp(3), $7
           FROM u JOIN "Measurement" m ON m.id = u.id AND m.version = u.ver
       ), upd AS (
         UPDATE "Measurement" m
            SET value = u.v::numeric, "notAvailableReason" = u.na, comment = u.c, source = $2::"MeasurementSource",
                "enteredById" = $3, "enteredAt" = $4::timestamp(3), version = m.version + 1
           FROM u
          WHERE m.id = u.id AND m.version = u.ver
         RETURNING 1
       ), aud AS (
         INSERT INTO "AuditEvent" (id, "actorId", "actorLabel", action, "entityType", "entityId", before, after, at)
         SELECT u.a, $3, $5, $6, 'Measurement', u.id, u.before, u.after, $4::timestamp(3) FROM u
       )
       SELECT count(*)::int AS n FROM upd`,
      JSON.stringify(
        batch.map((r) => ({ id: r.id, ver: r.version, v: r.value, na: r.notAvailableReason, c: r.comment, r: r.revisionId, a: r.auditId, before: r.before, after: r.after })),
      ),
      meta.source,
      meta.actorId,
      meta.at.toISOString(),
      meta.actorLabel,
      meta.action,
      meta.reason,
    );
    count += Number(result?.n ?? 0);
  }
  return count;
}
