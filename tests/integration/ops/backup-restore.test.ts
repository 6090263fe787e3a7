import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Pool } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDatabase } from "@/lib/db";
import { createPool, createPrismaClient } from "@/lib/db/client";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";
import { seedDemoData } from "@/lib/demo/seed-demo";
import { detectBackup } from "@/lib/ops/backup-file";
import { backupEmbedded, restoreEmbedded } from "@/lib/ops/embedded-backup";
import { databaseFingerprint, type Fingerprint } from "@/lib/ops/fingerprint";
import { backupPostgres, findTool, restorePostgres } from "@/lib/ops/postgres-backup";
import { createEmptyDatabase } from "../../helpers/test-db";

// Backup and restore round trip, on both databases: seed the demo data, back up, change data,
// restore into a fresh database, and compare every table's row count and an md5 of every table's
// rows (the measurements included) with the moment of the backup. Plus the refusals: a non-empty
// database without --force, a file of the other kind, a file that is no backup.
// The embedded part runs on a PGlite data folder of its own (always); the Postgres part on the
// server of TEST_DATABASE_URL (skipped without it).

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
let tmp: string;

const fingerprintOf = (pool: Pool): Promise<Fingerprint> => databaseFingerprint(async (sql) => (await pool.query<Record<string, unknown>>(sql)).rows, "all");

/** Writes after the backup: an edited value, deleted values, a new user. */
async function changeData(pool: Pool): Promise<void> {
  await pool.query(`UPDATE "Measurement" SET value = value + 1 WHERE id = (SELECT min(id) FROM "Measurement" WHERE value IS NOT NULL)`);
  await pool.query(`DELETE FROM "MeasurementRevision" WHERE "measurementId" IN (SELECT id FROM "Measurement" ORDER BY id LIMIT 5)`);
  await pool.query(`DELETE FROM "Measurement" WHERE id IN (SELECT id FROM "Measurement" ORDER BY id LIMIT 5)`);
  await pool.query(`INSERT INTO "User" (id, email, name, role, active, "createdAt", "updatedAt") VALUES ('after-backup', 'after@backup.test', 'After', 'EXECUTIVE', true, now(), now())`);
}

function expectSameAs(actual: Fingerprint, atBackup: Fingerprint) {
  expect(actual.rows).toEqual(atBackup.rows);
  expect(actual.checksums).toEqual(atBackup.checksums);
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "ps-backup-"));
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("embedded database (PGlite data folder)", () => {
  it("backs up, and restores into a fresh folder exactly the backup moment; refuses a non-empty folder unless --force", async () => {
    const dataDir = path.join(tmp, "pglite");
    const file = path.join(tmp, "embedded.backup");
    let atBackup: Fingerprint;
    {
      const server = await startEmbeddedPostgres(dataDir);
      const pool = createPool(server.url, 1);
      const prisma = createPrismaClient(pool);
      try {
        await applyMigrations(pool);
        await seedDemoData(prisma);
        atBackup = await fingerprintOf(pool);
      } finally {
        await prisma.$disconnect();
        await pool.end();
        await server.close();
      }
    }
    expect(atBackup.rows.Measurement).toBeGreaterThan(1000);

    const backup = await backupEmbedded(dataDir, file);
    expect(detectBackup(await readFile(file))).toMatchObject({ kind: "embedded" });
    expect(backup.fingerprint.rows).toEqual(atBackup.rows);
    expect(backup.fingerprint.checksums.Measurement).toBe(atBackup.checksums.Measurement);
    await expect(backupEmbedded(dataDir, file)).rejects.toThrow(/already exists/);

    // Change the live database after the backup.
    {
      const server = await startEmbeddedPostgres(dataDir);
      const pool = createPool(server.url, 1);
      try {
        await changeData(pool);
        const changed = await fingerprintOf(pool);
        expect(changed.rows.User).toBe(atBackup.rows.User! + 1);
        expect(changed.checksums.Measurement).not.toBe(atBackup.checksums.Measurement);
      } finally {
        await pool.end();
        await server.close();
      }
    }

    // Restore into a fresh folder: the backup moment, table by table.
    const fresh = path.join(tmp, "restored");
    const restored = await restoreEmbedded(file, fresh);
    expect(restored.movedAsideTo).toBeUndefined();
    {
      const server = await startEmbeddedPostgres(fresh);
      const pool = createPool(server.url, 1);
      try {
        expectSameAs(await fingerprintOf(pool), atBackup);
      } finally {
        await pool.end();
        await server.close();
      }
    }

    // The changed folder is not empty: refused, untouched; --force moves it aside and restores.
    await expect(restoreEmbedded(file, dataDir)).rejects.toThrow(/is not empty: a restore only writes into an empty database, so nothing was changed.*--force/s);
    const forced = await restoreEmbedded(file, dataDir, { force: true });
    expect(forced.movedAsideTo).toMatch(/pglite\.before-restore-/);
    expect((await readdir(forced.movedAsideTo!)).length).toBeGreaterThan(0);
    {
      const server = await startEmbeddedPostgres(dataDir);
      const pool = createPool(server.url, 1);
      try {
        expectSameAs(await fingerprintOf(pool), atBackup);
      } finally {
        await pool.end();
        await server.close();
      }
    }
  }, 600_000);

  it("refuses a file of the wrong kind, naming what it is, and changes nothing", async () => {
    const notBackup = path.join(tmp, "notes.txt");
    await writeFile(notBackup, "SELECT 1;\n");
    const target = path.join(tmp, "never-created");
    await expect(restoreEmbedded(notBackup, target)).rejects.toThrow(/is not a backup written by npm run db:backup/);
    const pgDumpLike = path.join(tmp, "fake.dump");
    await writeFile(pgDumpLike, Buffer.concat([Buffer.from("PGDMP"), Buffer.alloc(100)]));
    await expect(restoreEmbedded(pgDumpLike, target)).rejects.toThrow(/a backup of a Postgres database \(a pg_dump custom-format archive\).*set DATABASE_URL/s);
    expect(await readdir(tmp)).not.toContain("never-created");
  });

  it("refuses to back up a folder that holds no database", async () => {
    await expect(backupEmbedded(path.join(tmp, "empty-folder"), path.join(tmp, "x.backup"))).rejects.toThrow(/no embedded database/);
  });
});

