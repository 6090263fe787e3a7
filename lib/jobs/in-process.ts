import "server-only";
import type { z } from "zod";
import { runJob, type JobContext, type JobDefinition } from "./job";

// The in-process runner for the embedded database (PGlite serves one connection, so a separate
// worker process cannot share it): runs a job every day at a fixed UTC time with a plain timer.
// On Postgres the pg-boss worker (queue.ts, `npm run worker`) runs the same job definitions by cron,
// with retries and several workers.

export interface DailySchedule {
  /** Hour and minute of the day, UTC. */
  hourUtc: number;
  minuteUtc?: number;
}

/** Milliseconds from `now` to the next `hourUtc:minuteUtc` (tomorrow when that time has passed today). */
export function msUntilNext(now: Date, schedule: DailySchedule): number {
  const next = new Date(now);
  next.setUTCHours(schedule.hourUtc, schedule.minuteUtc ?? 0, 0, 0);
  if (next.getTime() <= now.getTime()) next.setUTCDate(next.getUTCDate() + 1);
  return next.getTime() - now.getTime();
}

export interface Scheduled {
  stop(): void;
}

/**
 * Runs the job every day at the scheduled time. A run that fails is logged and the schedule goes
 * on; runs never overlap (the next is timed when one finishes). The timer does not keep the process alive.
 */
export function scheduleDaily<S extends z.ZodType, R>(
  job: JobDefinition<S, R>,
  payload: () => z.input<S>,
  ctx: JobContext,
  schedule: DailySchedule,
  onDone: (result: R) => void = () => {},
): Scheduled {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const arm = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      runJob(job, payload(), ctx)
        .then(onDone)
        .catch((error: unknown) => ctx.log(`Job ${job.name} failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(arm);
    }, msUntilNext(new Date(), schedule));
    timer.unref();
  };
  arm();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
