import { performance } from "node:perf_hooks";
import { Pool } from "pg";
import { applyMigrations } from "@/lib/db/migrate";
import { DEFAULT_SEED, DEFAULT_SIZE, defaultEndPeriod, ensureDatabase, inspectDatabase, redact, seedBench } from "../seed/index";

// The databases the screen benchmark reads: 50 personas x 500 KPIs with 15, 60 or 240 months of
// history, one database each. Seeding takes a while (the 240-month one most), so a database that
// already holds bench data of the right size is reused as it is; one of another size is reseeded.

export interface HistoryDatabase {
  url: string;
  months: number;
  /** The last month with data: the month the screens show. */
  end: string;
  /** Seconds spent seeding it now; null when it was reused. */
  seededSeconds: number | null;
  measurements: number | null;
}

export async function prepareHistoryDatabase(url: string, months: number, log: (line: string) => void): Promise<HistoryDatabase> {
  if (await ensureDatabase(url)) log(`Created ${redact(url)}`);
  const pool = new Pool({ connectionString: url, max: 2 });
  try {
    await applyMigrations(pool);
    const client = await pool.connect();
    const contents = await inspectDatabase(client).finally(() => client.release());
    if (contents.other.length > 0) {
      throw new Error(`${redact(url)} holds data that is not bench data (${contents.other.join(", ")}); the screen benchmark leaves it alone. Point it at another server or database name.`);
    }
    const b = contents.bench;
    if (b && b.personas === DEFAULT_SIZE.personas && b.kpis === DEFAULT_SIZE.kpis && b.months === months && b.seed === DEFAULT_SEED) {
      return { url, months, end: b.end, seededSeconds: null, measurements: null };
    }
    log(`Seeding ${redact(url)} with ${DEFAULT_SIZE.personas} personas x ${DEFAULT_SIZE.kpis} KPIs x ${months} months...`);
    const started = performance.now();
    const end = defaultEndPeriod(new Date());
    const result = await seedBench(pool, { ...DEFAULT_SIZE, months, end, seed: DEFAULT_SEED, reset: true }, (line) => log(line));
    return { url, months, end, seededSeconds: (performance.now() - started) / 1000, measurements: result.counts.measurements };
  } finally {
    await pool.end();
  }
}
