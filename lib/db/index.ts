import path from "node:path";
import type { Pool } from "pg";
import { env } from "@/lib/env";
import { createPool, createPrismaClient, type PrismaClient } from "./client";
import { startEmbeddedPostgres } from "./embedded";

// The only module that knows which Postgres the app talks to. DATABASE_URL set: that server.
// Unset: the embedded PGlite database in PGLITE_DATA_DIR, behind a pool of one connection so
// concurrent requests queue instead of failing.

export type DatabaseKind = "embedded" | "postgres";

export interface Database {
  kind: DatabaseKind;
  prisma: PrismaClient;
  /** Raw `pg` access for the migration runner and the health check. */
  pool: Pool;
  close(): Promise<void>;
}

async function openDatabase(): Promise<Database> {
  const config = env();
  if (config.DATABASE_URL) {
    const pool = createPool(config.DATABASE_URL, config.DATABASE_POOL_SIZE);
    const prisma = createPrismaClient(pool);
    return {
      kind: "postgres",
      prisma,
      pool,
      async close() {
        await prisma.$disconnect();
        await pool.end();
      },
    };
  }
  const embedded = await startEmbeddedPostgres(path.resolve(config.PGLITE_DATA_DIR));
  const pool = createPool(embedded.url, 1);
  const prisma = createPrismaClient(pool);
  return {
    kind: "embedded",
    prisma,
    pool,
    async close() {
      await prisma.$disconnect();
      await pool.end();
      await embedded.close();
    },
  };
}

// One database per process, kept on globalThis so Next's dev reloads do not open a second one.
const holder = globalThis as unknown as { __personaScorecardDb?: Promise<Database> };

export function getDatabase(): Promise<Database> {
  holder.__personaScorecardDb ??= openDatabase().catch((error: unknown) => {
    holder.__personaScorecardDb = undefined;
    throw error;
  });
  return holder.__personaScorecardDb;
}

/** The Prisma client every query and command uses. */
export async function getDb(): Promise<PrismaClient> {
  return (await getDatabase()).prisma;
}

export async function closeDatabase(): Promise<void> {
  const current = holder.__personaScorecardDb;
  holder.__personaScorecardDb = undefined;
  if (current) await (await current).close();
}

export type { DbClient, PrismaClient } from "./client";
