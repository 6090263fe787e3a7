import "server-only";
import PgBoss from "pg-boss";
import type { Pool } from "pg";
import type { PrismaClient } from "@/lib/db";
import { describeRun, escalateJob, evaluatePairsJob, utcToday } from "./escalate";
import type { PairRef } from "./escalation/run";
import { sendPendingEmails, type OutboxResult } from "./email/outbox";
import type { Mailer } from "./email/mailer";
import { runJob, type JobContext } from "./job";
import type { Logger } from "./logger";
import { describePrune, pruneJob } from "./prune";
import { describeReminders, runReminders } from "./reminders";

// The Postgres-backed queue: pg-boss 10 in the application's own database (its tables live in
// the `pgboss` schema, created by the first worker that starts). A worker:
//   - schedules the full escalation run, the reminders run and the pruning run (prune.ts) by cron
//     (ESCALATION_CRON, REMINDER_CRON, PRUNE_CRON in JOBS_TIMEZONE). Every worker registers the same schedules; pg-boss creates
//     one job per cron tick however many workers watch the clock, and the `singleton` queue policy
//     keeps two full runs from being active at once;
//   - every WORKER_POLL_SECONDS hands waiting PairEvaluationRequest rows to the
//     `escalation.evaluate-pair` queue: one transaction deletes them (FOR UPDATE SKIP LOCKED, so
//     workers never take the same rows) and inserts their jobs through pg-boss's `db` option on the
//     same connection, so a request is neither lost nor handed over twice. That queue is `stately`
//     with the pair as singleton key: at most one job waiting and one running per pair;
//   - then sends due e-mails from the outbox (email/outbox.ts, safe on several workers).
// Jobs that fail are retried by pg-boss with exponential backoff.

export const QUEUES = {
  evaluateAll: escalateJob.name,
  evaluatePair: evaluatePairsJob.name,
  reminders: "reminders.run",
  prune: pruneJob.name,
} as const;

export interface WorkerSettings {
  connectionString: string;
  db: PrismaClient;
  pool: Pool;
  logger: Logger;
  mailer: Mailer | null;
  escalationCron: string;
  reminderCron: string;
  pruneCron: string;
  timezone: string;
  graceDays: number;
  pollSeconds: number;
  email: { maxAttempts: number; retrySeconds: number; appUrl?: string };
  /** Schema of pg-boss's tables (default "pgboss"). */
  schema?: string;
}

export interface RunningWorker {
  boss: PgBoss;
  /** One hand-over and outbox pass now (tests; the timer calls it too). */
  tick(): Promise<{ handedOver: number; email: OutboxResult }>;
  stop(): Promise<void>;
}

export const pairKeyOf = (p: PairRef) => `${p.kpiId}|${p.personaId}`;

/** Moves up to `limit` waiting pair requests into the evaluate-pair queue, atomically. Returns how many requests it took. */
export async function handOverPairRequests(pool: Pool, boss: PgBoss, limit = 1000): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query<PairRef>(
      `DELETE FROM "PairEvaluationRequest" WHERE id IN (
         SELECT id FROM "PairEvaluationRequest" ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED
       ) RETURNING "kpiId", "personaId"`,
      [limit],
    );
    if (rows.length > 0) {
      const pairs = new Map(rows.map((p) => [pairKeyOf(p), { kpiId: p.kpiId, personaId: p.personaId }]));
      const jobs = [...pairs].map(([key, pair]) => ({ name: QUEUES.evaluatePair, data: { pairs: [pair] }, singletonKey: key }));
      await boss.insert(jobs, { db: { executeSql: (text: string, values: unknown[]) => client.query(text, values) } });
    }
    await client.query("COMMIT");
    return rows.length;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

