import "server-only";
import type { PrismaClient } from "@/lib/db";
import { describeRun, escalateJob } from "./escalate";
import { scheduleDaily, type Scheduled } from "./in-process";
import { runJob } from "./job";

// On the embedded database the web server runs the background jobs itself (PGlite serves one
// connection; no worker process can share it): the escalation job once at start-up, so the demo
// shows escalations from the first page, then nightly at 02:00 UTC on a plain timer. On Postgres
// nothing runs here: `npm run jobs:escalate` (and the queue worker of the next slice) does it.

export const NIGHTLY_AT = { hourUtc: 2, minuteUtc: 0 } as const;

const holder = globalThis as unknown as { __personaScorecardJobs?: Scheduled };

export async function startEmbeddedJobs(db: PrismaClient, log: (message: string) => void): Promise<void> {
  if (holder.__personaScorecardJobs) return; // dev reloads: one schedule per process
  const ctx = { db, log };
  try {
    log(`Escalations: ${describeRun(await runJob(escalateJob, {}, ctx))}.`);
  } catch (error) {
    // A failed run must not keep the app from serving; the nightly run tries again.
    log(`Escalations: the start-up run failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  holder.__personaScorecardJobs = scheduleDaily(escalateJob, () => ({}), ctx, NIGHTLY_AT, (r) => log(`Escalations (nightly): ${describeRun(r)}.`));
}

export function stopEmbeddedJobs(): void {
  holder.__personaScorecardJobs?.stop();
  holder.__personaScorecardJobs = undefined;
}
