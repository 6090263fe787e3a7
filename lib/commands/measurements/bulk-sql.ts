import "server-only";
import { randomBytes } from "node:crypto";
import Decimal from "decimal.js";
import type { DbClient } from "@/lib/db";

// Set-based statements for bulk measurement writes: one statement per batch of rows, each column
// passed as one array parameter and expanded with unnest(), so 100,000 rows are a few dozen
// round trips rather than 100,000. Works the same on Postgres and on PGlite.

/** Rows per statement: large enough to amortise a round trip, small enough for memory. */
export const BATCH = 5_000;

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/** A new row id shaped like Prisma's cuid ("c" + 24 lower-case letters and digits). */
export function newId(): string {
  const bytes = randomBytes(24);
  let id = "c";
  for (const b of bytes) id += ALPHABET[b % 36];
  return id;
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

/**
 * The saved measurements of the given cells. Not locked (locking 100,000 rows writes to each of
 * them): the writes re-check each row's version instead, so a save committed meanwhile makes the
 * import a CONFLICT rather than a lost update.
 */
export async function loadExisting(tx: DbClient, cells: { kpiId: string; personaId: string; period: string }[]): Promise<ExistingRow[]> {
  const out: ExistingRow[] = [];
  for (const batch of batches(cells, 10_000)) {
    const rows = await tx.$queryRawUnsafe<ExistingRow[]>(
      `SELECT m.id, m."kpiId", m."personaId", to_char(m.period, 'YYYY-MM-DD') AS period, m.value::text AS value,
              m."notAvailableReason", m.comment, m.source::text AS source, m.version, m."enteredById", u.name AS "enteredByName",
              to_char(m."enteredAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "enteredAt"
         FROM unnest($1::text[], $2::text[], $3::date[]) AS c(kpi, persona, period)
         JOIN "Measurement" m ON m."kpiId" = c.kpi AND m."personaId" = c.persona AND m.period = c.period
         LEFT JOIN "User" u ON u.id = m."enteredById"`,
      batch.map((c) => c.kpiId),
      batch.map((c) => c.personaId),
      batch.map((c) => c.period),
    );
    for (const row of rows) out.push({ ...row, value: row.value === null ? null : new Decimal(row.value).toFixed(), version: Number(row.version) });
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
}

export interface WriteMeta {
  source: string;
  actorId: string;
  at: Date;
}

/** Inserts new cells; returns how many were inserted (fewer: someone saved one of them meanwhile). */
export async function insertMeasurements(tx: DbClient, rows: NewMeasurement[], meta: WriteMeta): Promise<number> {
  let count = 0;
  for (const batch of batches(rows)) {
    count += await tx.$executeRawUnsafe(
      `INSERT INTO "Measurement" (id, "kpiId", "personaId", period, value, "notAvailableReason", comment, source, "enteredById", "enteredAt", version)
       SELECT u.id, u.kpi, u.persona, u.period, u.value, u.na, u.comment, $8::"MeasurementSource", $9, $10::timestamp(3), 1
         FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::numeric[], $6::text[], $7::text[]) AS u(id, kpi, persona, period, value, na, comment)
       ON CONFLICT ("kpiId", "personaId", period) DO NOTHING`,
      batch.map((r) => r.id),
      batch.map((r) => r.kpiId),
      batch.map((r) => r.personaId),
      batch.map((r) => r.period),
      batch.map((r) => r.value),
      batch.map((r) => r.notAvailableReason),
      batch.map((r) => r.comment),
      meta.source,
      meta.actorId,
      meta.at.toISOString(),
    );
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
}

/**
 * Keeps the replaced state of each row in MeasurementRevision (copied from the row itself) and
 * updates the rows, version + 1. Returns how many rows were updated (fewer: a row changed meanwhile).
 */
export async function updateMeasurements(tx: DbClient, rows: ChangedMeasurement[], meta: WriteMeta & { reason: string }): Promise<number> {
  let count = 0;
  for (const batch of batches(rows)) {
    await tx.$executeRawUnsafe(
      `INSERT INTO "MeasurementRevision" (id, "measurementId", version, value, "notAvailableReason", comment, "enteredById", "enteredAt", "changedById", "changedAt", reason)
       SELECT u.rev, m.id, m.version, m.value, m."notAvailableReason", m.comment, m."enteredById", m."enteredAt", $4, $5::timestamp(3), $6
         FROM unnest($1::text[], $2::text[], $3::int4[]) AS u(rev, id, version)
         JOIN "Measurement" m ON m.id = u.id AND m.version = u.version`,
      batch.map(() => newId()),
      batch.map((r) => r.id),
      batch.map((r) => r.version),
      meta.actorId,
      meta.at.toISOString(),
      meta.reason,
    );
    count += await tx.$executeRawUnsafe(
      `UPDATE "Measurement" m
          SET value = u.value, "notAvailableReason" = u.na, comment = u.comment, source = $6::"MeasurementSource",
              "enteredById" = $7, "enteredAt" = $8::timestamp(3), version = m.version + 1
         FROM unnest($1::text[], $2::int4[], $3::numeric[], $4::text[], $5::text[]) AS u(id, version, value, na, comment)
        WHERE m.id = u.id AND m.version = u.version`,
      batch.map((r) => r.id),
      batch.map((r) => r.version),
      batch.map((r) => r.value),
      batch.map((r) => r.notAvailableReason),
      batch.map((r) => r.comment),
      meta.source,
      meta.actorId,
      meta.at.toISOString(),
    );
  }
  return count;
}

export interface AuditRow {
  entityId: string;
  before: unknown;
  after: unknown;
}

/** One AuditEvent per row (entityType Measurement), in the same transaction. */
export async function insertAuditEvents(tx: DbClient, rows: AuditRow[], meta: { actorId: string; actorLabel: string; action: string; at: Date }): Promise<void> {
  for (const batch of batches(rows)) {
    await tx.$executeRawUnsafe(
      `INSERT INTO "AuditEvent" (id, "actorId", "actorLabel", action, "entityType", "entityId", before, after, at)
       SELECT u.id, $5, $6, $7, 'Measurement', u.entity, u.before, u.after, $8::timestamp(3)
         FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::jsonb[]) AS u(id, entity, before, after)`,
      batch.map(() => newId()),
      batch.map((r) => r.entityId),
      batch.map((r) => (r.before === null ? null : JSON.stringify(r.before))),
      batch.map((r) => JSON.stringify(r.after)),
      meta.actorId,
      meta.actorLabel,
      meta.action,
      meta.at.toISOString(),
    );
  }
}
