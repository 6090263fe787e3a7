import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { saveMeasurement } from "@/lib/commands";
import { getDatabase, getDb } from "@/lib/db";
import { utcToday } from "@/lib/jobs/escalate";
import { lastCompletePeriod } from "@/lib/jobs/escalation/evaluate";
import { createLogger } from "@/lib/jobs/logger";
import { pendingPairRequests } from "@/lib/jobs/pair-requests";
import { QUEUES, startWorker, type RunningWorker } from "@/lib/jobs/queue";
import { previousPeriod } from "@/lib/scoring";
import { actorOf, makeUser } from "../commands/fixtures";
import { makeKpi, makePersona, makeTarget, measure } from "../../helpers/factories";

// The pg-boss worker (Postgres only: pg-boss needs a real Postgres with several connections; the
// embedded database runs the same jobs in-process instead). Two workers share one queue: a value
// save's request is handed to the evaluate-pair queue by exactly one of them and the pair's
// escalation opens; the cron schedules are registered once; a full run sent to the queue runs.

const onPglite = !process.env.TEST_DATABASE_URL;
const workers: RunningWorker[] = [];
let owner: Actor;
let kpiId: string;
let personaId: string;
const today = utcToday();
const lastMonth = lastCompletePeriod("MONTHLY", today);
const monthBefore = previousPeriod(lastMonth, "MONTHLY");

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 60_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - started > ms) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function start(): Promise<RunningWorker> {
  const database = await getDatabase();
  const worker = await startWorker({
    connectionString: process.env.DATABASE_URL!,
    db: database.prisma,
    pool: database.pool,
    logger: createLogger("silent"),
    mailer: null,
    escalationCron: "15 3 * * *",
    reminderCron: "30 6 * * 1-5",
    pruneCron: "45 4 * * *",
    timezone: "UTC",
    graceDays: 10,
    pollSeconds: 3600, // the test ticks by hand
    email: { maxAttempts: 3, retrySeconds: 60 },
  });
  workers.push(worker);
  return worker;
}

beforeAll(async () => {
  if (onPglite) return;
  const db = await getDb();
  owner = actorOf(await makeUser({ role: "KPI_OWNER" }));
  const scorecard = await db.scorecard.create({ data: { slug: "queue", name: "Queue", escalationStreakLength: 2 } });
  const perspective = await db.perspective.create({ data: { scorecardId: scorecard.id, name: "Customer", order: 1 } });
  const kpi = await makeKpi("QUEUE-1", perspective.id, { direction: "HIGHER_IS_BETTER", weight: 1 });
  await db.kpi.update({ where: { id: kpi.id }, data: { ownerId: owner.id, unit: "PERCENT" } });
  kpiId = kpi.id;
  await makeTarget(kpi.id, "2020-01-01", { red: 50, green: 70, target: 80 });
  personaId = (await makePersona("queue-1", "Queue", "ACTIVE", 1)).id;
  await measure(kpiId, personaId, monthBefore, 40);
}, 120_000);

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
});

describe.skipIf(onPglite)("pg-boss worker (Postgres only: the embedded database runs the jobs in-process)", () => {
  it("two workers: the save's request is handed over once, and the pair's escalation opens", async () => {
    const [a, b] = [await start(), await start()];
    const saved = await saveMeasurement(owner, { kpiId, personaId, period: lastMonth, value: "40", comment: "Red again" });
    expect(saved.ok).toBe(true);
    const db = await getDb();
    expect(await pendingPairRequests(db)).toEqual([{ kpiId, personaId }]);

    const [ta, tb] = await Promise.all([a.tick(), b.tick()]);
    expect(ta.handedOver + tb.handedOver).toBe(1);
    expect(await pendingPairRequests(db)).toEqual([]);

    const escalation = await until("the escalation", () => db.escalation.findFirst({ where: { kpiId, personaId, status: "OPEN" } }));
    expect(escalation).toMatchObject({ level: 1, streakLength: 2 });
    const jobs = await db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM (SELECT id FROM pgboss.job WHERE name = $1 UNION ALL SELECT id FROM pgboss.archive WHERE name = $1) j`,
      QUEUES.evaluatePair,
    );
    expect(jobs[0]!.n).toBe(1);
    // Without SMTP settings the notification's e-mail copy is SKIPPED at the next tick.
    await a.tick();
    expect(await db.notification.findMany({ select: { emailStatus: true } })).toEqual([{ emailStatus: "SKIPPED" }]);
  });

  it("registers the cron schedules once, whatever the number of workers", async () => {
    const db = await getDb();
    const schedules = await db.$queryRawUnsafe<{ name: string; cron: string; timezone: string }[]>(`SELECT name, cron, timezone FROM pgboss.schedule ORDER BY name`);
    expect(schedules).toEqual([
      { name: QUEUES.evaluateAll, cron: "15 3 * * *", timezone: "UTC" },
      { name: QUEUES.prune, cron: "45 4 * * *", timezone: "UTC" },
      { name: QUEUES.reminders, cron: "30 6 * * 1-5", timezone: "UTC" },
    ]);
  });

  it("a full run sent to the queue is done by one worker and changes nothing more", async () => {
    const db = await getDb();
    const boss = workers[0]!.boss;
    const id = await boss.send(QUEUES.evaluateAll, {});
    expect(id).not.toBeNull();
    const job = await until("the full run", async () => {
      const j = await boss.getJobById(QUEUES.evaluateAll, id!);
      return j && (j.state === "completed" || j.state === "failed") ? j : null;
    });
    expect(job.state).toBe("completed");
    expect(await db.escalation.count()).toBe(1);
    expect(await db.auditEvent.count({ where: { entityType: "Escalation" } })).toBe(1);
  });
});
