import "server-only";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";

// Per-token rate limit of the REST API: a fixed-window counter kept in Postgres (one
// ApiRateLimit row per token), so several stateless app servers on one database share it. Each
// request upserts the row in one atomic statement: the window is computed by the database clock
// (servers' clocks may differ), a request in a newer window resets the count to 1, and the count
// after this request comes back with the seconds left in the window.

export interface RateLimitOptions {
  /** Requests allowed per window (API_RATE_LIMIT, default 600). */
  limit: number;
  /** Window length in seconds (API_RATE_LIMIT_WINDOW_SECONDS, default 60). */
  windowSeconds: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  /** Requests left in this window (0 when refused). */
  remaining: number;
  /** Seconds until the window ends (at least 1): the Retry-After of a refusal. */
  resetSeconds: number;
}

export function rateLimitOptions(): RateLimitOptions {
  const e = env();
  return { limit: e.API_RATE_LIMIT, windowSeconds: e.API_RATE_LIMIT_WINDOW_SECONDS };
}

/** Counts one request of the token and says whether it is within the limit. */
export async function takeRateLimit(tokenId: string, options: RateLimitOptions = rateLimitOptions()): Promise<RateLimitDecision> {
  const db = await getDb();
  const w = options.windowSeconds;
  const rows = await db.$queryRaw<{ count: number; resetSeconds: number }[]>`
    INSERT INTO "ApiRateLimit" ("tokenId", "windowStart", "count")
    VALUES (${tokenId}, to_timestamp(floor(extract(epoch FROM now()) / ${w}::int) * ${w}::int) AT TIME ZONE 'UTC', 1)
    ON CONFLICT ("tokenId") DO UPDATE SET
      "count" = CASE WHEN "ApiRateLimit"."windowStart" >= EXCLUDED."windowStart" THEN "ApiRateLimit"."count" + 1 ELSE 1 END,
      "windowStart" = GREATEST("ApiRateLimit"."windowStart", EXCLUDED."windowStart")
    RETURNING "count"::int AS "count",
      GREATEST(1, ceil(extract(epoch FROM ("windowStart" + make_interval(secs => ${w}::int)) - (now() AT TIME ZONE 'UTC'))))::int AS "resetSeconds"`;
  const { count, resetSeconds } = rows[0]!;
  return { allowed: count <= options.limit, limit: options.limit, remaining: Math.max(0, options.limit - count), resetSeconds };
}
