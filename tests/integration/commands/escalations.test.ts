import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import {
  acknowledgeEscalation,
  addActionPlan,
  commentOnEscalation,
  markAllNotificationsRead,
  markNotificationRead,
  reassignEscalation,
} from "@/lib/commands";
import { getDb } from "@/lib/db";
import { actorOf, auditEventsFor, makeKpi, makePersona, makeUser, snapshot } from "./fixtures";

// The escalation thread's commands and the notification commands: who may do what, that each
// change and its audit event (and thread entry, and notification) are written together, and that
// a refusal writes nothing.

let kpiOwner: Actor;
let otherOwner: Actor;
let analyst: Actor;
let exec: Actor;
let admin: Actor;
let kpiId: string;

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** An OPEN escalation of the shared KPI (owned by kpiOwner) for a fresh persona. */
async function escalation(assigneeId: string | null, status: "OPEN" | "ACKNOWLEDGED" | "RESOLVED" = "OPEN") {
  const db = await getDb();
  const persona = await makePersona();
  return db.escalation.create({
    data: {
      kpiId,
      personaId: persona.id,
      firstBreachedPeriod: new Date("2026-06-01T00:00:00Z"),
      lastBreachedPeriod: new Date("2026-08-01T00:00:00Z"),
      streakLength: 3,
      level: 1,
      status,
      assigneeId,
      ...(status === "RESOLVED" ? { resolvedPeriod: new Date("2026-09-01T00:00:00Z"), resolvedAt: new Date() } : {}),
    },
  });
}

async function thread(escalationId: string) {
  const db = await getDb();
  return db.escalationEvent.findMany({ where: { escalationId }, orderBy: [{ createdAt: "asc" }, { kind: "asc" }] });
}

async function eventCounts() {
  const db = await getDb();
  return { events: await db.escalationEvent.count(), notifications: await db.notification.count(), escalations: await db.escalation.findMany({ orderBy: { id: "asc" } }) };
}

beforeAll(async () => {
  kpiOwner = actorOf(await makeUser({ role: "KPI_OWNER" }));
  otherOwner = actorOf(await makeUser({ role: "KPI_OWNER" }));
  analyst = actorOf(await makeUser({ role: "ANALYST" }));
  exec = actorOf(await makeUser({ role: "EXECUTIVE" }));
  admin = actorOf(await makeUser({ role: "ADMIN" }));
  kpiId = (await makeKpi({ ownerId: kpiOwner.id })).id;
});

