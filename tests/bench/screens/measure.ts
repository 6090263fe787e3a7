// One database's screen timings, in a process of its own: lib/db and lib/env read DATABASE_URL
// once per process, so tests/bench/screens.ts starts this once per database (with
// --conditions=react-server, as Next.js runs server code) and reads the JSON line it prints.
// Arguments: --period YYYY-MM-01 --persona <slug> --runs N --warm-up N
import { Pool } from "pg";
import type { Actor } from "@/lib/auth/actor";
import { closeDatabase } from "@/lib/db";
import { env } from "@/lib/env";
import { getPersonaScorecard } from "@/lib/queries/persona-scorecard";
import { getScorecardOverview } from "@/lib/queries/scorecard-overview";
import { BENCH_EXECUTIVE_EMAIL, BENCH_SCORECARD_SLUG } from "../seed/ids";
import { overviewFloor, personaFloor, type FloorResult } from "./floors";
import { RESULT_PREFIX, type ScreenResult } from "./result";
import { medianTimes } from "./timing";

function argument(name: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? process.argv[i + 1] : undefined;
  if (!value) throw new Error(`measure.ts: --${name} is required`);
  return value;
}

async function main(): Promise<ScreenResult[]> {
  const url = env().DATABASE_URL;
  if (!url) throw new Error("measure.ts: DATABASE_URL is not set");
  const period = argument("period");
  const month = period.slice(0, 7);
  const personaSlug = argument("persona");
  const runs = Number(argument("runs"));
  const warmUp = Number(argument("warm-up"));
  const pool = new Pool({ connectionString: url, max: 6 });
  try {
    const user = await pool.query<{ id: string; name: string }>(`SELECT id, name FROM "User" WHERE email = $1`, [BENCH_EXECUTIVE_EMAIL]);
    if (!user.rows[0]) throw new Error(`No ${BENCH_EXECUTIVE_EMAIL} in this database: seed it with npm run bench:seed`);
    const actor: Actor = { id: user.rows[0].id, role: "EXECUTIVE", departmentId: null, name: user.rows[0].name, email: BENCH_EXECUTIVE_EMAIL, mustChangePassword: false };

    const results: ScreenResult[] = [];
    const screens = {
      overview: {
        readModel: () => getScorecardOverview(actor, { scorecardSlug: BENCH_SCORECARD_SLUG, period: month }),
        floor: () => overviewFloor(pool, BENCH_SCORECARD_SLUG, period),
      },
      persona: {
        readModel: () => getPersonaScorecard(actor, { scorecardSlug: BENCH_SCORECARD_SLUG, personaSlug, period: month }),
        floor: () => personaFloor(pool, BENCH_SCORECARD_SLUG, personaSlug, period),
      },
    } as const;
    for (const [screen, contenders] of Object.entries(screens) as Array<[ScreenResult["screen"], (typeof screens)[keyof typeof screens]]>) {
      // Check once that both answer for this data before timing them.
      const shown = await contenders.readModel();
      if (!shown || shown.period !== period) throw new Error(`${screen}: the read model showed ${shown?.period ?? "nothing"}, not ${period}`);
      const floor: FloorResult = await contenders.floor();
      const times = await medianTimes({ readModel: contenders.readModel, floor: contenders.floor }, runs, warmUp);
      results.push({ screen, readModel: times.readModel, floor: times.floor, floorRows: floor.rows });
    }
    return results;
  } finally {
    await pool.end();
    await closeDatabase();
  }
}

try {
  console.log(RESULT_PREFIX + JSON.stringify(await main()));
} catch (error) {
  console.error(error instanceof Error ? error.stack ?? error.message : error);
  process.exitCode = 1;
}
