// `npm run bench:load`: two `next start` servers (the production build in .next) on one Postgres
// holding the benchmark data (50 personas x 500 KPIs x 60 months, 1.38 million values), driven by
// signed-in executives over the scorecard overview, the persona scorecard and the KPI detail.
// Prints p50/p95/p99 latency, throughput and errors per screen. Goal: p95 under 500 ms and no
// errors for the executives. Figures only, never a test.
//
//   npm run bench:load -- [--duration 60] [--connections 50] [--ports 3100,3101] [--pool 10]
//                         [--think 2-8] [--mode both|executives|flood] [--cache cold,warm,writes]
//                         [--write-every 2]
//                         [--database-url postgresql://...] (default BENCH_DATABASE_URL, else DATABASE_URL)
//
// Two ways of driving (--mode, both by default):
//  - executives (load/executives.ts): --connections people, each reading a screen for a think time
//    drawn from --think seconds before opening the next, round the three screens and through
//    either server in turn. The goal is judged here.
//  - flood: autocannon with --connections connections and no think time, each asking again the
//    moment an answer ends: the servers' capacity (req/s) and how latency grows past it.
//
// The database is <db>_load on that server: copied from <db>_m60 (the screen benchmark's) when
// that exists and nobody is connected to it, else seeded (bench:seed's data, about a minute).
// Executives load-exec-NNN@bench.test (one per connection) get a password there. Each signs in
// through next-auth's credentials flow (CSRF token, POST /api/auth/callback/credentials) on one
// server, alternately; every executive then sends its session's cookie to EITHER server, so
// half the traffic is served by a server the session never signed in on. Before the run, the
// script asserts that each server serves the other's sessions (the statelessness check: JWT
// sessions, user and data from the database, nothing in process memory that another server needs).
//
// The read-model cache (lib/queries/read-cache.ts, in Postgres) decides many of the figures, so the
// run says how warm it was. --cache lists the states to run, in order (default cold,warm,writes;
// "both" is cold,warm): cold (every entry deleted before each run: the state after a change to
// "all", such as a target or structure edit), warm (every screen's address read once first: the
// state between writes), and writes (executives only, from warm, while a value of the latest month
// is corrected every --write-every seconds, for a random persona and KPI, as owners entering data
// do: an UPDATE of the value with its version, which fires the same triggers as a save).
// READ_CACHE=off in the environment starts the servers without the cache.
import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { Client, Pool } from "pg";
import { hashPassword } from "@/lib/auth/password";
import { applyMigrations } from "@/lib/db/migrate";
import { prepareHistoryDatabase } from "./screens/history";
import { BENCH_SCORECARD_SLUG, databaseName, redact, withDatabase } from "./seed/index";
import { driveExecutives, parseThink, type Screen, type ScreenStats } from "./load/executives";
import { assertServedElsewhere, signIn, type Session } from "./load/sessions";
import { startServer, stopServer, waitReady, type Server } from "./load/servers";

export const LOAD_GOAL_P95_MS = 500;
const PASSWORD = "load-bench-password";
const MONTHS = 60;

const { values: args } = parseArgs({
  options: {
    duration: { type: "string", default: "60" },
    connections: { type: "string", default: "50" },
    ports: { type: "string", default: process.env.BENCH_LOAD_PORTS ?? "3100,3101" },
    pool: { type: "string", default: "10" },
    "database-url": { type: "string" },
    warmup: { type: "string", default: "3" },
    cache: { type: "string", default: "cold,warm,writes" },
    "write-every": { type: "string", default: "2" },
    mode: { type: "string", default: "both" },
    think: { type: "string", default: "2-8" },
  },
});

