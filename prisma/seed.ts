// npm run db:seed [-- --end-period=YYYY-MM-01] — writes (or resets) the demo data in the
// configured database (DATABASE_URL, or the embedded one), after applying pending migrations.
// Refuses a production database unless ALLOW_DEMO_SEED=true. Stop the app first when it runs on
// the embedded database: one process at a time may open its data folder. Without --end-period
// the history ends as DEMO_END_PERIOD says, else with the latest month already overdue today.
import { closeDatabase, getDatabase } from "@/lib/db";
import { applyMigrations } from "@/lib/db/migrate";
import { assertDemoSeedAllowed, demoEndPeriod, seedDemoData } from "@/lib/demo/seed-demo";
import { env } from "@/lib/env";

function endPeriodArgument(argv: string[]): string | undefined {
  const index = argv.findIndex((arg) => arg === "--end-period" || arg.startsWith("--end-period="));
  if (index < 0) return undefined;
  const arg = argv[index]!;
  return arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : argv[index + 1];
}

try {
  assertDemoSeedAllowed(env());
  const database = await getDatabase();
  const migrations = await applyMigrations(database.pool);
  if (migrations.newlyApplied.length > 0) console.log(`Applied migrations: ${migrations.newlyApplied.join(", ")}`);
  const started = performance.now();
  const endPeriod = endPeriodArgument(process.argv.slice(2)) ?? demoEndPeriod();
  const summary = await seedDemoData(database.prisma, { endPeriod });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Demo data in the ${database.kind} database, values up to ${endPeriod.slice(0, 7)} (${seconds} s):`);
  console.table(summary);
  console.log("Demo sign-in: admin@demo.test, analyst@demo.test, owner@demo.test, exec@demo.test — password persona-demo (demo only).");
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await closeDatabase();
}
