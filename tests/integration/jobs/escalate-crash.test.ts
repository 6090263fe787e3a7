import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, getDb } from "@/lib/db";
import { runEscalations } from "@/lib/jobs/escalate";
import { makeKpi, makePersona, makeTarget, measure } from "../../helpers/factories";
import { makeUser } from "../commands/fixtures";

// Crash safety and concurrency of the full run, with the job in real child processes:
//   - a run SIGKILLed half-way (after some of its decisions were written), then run again,
//     ends in exactly the state a clean run gives: same escalations, one audit event and one
//     set of notifications each, nothing duplicated or half-written;
//   - two runs in two processes at once (Postgres only: the embedded database serves one
//     connection, so a second process could not connect; in-process concurrency is tested on
//     both in escalate-demo.test.ts) write each escalation once.

const TODAY = "2026-11-05";
const PERSONAS = 15;
const KPIS = 2;
const KILL_AFTER = 5;
const onPglite = !process.env.TEST_DATABASE_URL;

/** A full run in a child process; with `holdAfterOpenings`, it holds still after that many openings until killed. */
function child(holdAfterOpenings?: number): { process: ChildProcess; lines: string[]; done: Promise<number | null> } {
  const script = path.join(import.meta.dirname, "child", "escalate.ts");
  // `node --import tsx`, not the tsx CLI: the CLI runs the script in a grandchild that a SIGKILL would orphan.
  const args = ["--import", "tsx", "--conditions=react-server", script, TODAY, ...(holdAfterOpenings ? [String(holdAfterOpenings)] : [])];
  const proc = spawn(process.execPath, args, {
    env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL, DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines: string[] = [];
  let buffer = "";
  proc.stdout!.on("data", (chunk: Buffer) => {
    buffer += chunk.toString("utf8");
    const parts = buffer.split("\n");
    buffer = parts.pop() ?? "";
    lines.push(...parts);
  });
  const done = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
  return { process: proc, lines, done };
}

async function state() {
  const db = await getDb();
  const rows = await db.escalation.findMany({
    include: { kpi: { select: { code: true } }, persona: { select: { slug: true } }, notifications: { select: { kind: true, userId: true } } },
  });
  const audits = await db.auditEvent.groupBy({ by: ["entityId", "action"], where: { entityType: "Escalation" }, _count: { _all: true } });
  const auditsOf = (id: string) => audits.filter((a) => a.entityId === id).map((a) => `${a.action} x${a._count._all}`).sort();
  return rows
    .map((e) => ({
      pair: `${e.kpi.code} ${e.persona.slug}`,
      status: e.status,
      level: e.level,
      streakLength: e.streakLength,
      first: e.firstBreachedPeriod.toISOString().slice(0, 10),
      last: e.lastBreachedPeriod.toISOString().slice(0, 10),
      notifications: e.notifications.map((n) => `${n.kind} ${n.userId}`).sort(),
      audits: auditsOf(e.id),
    }))
    .sort((a, b) => a.pair.localeCompare(b.pair));
}

async function wipe() {
  const db = await getDb();
  await db.notification.deleteMany({});
  await db.auditEvent.deleteMany({ where: { entityType: "Escalation" } });
  await db.escalation.deleteMany({});
}

beforeAll(async () => {
  const db = await getDb();
  const owner = await makeUser({ role: "KPI_OWNER" });
  const scorecard = await db.scorecard.create({ data: { slug: "crash", name: "Crash", escalationStreakLength: 2 } });
  const perspective = await db.perspective.create({ data: { scorecardId: scorecard.id, name: "Customer", order: 1 } });
  const personas = [];
  for (let i = 0; i < PERSONAS; i++) personas.push((await makePersona(`crash-${String(i).padStart(2, "0")}`, `Crash ${i}`, "ACTIVE", 1)).id);
  for (let k = 0; k < KPIS; k++) {
    const kpi = await makeKpi(`CRASH-${k}`, perspective.id, { direction: "HIGHER_IS_BETTER", weight: 1 });
    await db.kpi.update({ where: { id: kpi.id }, data: { ownerId: owner.id } });
    await makeTarget(kpi.id, "2024-01-01", { red: 50, green: 70, target: 80 });
    // Every pair RED for 2 to 4 months: openings at level 1, and at level 2 (objective owner) for some.
    for (const [i, p] of personas.entries()) {
      const months = ["2026-10-01", "2026-09-01", "2026-08-01", "2026-07-01"].slice(0, 2 + (i % 3));
      for (const m of months) await measure(kpi.id, p, m, 40);
    }
  }
}, 120_000);

describe("the full escalation run in child processes", () => {
  it("killed half-way (SIGKILL) then run again, converges to the state of a clean run", async () => {
    await closeDatabase(); // the embedded database serves one connection: let the child have it
    // The child holds after its 5th opening (committed and reported), so the kill lands half-way
    // whatever the machine's load.
    const killed = child(KILL_AFTER);
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (killed.lines.filter((l) => l === "open").length >= KILL_AFTER) {
          clearInterval(timer);
          killed.process.kill("SIGKILL");
          resolve();
        } else if (killed.lines.some((l) => l.startsWith("DONE")) || killed.process.exitCode !== null) {
          clearInterval(timer);
          reject(new Error(`The child finished before it could be killed: ${killed.lines.join(" | ")}`));
        }
      }, 5);
    });
    await killed.done;
    expect(killed.lines.some((l) => l.startsWith("DONE"))).toBe(false);

    const db = await getDb();
    const partial = await db.escalation.count();
    expect(partial).toBe(KILL_AFTER);

    const rerun = await runEscalations(db, { today: TODAY });
    expect(rerun.opened).toBe(PERSONAS * KPIS - partial);
    const recovered = await state();
    expect(recovered).toHaveLength(PERSONAS * KPIS);
    for (const e of recovered) expect(e.audits).toEqual(["escalation.open x1"]);

    await wipe();
    expect(await runEscalations(await getDb(), { today: TODAY })).toMatchObject({ opened: PERSONAS * KPIS });
    expect(recovered).toEqual(await state());
  }, 180_000);

  it.skipIf(onPglite)("two runs in two processes at once write each escalation once (Postgres only: PGlite serves one connection)", async () => {
    await wipe();
    const clean = await (async () => {
      await runEscalations(await getDb(), { today: TODAY });
      const s = await state();
      await wipe();
      return s;
    })();
    const [a, b] = [child(), child()];
    expect(await Promise.all([a.done, b.done])).toEqual([0, 0]);
    const results = [a, b].map((c) => JSON.parse(c.lines.find((l) => l.startsWith("DONE"))!.slice(5)) as { opened: number; raised: number });
    expect(results[0]!.opened + results[1]!.opened).toBe(PERSONAS * KPIS);
    expect(await state()).toEqual(clean);
  }, 180_000);
});
