// npm run worker — a job worker on the Postgres of DATABASE_URL (pg-boss 10; see lib/jobs/queue.ts):
// the nightly full escalation run, the reminders and the pruning of old bookkeeping rows by cron, pair re-evaluations after value
// changes, and the e-mail outbox. Start as many as you like, on as many machines: they share the
// queue. Logs are pino JSON lines on stdout. Stops cleanly on SIGTERM / SIGINT (finishes the jobs
// in hand). No Next.js imports. The embedded database needs no worker: the app runs the jobs itself.
import { closeDatabase, getDatabase } from "@/lib/db";
import { applyMigrations } from "@/lib/db/migrate";
import { env } from "@/lib/env";
import { createSmtpMailer, smtpSettingsFromEnv } from "@/lib/jobs/email/mailer";
import { createLogger } from "@/lib/jobs/logger";
import { startWorker } from "@/lib/jobs/queue";

const logger = createLogger(process.env.LOG_LEVEL || "info");

try {
  const config = env();
  if (!config.DATABASE_URL) {
    logger.error("npm run worker needs DATABASE_URL (a Postgres server). On the embedded database the app runs its jobs itself: start it with npm start.");
    process.exit(1);
  }
  const database = await getDatabase();
  const migrations = await applyMigrations(database.pool);
  if (migrations.newlyApplied.length > 0) logger.info({ migrations: migrations.newlyApplied }, "Applied migrations");
  const smtp = smtpSettingsFromEnv(config);
  if (!smtp) logger.warn("SMTP is not configured (SMTP_URL or SMTP_HOST, and MAIL_FROM): notifications stay in-app and their e-mail copies are marked SKIPPED.");
  const worker = await startWorker({
    connectionString: config.DATABASE_URL,
    db: database.prisma,
    pool: database.pool,
    logger,
    mailer: smtp ? createSmtpMailer(smtp) : null,
    escalationCron: config.ESCALATION_CRON,
    reminderCron: config.REMINDER_CRON,
    pruneCron: config.PRUNE_CRON,
    timezone: config.JOBS_TIMEZONE,
    graceDays: config.REMINDER_GRACE_DAYS,
    pollSeconds: config.WORKER_POLL_SECONDS,
    email: { maxAttempts: config.EMAIL_MAX_ATTEMPTS, retrySeconds: config.EMAIL_RETRY_SECONDS, appUrl: config.NEXTAUTH_URL },
  });
  const shutdown = (signal: string) => {
    logger.info(`${signal}: stopping after the jobs in hand.`);
    worker
      .stop()
      .then(() => closeDatabase())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, "Stopping failed");
        process.exit(1);
      });
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
} catch (error) {
  logger.error({ err: error }, error instanceof Error ? error.message : String(error));
  await closeDatabase().catch(() => {});
  process.exit(1);
}
