// The escalation benchmark's measurements, in a process of its own (lib/db and lib/env read
// DATABASE_URL once per process; --conditions=react-server as the worker runs): the full run on a
// fresh copy of the bench data (it opens every escalation: the first night), the full run again
// (nothing changes: every later night), and the floor query; prints one JSON line.
import { performance } from "node:perf_hooks";
import { Pool } from "pg";
import { closeDatabase, getDatabase } from "@/lib/db";
import { env } from "@/lib/env";
import { runEscalations, utcToday, type EscalationRunResult } from "@/lib/jobs/escalate";
import { floorStreaks } from "./floor";

export const RESULT_PREFIX = "ESCALATION-RESULT ";

export interface EscalationBenchResult {
  today: string;
  first: EscalationRunResult;
  steady: EscalationRunResult[];
  floor: { ms: number[]; pairs: number };
  openAfter: number;
  values: number;
}

async function main(): Promise<EscalationBenchResult> {
  const url = env().DATABASE_URL;
  if (!url) throw new Error("measure.ts: DATABASE_URL is not set");
  const today = process.argv[2] ?? utcToday();
  const pool = new Pool({ connectionString: url, max: 2 });
  try {
    const database = await getDatabase();
    const db = database.prisma;
    const values = (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Measurement"`)).rows[0]!.n;
    const first = await runEscalations(db, { today, pool: database.pool, writeConcurrency: 4 });
    const steady: EscalationRunResult[] = [];
    const floorMs: number[] = [];
    let floorPairs = 0;
    for (let i = 0; i < 3; i++) {
      steady.push(await runEscalations(db, { today, pool: database.pool, writeConcurrency: 4 }));
      const started = performance.now();
      floorPairs = (await floorStreaks(pool, today)).length;
      floorMs.push(performance.now() - started);
    }
    const openAfter = (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Escalation" WHERE status <> 'RESOLVED'`)).rows[0]!.n;
    return { today, first, steady, floor: { ms: floorMs, pairs: floorPairs }, openAfter, values };
  } finally {
    await pool.end();
    await closeDatabase();
  }
}

main()
  .then((result) => process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`))
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
