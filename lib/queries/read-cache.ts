import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Pool } from "pg";
import type { Actor } from "@/lib/auth/actor";
import { authorize, personaScope } from "@/lib/auth/policy";
import { getDatabase, type DbClient } from "@/lib/db";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { overdueAfterDays } from "./grace";
import { getKpiDetail, type KpiDetail, type KpiDetailInput } from "./kpi-detail";
import { getPersonaScorecard, type PersonaScorecard, type PersonaScorecardInput } from "./persona-scorecard";
import { getScorecardOverview, type OverviewInput, type ScorecardOverview } from "./scorecard-overview";

// The dashboards' read models, cached in Postgres so that repeated views of unchanged data skip
// the computation, on every app server alike (nothing is kept in process memory).
//
// Always correct because of two rules:
//  1. The data stamp (sum of "ReadModelChange".weight) changes in the same transaction as every
//     write to a table a dashboard shows: statement triggers insert the row (see the migration
//     read_model_cache), so no command can forget it, a rolled-back write leaves it unchanged, and
//     it only grows.
//  2. A read takes the stamp BEFORE reading any data and files what it computed under that stamp.
//     Whoever reads a stamp after a write committed looks for a newer stamp than any entry computed
//     before the write, so a stale entry can never be found.
// Everything else a model depends on is in the key: the function's parameters, the actor's persona
// scope, today's date and the grace days where a model says "overdue", and the build (a new
// deployment never reads an older build's JSON).
//
// A hit is one round trip (stamp and entry together). A miss computes with the lib/queries
// function (uncached itself, so the screen benchmark still measures it; concurrent misses of one
// entry compute once per process), stores the JSON unless it would not read back identically
// (then it is simply not cached), and deletes the entries of older stamps in the same statement;
// the view that computed it does not wait for that write. READ_CACHE=off computes every view afresh.

export type ReadModelKind = "overview" | "persona" | "kpi";

/** Rows of "ReadModelChange" beyond which a read folds them into one (the stamp reads them all). */
const COMPACT_AFTER_CHANGES = 1_000;

/** The build: entries of another build are never read. Outside a production build, this process. */
let build: string | undefined;

function buildIdentity(): string {
  if (build === undefined) {
    build = `process-${randomUUID()}`;
    if (env().NODE_ENV === "production") {
      try {
        build = readFileSync(path.join(process.cwd(), ".next", "BUILD_ID"), "utf8").trim();
      } catch {
        // Not started by `next start` (a script, a test): this process only.
      }
    }
  }
  return build;
}

/** The JSON of a model, or null when JSON would not give back exactly the same value. */
export function encodeModel(model: unknown): string | null {
  try {
    return JSON.stringify(model, function faithful(this: unknown, key: string, value: unknown) {
      const original = (this as Record<string, unknown>)[key];
      if (original instanceof Date) throw new Unfaithful(key);
      switch (typeof value) {
        case "string":
        case "boolean":
          return value;
        case "number":
          // NaN and ±Infinity become null, -0 becomes 0.
          if (!Number.isFinite(value) || Object.is(value, -0)) throw new Unfaithful(key);
          return value;
        case "object": {
          if (value === null || Array.isArray(value)) return value;
          const proto = Object.getPrototypeOf(value);
          // Maps, Sets, class instances would come back as plain objects (or empty).
          if (proto !== Object.prototype && proto !== null) throw new Unfaithful(key);
          return value;
        }
        default:
          // undefined (dropped from objects, null in arrays), functions, symbols, bigints.
          throw new Unfaithful(key);
      }
    });
  } catch (error) {
    if (error instanceof Unfaithful) return null;
    throw error;
  }
}

class Unfaithful extends Error {}

/** The current data stamp, as text (a bigint). */
export async function currentStamp(pool?: Pool): Promise<string> {
  const db = pool ?? (await getDatabase()).pool;
  return (await db.query<{ stamp: string }>(`SELECT coalesce(sum(weight), 0)::text AS stamp FROM "ReadModelChange"`)).rows[0]!.stamp;
}

