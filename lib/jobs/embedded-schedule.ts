import "server-only";
import type { PrismaClient } from "@/lib/db";
import { env } from "@/lib/env";
import { describeRun, escalateJob, utcToday } from "./escalate";
import { createSmtpMailer, smtpSettingsFromEnv, type Mailer } from "./email/mailer";
import { sendPendingEmails } from "./email/outbox";
import { scheduleDaily, type Scheduled } from "./in-process";
import { runJob } from "./job";
import { onPairRequests } from "./nudge";
import { drainPairRequests } from "./pair-drain";
import { describePrune, pruneJob } from "./prune";
import { describeReminders, runReminders } from "./reminders";

// On the embedded database the web server runs the background jobs itself (PGlite serves one
// connection; no worker process can share it): the escalation job and the reminders once at
// start-up, so the demo shows escalations from the first page, then nightly at 02:00 UTC
// (reminders at 06:00) on a plain timer; the pruning of old bookkeeping rows (prune.ts) at start-up
// and daily at 03:30 UTC; pair re-evaluations right after the value's commit (the
// nudge from save-measurement) and every minute, together with the e-mail outbox. On Postgres
// nothing runs here: `npm run worker` (lib/jobs/queue.ts) does it.

export const NIGHTLY_AT = { hourUtc: 2, minuteUtc: 0 } as const;
export const REMINDERS_AT = { hourUtc: 6, minuteUtc: 0 } as const;
export const PRUNE_AT = { hourUtc: 3, minuteUtc: 30 } as const;
const SWEEP_MS = 60_000;

interface Running {
  schedules: Scheduled[];
  sweep: NodeJS.Timeout;
  mailer: Mailer | null;
}

const holder = globalThis as unknown as { __personaScorecardJobs?: Running };

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function startEmbeddedJobs(db: PrismaClient, log: (message: string) => void): Promise<void> {
  if (holder.__personaScorecardJobs) return; // dev reloads: one schedule per process
  const config = env();
  const ctx = { db, log };
  const smtp = smtpSettingsFromEnv(config);
  const mailer = smtp ? createSmtpMailer(smtp) : null;
  if (!smtp) log("E-mail: SMTP is not configured (SMTP_URL or SMTP_HOST, and MAIL_FROM): notifications stay in-app, their e-mail copies are marked SKIPPED.");
  const reminders = () => runReminders(db, { today: utcToday(), graceDays: config.REMINDER_GRACE_DAYS });

  try {
    log(`Escalations: ${describeRun(await runJob(escalateJob, {}, ctx))}.`);
    log(`Reminders: ${describeReminders(await reminders())}.`);
    log(`Pruning: ${describePrune(await runJob(pruneJob, {}, ctx))}.`);
  } catch (error) {
    // A failed run must not keep the app from serving; the nightly run tries again.
    log(`Background jobs: the start-up run failed: ${message(error)}`);
  }

  // Pair re-evaluations and the outbox, one pass at a time; a nudge during a pass asks for another.
  let busy = false;
  let again = false;
  const pass = async () => {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      do {
        again = false;
        const drained = await drainPairRequests(db, { today: utcToday() });
        if (drained.requests > 0 && drained.opened + drained.raised + drained.resolved + drained.updated > 0) log(`Escalations (after value changes): ${describeRun(drained)}.`);
        await sendPendingEmails(db, mailer, { maxAttempts: config.EMAIL_MAX_ATTEMPTS, retrySeconds: config.EMAIL_RETRY_SECONDS, appUrl: config.NEXTAUTH_URL, log });
      } while (again);
    } catch (error) {
      log(`Background jobs: ${message(error)} (tried again within a minute)`);
    } finally {
      busy = false;
    }
  };
  onPairRequests(() => void pass());
  void pass();
  const sweep = setInterval(() => void pass(), SWEEP_MS);
  sweep.unref();

  holder.__personaScorecardJobs = {
    schedules: [
      scheduleDaily(escalateJob, () => ({}), ctx, NIGHTLY_AT, (r) => log(`Escalations (nightly): ${describeRun(r)}.`)),
      scheduleDaily(
        { name: "reminders.run", payload: escalateJob.payload, handler: () => reminders() },
        () => ({}),
        ctx,
        REMINDERS_AT,
        (r) => log(`Reminders (daily): ${describeReminders(r)}.`),
      ),
      scheduleDaily(pruneJob, () => ({}), ctx, PRUNE_AT, (r) => log(`Pruning (daily): ${describePrune(r)}.`)),
    ],
    sweep,
    mailer,
  };
}

export function stopEmbeddedJobs(): void {
  const running = holder.__personaScorecardJobs;
  if (!running) return;
  for (const s of running.schedules) s.stop();
  clearInterval(running.sweep);
  running.mailer?.close();
  onPairRequests(undefined);
  holder.__personaScorecardJobs = undefined;
}
