import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { acknowledgeEscalation, commentOnEscalation } from "@/lib/commands";
import { getDb } from "@/lib/db";
import { writeDemoEscalationThread } from "@/lib/demo/escalation-thread";
import { runEscalations } from "@/lib/jobs/escalate";
import { getEscalationDetail } from "@/lib/queries/escalation-detail";
import { getEscalationInbox, parseInboxFilters } from "@/lib/queries/escalation-inbox";
import { getHeaderCounts, getNotifications } from "@/lib/queries/notifications";
import { getPersonaScorecard } from "@/lib/queries/persona-scorecard";
import { actorOf, makeUser } from "./commands/fixtures";
import { makeKpi, makePersona, makeTarget, measure } from "../helpers/factories";

// The inbox and the escalation screen on escalations the job opened: the actor's own first, then
// open before acknowledged, higher level first; each filter narrows; the detail's history carries
// the thresholds in force, the owed periods, and the thread with the job's own steps.

let me: Actor;
let someoneElse: Actor;
let exec: Actor;
const ids: Record<string, string> = {};

const RED = 40;

async function escalationOf(kpiCode: string, personaSlug: string) {
  const db = await getDb();
  return db.escalation.findFirstOrThrow({ where: { kpi: { code: kpiCode }, persona: { slug: personaSlug } } });
}

beforeAll(async () => {
  const db = await getDb();
  me = actorOf(await makeUser({ role: "KPI_OWNER", name: "Me Owner" }));
  someoneElse = actorOf(await makeUser({ role: "KPI_OWNER", name: "Other Owner" }));
  exec = actorOf(await makeUser({ role: "EXECUTIVE", name: "Exec" }));
  for (const slug of ["alpha", "beta"]) {
    const card = await db.scorecard.create({ data: { slug, name: `Card ${slug}`, escalationStreakLength: 2 } });
    const perspective = await db.perspective.create({ data: { scorecardId: card.id, name: "Customer", order: 1 } });
    ids[slug] = perspective.id;
  }
  const p1 = await makePersona("p-one", "Persona One", "ACTIVE", 1);
  const p2 = await makePersona("p-two", "Persona Two", "ACTIVE", 2);
  // A-MINE (alpha, mine), A-OTHER (alpha, someone else's), B-OTHER (beta, someone else's); each red for both personas.
  for (const [code, card, owner] of [["A-MINE", "alpha", me], ["A-OTHER", "alpha", someoneElse], ["B-OTHER", "beta", someoneElse]] as const) {
    const kpi = await makeKpi(code, ids[card]!, { direction: "HIGHER_IS_BETTER", weight: 1 });
    await db.kpi.update({ where: { id: kpi.id }, data: { ownerId: owner.id } });
    await makeTarget(kpi.id, "2025-01-01", { red: 50, green: 70, target: 80 });
    for (const persona of [p1, p2]) {
      // March is never reported: inside the streak, owed.
      for (const month of ["2025-01-01", "2025-02-01", "2025-04-01"]) await measure(kpi.id, persona.id, month, RED);
    }
  }
  expect(await runEscalations(db, { today: "2025-05-03" })).toMatchObject({ opened: 6 });
  // Vary status and level: B-OTHER x p-one is level 2, A-OTHER x p-one acknowledged, A-MINE x p-two resolved.
  await db.escalation.update({ where: { id: (await escalationOf("B-OTHER", "p-one")).id }, data: { level: 2 } });
  await db.escalation.update({ where: { id: (await escalationOf("A-OTHER", "p-one")).id }, data: { status: "ACKNOWLEDGED" } });
  await db.escalation.update({ where: { id: (await escalationOf("A-MINE", "p-two")).id }, data: { status: "RESOLVED", resolvedPeriod: new Date("2025-05-01T00:00:00Z"), resolvedAt: new Date() } });
});

const label = (rows: { kpi: { code: string }; persona: { slug: string } }[]) => rows.map((r) => `${r.kpi.code} ${r.persona.slug}`);

describe("escalation inbox", () => {
  it("puts mine first, then open before acknowledged, higher level first; resolved ones only on request", async () => {
    const inbox = await getEscalationInbox(me, parseInboxFilters({}));
    expect(label(inbox.rows)).toEqual(["A-MINE p-one", "B-OTHER p-one", "A-OTHER p-two", "B-OTHER p-two", "A-OTHER p-one"]);
    expect(inbox.mineCount).toBe(1);
    expect(inbox.rows[0]).toMatchObject({ mine: true, level: 1, status: "OPEN", streakLength: 3, firstBreachedPeriod: "2025-01-01", assignee: { id: me.id, name: "Me Owner" } });
    expect(inbox.rows.slice(1).every((r) => !r.mine)).toBe(true);
    // An executive assigned nothing sees the same escalations, none of them first.
    expect(label((await getEscalationInbox(exec, parseInboxFilters({}))).rows)).toEqual(["B-OTHER p-one", "A-MINE p-one", "A-OTHER p-two", "B-OTHER p-two", "A-OTHER p-one"]);
  });

  it("filters by status, level, scorecard, persona and mine, from the query string", async () => {
    const rows = async (search: Record<string, string>) => label((await getEscalationInbox(me, parseInboxFilters(search))).rows);
    expect(await rows({ status: "RESOLVED" })).toEqual(["A-MINE p-two"]);
    expect(await rows({ status: "ACKNOWLEDGED" })).toEqual(["A-OTHER p-one"]);
    expect(await rows({ status: "all", mine: "1" })).toEqual(["A-MINE p-one", "A-MINE p-two"]);
    expect(await rows({ level: "2" })).toEqual(["B-OTHER p-one"]);
    expect(await rows({ scorecard: "beta" })).toEqual(["B-OTHER p-one", "B-OTHER p-two"]);
    expect(await rows({ persona: "p-two", status: "all" })).toEqual(["A-MINE p-two", "A-OTHER p-two", "B-OTHER p-two"]);
    expect(await rows({ scorecard: "alpha", persona: "p-one", level: "1", status: "OPEN" })).toEqual(["A-MINE p-one"]);
    // Nonsense falls back to the defaults rather than failing.
    expect(parseInboxFilters({ status: "bogus", level: "9", scorecard: "NOT A SLUG", mine: "yes" })).toEqual({ status: "unresolved", level: null, scorecard: null, persona: null, mine: false });
  });
});