describe("acknowledging an escalation", () => {
  it("is refused to an analyst and to another KPI owner, writing nothing", async () => {
    const e = await escalation(kpiOwner.id);
    const before = { ...(await snapshot()), ...(await eventCounts()) };
    for (const actor of [analyst, otherOwner]) {
      const result = await acknowledgeEscalation(actor, { escalationId: e.id, note: "Seen." });
      expect(result).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    expect({ ...(await snapshot()), ...(await eventCounts()) }).toEqual(before);
  });

  it("by the assignee with a plan: status, who and when, two thread entries, one audit event and the action owner told", async () => {
    const e = await escalation(kpiOwner.id);
    const due = inDays(30);
    const result = await acknowledgeEscalation(kpiOwner, { escalationId: e.id, note: "Two agents left.\nHiring.", actionWhat: "Hire two agents", actionOwnerId: otherOwner.id, actionDue: due });
    expect(result).toMatchObject({ ok: true, data: { status: "ACKNOWLEDGED", plan: true } });

    const db = await getDb();
    const row = await db.escalation.findUniqueOrThrow({ where: { id: e.id } });
    expect(row).toMatchObject({ status: "ACKNOWLEDGED", acknowledgedById: kpiOwner.id });
    expect(row.acknowledgedAt).not.toBeNull();
    const entries = await thread(e.id);
    expect(entries.map((t) => [t.kind, t.actorId, t.note, t.actionWhat, t.actionOwnerId, t.actionDue?.toISOString().slice(0, 10) ?? null])).toEqual([
      ["ACKNOWLEDGED", kpiOwner.id, "Two agents left.\nHiring.", null, null, null],
      ["ACTION_PLAN", kpiOwner.id, null, "Hire two agents", otherOwner.id, due],
    ]);
    const audits = await auditEventsFor(e.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: "escalation.acknowledge", actorId: kpiOwner.id, entityType: "Escalation", before: { status: "OPEN" } });
    expect(audits[0]!.after).toMatchObject({ status: "ACKNOWLEDGED", note: "Two agents left.\nHiring.", plan: { what: "Hire two agents", ownerId: otherOwner.id, due } });
    // Written in the same transaction: the audit event is not older than the change it describes.
    expect(audits[0]!.at.getTime()).toBeGreaterThanOrEqual(row.acknowledgedAt!.getTime());
    const told = await db.notification.findMany({ where: { escalationId: e.id } });
    expect(told.map((n) => [n.userId, n.kind, n.link])).toEqual([[otherOwner.id, "escalation.action", `/escalations/${e.id}`]]);
  });

  it("twice is a CONFLICT naming who acknowledged first, and writes nothing", async () => {
    const e = await escalation(kpiOwner.id);
    expect((await acknowledgeEscalation(exec, { escalationId: e.id, note: "On it." })).ok).toBe(true);
    const before = await eventCounts();
    const again = await acknowledgeEscalation(kpiOwner, { escalationId: e.id, note: "Me too." });
    expect(again).toMatchObject({ ok: false, code: "CONFLICT" });
    if (!again.ok) expect(again.message).toContain(exec.name);
    expect(await eventCounts()).toEqual(before);
  });

  it("two at once: one wins, the other is refused, one thread entry and one audit event", async () => {
    const e = await escalation(kpiOwner.id);
    const results = await Promise.all([acknowledgeEscalation(exec, { escalationId: e.id, note: "A" }), acknowledgeEscalation(admin, { escalationId: e.id, note: "B" })]);
    expect(results.map((r) => r.ok).sort()).toEqual([false, true]);
    expect(results.find((r) => !r.ok)).toMatchObject({ code: "CONFLICT" });
    expect(await thread(e.id)).toHaveLength(1);
    expect(await auditEventsFor(e.id)).toHaveLength(1);
  });

  it("is allowed to the KPI's owner when someone else is assigned, to that assignee, to executives and admins", async () => {
    for (const actor of [kpiOwner, otherOwner, exec, admin]) {
      const e = await escalation(otherOwner.id);
      expect((await acknowledgeEscalation(actor, { escalationId: e.id, note: "Seen." })).ok, actor.role).toBe(true);
    }
  });

  it("refuses a resolved escalation, an incomplete plan, a past date and an unknown escalation, naming the field", async () => {
    const resolved = await escalation(kpiOwner.id, "RESOLVED");
    expect(await acknowledgeEscalation(kpiOwner, { escalationId: resolved.id, note: "x" })).toMatchObject({ ok: false, code: "CONFLICT" });

    const e = await escalation(kpiOwner.id);
    const before = await eventCounts();
    const incomplete = await acknowledgeEscalation(kpiOwner, { escalationId: e.id, note: "x", actionWhat: "Do it" });
    expect(incomplete).toMatchObject({ ok: false, code: "INVALID" });
    if (!incomplete.ok) expect(Object.keys(incomplete.fieldErrors).sort()).toEqual(["actionDue", "actionOwnerId"]);
    const past = await acknowledgeEscalation(kpiOwner, { escalationId: e.id, note: "x", actionWhat: "Do it", actionOwnerId: kpiOwner.id, actionDue: "2020-01-01" });
    expect(past).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { actionDue: ["Choose today or a later date."] } });
    expect(await acknowledgeEscalation(kpiOwner, { escalationId: e.id, note: "  " })).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { note: ["Note is required."] } });
    expect(await acknowledgeEscalation(kpiOwner, { escalationId: "nope", note: "x" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await eventCounts()).toEqual(before);
  });
});

