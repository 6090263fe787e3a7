import { spawn } from "node:child_process";
import { loadavg } from "node:os";
import path from "node:path";
import { benchPersonaSlug, databaseName, redact, withDatabase } from "./seed/index";
import { prepareHistoryDatabase, type HistoryDatabase } from "./screens/history";
import { RESULT_PREFIX, type ScreenResult } from "./screens/result";

// The screen benchmark (part of `npm run bench`): the server time of the scorecard overview and
// of one persona's scorecard on 50 personas x 500 KPIs, beside "the floor" (the bare SQL that
// fetches the same rows), with 15, 60 and 240 months of history so a reader sees whether the
// screens stay flat as history grows. The databases are <db>_m15, <db>_m60 and <db>_m240 on the
// server of BENCH_DATABASE_URL (else DATABASE_URL); --quick skips the 240-month one.

export const SCREEN_GOAL_MS = 250;
export const SCREEN_GOAL_RATIO = 2;
const RUNS = 15;
const WARM_UP_RUNS = 3;
const HISTORIES = [15, 60, 240];
const PERSONA = benchPersonaSlug(1);

const fmt = (n: number, digits = 1) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

function measure(db: HistoryDatabase): Promise<ScreenResult[]> {
  const script = path.join(import.meta.dirname, "screens", "measure.ts");
  const args = ["--conditions=react-server", "--import", "tsx", script, "--period", db.end, "--persona", PERSONA, "--runs", String(RUNS), "--warm-up", String(WARM_UP_RUNS)];
  // The child's lib/env reads DATABASE_URL: give it this database, and nothing of ours that would override it.
  const env = { ...process.env, DATABASE_URL: db.url, BENCH_DATABASE_URL: undefined };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      const line = out.split("\n").find((l) => l.startsWith(RESULT_PREFIX));
      if (code !== 0 || !line) reject(new Error(`Measuring ${redact(db.url)} failed (exit ${code}).\n${out}`));
      else resolve(JSON.parse(line.slice(RESULT_PREFIX.length)) as ScreenResult[]);
    });
  });
}

export function screenBenchHelp(): string {
  return (
    "Screen benchmark skipped: set DATABASE_URL (or BENCH_DATABASE_URL) to a Postgres server, e.g.\n" +
    "  BENCH_DATABASE_URL=postgresql://postgres:<password>@127.0.0.1:5432/bench npm run bench [-- --quick]\n" +
    "It creates and seeds bench_m15, bench_m60 and bench_m240 there on first use (reused afterwards; --quick skips m240)."
  );
}

/** Runs the screen benchmark; resolves to whether every screen met the goal (null when skipped). */
export async function runScreenBench(argv: string[], env: { DATABASE_URL?: string; BENCH_DATABASE_URL?: string }): Promise<boolean | null> {
  const base = env.BENCH_DATABASE_URL || env.DATABASE_URL;
  if (!base) {
    console.log(screenBenchHelp());
    return null;
  }
  const quick = argv.includes("--quick");
  const histories = quick ? HISTORIES.filter((m) => m !== 240) : HISTORIES;
  const name = databaseName(base);
  console.log(`\nScreen benchmark on ${redact(withDatabase(base, `${name}_m*`))}: 50 personas x 500 KPIs, ${histories.join(" / ")} months of history`);
  const databases: HistoryDatabase[] = [];
  for (const months of histories) {
    const db = await prepareHistoryDatabase(withDatabase(base, `${name}_m${months}`), months, (line) => console.log(`  ${line}`));
    if (db.seededSeconds !== null) console.log(`  seeded ${name}_m${months}: ${db.measurements?.toLocaleString("en-US")} measurements in ${fmt(db.seededSeconds)} s`);
    databases.push(db);
  }
  const load = loadavg()[0]!;
  console.log(`  server time in-process, median of ${RUNS} alternating runs after ${WARM_UP_RUNS} warm-up runs (load average ${fmt(load, 2)} on this machine)`);
  console.log(`  ${"history".padEnd(11)}${"screen".padEnd(10)}${"read model".padStart(12)}${"floor".padStart(11)}${"ratio".padStart(8)}${"floor rows".padStart(12)}  goal (< ${SCREEN_GOAL_MS} ms, <= ${SCREEN_GOAL_RATIO}x floor)`);
  let allMet = true;
  for (const db of databases) {
    const results = await measure(db);
    for (const r of results) {
      const ratio = r.readModel.median / r.floor.median;
      const met = r.readModel.median < SCREEN_GOAL_MS && ratio <= SCREEN_GOAL_RATIO;
      allMet &&= met;
      console.log(
        `  ${`${db.months} months`.padEnd(11)}${r.screen.padEnd(10)}${`${fmt(r.readModel.median)} ms`.padStart(12)}${`${fmt(r.floor.median)} ms`.padStart(11)}` +
          `${`${fmt(ratio, 2)}x`.padStart(8)}${r.floorRows.toLocaleString("en-US").padStart(12)}  ${met ? "met" : "NOT met"}` +
          `   (read model ${fmt(r.readModel.min)}-${fmt(r.readModel.max)} ms, floor ${fmt(r.floor.min)}-${fmt(r.floor.max)} ms; month ${db.end.slice(0, 7)})`,
      );
    }
  }
  console.log(`  goal: ${allMet ? "met" : "NOT met"} (load average now ${fmt(loadavg()[0]!, 2)})`);
  return allMet;
}
