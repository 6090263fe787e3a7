import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { reminderKey, runReminders } from "@/lib/jobs/reminders";
import { d, makeKpi, makePersona, measure } from "../../helpers/factories";
import { makeUser } from "../commands/fixtures";

// Reminders: one per KPI owner per period per kind (DUE once the period has ended, OVERDUE after
// the grace days), per KPI frequency, listing the KPIs with missing values; never one per cell,
// never twice (the unique dedupeKey), never for values marked not available.

let ownerA: string;
let ownerB: string;

async function reminders() {
  const db = await getDb();
  const rows = await db.notification.findMany({ where: { kind: { startsWith: "reminder." } }, orderBy: [{ dedupeKey: "asc" }] });
  return rows.map((n) => ({ user: n.userId === ownerA ? "A" : n.userId === ownerB ? "B" : n.userId, kind: n.kind, title: n.title, link: n.link, email: n.emailStatus }));
}

beforeAll(async () => {
  const db = await getDb();
  ownerA = (await makeUser({ role: "KPI_OWNER" })).id;
  ownerB = (await makeUser({ role: "KPI_OWNER" })).id;
  const scorecard = await db.scorecard.create({ data: { slug: "rem", name: "Reminders" } });
  const perspective = await db.perspective.create({ data: { scorecardId: scorecard.id, name: "Customer", order: 1 } });
  const kpi = async (code: string, ownerId: string, frequency: "MONTHLY" | "QUARTERLY" = "MONTHLY", status: "ACTIVE" | "PROPOSED" = "ACTIVE") => {
    const k = await makeKpi(code, perspective.id, { direction: "HIGHER_IS_BETTER", weight: 1, frequency, status });
    await db.kpi.update({ where: { id: k.id }, data: { ownerId } });
    return k.id;
  };
  const k1 = await kpi("REM-1", ownerA);
  const k2 = await kpi("REM-2", ownerA);
  const q = await kpi("REM-Q", ownerA, "QUARTERLY");
  const kb = await kpi("REM-B", ownerB);
  await kpi("REM-PROPOSED", ownerB, "MONTHLY", "PROPOSED"); // not ACTIVE: owes nothing
  const p1 = (await makePersona("rem-1", "One", "ACTIVE", 1)).id;
  const p2 = (await makePersona("rem-2", "Two", "ACTIVE", 2)).id;
  await makePersona("rem-draft", "Draft", "DRAFT", 3); // not ACTIVE: owes nothing

  // September: complete, one value marked not available (a stated answer, not missing).
  await db.measurement.create({ data: { kpiId: k1, personaId: p1, period: d("2026-09-01"), value: null, notAvailableReason: "Billing export failed" } });
  await measure(k1, p2, "2026-09-01", 50);
  await measure(k2, p1, "2026-09-01", 50);
  await measure(k2, p2, "2026-09-01", 50);
  // October: three of A's cells missing (in two KPIs); B's complete.
  await measure(k2, p1, "2026-10-01", 50);
  for (const p of [p1, p2]) {
    await measure(kb, p, "2026-09-01", 50);
    await measure(kb, p, "2026-10-01", 50);
    await measure(q, p, "2026-04-01", 50); // Q2 complete, Q3 missing
  }
});

describe("reminders", () => {
  it("on 5 November: October is due, the third quarter overdue; one reminder each for owner A, none for B", async () => {
    expect(await runReminders(await getDb(), { today: "2026-11-05" })).toMatchObject({ due: 1, overdue: 1 });
    expect(await reminders()).toEqual([
      { user: "A", kind: "reminder.due", title: "Values for 2026-10 are due: 3 missing", link: "/entry?period=2026-10", email: "PENDING" },
      { user: "A", kind: "reminder.overdue", title: "Values for 2026-Q3 are overdue: 2 missing", link: "/entry?period=2026-07", email: "PENDING" },
    ]);
    const db = await getDb();
    const due = await db.notification.findFirstOrThrow({ where: { kind: "reminder.due" } });
    expect(due.body).toContain("REM-1 (2), REM-2 (1)");
    expect(due.dedupeKey).toBe(reminderKey("DUE", "MONTHLY", "2026-10-01", ownerA));
  });

  it("running again, or twice at once, writes nothing more", async () => {
    const db = await getDb();
    expect(await runReminders(db, { today: "2026-11-06" })).toMatchObject({ due: 0, overdue: 0 });
    const both = await Promise.all([runReminders(db, { today: "2026-11-06" }), runReminders(db, { today: "2026-11-06" })]);
    expect(both.map((r) => r.due + r.overdue)).toEqual([0, 0]);
    expect(await reminders()).toHaveLength(2);
  });

  it("after the grace days October is overdue: one more reminder, of that kind", async () => {
    const db = await getDb();
    expect(await runReminders(db, { today: "2026-11-10" })).toMatchObject({ due: 0, overdue: 0 }); // 9 days: still due
    const [a, b] = await Promise.all([runReminders(db, { today: "2026-11-12" }), runReminders(db, { today: "2026-11-12" })]);
    expect(a.overdue + b.overdue).toBe(1);
    expect((await reminders()).map((r) => r.title)).toEqual([
      "Values for 2026-10 are due: 3 missing",
      "Values for 2026-10 are overdue: 3 missing",
      "Values for 2026-Q3 are overdue: 2 missing",
    ]);
  });

  it("the grace period is configurable", async () => {
    const db = await getDb();
    await db.notification.deleteMany({ where: { kind: { startsWith: "reminder." } } });
    expect(await runReminders(db, { today: "2026-11-05", graceDays: 3 })).toMatchObject({ due: 0, overdue: 2 });
  });
});