describe.skipIf(!onPostgres)("Postgres (pg_dump custom format)", () => {
  it("finds pg_dump and pg_restore on this machine, at least the server's version", async () => {
    const { pool } = await getDatabase();
    const { rows } = await pool.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
    const major = Math.floor(Number(rows[0]!.v) / 10_000);
    expect((await findTool("pg_dump", major)).major).toBeGreaterThanOrEqual(major);
    await expect(findTool("pg_dump", major + 50)).rejects.toThrow(/older than the database server.*postgresql-client-/s);
    await expect(findTool("pg_dump", major, path.join(tmp, "no-bin"))).rejects.toThrow(/pg_dump was not found on this machine.*PG_BIN_DIR/s);
  });

  it("backs up, and restores into a fresh database exactly the backup moment; refuses a non-empty database unless --force", async () => {
    const database = await getDatabase();
    await seedDemoData(database.prisma);
    const atBackup = await fingerprintOf(database.pool);
    expect(atBackup.rows.Measurement).toBeGreaterThan(1000);
    const url = process.env.DATABASE_URL!;
    const file = path.join(tmp, "postgres.dump");

    const backup = await backupPostgres(url, file);
    expect(backup.fingerprint.rows).toEqual(atBackup.rows);
    expect(backup.fingerprint.checksums.Measurement).toBe(atBackup.checksums.Measurement);
    expect(backup.tool.path).toMatch(/pg_dump$/);

    await changeData(database.pool);
    expect((await fingerprintOf(database.pool)).checksums.Measurement).not.toBe(atBackup.checksums.Measurement);

    const fresh = await createEmptyDatabase();
    const freshPool = createPool(fresh.url, 2);
    try {
      await restorePostgres(fresh.url, file);
      expectSameAs(await fingerprintOf(freshPool), atBackup);
      // The restored database is a working one: the migration runner finds nothing to do.
      expect((await applyMigrations(freshPool)).newlyApplied).toEqual([]);
    } finally {
      await freshPool.end();
      await fresh.drop();
    }

    // The changed database holds tables: refused and untouched; --force drops its schemas and restores.
    await expect(restorePostgres(url, file)).rejects.toThrow(/is not empty.*nothing was changed.*--force to DROP every schema/s);
    expect((await fingerprintOf(database.pool)).rows.User).toBe(atBackup.rows.User! + 1);
    await database.pool.query(`CREATE SCHEMA pgboss; CREATE TABLE pgboss.leftover (id int)`);
    await restorePostgres(url, file, { force: true });
    expectSameAs(await fingerprintOf(database.pool), atBackup);
    const { rows } = await database.pool.query(`SELECT 1 FROM pg_namespace WHERE nspname = 'pgboss'`);
    expect(rows).toEqual([]);
  }, 600_000);

  it("refuses an embedded backup, naming what it is", async () => {
    // The shape of a PGlite data-folder archive: a gzipped tar with PG_VERSION at its root.
    const folder = path.join(tmp, "fake-pgdata");
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, "PG_VERSION"), "17\n");
    const embeddedFile = path.join(tmp, "fake-embedded.backup");
    execFileSync("tar", ["czf", embeddedFile, "-C", folder, "PG_VERSION"]);
    expect(detectBackup(await readFile(embeddedFile))).toEqual({ kind: "embedded", pgVersion: "17" });
    await expect(restorePostgres(process.env.DATABASE_URL!, embeddedFile)).rejects.toThrow(
      /a backup of the embedded database \(a PGlite data-folder archive\)\. DATABASE_URL is set.*without DATABASE_URL/s,
    );
  });
});
