// npm run bench:seed -- [--personas 50] [--kpis 500] [--months 60] [--end YYYY-MM] [--seed N]
//                       [--database-url postgresql://...] [--reset]
// Writes a synthetic scorecard of that size (slug "bench") into DATABASE_URL (or --database-url),
// creating the database when it does not exist and migrating it first. Refuses a database that
// holds other data, or bench data already, unless --reset. See tests/bench/seed/.
import { performance } from "node:perf_hooks";
import { Pool } from "pg";
import { ensureDatabase, parseSeedCommand, redact, seedBench } from "./seed/index";

const started = performance.now();
try {
  const command = parseSeedCommand(process.argv.slice(2), { DATABASE_URL: process.env.DATABASE_URL }, new Date());
  if (!command.databaseUrl) {
    throw new Error(
      "No database: set DATABASE_URL or pass --database-url postgresql://user:password@host:5432/bench (the benchmark needs a real Postgres, not the embedded one).",
    );
  }
  const url = command.databaseUrl;
  if (await ensureDatabase(url)) console.log(`Created the database ${redact(url)}`);
  console.log(
    `Bench data: ${command.personas} personas x ${command.kpis} KPIs x ${command.months} months ending ${command.end.slice(0, 7)} (seed ${command.seed}) into ${redact(url)}`,
  );
  const pool = new Pool({ connectionString: url, max: 2 });
  try {
    const result = await seedBench(pool, command, (line) => console.log(line));
    if (result.replaced) console.log(`Replaced the earlier bench data (${result.replaced}).`);
    console.table(result.counts);
    const s = result.seconds;
    console.log(
      `Seeded in ${s.total.toFixed(1)} s: transaction ${s.write.toFixed(1)} s (of which measurements ${s.measurements.toFixed(1)} s, their indexes and foreign keys ${s.indexes.toFixed(1)} s), VACUUM ANALYZE ${s.vacuum.toFixed(1)} s.` +
        ` Process total ${((performance.now() - started) / 1000).toFixed(1)} s.`,
    );
  } finally {
    await pool.end();
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
