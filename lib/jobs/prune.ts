import "server-only";
import { z } from "zod";
import { IDEMPOTENCY_TTL_MS } from "@/lib/api/idempotency";
import { THROTTLE_LOOKBACK_MS } from "@/lib/auth/throttle";
import type { PrismaClient } from "@/lib/db";
import { env } from "@/lib/env";
import { pruneReadCache } from "@/lib/queries/read-cache";
import { defineJob } from "./job";

// Pruning: bookkeeping rows that no rule reads any more, deleted on a schedule so their tables
// stay small (pg-boss cron PRUNE_CRON on Postgres, daily at 03:30 UTC and at start-up on the
// embedded database):
//   - SignInAttempt rows older than the throttle's look-back (lib/auth/throttle.ts: the 15-minute
//     failure window plus the 15-minute lock, 30 minutes): a lock can only start from failures inside
//     it. A successful sign-in prunes its own email's old rows; this covers emails that never
//     succeed (mistyped addresses, password guessing), which nothing else would delete;
//   - IdempotencyKey rows older than their 24 hours (lib/api/idempotency.ts: never replayed after
//     that; requests with a key prune too, but only when such requests come);
//   - ApiRateLimit rows whose window ended (lib/api/rate-limit.ts: a request in a newer window
//     starts again from 1, exactly as with no row), judged by the database clock as the limiter
//     itself is, one full window late so a window in use is never touched;
//   - read-model cache entries of older data stamps (lib/queries/read-cache.ts: no read can find
//     them again; reads that store an entry also delete older ones), the newest 5,000 kept at most,
//     and the stamp's change rows folded into one.
// Each delete is one statement; running twice, or on two workers at once, is harmless.

export interface PruneResult {
  signInAttempts: number;
  idempotencyKeys: number;
  apiRateLimits: number;
  readModels: number;
  ms: number;
}

export async function runPrune(db: PrismaClient, options: { now?: Date; rateLimitWindowSeconds?: number } = {}): Promise<PruneResult> {
  const started = performance.now();
  const now = options.now ?? new Date();
  const window = options.rateLimitWindowSeconds ?? env().API_RATE_LIMIT_WINDOW_SECONDS;
  const signIn = await db.signInAttempt.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - THROTTLE_LOOKBACK_MS) } } });
  const idempotency = await db.idempotencyKey.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - IDEMPOTENCY_TTL_MS) } } });
  // windowStart is UTC without a zone (see rate-limit.ts); a row is dead once its window ended, and we wait one more window.
  const apiRateLimits = await db.$executeRaw`
    DELETE FROM "ApiRateLimit" WHERE "windowStart" < (now() AT TIME ZONE 'UTC') - make_interval(secs => ${2 * window}::int)`;
  const readModels = await pruneReadCache(db);
  return { signInAttempts: signIn.count, idempotencyKeys: idempotency.count, apiRateLimits, readModels, ms: Math.round(performance.now() - started) };
}

export function describePrune(r: PruneResult): string {
  return `deleted ${r.signInAttempts} old sign-in attempt(s), ${r.idempotencyKeys} expired idempotency key(s), ${r.apiRateLimits} ended rate-limit window(s), ${r.readModels} old read-model cache entr${r.readModels === 1 ? "y" : "ies"} (${r.ms} ms)`;
}

export const pruneJob = defineJob({
  name: "maintenance.prune",
  payload: z.object({ now: z.iso.datetime({ offset: true }).optional() }),
  handler: async (payload, { db }): Promise<PruneResult> => runPrune(db, { now: payload.now ? new Date(payload.now) : undefined }),
});
