import { Writable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { THROTTLE_LOOKBACK_MS } from "@/lib/auth/throttle";
import { getDatabase, getDb } from "@/lib/db";
import { startEmbeddedJobs, stopEmbeddedJobs } from "@/lib/jobs/embedded-schedule";
import { runJob } from "@/lib/jobs/job";
import { createLogger } from "@/lib/jobs/logger";
import { describePrune, pruneJob } from "@/lib/jobs/prune";
import { QUEUES, startWorker, type RunningWorker } from "@/lib/jobs/queue";
import { makeUser } from "../commands/fixtures";

// The pruning job: sign-in attempts older than the throttle's look-back, idempotency keys older
// than 24 hours and rate-limit rows whose window ended go; recent ones stay. Through the job
// definition, then through each runner as deployed: the embedded database's start-up run
// (in-process) and the pg-boss worker's queue (Postgres), checking the counts each prints.

const onPglite = !process.env.TEST_DATABASE_URL;
const MIN = 60_000;
const HOUR = 60 * MIN;
const EXPECTED = "deleted 2 old sign-in attempt(s), 1 expired idempotency key(s), 1 ended rate-limit window(s)";
let workers: RunningWorker[] = [];

/** Two old and two recent rows of each kind of sign-in attempt, one old and one recent key and rate-limit row. */
async function seedRows(now: Date): Promise<{ recent: { attempts: string[]; keys: string[]; tokens: string[] } }> {
  const db = await getDb();
  const at = (ms: number) => new Date(now.getTime() - ms);
  const attempts = [
    { email: "guess@example.test", succeeded: false, createdAt: at(THROTTLE_LOOKBACK_MS + MIN) },
    { email: "typo@example.test", succeeded: false, createdAt: at(2 * 24 * HOUR) },
    { email: "guess@example.test", succeeded: false, createdAt: at(5 * MIN) },
    { email: "guess@example.test", succeeded: true, createdAt: at(THROTTLE_LOOKBACK_MS - MIN) },
  ];
  const created = [];
  for (const a of attempts) created.push(await db.signInAttempt.create({ data: a }));
  const user = await makeUser({ role: "ANALYST" });
  const token = (n: string) => db.apiToken.create({ data: { userId: user.id, name: n, tokenHash: `hash-${n}-${Math.random()}`, prefix: n } });
  const [oldToken, newToken] = [await token("old"), await token("new")];
  await db.idempotencyKey.create({ data: { userId: user.id, tokenId: oldToken.id, key: `old-${Math.random()}`, requestHash: "x", status: 201, createdAt: at(25 * HOUR) } });
  const newKey = await db.idempotencyKey.create({ data: { userId: user.id, tokenId: newToken.id, key: `new-${Math.random()}`, requestHash: "x", status: 201, createdAt: at(HOUR) } });
  // Rate-limit windows by the database clock, as the limiter writes them.
  await db.$executeRaw`INSERT INTO "ApiRateLimit" ("tokenId", "windowStart", count) VALUES
    (${oldToken.id}, (now() AT TIME ZONE 'UTC') - interval '1 day', 7),
    (${newToken.id}, (now() AT TIME ZONE 'UTC') - interval '10 seconds', 3)`;
  return { recent: { attempts: created.slice(2).map((a) => a.id), keys: [newKey.id], tokens: [newToken.id] } };
}

async function remaining() {
  const db = await getDb();
  return {
    attempts: (await db.signInAttempt.findMany({ select: { id: true }, orderBy: { createdAt: "desc" } })).map((r) => r.id),
    keys: (await db.idempotencyKey.findMany({ select: { id: true } })).map((r) => r.id),
    tokens: (await db.apiRateLimit.findMany({ select: { tokenId: true } })).map((r) => r.tokenId),
  };
}

async function wipe() {
  const db = await getDb();
  await db.signInAttempt.deleteMany({});
  await db.idempotencyKey.deleteMany({});
  await db.apiRateLimit.deleteMany({});
}

afterAll(async () => {
  stopEmbeddedJobs();
  await Promise.all(workers.map((w) => w.stop()));
  workers = [];
});

describe("pruning of old bookkeeping rows", () => {
  it("deletes the old rows and keeps the recent ones (the job definition)", async () => {
    const now = new Date();
    const { recent } = await seedRows(now);
    const db = await getDb();
    const result = await runJob(pruneJob, { now: now.toISOString() }, { db, log: () => {} });
    expect(result).toMatchObject({ signInAttempts: 2, idempotencyKeys: 1, apiRateLimits: 1 });
    expect(describePrune(result)).toContain(EXPECTED);
    const left = await remaining();
    expect(left.attempts.sort()).toEqual([...recent.attempts].sort());
    expect(left.keys).toEqual(recent.keys);
    expect(left.tokens).toEqual(recent.tokens);
    // Nothing left to prune: a second run deletes nothing.
    expect(await runJob(pruneJob, { now: now.toISOString() }, { db, log: () => {} })).toMatchObject({ signInAttempts: 0, idempotencyKeys: 0, apiRateLimits: 0 });
    await expect(runJob(pruneJob, { now: "yesterday" }, { db, log: () => {} })).rejects.toThrow(/Invalid payload for job maintenance.prune: now/);
    await wipe();
  });

  it.skipIf(!onPglite)("runs in the embedded database's schedule at start-up and prints its counts", async () => {
    const { recent } = await seedRows(new Date());
    const lines: string[] = [];
    await startEmbeddedJobs(await getDb(), (message) => lines.push(message));
    stopEmbeddedJobs();
    expect(lines.filter((l) => l.startsWith("Pruning:"))).toEqual([expect.stringContaining(`Pruning: ${EXPECTED}`)]);
    expect((await remaining()).keys).toEqual(recent.keys);
    await wipe();
  });

  it.skipIf(onPglite)("runs on the pg-boss queue (scheduled by PRUNE_CRON) and logs its counts", async () => {
    const { recent } = await seedRows(new Date());
    const logged: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString("utf8").split("\n").filter(Boolean)) logged.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    const database = await getDatabase();
    const worker = await startWorker({
      connectionString: process.env.DATABASE_URL!,
      db: database.prisma,
      pool: database.pool,
      logger: createLogger("info", sink),
      mailer: null,
      escalationCron: "15 3 * * *",
      reminderCron: "30 6 * * *",
      pruneCron: "45 4 * * *",
      timezone: "UTC",
      graceDays: 10,
      pollSeconds: 3600,
      email: { maxAttempts: 3, retrySeconds: 60 },
    });
    workers.push(worker);
    const schedules = await database.pool.query(`SELECT name, cron FROM pgboss.schedule WHERE name = $1`, [QUEUES.prune]);
    expect(schedules.rows).toEqual([{ name: "maintenance.prune", cron: "45 4 * * *" }]);

    const id = await worker.boss.send(QUEUES.prune, {});
    const started = Date.now();
    let state: string | undefined;
    while (Date.now() - started < 60_000) {
      state = (await worker.boss.getJobById(QUEUES.prune, id!))?.state;
      if (state === "completed" || state === "failed") break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(state).toBe("completed");
    const line = logged.find((l) => String(l.msg).startsWith("Pruning:"));
    expect(String(line?.msg)).toContain(EXPECTED);
    expect(line).toMatchObject({ signInAttempts: 2, idempotencyKeys: 1, apiRateLimits: 1 });
    expect((await remaining()).tokens).toEqual(recent.tokens);
  }, 120_000);
});
