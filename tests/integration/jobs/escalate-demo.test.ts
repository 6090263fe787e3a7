import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { BREACH_SCENARIOS } from "@/lib/demo/catalogue";
import { seedDemoData } from "@/lib/demo/seed-demo";
import { runEscalations } from "@/lib/jobs/escalate";

// The escalation job on the demo data: the breach scenarios that run up to the demo's last
// period open escalations; the one that ended months ago does not; a second run, and two runs at
// once, change nothing more. "Today" is the demo's: just after its last month (October 2026) closed.

const TODAY = "2026-11-05";

async function escalations() {
  const db = await getDb();
  const rows = await db.escalation.findMany({
    include: { kpi: { select: { code: true, ownerId: true } }, persona: { select: { slug: true } } },
    orderBy: [{ kpi: { code: "asc" } }, { persona: { slug: "asc" } }],
  });
  return rows.map((e) => ({
    kpi: e.kpi.code,
    persona: e.persona.slug,
    status: e.status,
    level: e.level,
    streakLength: e.streakLength,
    firstBreachedPeriod: e.firstBreachedPeriod.toISOString().slice(0, 10),
    lastBreachedPeriod: e.lastBreachedPeriod.toISOString().slice(0, 10),
    assignedToOwner: e.assigneeId !== null && e.assigneeId === e.kpi.ownerId,
  }));
}

async function counts() {
  const db = await getDb();
  return { escalations: await db.escalation.count(), notifications: await db.notification.count(), audits: await db.auditEvent.count() };
}

beforeAll(async () => {
  await seedDemoData(await getDb(), { endPeriod: "2026-10-01" }); // pinned: TODAY and the dates below follow it
});

describe("escalation job on the demo data", () => {
  it("opens one level-1 escalation per current breach scenario, assigned to the KPI owner, with its outbox row and audit event", async () => {
    const db = await getDb();
    const result = await runEscalations(db, { today: TODAY });
    expect(result).toMatchObject({ opened: 4, raised: 0, updated: 0, resolved: 0, converged: 0, scorecards: 2 });
    expect(result.unchanged).toBe(result.pairs - 4);

    const current = BREACH_SCENARIOS.filter((s) => s.endsMonthsBeforeEnd === 0);
    expect(current).toHaveLength(4);
    expect((await escalations()).map((e) => `${e.kpi} ${e.persona}`).sort()).toEqual(current.map((s) => `${s.kpi} ${s.persona}`).sort());
    expect(await escalations()).toEqual([
      // 3 RED quarters, the last a quarter-to-date figure (Q4 2026, reported in November).
      { kpi: "BSC-ONBOARDING-TIME", persona: "smb-owner", status: "OPEN", level: 1, streakLength: 3, firstBreachedPeriod: "2026-08-01", lastBreachedPeriod: "2026-10-01", assignedToOwner: true },
      { kpi: "BSC-RENEWAL-RATE", persona: "enterprise-it-buyer", status: "OPEN", level: 1, streakLength: 3, firstBreachedPeriod: "2026-04-01", lastBreachedPeriod: "2026-10-01", assignedToOwner: true },
      { kpi: "BSC-TIME-TO-RESOLUTION", persona: "expert-power-user", status: "OPEN", level: 1, streakLength: 4, firstBreachedPeriod: "2026-07-01", lastBreachedPeriod: "2026-10-01", assignedToOwner: true },
      // 5 months in the run, one of them marked not available: it neither counts nor breaks the streak.
      { kpi: "CP-RETENTION", persona: "price-sensitive-shopper", status: "OPEN", level: 1, streakLength: 4, firstBreachedPeriod: "2026-06-01", lastBreachedPeriod: "2026-10-01", assignedToOwner: true },
    ]);

    const notifications = await db.notification.findMany({ include: { escalation: { include: { kpi: true } } } });
    expect(notifications).toHaveLength(4);
    for (const n of notifications) {
      expect(n).toMatchObject({ kind: "escalation.opened", emailStatus: "PENDING", readAt: null });
      expect(n.userId).toBe(n.escalation!.kpi.ownerId);
      expect(n.link).toMatch(/^\/kpis\/.+\?persona=/);
    }
    const retention = notifications.find((n) => n.escalation!.kpi.code === "CP-RETENTION")!;
    // Its gap (August 2026) was marked not available: not counted, not breaking the streak, and not owed.
    expect(retention.body).toMatch(/in 4 consecutive reported months since 2026-06, up to 2026-10\.$/);

    const audits = await db.auditEvent.findMany({ where: { entityType: "Escalation" } });
    expect(audits).toHaveLength(4);
    for (const a of audits) expect([a.action, a.actorId, a.actorLabel]).toEqual(["escalation.open", null, "escalation job"]);
  });

  it("changes nothing when run again", async () => {
    const db = await getDb();
    const before = { rows: await escalations(), ...(await counts()) };
    const result = await runEscalations(db, { today: TODAY });
    expect(result).toMatchObject({ opened: 0, raised: 0, updated: 0, resolved: 0, converged: 0 });
    expect(result.unchanged).toBe(result.pairs);
    expect({ rows: await escalations(), ...(await counts()) }).toEqual(before);
  });

  it("writes each change once when two runs go at once", async () => {
    const db = await getDb();
    // Start over: the open escalations and what they wrote are gone.
    await db.notification.deleteMany({});
    await db.auditEvent.deleteMany({ where: { entityType: "Escalation" } });
    await db.escalation.deleteMany({});

    const [a, b] = await Promise.all([runEscalations(db, { today: TODAY }), runEscalations(db, { today: TODAY })]);
    // Each opening is written by one run; the other either read it already or lost the race on the
    // partial unique index and converged (on PGlite's single connection, always the latter).
    expect(a.opened + b.opened).toBe(4);
    for (const r of [a, b]) expect(r.opened + r.converged + r.unchanged).toBe(r.pairs);
    expect(await counts()).toMatchObject({ escalations: 4, notifications: 4 });
    expect(await db.auditEvent.count({ where: { entityType: "Escalation" } })).toBe(4);
  });
});
