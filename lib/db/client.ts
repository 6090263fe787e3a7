import { PrismaPg } from "@prisma/adapter-pg";
import { Pool } from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

export type { PrismaClient };
/** The client or an interactive transaction: what commands and queries write through. */
export type DbClient = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/** A Prisma client over a `pg` pool; the pool is shared with the migration runner and health check. */
export function createPrismaClient(pool: Pool): PrismaClient {
  return new PrismaClient({
    adapter: new PrismaPg(pool),
    // With a pool of one (embedded database) a transaction may wait behind other requests.
    transactionOptions: { maxWait: 15_000, timeout: 30_000 },
  });
}

export function createPool(connectionString: string, max: number): Pool {
  return new Pool({ connectionString, max, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 30_000 });
}