describe("action plans and comments", () => {
  it("an action plan on an acknowledged escalation, by the assignee; not by an analyst", async () => {
    const e = await escalation(kpiOwner.id, "ACKNOWLEDGED");
    const plan = { escalationId: e.id, actionWhat: "Fix the import", actionOwnerId: kpiOwner.id, actionDue: inDays(10) };
    expect(await addActionPlan(analyst, plan)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect((await addActionPlan(kpiOwner, plan)).ok).toBe(true);
    expect((await thread(e.id)).map((t) => t.kind)).toEqual(["ACTION_PLAN"]);
    expect((await auditEventsFor(e.id)).map((a) => a.action)).toEqual(["escalation.action-plan"]);
    // Their own action: nobody to tell.
    expect(await (await getDb()).notification.count({ where: { escalationId: e.id } })).toBe(0);
  });

  it("anyone may comment, also on a resolved escalation", async () => {
    const e = await escalation(kpiOwner.id, "RESOLVED");
    expect((await commentOnEscalation(analyst, { escalationId: e.id, note: "Why did it recover?" })).ok).toBe(true);
    expect((await thread(e.id)).map((t) => [t.kind, t.actorId, t.note])).toEqual([["COMMENT", analyst.id, "Why did it recover?"]]);
    expect((await auditEventsFor(e.id)).map((a) => a.action)).toEqual(["escalation.comment"]);
  });
});

describe("reassigning", () => {
  it("is for administrators only", async () => {
    const e = await escalation(kpiOwner.id);
    for (const actor of [kpiOwner, analyst, exec]) {
      expect(await reassignEscalation(actor, { escalationId: e.id, assigneeId: otherOwner.id })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    expect(await (await getDb()).escalation.findUniqueOrThrow({ where: { id: e.id } })).toMatchObject({ assigneeId: kpiOwner.id });
  });

  it("hands it over, back to OPEN, with a thread entry, an audit event and a notification for the new assignee", async () => {
    const e = await escalation(kpiOwner.id);
    expect((await acknowledgeEscalation(kpiOwner, { escalationId: e.id, note: "Seen." })).ok).toBe(true);
    const result = await reassignEscalation(admin, { escalationId: e.id, assigneeId: otherOwner.id, note: "Marketing owns the campaign now." });
    expect(result).toMatchObject({ ok: true, data: { changed: true } });
    const db = await getDb();
    expect(await db.escalation.findUniqueOrThrow({ where: { id: e.id } })).toMatchObject({ assigneeId: otherOwner.id, status: "OPEN", acknowledgedById: null, acknowledgedAt: null });
    expect((await thread(e.id)).map((t) => [t.kind, t.assigneeId])).toEqual([
      ["ACKNOWLEDGED", null],
      ["REASSIGNED", otherOwner.id],
    ]);
    const told = await db.notification.findMany({ where: { escalationId: e.id } });
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ userId: otherOwner.id, kind: "escalation.reassigned", link: `/escalations/${e.id}`, emailStatus: "PENDING", readAt: null });
    const audits = (await auditEventsFor(e.id)).filter((a) => a.action === "escalation.reassign");
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: admin.id, before: { assigneeId: kpiOwner.id, status: "ACKNOWLEDGED" }, after: { assigneeId: otherOwner.id, status: "OPEN" } });

    // The same assignee again changes nothing.
    const before = { ...(await eventCounts()), audits: (await auditEventsFor(e.id)).length };
    expect(await reassignEscalation(admin, { escalationId: e.id, assigneeId: otherOwner.id })).toMatchObject({ ok: true, data: { changed: false } });
    expect({ ...(await eventCounts()), audits: (await auditEventsFor(e.id)).length }).toEqual(before);
  });

  it("refuses an inactive user and a resolved escalation, writing nothing", async () => {
    const inactive = await makeUser({ role: "KPI_OWNER", active: false });
    const e = await escalation(kpiOwner.id);
    const resolved = await escalation(kpiOwner.id, "RESOLVED");
    const before = { ...(await snapshot()), ...(await eventCounts()) };
    expect(await reassignEscalation(admin, { escalationId: e.id, assigneeId: inactive.id })).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { assigneeId: ["Choose an active user."] } });
    expect(await reassignEscalation(admin, { escalationId: resolved.id, assigneeId: otherOwner.id })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect({ ...(await snapshot()), ...(await eventCounts()) }).toEqual(before);
  });
});

describe("notifications: only one's own", () => {
  it("marks one read, once; someone else's is refused and stays unread", async () => {
    const db = await getDb();
    const mine = await db.notification.create({ data: { userId: exec.id, kind: "test", title: "Mine", body: "b" } });
    const theirs = await db.notification.create({ data: { userId: analyst.id, kind: "test", title: "Theirs", body: "b" } });

    expect(await markNotificationRead(exec, { notificationId: theirs.id })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await markNotificationRead(admin, { notificationId: theirs.id })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect((await db.notification.findUniqueOrThrow({ where: { id: theirs.id } })).readAt).toBeNull();

    expect(await markNotificationRead(exec, { notificationId: mine.id })).toMatchObject({ ok: true, data: { changed: true } });
    expect((await db.notification.findUniqueOrThrow({ where: { id: mine.id } })).readAt).not.toBeNull();
    expect((await auditEventsFor(mine.id)).map((a) => [a.action, a.actorId])).toEqual([["notification.read", exec.id]]);
    expect(await markNotificationRead(exec, { notificationId: mine.id })).toMatchObject({ ok: true, data: { changed: false } });
    expect(await auditEventsFor(mine.id)).toHaveLength(1);
  });

  it("marks all of mine read and nobody else's", async () => {
    const db = await getDb();
    const reader = actorOf(await makeUser({ role: "KPI_OWNER" }));
    const other = actorOf(await makeUser({ role: "KPI_OWNER" }));
    await db.notification.createMany({
      data: [
        { userId: reader.id, kind: "test", title: "1", body: "b" },
        { userId: reader.id, kind: "test", title: "2", body: "b" },
        { userId: other.id, kind: "test", title: "3", body: "b" },
      ],
    });
    expect(await markAllNotificationsRead(reader, {})).toMatchObject({ ok: true, data: { marked: 2 } });
    expect(await db.notification.count({ where: { userId: reader.id, readAt: null } })).toBe(0);
    expect(await db.notification.count({ where: { userId: other.id, readAt: null } })).toBe(1);
    expect((await auditEventsFor(reader.id)).map((a) => [a.action, a.after])).toEqual([["notification.read-all", expect.objectContaining({ notificationsMarkedRead: 2 })]]);
    expect(await markAllNotificationsRead(reader, {})).toMatchObject({ ok: true, data: { marked: 0 } });
    expect(await auditEventsFor(reader.id)).toHaveLength(1);
  });
});
