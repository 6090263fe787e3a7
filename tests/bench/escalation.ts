import { spawn } from "node:child_process";
import { loadavg } from "node:os";
import path from "node:path";
import { Client } from "pg";
import { databaseName, redact, withDatabase } from "./seed/index";
import { prepareHistoryDatabase } from "./screens/history";
import type { EscalationBenchResult } from "./escalation/measure";

// The escalation benchmark (part of `npm run bench`): the full escalation run over the bench data
// (50 personas x 500 KPIs x 60 months, about 1.4 million values: 25,000 KPI x persona pairs)
// beside its floor, one SQL window query computing the same streaks (tests/bench/escalation/floor.ts).
// It runs on a throwaway copy (CREATE DATABASE ... TEMPLATE) of <db>_m60, since the job writes.
// Reported: the first run on the copy (it opens every escalation of the data: the first night),
// then the median of 3 runs that find nothing to change (every later night), the floor's median,
// and the ratio steady / floor. Goal: under 30 s and at most 2x the floor.

export const ESCALATION_GOAL_MS = 30_000;
export const ESCALATION_GOAL_RATIO = 2;
const PREFIX = "ESCALATION-RESULT ";
const MONTHS = 60;

const fmt = (n: number, digits = 1) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function admin<T>(base: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: withDatabase(base, "postgres") });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function measure(url: string): Promise<EscalationBenchResult> {
  const script = path.join(import.meta.dirname, "escalation", "measure.ts");
  const env = { ...process.env, DATABASE_URL: url, DATABASE_POOL_SIZE: "4", BENCH_DATABASE_URL: undefined };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", script], { env, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      const line = out.split("\n").find((l) => l.startsWith(PREFIX));
      if (code !== 0 || !line) reject(new Error(`Measuring the escalation job on ${redact(url)} failed (exit ${code}).\n${out}`));
      else resolve(JSON.parse(line.slice(PREFIX.length)) as EscalationBenchResult);
    });
  });
}

/** Resolves to whether the goal was met (null when skipped: no database configured). */
export async function runEscalationBench(env: { DATABASE_URL?: string; BENCH_DATABASE_URL?: string }): Promise<boolean | null> {
  const base = env.BENCH_DATABASE_URL || env.DATABASE_URL;
  if (!base) {
    console.log("Escalation benchmark skipped: set BENCH_DATABASE_URL (or DATABASE_URL) to a Postgres server.");
    return null;
  }
  const name = databaseName(base);
  const source = await prepareHistoryDatabase(withDatabase(base, `${name}_m${MONTHS}`), MONTHS, (line) => console.log(`  ${line}`));
  const copyName = `${name}_escalation`;
  const copyUrl = withDatabase(base, copyName);
  console.log(`\nEscalation benchmark on a copy of ${redact(source.url)} (${copyName}): 50 personas x 500 KPIs x ${MONTHS} months`);
  await admin(base, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${copyName}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${copyName}" TEMPLATE "${databaseName(source.url)}"`);
  });
  try {
    const r = await measure(copyUrl);
    const steady = median(r.steady.map((s) => s.ms));
    const floor = median(r.floor.ms);
    const ratio = steady / floor;
    const met = steady < ESCALATION_GOAL_MS && ratio <= ESCALATION_GOAL_RATIO;
    console.log(`  ${r.values.toLocaleString("en-US")} values, ${r.first.pairs.toLocaleString("en-US")} KPI x persona pairs, today ${r.today} (load average ${fmt(loadavg()[0]!, 2)})`);
    console.log(`  first run (opens every escalation)  ${fmt(r.first.ms / 1000, 2)} s: opened ${r.first.opened}, unchanged ${r.first.unchanged}`);
    console.log(`  full run, nothing to change          ${fmt(steady / 1000, 2)} s (median of ${r.steady.length}: ${r.steady.map((s) => fmt(s.ms / 1000, 2)).join(", ")} s)`);
    console.log(`  floor (one SQL window query)         ${fmt(floor / 1000, 2)} s (median of ${r.floor.ms.length}), ${r.floor.pairs} pairs with a streak >= N`);
    console.log(`  ratio                                ${fmt(ratio, 2)}x the floor; open escalations after the runs: ${r.openAfter} (floor: ${r.floor.pairs})`);
    console.log(`  goal (< ${ESCALATION_GOAL_MS / 1000} s, <= ${ESCALATION_GOAL_RATIO}x floor): ${met ? "met" : "NOT met"}`);
    return met;
  } finally {
    await admin(base, (c) => c.query(`DROP DATABASE IF EXISTS "${copyName}" WITH (FORCE)`));
  }
}