const duration = Number(args.duration);
const connections = Number(args.connections);
const poolSize = Number(args.pool);
const ports = args.ports!.split(",").map(Number);
type Phase = "cold" | "warm" | "writes";
const phaseList = (args.cache === "both" ? "cold,warm" : args.cache!).split(",").map((p) => p.trim());
const phases = phaseList.every((p): p is Phase => p === "cold" || p === "warm" || p === "writes") ? phaseList : null;
const writeEvery = Number(args["write-every"]);
const modes = args.mode === "both" ? (["executives", "flood"] as const) : args.mode === "executives" || args.mode === "flood" ? ([args.mode] as const) : null;
const think = parseThink(args.think!);
if (!(duration > 0) || !(connections >= 3) || !(poolSize >= 1) || ports.length !== 2 || ports.some((p) => !(p > 0)) || !phases || !modes || !think || !(writeEvery > 0)) {
  throw new Error(
    "Usage: npm run bench:load -- [--duration s] [--connections n >= 3] [--ports a,b] [--pool n] [--database-url url] [--cache cold,warm,writes] [--write-every s] [--mode both|executives|flood] [--think min-max seconds]",
  );
}
type Mode = "executives" | "flood";
const fmt = (n: number, digits = 0) => (Number.isNaN(n) ? "-" : n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const load = () => loadavg().map((n) => fmt(n, 2)).join(" ");

/** <db>_load: a copy of <db>_m60 when it can be made, else seeded here. */
async function prepareDatabase(base: string): Promise<string> {
  const name = `${databaseName(base)}_load`;
  const url = withDatabase(base, name);
  const admin = new Client({ connectionString: withDatabase(base, "postgres") });
  await admin.connect();
  try {
    const exists = (await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name])).rowCount;
    const source = `${databaseName(base)}_m${MONTHS}`;
    const sourceExists = (await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [source])).rowCount;
    if (!exists && sourceExists) {
      try {
        await admin.query(`CREATE DATABASE "${name.replaceAll('"', '""')}" TEMPLATE "${source.replaceAll('"', '""')}"`);
        console.log(`  copied ${source} to ${name}`);
      } catch (error) {
        console.log(`  could not copy ${source} (${error instanceof Error ? error.message : String(error)}); seeding ${name} instead`);
      }
    }
  } finally {
    await admin.end();
  }
  // Once it holds the bench scorecard it is reused as it is (the sign-ins of earlier runs are
  // data the screen benchmark's checks would refuse); only its migrations are brought up to date.
  const existing = new Pool({ connectionString: url, max: 1 });
  try {
    const bench = await existing
      .query(`SELECT 1 FROM "Scorecard" WHERE slug = $1`, [BENCH_SCORECARD_SLUG])
      .then((r) => (r.rowCount ?? 0) > 0)
      .catch(() => false);
    if (bench) {
      await applyMigrations(existing);
      return url;
    }
  } finally {
    await existing.end();
  }
  const db = await prepareHistoryDatabase(url, MONTHS, (line) => console.log(`  ${line}`));
  if (db.seededSeconds !== null) console.log(`  seeded ${name}: ${db.measurements?.toLocaleString("en-US")} values in ${fmt(db.seededSeconds, 1)} s`);
  return url;
}

