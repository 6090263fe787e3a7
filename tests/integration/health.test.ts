import { describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/health/route";
import { getDatabase } from "@/lib/db";
import { readMigrations } from "@/lib/db/migrate";

describe("GET /api/health", () => {
  it("answers 200 with the database kind and the applied migration", async () => {
    const response = await GET(new Request("http://localhost/api/health"));
    expect(response.status).toBe(200);
    const latest = (await readMigrations()).at(-1)!.name;
    expect(await response.json()).toEqual({ status: "ok", database: "postgres", migration: latest });
  });

  it("answers 503 when the database is unreachable", async () => {
    const { pool } = await getDatabase();
    const spy = vi.spyOn(pool, "query").mockRejectedValueOnce(new Error("connection refused") as never);
    try {
      const response = await GET(new Request("http://localhost/api/health"));
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ status: "unavailable", database: "postgres" });
    } finally {
      spy.mockRestore();
    }
  });

  it("answers 503 naming the pending migration when the database is behind", async () => {
    const { pool } = await getDatabase();
    const latest = (await readMigrations()).at(-1)!.name;
    await pool.query(`UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = $1`, [latest]);
    try {
      const response = await GET(new Request("http://localhost/api/health"));
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ status: "behind", pending: [latest] });
    } finally {
      await pool.query(`UPDATE "_prisma_migrations" SET rolled_back_at = NULL WHERE migration_name = $1`, [latest]);
    }
  });
});