export async function startWorker(settings: WorkerSettings): Promise<RunningWorker> {
  const { logger, db } = settings;
  const ctx: JobContext = { db, pool: settings.pool, writeConcurrency: 4, log: (message) => logger.info(message) };
  const boss = new PgBoss({ connectionString: settings.connectionString, schema: settings.schema ?? "pgboss", application_name: "persona-scorecard-worker", max: 4 });
  boss.on("error", (error) => logger.error({ err: error }, "pg-boss error"));
  await boss.start();

  const retry = { retryLimit: 5, retryDelay: 30, retryBackoff: true };
  await boss.createQueue(QUEUES.evaluateAll, { name: QUEUES.evaluateAll, policy: "singleton", ...retry, expireInSeconds: 3600 });
  await boss.createQueue(QUEUES.reminders, { name: QUEUES.reminders, policy: "singleton", ...retry, expireInSeconds: 900 });
  await boss.createQueue(QUEUES.prune, { name: QUEUES.prune, policy: "singleton", ...retry, expireInSeconds: 900 });
  await boss.createQueue(QUEUES.evaluatePair, { name: QUEUES.evaluatePair, policy: "stately", ...retry, expireInSeconds: 300 });

  await boss.schedule(QUEUES.evaluateAll, settings.escalationCron, {}, { tz: settings.timezone });
  await boss.schedule(QUEUES.reminders, settings.reminderCron, {}, { tz: settings.timezone });
  await boss.schedule(QUEUES.prune, settings.pruneCron, {}, { tz: settings.timezone });

  await boss.work<{ today?: string }>(QUEUES.evaluateAll, async ([job]) => {
    if (!job) return;
    const result = await runJob(escalateJob, job.data ?? {}, ctx);
    logger.info({ job: job.id, ...result }, `Escalations (full run): ${describeRun(result)}`);
  });
  await boss.work<{ today?: string }>(QUEUES.reminders, async ([job]) => {
    if (!job) return;
    const result = await runReminders(db, { today: job.data?.today ?? utcToday(), graceDays: settings.graceDays });
    logger.info({ job: job.id, ...result }, `Reminders: ${describeReminders(result)}`);
  });
  await boss.work<{ now?: string }>(QUEUES.prune, async ([job]) => {
    if (!job) return;
    const result = await runJob(pruneJob, job.data ?? {}, ctx);
    logger.info({ job: job.id, ...result }, `Pruning: ${describePrune(result)}`);
  });
  await boss.work<{ pairs: PairRef[] }>(QUEUES.evaluatePair, { batchSize: 100, pollingIntervalSeconds: 2 }, async (jobs) => {
    const pairs = jobs.flatMap((j) => j.data.pairs);
    const result = await runJob(evaluatePairsJob, { pairs }, ctx);
    logger.info({ jobs: jobs.length, ...result }, `Escalations (re-evaluated ${pairs.length} pair(s)): ${describeRun(result)}`);
  });

  const tick = async () => {
    const handedOver = await handOverPairRequests(settings.pool, boss);
    if (handedOver > 0) logger.info({ handedOver }, `Queued ${handedOver} pair re-evaluation request(s).`);
    const email = await sendPendingEmails(db, settings.mailer, { ...settings.email, log: (m) => logger.warn(m) });
    if (email.sent + email.retrying + email.failed + email.skipped > 0) logger.info(email, `E-mail: sent ${email.sent}, retrying ${email.retrying}, failed ${email.failed}, skipped ${email.skipped}`);
    return { handedOver, email };
  };

  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick()
        .catch((error: unknown) => logger.error({ err: error }, "Worker tick failed; trying again at the next one"))
        .finally(arm);
    }, settings.pollSeconds * 1000);
  };
  arm();
  logger.info(
    { escalationCron: settings.escalationCron, reminderCron: settings.reminderCron, pruneCron: settings.pruneCron, timezone: settings.timezone, pollSeconds: settings.pollSeconds, email: settings.mailer?.describe ?? null },
    "Worker started",
  );
  return {
    boss,
    tick,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
      settings.mailer?.close();
    },
  };
}