const COMPACT_SQL = `
  WITH gone AS (DELETE FROM "ReadModelChange" RETURNING weight),
       kept AS (INSERT INTO "ReadModelChange" (txid, weight) SELECT txid_current(), sum(weight) FROM gone HAVING count(*) > 0)
  SELECT count(*)::int AS folded FROM gone`;

/**
 * Folds the committed change rows into one with their summed weight: the stamp stays the same and
 * stays cheap to read. Concurrent runs are harmless (a row deleted by one is skipped by the other).
 */
export async function compactStamp(pool: Pool): Promise<number> {
  return (await pool.query<{ folded: number }>(COMPACT_SQL)).rows[0]!.folded;
}

/** Entries kept at most (the newest), whatever their stamp. */
export const READ_CACHE_MAX_ENTRIES = 5_000;

/**
 * For the prune job: deletes the entries of older stamps (no read can find them again), keeps at
 * most READ_CACHE_MAX_ENTRIES, and compacts the stamp's rows. Returns the entries deleted.
 */
export async function pruneReadCache(db: DbClient): Promise<number> {
  const [stale] = await db.$queryRawUnsafe<{ n: number }[]>(
    `WITH s AS (SELECT coalesce(sum(weight), 0)::bigint AS stamp FROM "ReadModelChange"),
          gone AS (DELETE FROM "ReadModelCache" c USING s WHERE c.stamp < s.stamp RETURNING 1)
     SELECT count(*)::int AS n FROM gone`,
  );
  const [overflow] = await db.$queryRawUnsafe<{ n: number }[]>(
    `WITH gone AS (DELETE FROM "ReadModelCache" WHERE ctid IN (SELECT ctid FROM "ReadModelCache" ORDER BY "createdAt" DESC OFFSET $1) RETURNING 1)
     SELECT count(*)::int AS n FROM gone`,
    READ_CACHE_MAX_ENTRIES,
  );
  await db.$queryRawUnsafe(COMPACT_SQL);
  return (stale?.n ?? 0) + (overflow?.n ?? 0);
}

function keyOf(parts: Record<string, unknown>): string {
  return createHash("sha256").update(JSON.stringify({ build: buildIdentity(), ...parts })).digest("base64url");
}

function scopeKey(actor: Actor): string {
  const scope = personaScope(actor);
  return scope.all ? "all" : [...scope.personaIds].sort().join(",");
}

/** Months as URLs write them; anything else (which the screens answer with a message) is not cached. */
const cacheableMonth = (raw: string | null | undefined) => raw === null || raw === undefined || raw === "" || /^\d{4}-\d{2}(-01)?$/.test(raw);

/** The cached model of `kind` for `parts`, or computes, stores and returns it (exported for its tests). */
export async function readThrough<T>(kind: ReadModelKind, parts: Record<string, unknown>, compute: () => Promise<T>): Promise<T> {
  if (env().READ_CACHE === "off") return compute();
  const { pool } = await getDatabase();
  const key = keyOf(parts);
  let stamp: string;
  try {
    const { rows } = await pool.query<{ stamp: string; changes: number; model: string | null }>(
      `WITH s AS (SELECT coalesce(sum(weight), 0)::bigint AS stamp, count(*)::int AS changes FROM "ReadModelChange")
       SELECT s.stamp::text AS stamp, s.changes, c.model
       FROM s LEFT JOIN "ReadModelCache" c ON c.kind = $1 AND c.key = $2 AND c.stamp = s.stamp`,
      [kind, key],
    );
    const row = rows[0]!;
    if (row.model !== null) return JSON.parse(row.model) as T;
    stamp = row.stamp;
    if (row.changes > COMPACT_AFTER_CHANGES) await compactStamp(pool);
  } catch (error) {
    // The cache is an optimisation: a failing lookup must not fail the page.
    log().warn({ err: error, kind }, "read-model cache lookup failed; computing afresh");
    return compute();
  }
  // Concurrent misses of one entry in this process compute it once (the first view after a write
  // is often many executives' at once); the others wait for it and read its JSON as a hit would.
  const flightKey = `${kind}\n${key}\n${stamp}`;
  const joined = inFlight.get(flightKey);
  if (joined) {
    const first = await joined.catch(() => null);
    if (first?.json) return JSON.parse(first.json) as T;
    return compute();
  }
  const flight = computeAndStore(kind, key, stamp, compute, pool);
  inFlight.set(flightKey, flight);
  // Joiners may take the computed JSON until the entry is stored; after that they find it.
  void flight.then(
    (f) => f.stored.finally(() => inFlight.delete(flightKey)),
    () => inFlight.delete(flightKey),
  );
  return (await flight).model;
}

