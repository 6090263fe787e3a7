import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Pool } from "pg";
import { describe, expect, it } from "vitest";
import { getDatabase } from "@/lib/db";
import { applyMigrations, migrationsDirectory, migrationStatus, readMigrations } from "@/lib/db/migrate";
import { createEmptyDatabase } from "../helpers/test-db";

/** Applies the migrations before `name` to a fresh database, runs `between`, then applies the rest. */
async function acrossMigration(name: string, between: (pool: Pool) => Promise<void>, after: (pool: Pool) => Promise<void>) {
  const db = await createEmptyDatabase();
  const earlier = await mkdtemp(path.join(tmpdir(), "migrations-"));
  const pool = new Pool({ connectionString: db.url, max: db.poolSize });
  try {
    for (const folder of (await readdir(migrationsDirectory(), { withFileTypes: true })).filter((e) => e.isDirectory() && e.name < name)) {
      await cp(path.join(migrationsDirectory(), folder.name), path.join(earlier, folder.name), { recursive: true });
    }
    await applyMigrations(pool, earlier);
    await between(pool);
    expect((await applyMigrations(pool)).newlyApplied).toContain(name);
    await after(pool);
  } finally {
    await pool.end();
    await db.drop();
    await rm(earlier, { recursive: true, force: true });
  }
}

describe("migration runner", () => {
  it("records every migration in _prisma_migrations as prisma migrate deploy does", async () => {
    const { pool } = await getDatabase();
    const files = await readMigrations();
    const rows = await pool.query<{ migration_name: string; checksum: string; applied_steps_count: number; finished: boolean }>(
      `SELECT migration_name, checksum, applied_steps_count, finished_at IS NOT NULL AS finished FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    for (const [i, row] of rows.rows.entries()) {
      expect(row.checksum).toBe(files[i]!.checksum);
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.applied_steps_count).toBe(1);
      expect(row.finished).toBe(true);
    }
  });

  it("is idempotent: a second run applies nothing and reports no pending migration", async () => {
    const { pool } = await getDatabase();
    const result = await applyMigrations(pool);
    expect(result.newlyApplied).toEqual([]);
    const status = await migrationStatus(pool);
    expect(status.pending).toEqual([]);
    expect(status.failed).toEqual([]);
    expect(status.latest).toBe((await readMigrations()).at(-1)!.name);
  });

  it("enforces at most one unresolved escalation per KPI and persona", async () => {
    const { pool } = await getDatabase();
    const index = await pool.query<{ indexdef: string }>(
      `SELECT indexdef FROM pg_indexes WHERE indexname = 'Escalation_one_open_per_kpi_persona'`,
    );
    expect(index.rows[0]?.indexdef).toMatch(/UNIQUE INDEX .* WHERE \(status <> 'RESOLVED'/);
  });

  it("moves Persona.painPoints into PersonaPainPoint rows in order, trimmed, blanks dropped, then drops the column", async () => {
    await acrossMigration(
      "20261201050200_objectives_departments_pain_points",
      async (pool) => {
        await pool.query(
          `INSERT INTO "Persona" (id, slug, name, description, "painPoints", "updatedAt") VALUES
             ('p1', 'smb', 'SMB', 'd', ARRAY['  Slow onboarding ', '', 'Surprises on the invoice', '   ', 'Support hours'], now()),
             ('p2', 'ent', 'Enterprise', 'd', ARRAY[]::text[], now()),
             ('p3', 'old', 'Old', 'd', NULL, now())`,
        );
      },
      async (pool) => {
        const rows = await pool.query<{ personaId: string; text: string; order: number; id: string }>(
          `SELECT "personaId", text, "order", id FROM "PersonaPainPoint" ORDER BY "personaId", "order"`,
        );
        expect(rows.rows.map((r) => [r.personaId, r.order, r.text])).toEqual([
          ["p1", 0, "Slow onboarding"],
          ["p1", 1, "Surprises on the invoice"],
          ["p1", 2, "Support hours"],
        ]);
        for (const r of rows.rows) expect(r.id).toMatch(/^pp[0-9a-f]{32}$/);
        const column = await pool.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'Persona' AND column_name = 'painPoints'`);
        expect(column.rowCount).toBe(0);
      },
    );
  });
});
