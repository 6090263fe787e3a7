import type { DbClient } from "./client";
import { getDatabase } from "./index";

/**
 * Runs a read-only SQL statement and returns its rows. On the app's own client it goes straight
 * to the `pg` pool: for the big reads of the dashboards (tens of thousands of rows) Prisma's raw
 * query path costs several times the wire time in mapping and garbage. Inside a transaction (or
 * on another client, as in tests) it goes through that client, so it sees the same snapshot.
 *
 * Only select column types that both paths return alike: text, float8 (number), int4, boolean,
 * and dates as text (`to_char(d, 'YYYY-MM-DD')`); timestamps as timestamptz. Never int8 or
 * numeric (pg returns strings, Prisma other types) and never bare date or timestamp columns
 * (pg reads those in the process's local time zone).
 */
export async function readRows<T extends object>(db: DbClient, sql: string, params: unknown[]): Promise<T[]> {
  const database = await getDatabase();
  if ((db as unknown) === database.prisma) return (await database.pool.query<T>(sql, params)).rows;
  return db.$queryRawUnsafe<T[]>(sql, ...params);
}
