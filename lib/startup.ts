import { getDatabase, closeDatabase } from "@/lib/db";
import { applyMigrations } from "@/lib/db/migrate";
import { writeDemoEscalationThread } from "@/lib/demo/escalation-thread";
import { assertDemoSeedAllowed, demoEndPeriod, seedDemoData } from "@/lib/demo/seed-demo";
import { env } from "@/lib/env";
import { startEmbeddedJobs, stopEmbeddedJobs } from "@/lib/jobs/embedded-schedule";
import { describeRun, escalateJob } from "@/lib/jobs/escalate";
import { runJob } from "@/lib/jobs/job";
import { resolveAuthSecret } from "@/lib/auth/secret";

// What a server process does before it serves: validate the environment, open the database,
// apply pending migrations, seed the demo on an empty database where that is allowed, and on
// the embedded database run the background jobs in-process (escalations now, then nightly).
// Called from instrumentation.ts (next start / next dev) and never during `next build`.

export async function prepareServer(log: (message: string) => void = console.log): Promise<void> {
  const config = env(); // throws EnvError naming every bad variable
  await resolveAuthSecret();
  const started = performance.now();
  const database = await getDatabase();
  const migrated = await applyMigrations(database.pool);
  if (migrated.newlyApplied.length > 0) log(`Applied ${migrated.newlyApplied.length} migration(s): ${migrated.newlyApplied.join(", ")}`);

  const empty = (await database.prisma.user.count()) === 0 && (await database.prisma.scorecard.count()) === 0;
  let seeded = false;
  if (empty && !config.SKIP_DEMO_SEED) {
    let allowed = true;
    try {
      assertDemoSeedAllowed(config);
    } catch (refusal) {
      allowed = false;
      log(`Empty database; demo data not loaded: ${refusal instanceof Error ? refusal.message : String(refusal)}`);
    }
    if (allowed) {
      const endPeriod = demoEndPeriod(config);
      const summary = await seedDemoData(database.prisma, { endPeriod });
      seeded = true;
      log(`Empty database: loaded demo data (${summary.personas} personas, ${summary.kpis} KPIs, ${summary.measurements} values up to ${endPeriod.slice(0, 7)}).`);
      // The demo's history holds breach streaks: judge them now, so its escalations show from the
      // first page on Postgres too (the embedded database runs the job below in any case).
      if (database.kind === "postgres") log(`Escalations on the demo data: ${describeRun(await runJob(escalateJob, {}, { db: database.prisma, log }))}.`);
    }
  }
  const where = database.kind === "embedded" ? `embedded database in ${config.PGLITE_DATA_DIR}` : "Postgres";
  log(`Database ready (${where}, ${migrated.applied.length} migrations) in ${Math.round(performance.now() - started)} ms.`);
  if (database.kind === "embedded") await startEmbeddedJobs(database.prisma, log);
  // Once the job has opened the demo's escalations: a thread on one of them (an acknowledgement
  // with an action plan, and a comment), so the inbox shows one being handled.
  if (seeded) {
    try {
      log(`Demo escalation thread: ${await writeDemoEscalationThread(database.prisma)}.`);
    } catch (error) {
      log(`Demo escalation thread not written: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  // The embedded database must be closed cleanly; nothing else closes it on SIGTERM.
  const shutdown = async (signal: string) => {
    log(`${signal}: closing the database.`);
    stopEmbeddedJobs();
    await closeDatabase().catch((error: unknown) => console.error(error));
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}

/** The instrumentation entry: a server that cannot prepare stops with the reason. */
export async function startServer(): Promise<void> {
  try {
    await prepareServer();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    console.error("Persona Scorecard cannot start: fix the problem above and start it again.");
    process.exit(1);
  }
}