/** One executive per connection, with a password (the bench seed's users have none). */
async function prepareUsers(url: string, count: number): Promise<{ emails: string[]; kpiCodes: string[]; personas: string[] }> {
  const pool = new Pool({ connectionString: url, max: 1 });
  try {
    const hash = await hashPassword(PASSWORD);
    const emails = Array.from({ length: count }, (_, i) => `load-exec-${String(i + 1).padStart(3, "0")}@bench.test`);
    await pool.query(
      `INSERT INTO "User" (id, email, name, "passwordHash", role, active, "updatedAt")
       SELECT 'cbload' || lpad(n::text, 19, '0'), e, 'Load executive ' || n, $2, 'EXECUTIVE', true, now()
         FROM unnest($1::text[]) WITH ORDINALITY AS u(e, n)
       ON CONFLICT (email) DO UPDATE SET "passwordHash" = EXCLUDED."passwordHash", role = 'EXECUTIVE', active = true,
              "mustChangePassword" = false, "sessionsValidFrom" = NULL`,
      [emails, hash],
    );
    // Sign-in throttling counts failures per email: start clean.
    await pool.query(`DELETE FROM "SignInAttempt" WHERE email = ANY($1::text[])`, [emails]);
    const kpis = await pool.query<{ code: string }>(
      `SELECT k.code FROM "Kpi" k JOIN "Perspective" p ON p.id = k."perspectiveId" JOIN "Scorecard" s ON s.id = p."scorecardId"
        WHERE s.slug = $1 AND k.status = 'ACTIVE' ORDER BY k.code`,
      [BENCH_SCORECARD_SLUG],
    );
    const personas = await pool.query<{ slug: string }>(`SELECT slug FROM "Persona" WHERE status = 'ACTIVE' AND slug LIKE 'bench-%' ORDER BY slug`);
    return { emails, kpiCodes: kpis.rows.map((r) => r.code), personas: personas.rows.map((r) => r.slug) };
  } finally {
    await pool.end();
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/** autocannon without think time: each screen's share of the connections asks again as soon as an answer ends. */
async function flood(servers: Server[], sessions: Session[], screens: Screen[], seconds: number, total: number): Promise<Map<string, ScreenStats>> {
  const stats = new Map(screens.map((s) => [s.name, { latencies: [] as number[], ok: 0, non2xx: 0, errors: 0 }]));
  const runs: Promise<unknown>[] = [];
  let slot = 0;
  screens.forEach((screen, si) => {
    const forScreen = Math.floor(total / screens.length) + (si < total % screens.length ? 1 : 0);
    servers.forEach((server, vi) => {
      const n = Math.floor(forScreen / servers.length) + (vi < forScreen % servers.length ? 1 : 0);
      if (n === 0) return;
      const first = slot;
      slot += n;
      let next = 0;
      const s = stats.get(screen.name)!;
      const instance = autocannon({
        url: server.base,
        connections: n,
        duration: seconds,
        timeout: 30,
        // Each connection is one executive: its own session, signed in on either server.
        setupClient: (client) => client.setHeaders({ cookie: sessions[(first + next++) % sessions.length]!.cookie }),
        requests: [{ method: "GET", setupRequest: (request) => ({ ...request, path: screen.path() }) }],
      });
      instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
        s.latencies.push(ms);
        if (status === 200) s.ok++;
        else s.non2xx++;
      });
      instance.on("reqError", () => s.errors++);
      runs.push(Promise.resolve(instance));
    });
  });
  await Promise.all(runs);
  return stats;
}

/**
 * Cache entries per kind (some may be of an older stamp: a persona's entry is superseded only when
 * its next one is stored) and the stamp of every write (it changes when anything is written).
 */
async function cacheState(db: Pool): Promise<{ stamp: string; describe: string }> {
  const { rows } = await db.query<{ stamp: string; kind: string | null; n: number }>(
    `WITH s AS (SELECT coalesce(sum(weight), 0)::bigint AS stamp FROM "ReadModelChange")
     SELECT s.stamp::text AS stamp, c.kind, count(c.kind)::int AS n FROM s LEFT JOIN "ReadModelCache" c ON true GROUP BY s.stamp, c.kind`,
  );
  const counts = rows.filter((r) => r.kind !== null).map((r) => `${r.n} ${r.kind}`);
  return { stamp: rows[0]!.stamp, describe: counts.length === 0 ? "no cached read models" : `cached read models: ${counts.join(", ")}` };
}

/**
 * Corrects a value of the bench scorecard's latest month every `everySeconds`, for a random persona
 * and KPI, until `stop` resolves; returns how many. The UPDATE (value, version, when) fires the
 * triggers a save fires; the save's revision and audit rows change no read model's stamp further.
 */
