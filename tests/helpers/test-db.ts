import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { createPool } from "@/lib/db/client";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";

// A throwaway database for one test file, built from prisma/migrations: a fresh database on
// the Postgres server of TEST_DATABASE_URL when it is set, else an in-memory PGlite.

export interface TestDatabase {
  kind: "embedded" | "postgres";
  url: string;
  /** Connections the app may open to it: PGlite serves one session at a time. */
  poolSize: number;
  drop(): Promise<void>;
}

async function migrate(url: string, poolSize: number): Promise<void> {
  const pool = createPool(url, poolSize);
  try {
    await applyMigrations(pool);
  } finally {
    await pool.end();
  }
}

export async function createEmptyDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres(null);
    return { kind: "embedded", url: embedded.url, poolSize: 1, drop: () => embedded.close() };
  }
  const name = `ps_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    kind: "postgres",
    url: url.toString(),
    poolSize: 4,
    async drop() {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const db = await createEmptyDatabase();
  await migrate(db.url, db.poolSize);
  return db;
}
