import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { runEscalations } from "@/lib/jobs/escalate";
import { makeKpi, makePersona, makeTarget, measure } from "../../helpers/factories";

// One escalation's life on a hand-built scorecard with N = 2, the job run as months close:
// open at 2 RED months, raise at 4 (objective owner told), update at 5, raise at 6 (executives
// told), resolve when a month is back out of RED, and a new escalation for the next streak.
// A month without a value neither counts nor breaks the streak. DRAFT personas and PROPOSED
// KPIs are never judged.

let kpiId: string;
let personaId: string;
const users: Record<"owner" | "objectiveOwner" | "exec" | "analyst", string> = { owner: "", objectiveOwner: "", exec: "", analyst: "" };

async function user(key: keyof typeof users, role: "KPI_OWNER" | "EXECUTIVE" | "ANALYST") {
  const db = await getDb();
  users[key] = (await db.user.create({ data: { email: `${key}@test.test`, name: key, role } })).id;
}

async function run(today: string) {
  const { opened, raised, updated, resolved, unchanged } = await runEscalations(await getDb(), { today });
  return { opened, raised, updated, resolved, unchanged };
}

async function escalations() {
  const db = await getDb();
  const rows = await db.escalation.findMany({ where: { kpiId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map((e) => ({
    status: e.status,
    level: e.level,
    streakLength: e.streakLength,
    first: e.firstBreachedPeriod.toISOString().slice(0, 10),
    last: e.lastBreachedPeriod.toISOString().slice(0, 10),
    resolvedPeriod: e.resolvedPeriod?.toISOString().slice(0, 10) ?? null,
  }));
}

/** Recipients of the notifications written since the last call, by kind. */
let seen = 0;
async function newNotifications() {
  const db = await getDb();
  const rows = await db.notification.findMany({ orderBy: [{ createdAt: "asc" }, { userId: "asc" }] });
  const fresh = rows.slice(seen);
  seen = rows.length;
  const name = Object.fromEntries(Object.entries(users).map(([k, v]) => [v, k]));
  return fresh.map((n) => `${n.kind} -> ${name[n.userId]}`).sort();
}

const RED = 40;
const GREEN = 75;

beforeAll(async () => {
  const db = await getDb();
  await user("owner", "KPI_OWNER");
  await user("objectiveOwner", "KPI_OWNER");
  await user("exec", "EXECUTIVE");
  await user("analyst", "ANALYST");
  const scorecard = await db.scorecard.create({ data: { slug: "life", name: "Life", escalationStreakLength: 2 } });
  const perspective = await db.perspective.create({ data: { scorecardId: scorecard.id, name: "Customer", order: 1 } });
  const objective = await db.strategicObjective.create({ data: { perspectiveId: perspective.id, title: "Keep them", ownerId: users.objectiveOwner } });
  const kpi = await makeKpi("LIFE", perspective.id, { direction: "HIGHER_IS_BETTER", weight: 1, objectiveId: objective.id });
  await db.kpi.update({ where: { id: kpi.id }, data: { ownerId: users.owner } });
  kpiId = kpi.id;
  await makeTarget(kpi.id, "2024-01-01", { red: 50, green: 70, target: 80 });
  personaId = (await makePersona("p-active", "Active", "ACTIVE", 1)).id;

  // Never judged: a DRAFT persona's and a PROPOSED KPI's RED values.
  const draft = await makePersona("p-draft", "Draft", "DRAFT", 2);
  const proposed = await makeKpi("LIFE-PROPOSED", perspective.id, { direction: "HIGHER_IS_BETTER", weight: 1, status: "PROPOSED" });
  await makeTarget(proposed.id, "2024-01-01", { red: 50, green: 70, target: 80 });
  for (const month of ["2025-01-01", "2025-02-01", "2025-03-01"]) {
    await measure(kpi.id, draft.id, month, RED);
    await measure(proposed.id, personaId, month, RED);
  }
});

describe("an escalation from opening to resolution", () => {
  it("opens at N RED months, assigned to the KPI owner, who alone is told", async () => {
    await measure(kpiId, personaId, "2025-01-01", RED);
    expect(await run("2025-02-03")).toMatchObject({ opened: 0 });
    await measure(kpiId, personaId, "2025-02-01", RED);
    expect(await run("2025-03-03")).toEqual({ opened: 1, raised: 0, updated: 0, resolved: 0, unchanged: 0 });
    expect(await escalations()).toEqual([{ status: "OPEN", level: 1, streakLength: 2, first: "2025-01-01", last: "2025-02-01", resolvedPeriod: null }]);
    expect(await newNotifications()).toEqual(["escalation.opened -> owner"]);
    const db = await getDb();
    expect((await db.escalation.findFirstOrThrow({ where: { kpiId } })).assigneeId).toBe(users.owner);
  });

  it("updates the streak silently, raises at 2N telling the objective's owner, and at 3N the executives", async () => {
    await measure(kpiId, personaId, "2025-03-01", RED);
    expect(await run("2025-04-03")).toMatchObject({ updated: 1, raised: 0 });
    expect(await newNotifications()).toEqual([]);

    // Two runs at once: one raises, the other finds the row changed under it, re-reads and converges.
    await measure(kpiId, personaId, "2025-04-01", RED);
    const db = await getDb();
    const both = await Promise.all([runEscalations(db, { today: "2025-05-03" }), runEscalations(db, { today: "2025-05-03" })]);
    expect(both.map((r) => r.raised).sort()).toEqual([0, 1]);
    expect(both.map((r) => r.converged + r.unchanged).sort()).toEqual([0, 1]);
    expect(await newNotifications()).toEqual(["escalation.raised -> objectiveOwner", "escalation.raised -> owner"]);

    // May never reported: it neither counts nor breaks the streak.
    await measure(kpiId, personaId, "2025-06-01", RED);
    expect(await run("2025-07-03")).toMatchObject({ updated: 1, raised: 0 });
    await measure(kpiId, personaId, "2025-07-01", RED);
    expect(await run("2025-08-03")).toMatchObject({ raised: 1 });
    expect(await newNotifications()).toEqual(["escalation.raised -> exec", "escalation.raised -> objectiveOwner", "escalation.raised -> owner"]);
    expect(await escalations()).toEqual([{ status: "OPEN", level: 3, streakLength: 6, first: "2025-01-01", last: "2025-07-01", resolvedPeriod: null }]);
    expect(await run("2025-08-20")).toMatchObject({ opened: 0, raised: 0, updated: 0, resolved: 0 });
  });

  it("resolves when the latest reported month is out of RED, recording that month", async () => {
    await measure(kpiId, personaId, "2025-08-01", GREEN);
    expect(await run("2025-09-03")).toMatchObject({ resolved: 1 });
    const [resolved] = await escalations();
    expect(resolved).toMatchObject({ status: "RESOLVED", level: 3, resolvedPeriod: "2025-08-01" });
    const db = await getDb();
    expect((await db.escalation.findFirstOrThrow({ where: { kpiId } })).resolvedAt).not.toBeNull();
    expect(await newNotifications()).toEqual([]);
  });

  it("opens a new escalation for the next streak, and a run after that changes nothing", async () => {
    await measure(kpiId, personaId, "2025-09-01", RED);
    await measure(kpiId, personaId, "2025-10-01", RED);
    expect(await run("2025-11-03")).toMatchObject({ opened: 1 });
    expect((await escalations()).map((e) => [e.status, e.level, e.first])).toEqual([
      ["RESOLVED", 3, "2025-01-01"],
      ["OPEN", 1, "2025-09-01"],
    ]);
    expect(await run("2025-11-03")).toEqual({ opened: 0, raised: 0, updated: 0, resolved: 0, unchanged: 1 });

    const db = await getDb();
    const actions = (await db.auditEvent.findMany({ where: { entityType: "Escalation" }, orderBy: [{ at: "asc" }, { id: "asc" }] })).map((a) => a.action);
    expect(actions).toEqual([
      "escalation.open",
      "escalation.update",
      "escalation.raise",
      "escalation.update",
      "escalation.raise",
      "escalation.resolve",
      "escalation.open",
    ]);
  });

  it("tells the assignee of the moment when it rises: an escalation reassigned away from the KPI owner notifies the new assignee", async () => {
    const db = await getDb();
    expect(await newNotifications()).toEqual(["escalation.opened -> owner"]);
    const open = await db.escalation.findFirstOrThrow({ where: { kpiId, status: "OPEN" } });
    await db.escalation.update({ where: { id: open.id }, data: { assigneeId: users.analyst } });
    await measure(kpiId, personaId, "2025-11-01", RED);
    await measure(kpiId, personaId, "2025-12-01", RED);
    expect(await run("2026-01-03")).toMatchObject({ raised: 1 });
    expect(await newNotifications()).toEqual(["escalation.raised -> analyst", "escalation.raised -> objectiveOwner"]);
  });
});
