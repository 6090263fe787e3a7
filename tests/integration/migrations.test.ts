import { describe, expect, it } from "vitest";
import { getDatabase } from "@/lib/db";
import { applyMigrations, migrationStatus, readMigrations } from "@/lib/db/migrate";

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
});