/** Computations under way in this process, by kind, key and stamp: coordination, never read as data. */
const inFlight = new Map<string, Promise<{ model: unknown; json: string | null; stored: Promise<void> }>>();

/** Entries being written in this process: the view that computed one does not wait for the write. */
const storing = new Set<Promise<void>>();

/** Resolves when this process's pending cache writes have ended (for tests and orderly reads). */
export async function settleCacheWrites(): Promise<void> {
  await Promise.all([...storing]);
}

async function computeAndStore<T>(kind: ReadModelKind, key: string, stamp: string, compute: () => Promise<T>, pool: Pool): Promise<{ model: T; json: string | null; stored: Promise<void> }> {
  const model = await compute();
  const nothing = Promise.resolve();
  // Unknown addresses are not kept (pages 404 before asking; API and export callers could fill the table).
  if (model === null) return { model, json: null, stored: nothing };
  const json = encodeModel(model);
  if (json === null) {
    log().warn({ kind }, "read model does not survive JSON unchanged; not cached");
    return { model, json, stored: nothing };
  }
  // Storing a persona's model (about 1 MB at 500 KPIs) is a round trip the page need not wait for;
  // a failed or lost write only means the next view computes again.
  const stored = pool
    .query(
      `WITH old AS (DELETE FROM "ReadModelCache" WHERE stamp < $3::bigint)
       INSERT INTO "ReadModelCache" (kind, key, stamp, model) VALUES ($1, $2, $3::bigint, $4)
       ON CONFLICT (kind, key, stamp) DO NOTHING`,
      [kind, key, stamp, json],
    )
    .then(
      () => undefined,
      (error: unknown) => log().warn({ err: error, kind }, "read-model cache store failed"),
    )
    .finally(() => storing.delete(stored));
  storing.add(stored);
  return { model, json, stored };
}

/** getScorecardOverview through the cache. */
export async function cachedScorecardOverview(actor: Actor, input: OverviewInput): Promise<ScorecardOverview | null> {
  // A hit skips the function, so its authorization runs here (the persona scope is in the key).
  authorize(actor, "dashboard.read");
  const parts = {
    scorecard: input.scorecardSlug,
    period: input.period ?? null,
    compare: input.compareWith ?? null,
    sunset: input.showSunset === true,
    scope: scopeKey(actor),
  };
  const compute = () => getScorecardOverview(actor, input);
  return cacheableMonth(input.period) && cacheableMonth(input.compareWith) ? readThrough("overview", parts, compute) : compute();
}

/** getPersonaScorecard through the cache. Due and overdue depend on today: the date is in the key. */
export async function cachedPersonaScorecard(actor: Actor, input: Omit<PersonaScorecardInput, "today">): Promise<PersonaScorecard | null> {
  authorize(actor, "dashboard.read");
  const today = new Date();
  const parts = {
    scorecard: input.scorecardSlug,
    persona: input.personaSlug,
    period: input.period ?? null,
    department: input.departmentId ?? null,
    scope: scopeKey(actor),
    // dueState reads the UTC calendar date.
    today: today.toISOString().slice(0, 10),
    grace: overdueAfterDays(),
  };
  const compute = () => getPersonaScorecard(actor, { ...input, today });
  return cacheableMonth(input.period) ? readThrough("persona", parts, compute) : compute();
}

/** getKpiDetail through the cache. */
export async function cachedKpiDetail(actor: Actor, input: KpiDetailInput): Promise<KpiDetail | null> {
  authorize(actor, "dashboard.read");
  const parts = { kpi: input.kpiCode, persona: input.personaSlug ?? null, scope: scopeKey(actor) };
  return readThrough("kpi", parts, () => getKpiDetail(actor, input));
}
