import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { msUntilNext, scheduleDaily } from "@/lib/jobs/in-process";
import { defineJob, runJob } from "@/lib/jobs/job";
import type { PrismaClient } from "@/lib/db";

// The job seam and the embedded runner's timer, with fake timers (no database).

const ctx = { db: {} as PrismaClient, log: () => {} };

afterEach(() => {
  vi.useRealTimers();
});

describe("defineJob / runJob", () => {
  it("validates the payload before the handler runs", async () => {
    const job = defineJob({ name: "test.echo", payload: z.object({ n: z.number().int() }), handler: async ({ n }) => n * 2 });
    expect(await runJob(job, { n: 2 }, ctx)).toBe(4);
    await expect(runJob(job, { n: "x" }, ctx)).rejects.toThrow(/Invalid payload for job test.echo: n /);
  });
});

describe("msUntilNext", () => {
  it("waits for today's time when it is still ahead, else tomorrow's", () => {
    expect(msUntilNext(new Date("2026-11-30T01:00:00Z"), { hourUtc: 2 })).toBe(3_600_000);
    expect(msUntilNext(new Date("2026-11-30T02:00:00Z"), { hourUtc: 2 })).toBe(24 * 3_600_000);
    expect(msUntilNext(new Date("2026-12-31T23:30:00Z"), { hourUtc: 2, minuteUtc: 15 })).toBe(2.75 * 3_600_000);
  });
});

describe("scheduleDaily", () => {
  it("runs the job at the time every day, goes on after a failure, and stops", async () => {
    vi.useFakeTimers({ now: new Date("2026-11-30T12:00:00Z") });
    const runs: string[] = [];
    const job = defineJob({
      name: "test.nightly",
      payload: z.object({}),
      handler: async () => {
        runs.push(new Date().toISOString());
        if (runs.length === 1) throw new Error("boom");
        return runs.length;
      },
    });
    const logs: string[] = [];
    const done: number[] = [];
    const scheduled = scheduleDaily(job, () => ({}), { ...ctx, log: (m) => logs.push(m) }, { hourUtc: 2 }, (n) => done.push(n));
    await vi.advanceTimersByTimeAsync(14 * 3_600_000);
    await vi.advanceTimersByTimeAsync(24 * 3_600_000);
    expect(runs).toEqual(["2026-12-01T02:00:00.000Z", "2026-12-02T02:00:00.000Z"]);
    expect(logs).toEqual(["Job test.nightly failed: boom"]);
    expect(done).toEqual([2]);
    scheduled.stop();
    await vi.advanceTimersByTimeAsync(48 * 3_600_000);
    expect(runs).toHaveLength(2);
  });
});

describe("escalateJob", () => {
  it("takes an optional real date as today", { timeout: 60_000 }, async () => {
    const { escalateJob } = await import("@/lib/jobs/escalate");
    expect(escalateJob.payload.safeParse({}).success).toBe(true);
    expect(escalateJob.payload.safeParse({ today: "2026-11-05" }).success).toBe(true);
    expect(escalateJob.payload.safeParse({ today: "2026-02-31" }).success).toBe(false);
    expect(escalateJob.payload.safeParse({ today: "05/11/2026" }).success).toBe(false);
  });
});
