// npm run jobs:escalate [-- --today=YYYY-MM-DD] — runs the escalation job once against the
// configured database (DATABASE_URL, or the embedded one: stop the app first, one process at a
// time may open its data folder), after applying pending migrations, and prints what it did.
import { closeDatabase, getDatabase } from "@/lib/db";
import { applyMigrations } from "@/lib/db/migrate";
import { describeRun, escalateJob } from "@/lib/jobs/escalate";
import { runJob } from "@/lib/jobs/job";

function argument(argv: string[], name: string): string | undefined {
  const index = argv.findIndex((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
  if (index < 0) return undefined;
  const arg = argv[index]!;
  return arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : argv[index + 1];
}

try {
  const database = await getDatabase();
  const migrations = await applyMigrations(database.pool);
  if (migrations.newlyApplied.length > 0) console.log(`Applied migrations: ${migrations.newlyApplied.join(", ")}`);
  const today = argument(process.argv.slice(2), "today");
  const result = await runJob(escalateJob, { today }, { db: database.prisma, pool: database.pool, log: console.log });
  console.log(`Escalations in the ${database.kind} database${today ? ` as of ${today}` : ""}: ${describeRun(result)}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await closeDatabase();
}
