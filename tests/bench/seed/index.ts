import { performance } from "node:perf_hooks";
import type { Pool } from "pg";
import { applyMigrations } from "@/lib/db/migrate";
import { loadWithoutIndexesAndForeignKeys } from "./bulk-load";
import { inspectDatabase, removeBenchRows } from "./contents";
import type { BenchSeedOptions } from "./options";
import { buildBenchPlan, measurementRandom } from "./plan";
import { writeMeasurements } from "./write-measurements";
import { writePlan, type PlanCounts } from "./write-plan";

export { inspectDatabase } from "./contents";
export { ensureDatabase, databaseName, redact, withDatabase } from "./database";
export { DEFAULT_SEED, DEFAULT_SIZE, defaultEndPeriod, monthKey, parseSeedCommand, type BenchSeedOptions, type BenchSize } from "./options";
export { parseBenchDescription, type BenchDescription } from "./plan-strategy";
export { BENCH_EXECUTIVE_EMAIL, BENCH_SCORECARD_SLUG, benchPersonaSlug } from "./ids";

// Writes a synthetic bench scorecard: migrations first, then one transaction with every row
// (so an interrupted run leaves nothing behind), then VACUUM ANALYZE so the planner and the
// visibility map look like a database that has been running for a while.

export class BenchSeedRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BenchSeedRefusedError";
  }
}

export interface BenchSeedResult {
  /** Rows written, per table. */
  counts: PlanCounts & { measurements: number };
  /**
   * Wall-clock seconds: all of it (migrations included), the transaction, its measurement part
   * (indexes included), the index builds and foreign-key checks after the load, and VACUUM ANALYZE.
   */
  seconds: { total: number; write: number; measurements: number; indexes: number; vacuum: number };
  /** What was there before a --reset removed it. */
  replaced: string | null;
}

const VACUUMED = ["Measurement", "KpiTarget", "PersonaWeight", "Kpi", "Persona", "Perspective", "StrategicObjective"];

export async function seedBench(
  pool: Pool,
  options: BenchSeedOptions & { reset: boolean },
  log: (line: string) => void = () => {},
): Promise<BenchSeedResult> {
  const started = performance.now();
  const migrations = await applyMigrations(pool);
  if (migrations.newlyApplied.length > 0) log(`Applied migrations: ${migrations.newlyApplied.join(", ")}`);
  const client = await pool.connect();
  try {
    const contents = await inspectDatabase(client);
    if (!options.reset && contents.other.length > 0) {
      throw new BenchSeedRefusedError(
        `Refusing to write bench data: this database holds data that is not bench data (${contents.other.join(", ")}). ` +
          "Use an empty database, or pass --reset to write the bench rows beside it (only bench rows are ever removed).",
      );
    }
    if (!options.reset && contents.bench) {
      const b = contents.bench;
      throw new BenchSeedRefusedError(
        `This database already holds bench data (${b.personas} personas x ${b.kpis} KPIs x ${b.months} months ending ${b.end}). Pass --reset to drop and recreate it.`,
      );
    }
    if (contents.other.length > 0) log(`Warning: writing bench rows beside other data (${contents.other.join(", ")}).`);
    const plan = buildBenchPlan(options);
    await client.query("BEGIN");
    let measurements = 0;
    let rebuild = 0;
    let counts: PlanCounts;
    const writeStarted = performance.now();
    let measurementsStarted = writeStarted;
    try {
      if (options.reset) await removeBenchRows(client, contents);
      counts = await writePlan(client, plan);
      measurementsStarted = performance.now();
      let reported = 0;
      const loaded = await loadWithoutIndexesAndForeignKeys(client, "Measurement", () =>
        writeMeasurements(client, plan, measurementRandom(options), (rows) => {
          if (rows - reported >= 500_000) {
            reported = rows;
            log(`  ${rows.toLocaleString("en-US")} measurements (${((performance.now() - measurementsStarted) / 1000).toFixed(1)} s)`);
          }
        }),
      );
      measurements = loaded.result;
      rebuild = loaded.rebuildSeconds;
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    }
    const written = performance.now();
    await client.query(`VACUUM (ANALYZE) ${VACUUMED.map((t) => `"${t}"`).join(", ")}`);
    const done = performance.now();
    return {
      counts: { ...counts, measurements },
      seconds: {
        total: (done - started) / 1000,
        write: (written - writeStarted) / 1000,
        measurements: (written - measurementsStarted) / 1000,
        indexes: rebuild,
        vacuum: (done - written) / 1000,
      },
      replaced: contents.bench ? `${contents.bench.personas} personas x ${contents.bench.kpis} KPIs x ${contents.bench.months} months` : null,
    };
  } finally {
    client.release();
  }
}