async function writeValues(db: Pool, everySeconds: number, stop: Promise<void>): Promise<number> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT m.id FROM "Measurement" m JOIN "Kpi" k ON k.id = m."kpiId" JOIN "Perspective" p ON p.id = k."perspectiveId" JOIN "Scorecard" s ON s.id = p."scorecardId"
      WHERE s.slug = $1 AND k.frequency = 'MONTHLY' AND m.value IS NOT NULL
        AND m.period = (SELECT max(period) FROM "Measurement" WHERE "kpiId" = k.id)
      ORDER BY random() LIMIT 2000`,
    [BENCH_SCORECARD_SLUG],
  );
  if (rows.length === 0) throw new Error("No value of the latest month to correct.");
  let written = 0;
  let stopped = false;
  void stop.then(() => (stopped = true));
  while (!stopped) {
    const id = rows[Math.floor(Math.random() * rows.length)]!.id;
    await db.query(`UPDATE "Measurement" SET value = value + 0.01, version = version + 1, "enteredAt" = now() WHERE id = $1`, [id]);
    written++;
    await Promise.race([stop, new Promise((resolve) => setTimeout(resolve, everySeconds * 1000))]);
  }
  return written;
}

/** Reads every address once (spread over the servers, `parallel` at a time), failing on anything but 200. */
async function readAll(servers: Server[], cookie: string, paths: string[], parallel: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async (_, worker) => {
      while (next < paths.length) {
        const path = paths[next++]!;
        const r = await fetch(`${servers[worker % servers.length]!.base}${path}`, { headers: { cookie }, redirect: "manual" });
        await r.arrayBuffer();
        if (r.status !== 200) throw new Error(`Warming the cache: ${path} answered ${r.status}`);
      }
    }),
  );
}

async function main(): Promise<boolean> {
  const base = args["database-url"] || process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL;
  if (!base) throw new Error("Set BENCH_DATABASE_URL (or DATABASE_URL, or pass --database-url) to a Postgres server.");
  console.log(`Load benchmark: 2 servers (next start, ports ${ports.join(" and ")}), DATABASE_POOL_SIZE ${poolSize} each, ${connections} executives, ${duration} s`);
  const url = await prepareDatabase(base);
  console.log(`  database ${redact(url)}`);
  const { emails, kpiCodes, personas } = await prepareUsers(url, connections);
  if (kpiCodes.length === 0 || personas.length === 0) throw new Error("The load database holds no bench KPIs or personas.");

  const secret = randomBytes(32).toString("base64");
  const servers = ports.map((port) => startServer(port, { databaseUrl: url, poolSize, secret }));
  try {
    const started = performance.now();
    await Promise.all(servers.map((s) => waitReady(s)));
    console.log(`  servers ready in ${fmt((performance.now() - started) / 1000, 1)} s`);

    const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)] as T;
    const overview = `/scorecards/${BENCH_SCORECARD_SLUG}`;
    const screens: Screen[] = [
      { name: "overview", path: () => overview },
      { name: "persona scorecard", path: () => `/scorecards/${BENCH_SCORECARD_SLUG}/personas/${pick(personas)}` },
      { name: "KPI detail", path: () => `/kpis/${encodeURIComponent(pick(kpiCodes))}` },
    ];

    // Sign in every executive, alternating servers (a few at a time: argon2 is deliberately slow).
    const signInStarted = performance.now();
    const sessions: Session[] = [];
    for (let i = 0; i < emails.length; i += 4) {
      sessions.push(...(await Promise.all(emails.slice(i, i + 4).map((email, j) => signIn(servers[(i + j) % 2]!.base, email, PASSWORD)))));
    }
    console.log(`  ${sessions.length} executives signed in through next-auth's credentials flow in ${fmt((performance.now() - signInStarted) / 1000, 1)} s`);

    // Statelessness: every session is served by the server it did NOT sign in on.
    for (const session of sessions) {
      const other = servers.find((s) => s.base !== session.signedInOn)!;
      await assertServedElsewhere(session, other.base, overview);
    }
    console.log(`  statelessness: all ${sessions.length} sessions served by the other server (GET /api/auth/session and ${overview}: 200)`);

    // Warm-up: each screen on each server a few times, unmeasured.
    const warmup = Number(args.warmup);
    for (const server of servers) {
      for (const screen of screens) {
        for (let i = 0; i < warmup; i++) {
          const r = await fetch(`${server.base}${screen.path()}`, { headers: { cookie: sessions[0]!.cookie }, redirect: "manual" });
          await r.arrayBuffer();
          if (r.status !== 200) throw new Error(`Warm-up: ${server.base}${screen.path()} answered ${r.status}`);
        }
      }
    }

    const database = new Pool({ connectionString: url, max: 1 });
    // Its own connection, so the run's bookkeeping never waits behind a write.
    const writer = new Pool({ connectionString: url, max: 1 });
    let metAll = true;
    let warm = false;
    try {
      for (const phase of phases!) {
        // Writes are judged with executives only: a flood measures capacity, not people entering data.
        for (const mode of phase === "writes" ? (["executives"] as const) : modes!) {
          if (phase === "cold") {
            await database.query(`DELETE FROM "ReadModelCache"`);
            warm = false;
          } else if (phase === "warm" ? mode === modes![0] : !warm) {
            const started = performance.now();
            const paths = [overview, ...personas.map((p) => `/scorecards/${BENCH_SCORECARD_SLUG}/personas/${p}`), ...kpiCodes.map((c) => `/kpis/${encodeURIComponent(c)}`)];
            await readAll(servers, sessions[0]!.cookie, paths, 4);
            console.log(`\n  warmed the cache: ${paths.length} addresses read once in ${fmt((performance.now() - started) / 1000, 1)} s`);
            warm = true;
          }
          const met = await measured(phase, mode);
          // The goal is about executives; the flood measures capacity and is judged only when run alone.
          if (mode === "executives" || modes!.length === 1) metAll = met && metAll;
        }
      }
    } finally {
      await Promise.all([database.end(), writer.end()]);
    }
    return metAll;

    async function measured(phase: Phase, mode: Mode): Promise<boolean> {
      const before = await cacheState(database);
      const loadBefore = load();
      const runStarted = performance.now();
      let endRun = () => {};
      const runEnded = new Promise<void>((resolve) => (endRun = resolve));
      const writes = phase === "writes" ? writeValues(writer, writeEvery, runEnded) : Promise.resolve(0);
      const stats =
        mode === "executives"
          ? await driveExecutives(
              servers.map((s) => s.base),
              sessions,
              screens,
              duration,
              think!,
            ).finally(endRun)
          : await flood(servers, sessions, screens, duration, connections).finally(endRun);
      const written = await writes;
      const seconds = (performance.now() - runStarted) / 1000;
      const loadAfter = load();
      const after = await cacheState(database);

      const cache =
        process.env.READ_CACHE === "off"
          ? "READ_CACHE=off (no cache)"
          : phase === "writes"
            ? `WARM cache with WRITES (${fmt(written)} values corrected, one every ${fmt(writeEvery, 1)} s)`
            : `${phase.toUpperCase()} cache`;
      const who =
        mode === "executives"
          ? `${sessions.length} executives, each reading a screen ${think!.minSeconds}-${think!.maxSeconds} s before the next`
          : `capacity: ${connections} connections without think time (autocannon)`;
      const label = `${cache}, ${who}`;
      console.log(`\n  ${label}: ${before.describe} before, ${after.describe} after${after.stamp === before.stamp ? "" : " (the data stamp changed during the run)"}`);
      console.log(`  load average before ${loadBefore}, after ${loadAfter} (1, 5, 15 min; this machine has 2 cores)`);
      console.log(`  ${"screen".padEnd(18)} ${"requests".padStart(9)} ${"req/s".padStart(7)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"max ms".padStart(8)} ${"errors".padStart(7)}`);
      let met = true;
      const all: number[] = [];
      let errorsAll = 0;
      for (const [name, s] of stats) {
        const sorted = s.latencies.slice().sort((a, b) => a - b);
        all.push(...sorted);
        const errors = s.non2xx + s.errors;
        errorsAll += errors;
        const p95 = percentile(sorted, 95);
        if (!(p95 < LOAD_GOAL_P95_MS) || errors > 0) met = false;
        console.log(
          `  ${name.padEnd(18)} ${fmt(s.ok + s.non2xx).padStart(9)} ${fmt((s.ok + s.non2xx) / seconds, 1).padStart(7)} ${fmt(percentile(sorted, 50)).padStart(8)} ${fmt(p95).padStart(8)} ${fmt(percentile(sorted, 99)).padStart(8)} ${fmt(sorted.at(-1) ?? Number.NaN).padStart(8)} ${fmt(errors).padStart(7)}`,
        );
      }
      all.sort((a, b) => a - b);
      console.log(
        `  ${"all screens".padEnd(18)} ${fmt(all.length).padStart(9)} ${fmt(all.length / seconds, 1).padStart(7)} ${fmt(percentile(all, 50)).padStart(8)} ${fmt(percentile(all, 95)).padStart(8)} ${fmt(percentile(all, 99)).padStart(8)} ${fmt(all.at(-1) ?? Number.NaN).padStart(8)} ${fmt(errorsAll).padStart(7)}`,
      );
      console.log(`  goal (p95 < ${LOAD_GOAL_P95_MS} ms on every screen, 0 errors), ${phase === "writes" ? "warm cache with writes" : `${phase} cache`}, ${mode}: ${met ? "met" : "NOT met"}`);
      return met;
    }
  } finally {
    await Promise.all(servers.map(stopServer));
  }
}

main()
  .then((met) => {
    if (!met) process.exitCode = 1;
  })
  .catch((error: unknown) => {
    console.error(`Load benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
