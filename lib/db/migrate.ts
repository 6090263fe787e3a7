import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Pool, PoolClient } from "pg";

// Applies prisma/migrations the way `prisma migrate deploy` does and records them in the same
// `_prisma_migrations` table (same columns, sha-256 checksums, same advisory lock), so a
// deployment that has Prisma's native engine can keep using the standard commands. We run our
// own because the Prisma CLI cannot fetch its native engine on these machines.

/** Prisma's own advisory lock key: our runner and `prisma migrate deploy` never run at once. */
const PRISMA_MIGRATE_LOCK = 72707369;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  /** Started but never finished (a crash or an error mid-way): needs a human. */
  failed: string[];
  /** Applied migrations whose file changed since: a warning, as in Prisma. */
  modified: string[];
  latest: string | null;
}

export function migrationsDirectory(): string {
  return path.join(/*turbopackIgnore: true*/ process.cwd(), "prisma", "migrations");
}

export async function readMigrations(dir = migrationsDirectory()): Promise<MigrationFile[]> {
  const entries = await readdir(/*turbopackIgnore: true*/ dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(/*turbopackIgnore: true*/ path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

const CREATE_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

async function appliedRows(client: Pool | PoolClient): Promise<AppliedRow[] | null> {
  const exists = await client.query<{ exists: boolean }>(
    `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS exists`,
  );
  if (!exists.rows[0]?.exists) return null;
  const result = await client.query<AppliedRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at, migration_name`,
  );
  return result.rows;
}

function compare(files: MigrationFile[], rows: AppliedRow[] | null): MigrationStatus {
  const live = (rows ?? []).filter((r) => r.rolled_back_at === null);
  const finished = new Map(live.filter((r) => r.finished_at !== null).map((r) => [r.migration_name, r]));
  const failed = live.filter((r) => r.finished_at === null).map((r) => r.migration_name);
  const applied = files.filter((f) => finished.has(f.name)).map((f) => f.name);
  return {
    applied,
    pending: files.filter((f) => !finished.has(f.name) && !failed.includes(f.name)).map((f) => f.name),
    failed,
    modified: files.filter((f) => finished.has(f.name) && finished.get(f.name)!.checksum !== f.checksum).map((f) => f.name),
    latest: applied.at(-1) ?? null,
  };
}

export async function migrationStatus(pool: Pool, dir = migrationsDirectory()): Promise<MigrationStatus> {
  return compare(await readMigrations(dir), await appliedRows(pool));
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MigrationError";
  }
}

/**
 * Applies every pending migration, each in its own transaction, under Prisma's advisory lock.
 * Safe to call from several servers at once: the second waits, then finds nothing to do.
 */
export async function applyMigrations(pool: Pool, dir = migrationsDirectory()): Promise<MigrationStatus & { newlyApplied: string[] }> {
  const files = await readMigrations(dir);
  const client = await pool.connect();
  const newlyApplied: string[] = [];
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK]);
    try {
      await client.query(CREATE_TABLE);
      const before = compare(files, await appliedRows(client));
      if (before.failed.length > 0) {
        throw new MigrationError(
          `Migration ${before.failed.join(", ")} started but did not finish. Fix the database by hand, then mark it rolled back ` +
            `(UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '...') and start again.`,
        );
      }
      for (const file of files.filter((f) => before.pending.includes(f.name))) {
        // The row and the migration commit together, so a crash mid-way leaves no trace to repair.
        const id = randomUUID();
        try {
          await client.query("BEGIN");
          await client.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)`,
            [id, file.checksum, file.name],
          );
          await client.query(file.sql);
          await client.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [id]);
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK");
          const message = error instanceof Error ? error.message : String(error);
          // Keep the failed attempt on record, marked rolled back (nothing of it was applied).
          await client.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs, started_at, rolled_back_at, applied_steps_count) VALUES ($1, $2, $3, $4, now(), now(), 0)`,
            [id, file.checksum, file.name, message],
          );
          throw new MigrationError(`Migration ${file.name} failed and was rolled back: ${message}`);
        }
        newlyApplied.push(file.name);
      }
      return { ...compare(files, await appliedRows(client)), newlyApplied };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK]);
    }
  } finally {
    client.release();
  }
}