describe("escalation detail", () => {
  it("has the history with the thresholds in force, the owed month, and the thread with the job's step and people's entries", async () => {
    const e = await escalationOf("A-MINE", "p-one");
    expect((await acknowledgeEscalation(me, { escalationId: e.id, note: "Seen it.", actionWhat: "Fix", actionOwnerId: me.id, actionDue: "2099-01-31" })).ok).toBe(true);
    expect((await commentOnEscalation(exec, { escalationId: e.id, note: "Thanks." })).ok).toBe(true);

    const d = (await getEscalationDetail(exec, e.id, new Date("2025-05-20T00:00:00Z")))!;
    expect(d).toMatchObject({ status: "ACKNOWLEDGED", level: 1, streakLength: 3, streakSetting: 2, firstBreachedPeriod: "2025-01-01", lastBreachedPeriod: "2025-04-01" });
    expect(d.acknowledged).toMatchObject({ by: "Me Owner" });
    // Two months of lead-in before the streak, up to April (the last complete month).
    expect(d.history.map((p) => [p.period, p.value, p.red, p.status])).toEqual([
      ["2024-11-01", null, null, "NO_DATA"],
      ["2024-12-01", null, null, "NO_DATA"],
      ["2025-01-01", RED, 50, "RED"],
      ["2025-02-01", RED, 50, "RED"],
      ["2025-03-01", null, 50, "NO_DATA"],
      ["2025-04-01", RED, 50, "RED"],
    ]);
    expect(d.owed).toEqual([{ period: "2025-03-01", state: "OVERDUE" }]);
    expect(d.thread.map((t) => t.kind)).toEqual(["OPENED", "ACKNOWLEDGED", "ACTION_PLAN", "COMMENT"]);
    expect(d.thread[0]).toMatchObject({ kind: "OPENED", level: 1, streakLength: 3, period: "2025-01-01" });
    expect(d.thread[2]).toMatchObject({ kind: "ACTION_PLAN", what: "Fix", owner: "Me Owner", due: "2099-01-31", actor: "Me Owner" });
    // An executive may plan and comment on it, not acknowledge again (it is acknowledged) nor reassign (admins).
    expect(d.may).toEqual({ acknowledge: false, plan: true, comment: true, reassign: false });
    // Someone else's KPI owner may only comment.
    expect((await getEscalationDetail(someoneElse, e.id))!.may).toEqual({ acknowledge: false, plan: false, comment: true, reassign: false });
    expect(await getEscalationDetail(exec, "no-such-id")).toBeNull();
  });

  it("shows the resolution of a resolved escalation in its thread", async () => {
    const e = await escalationOf("A-MINE", "p-two");
    const d = (await getEscalationDetail(me, e.id))!;
    expect(d.resolution).toMatchObject({ period: "2025-05-01" });
    expect(d.thread.map((t) => t.kind)).toEqual(["OPENED", "RESOLVED"]);
    expect(d.may).toEqual({ acknowledge: false, plan: false, comment: true, reassign: false });
  });
});

describe("notifications and header counts", () => {
  it("lists only mine, newest first, and counts unread and open escalations", async () => {
    const db = await getDb();
    await db.notification.create({ data: { userId: me.id, kind: "test", title: "Newest", body: "b", createdAt: new Date("2099-01-01T00:00:00Z") } });
    const list = await getNotifications(me);
    // The job told me (the KPI owner) of my two escalations' openings.
    expect(list.items.map((n) => n.title)[0]).toBe("Newest");
    expect(list.total).toBe(3);
    expect(list.unread).toBe(3);
    expect(list.items.filter((n) => n.kind === "escalation.opened").every((n) => n.href?.startsWith("/escalations/"))).toBe(true);
    // A KPI owner counts their own OPEN escalations (A-MINE p-one is acknowledged by now, p-two resolved).
    expect(await getHeaderCounts(me)).toEqual({ unreadNotifications: 3, openEscalations: 0, openEscalationsScope: "mine" });
    expect(await getHeaderCounts(exec)).toMatchObject({ unreadNotifications: 0, openEscalations: 3, openEscalationsScope: "all" });
  });
});

describe("persona scorecard", () => {
  it("shows who acknowledged an open escalation and its latest action plan", async () => {
    const card = await getPersonaScorecard(exec, { scorecardSlug: "alpha", personaSlug: "p-one", period: "2025-04" });
    const mine = card!.escalations.find((e) => e.kpiCode === "A-MINE")!;
    expect(mine).toMatchObject({ status: "ACKNOWLEDGED", acknowledged: { by: "Me Owner" }, plan: { what: "Fix", owner: "Me Owner", due: "2099-01-31" } });
    expect(card!.escalations.find((e) => e.kpiCode === "A-OTHER")).toMatchObject({ status: "ACKNOWLEDGED", acknowledged: null, plan: null });
  });
});

describe("demo thread", () => {
  it("is skipped without the demo's escalation", async () => {
    expect(await writeDemoEscalationThread(await getDb())).toBe("skipped");
  });
});
