import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { mergePersonas } from "@/lib/commands/personas/merge-personas";
import { reclassifyMeasurements } from "@/lib/commands/personas/reclassify-measurements";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { pendingPairRequests } from "@/lib/jobs/pair-requests";
import { changePersonaStatus } from "@/lib/commands/personas/change-persona-status";
import { previewMerge, previewReclassify } from "@/lib/queries/persona-merge";
import { getPersonaDetail } from "@/lib/queries/personas";
import { mergePreviewSchema, reclassifyPreviewSchema } from "@/lib/validation/persona-merge";
import { acrossDays } from "../../helpers/clock";
import { actorOf, makeKpi, makePersona, makeUser, snapshot } from "./fixtures";

// Consolidation: merging persona A into B (preview counts = committed counts, conflicts by each
// of the three rules, targets, weights, escalations, A sunset with mergedInto, audit counts,
// nothing written when refused) and reclassifying misfiled values (revisions kept, counts, refusals).

let analyst: Actor;
let admin: Actor;
let exec: Actor;
const d = (key: string) => new Date(`${key}T00:00:00.000Z`);
const MONTHS = ["2026-01-01", "2026-02-01", "2026-03-01", "2026-04-01", "2026-05-01", "2026-06-01"];

beforeAll(async () => {
  analyst = actorOf(await makeUser({ role: "ANALYST", name: "Priya Analyst" }));
  admin = actorOf(await makeUser({ role: "ADMIN" }));
  exec = actorOf(await makeUser({ role: "EXECUTIVE" }));
});

async function put(kpiId: string, personaId: string, period: string, value: number | null, extra: { comment?: string } = {}) {
  const db = await getDb();
  return db.measurement.create({
    data: { kpiId, personaId, period: d(period), value, notAvailableReason: value === null ? "Source system down" : null, comment: extra.comment ?? null },
  });
}

/** A correction of a row, as save-measurement records it: the old state as a revision, version + 1. */
async function correct(id: string, value: number) {
  const db = await getDb();
  const row = await db.measurement.findUniqueOrThrow({ where: { id } });
  await db.measurementRevision.create({
    data: { measurementId: id, version: row.version, value: row.value, notAvailableReason: row.notAvailableReason, comment: row.comment, enteredAt: row.enteredAt, reason: "Typo" },
  });
  await db.measurement.update({ where: { id }, data: { value, version: row.version + 1 } });
}

/**
 * Two active personas sharing one KPI: A has six months, B has March and April (the conflicts),
 * plus A's own values of a count KPI (one conflict) and a not-available value in May on a third KPI.
 */
async function scenario() {
  const owner = await makeUser({ role: "KPI_OWNER" });
  const kpi = await makeKpi({ ownerId: owner.id });
  const count = await makeKpi({ ownerId: owner.id, unit: "COUNT" });
  const a = await makePersona("ACTIVE");
  const b = await makePersona("ACTIVE");
  const aRows = [];
  for (const [i, month] of MONTHS.entries()) aRows.push(await put(kpi.id, a.id, month, 50 + i * 10));
  const bMarch = await put(kpi.id, b.id, "2026-03-01", 40, { comment: "B's March" });
  const bApril = await put(kpi.id, b.id, "2026-04-01", 41);
  await put(count.id, a.id, "2026-01-01", 3);
  await put(count.id, b.id, "2026-01-01", 6);
  const aNa = await put(count.id, a.id, "2026-02-01", null);
  await put(count.id, b.id, "2026-02-01", 8);
  // History: A's January (moves) and A's March (a conflict) were corrected once each.
  await correct(aRows[0]!.id, 51);
  await correct(aRows[2]!.id, 71);
  return { kpi, count, a, b, aRows, bMarch, bApril, aNa };
}

async function preview(actor: Actor, input: Record<string, unknown>) {
  return previewMerge(actor, mergePreviewSchema.parse(input));
}

async function auditActions(prefix: string) {
  const db = await getDb();
  const rows = await db.auditEvent.groupBy({ by: ["action"], where: { action: { startsWith: prefix } }, _count: { _all: true } });
  return Object.fromEntries(rows.map((r) => [r.action, r._count._all]));
}

async function clearAudit() {
  const db = await getDb();
  await db.auditEvent.deleteMany({});
  await db.pairEvaluationRequest.deleteMany({});
}

describe("merging persona A into B", () => {
  it("KEEP_TARGET: the preview's counts are the committed ones; A's rows move with their revisions, B's conflicting values stay; A is sunset, merged into B", async () => {
    await clearAudit();
    const s = await scenario();
    const db = await getDb();
    const view = await preview(analyst, { personaId: s.a.id, targetPersonaId: s.b.id, rule: "KEEP_TARGET" });
    // A: 6 + 2 values; conflicts: March, April (kpi) and January, February (count).
    expect(view.plan.measurements).toMatchObject({ total: 8, moving: 4, conflicts: 4, overwritten: 0, revisionsMoving: 1 });
    const conflicts = Object.fromEntries(
      view.plan.measurements.conflictRows.map((c) => [`${c.kpiId === s.kpi.id ? "kpi" : "count"} ${c.period}`, [c.source, c.destination, c.result, c.changes]]),
    );
    expect(conflicts).toEqual({
      "kpi 2026-03-01": [71, 40, 40, false],
      "kpi 2026-04-01": [80, 41, 41, false],
      "count 2026-01-01": [3, 6, 6, false],
      "count 2026-02-01": [null, 8, 8, false],
    });

    const result = await mergePersonas(analyst, {
      personaId: s.a.id,
      version: view.a.version,
      targetPersonaId: s.b.id,
      targetVersion: view.b.version,
      rule: "KEEP_TARGET",
      rationale: "Same buyers, two names: one persona from now on.",
      expected: view.plan.expected,
    });
    expect(result).toMatchObject({ ok: true, data: { counts: { measurementsMoved: 4, measurementConflicts: 4, destinationValuesOverwritten: 0, sourceValuesDiscarded: 4, revisionsMoved: 1 } } });

    expect(await db.measurement.count({ where: { personaId: s.a.id } })).toBe(0);
    const bRows = await db.measurement.findMany({ where: { personaId: s.b.id, kpiId: s.kpi.id }, orderBy: { period: "asc" }, include: { revisions: true } });
    expect(bRows.map((r) => [r.period.toISOString().slice(0, 10), Number(r.value)])).toEqual([
      ["2026-01-01", 51],
      ["2026-02-01", 60],
      ["2026-03-01", 40],
      ["2026-04-01", 41],
      ["2026-05-01", 90],
      ["2026-06-01", 100],
    ]);
    // The moved January keeps its id, version and revision; B's March is untouched.
    expect(bRows[0]).toMatchObject({ id: s.aRows[0]!.id, version: 2 });
    expect(bRows[0]!.revisions.map((r) => Number(r.value))).toEqual([50]);
    expect(bRows[2]).toMatchObject({ id: s.bMarch.id, version: 1, comment: "B's March" });
    // A's March (conflict) is gone with its revision; its last state is in the audit log.
    expect(await db.measurement.count({ where: { id: s.aRows[2]!.id } })).toBe(0);
    const discard = await db.auditEvent.findFirstOrThrow({ where: { action: "persona.merge.discard", entityId: s.aRows[2]!.id } });
    expect(discard.before).toMatchObject({ value: "71", period: "2026-03-01", persona: s.a.slug });

    const a = await db.persona.findUniqueOrThrow({ where: { id: s.a.id }, include: { statusChanges: { orderBy: { at: "desc" }, take: 1 } } });
    expect(a).toMatchObject({ status: "SUNSET", mergedIntoId: s.b.id, version: view.a.version + 1 });
    expect(a.statusChanges[0]).toMatchObject({ fromStatus: "ACTIVE", toStatus: "SUNSET", changedById: analyst.id });
    expect(a.statusChanges[0]!.rationale).toContain("Same buyers, two names");
    expect((await getPersonaDetail(exec, s.a.slug))?.mergedInto).toEqual({ slug: s.b.slug, name: s.b.name });

    // Audit: one event per moved and discarded row, the summary with the counts, one on B.
    expect(await auditActions("persona.merge")).toEqual({ "persona.merge": 1, "persona.merge.into": 1, "persona.merge.move": 4, "persona.merge.discard": 4 });
    const summary = await db.auditEvent.findFirstOrThrow({ where: { action: "persona.merge", entityId: s.a.id } });
    expect(summary.after).toMatchObject({ mergedInto: s.b.slug, rule: "KEEP_TARGET", counts: { measurementsMoved: 4, sourceValuesDiscarded: 4, revisionsMoved: 1 } });
    // B's pairs of both KPIs are judged again.
    expect((await pendingPairRequests(db)).map((p) => p.kpiId).sort()).toEqual([s.kpi.id, s.count.id].sort());
    expect((await pendingPairRequests(db)).every((p) => p.personaId === s.b.id)).toBe(true);
  });

  it("KEEP_SOURCE: B's conflicting values take A's, each with a revision of B's earlier value and the reason", async () => {
    await clearAudit();
    const s = await scenario();
    const db = await getDb();
    const view = await preview(analyst, { personaId: s.a.id, targetPersonaId: s.b.id, rule: "KEEP_SOURCE" });
    // All four conflicts change B (February's "not available" of A replaces B's 8 as well).
    expect(view.plan.measurements).toMatchObject({ total: 8, moving: 4, conflicts: 4, overwritten: 4 });
    const revisionsBefore = await db.measurementRevision.count();
    const result = await mergePersonas(admin, {
      personaId: s.a.id,
      version: view.a.version,
      targetPersonaId: s.b.id,
      targetVersion: view.b.version,
      rule: "KEEP_SOURCE",
      rationale: "A's figures come from the better source.",
      expected: view.plan.expected,
    });
    expect(result).toMatchObject({ ok: true, data: { counts: { measurementsMoved: 4, destinationValuesOverwritten: 4, sourceValuesDiscarded: 4 } } });
    const march = await db.measurement.findUniqueOrThrow({ where: { id: s.bMarch.id }, include: { revisions: true } });
    expect(Number(march.value)).toBe(71);
    expect(march.version).toBe(2);
    expect(march.revisions).toHaveLength(1);
    expect(march.revisions[0]).toMatchObject({ version: 1, comment: "B's March", changedById: admin.id });
    expect(Number(march.revisions[0]!.value)).toBe(40);
    expect(march.revisions[0]!.reason).toContain("A's figures come from the better source.");
    const feb = await db.measurement.findFirstOrThrow({ where: { personaId: s.b.id, kpiId: s.count.id, period: d("2026-02-01") } });
    expect(feb).toMatchObject({ value: null, notAvailableReason: "Source system down" });
    // 4 revisions written (B's overwritten values); A's discarded March revision went with its row.
    expect(await db.measurementRevision.count()).toBe(revisionsBefore + 4 - 1);
    expect(await auditActions("persona.merge")).toMatchObject({ "persona.merge.overwrite": 4, "persona.merge.discard": 4, "persona.merge.move": 4 });
  });

  it("AVERAGE: share × A + (1 − share) × B, whole numbers for a count KPI; A's not-available value leaves B's", async () => {
    await clearAudit();
    const s = await scenario();
    const db = await getDb();
    const view = await preview(analyst, { personaId: s.a.id, targetPersonaId: s.b.id, rule: "AVERAGE", share: "25" });
    // March 0.25 × 71 + 0.75 × 40 = 47.75; April 0.25 × 80 + 0.75 × 41 = 50.75; January (count) 0.75 + 4.5 = 5.25 -> 5; February unchanged.
    const outcome = Object.fromEntries(view.plan.measurements.conflictRows.map((c) => [`${c.kpiId === s.kpi.id ? "kpi" : "count"} ${c.period}`, c.result]));
    expect(outcome).toEqual({ "kpi 2026-03-01": 47.75, "kpi 2026-04-01": 50.75, "count 2026-01-01": 5, "count 2026-02-01": 8 });
    expect(view.plan.measurements).toMatchObject({ conflicts: 4, overwritten: 3 });
    const result = await mergePersonas(analyst, {
      personaId: s.a.id,
      version: view.a.version,
      targetPersonaId: s.b.id,
      targetVersion: view.b.version,
      rule: "AVERAGE",
      share: "25",
      rationale: "A is a quarter of the merged segment.",
      expected: view.plan.expected,
    });
    expect(result).toMatchObject({ ok: true, data: { counts: { destinationValuesOverwritten: 3, measurementsMoved: 4 } } });
    const values = await db.measurement.findMany({ where: { personaId: s.b.id }, orderBy: [{ kpiId: "asc" }, { period: "asc" }], select: { kpiId: true, period: true, value: true, comment: true, version: true } });
    const byKey = Object.fromEntries(values.map((v) => [`${v.kpiId === s.kpi.id ? "kpi" : "count"} ${v.period.toISOString().slice(0, 10)}`, v]));
    expect(byKey["kpi 2026-03-01"]!.value?.toFixed()).toBe("47.75");
    expect(byKey["kpi 2026-03-01"]!.comment).toMatch(/25 % of 71 .*75 % of 40/);
    expect(byKey["kpi 2026-04-01"]!.value?.toFixed()).toBe("50.75");
    expect(byKey["count 2026-01-01"]!.value?.toFixed()).toBe("5");
    expect(byKey["count 2026-02-01"]).toMatchObject({ version: 1 });
    expect(byKey["count 2026-02-01"]!.value?.toFixed()).toBe("8");
  });

  it("moves A's own targets where B has none, drops them where B has its own, adds A's weight to B's from the merge month, resolves A's escalations", async () => {
    await clearAudit();
    const s = await scenario();
    const db = await getDb();
    await db.kpiTarget.create({ data: { kpiId: s.kpi.id, personaId: s.a.id, effectiveFrom: d("2026-01-01"), target: 95, green: 85, red: 65 } });
    await db.kpiTarget.create({ data: { kpiId: s.count.id, personaId: s.a.id, effectiveFrom: d("2026-01-01"), target: 9, green: 8, red: 2 } });
    await db.kpiTarget.create({ data: { kpiId: s.count.id, personaId: s.b.id, effectiveFrom: d("2025-06-01"), target: 10, green: 9, red: 3 } });
    const card = await db.scorecard.create({ data: { slug: `merge-card-${Date.now()}`, name: "Merge card" } });
    await db.personaWeight.createMany({
      data: [
        { scorecardId: card.id, personaId: s.a.id, effectiveFrom: d("2026-01-01"), weight: 2, reason: "Initial" },
        { scorecardId: card.id, personaId: s.b.id, effectiveFrom: d("2026-01-01"), weight: 3.5, reason: "Initial" },
      ],
    });
    const escalation = await db.escalation.create({
      data: { kpiId: s.kpi.id, personaId: s.a.id, firstBreachedPeriod: d("2026-01-01"), lastBreachedPeriod: d("2026-03-01"), streakLength: 3, level: 1 },
    });
    const view = await preview(analyst, { personaId: s.a.id, targetPersonaId: s.b.id, rule: "KEEP_TARGET" });
    expect(view.plan.targets.map((t) => [t.kpiCode, t.conflict])).toEqual(
      [
        [s.kpi.code, false],
        [s.count.code, true],
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );
    expect(view.plan.weights).toEqual([expect.objectContaining({ scorecardId: card.id, aWeight: 2, bWeight: 3.5, newWeight: 5.5 })]);
    expect(view.plan.escalations.map((e) => e.id)).toEqual([escalation.id]);

    // The merge month is the command's own "now": either month, should it run across the turn of one.
    const { result, days } = await acrossDays(() =>
      mergePersonas(analyst, {
        personaId: s.a.id,
        version: view.a.version,
        targetPersonaId: s.b.id,
        targetVersion: view.b.version,
        rule: "KEEP_TARGET",
        rationale: "Consolidating the two segments.",
        expected: view.plan.expected,
      }),
    );
    expect(result).toMatchObject({ ok: true, data: { counts: { targetsMoved: 1, targetsDropped: 1, weightRows: 1, escalationsResolved: 1 } } });
    expect(await db.kpiTarget.count({ where: { personaId: s.a.id } })).toBe(0);
    expect((await db.kpiTarget.findMany({ where: { personaId: s.b.id }, orderBy: { kpiId: "asc" } })).map((t) => [t.kpiId, Number(t.target)]).sort()).toEqual(
      [
        [s.kpi.id, 95],
        [s.count.id, 10],
      ].sort(),
    );
    const weights = await db.personaWeight.findMany({ where: { scorecardId: card.id, personaId: s.b.id }, orderBy: { effectiveFrom: "asc" } });
    const mergeMonth = weights[1]?.effectiveFrom.toISOString().slice(0, 10);
    expect(days.map((day) => `${day.slice(0, 7)}-01`)).toContain(mergeMonth);
    expect(weights.map((w) => [w.effectiveFrom.toISOString().slice(0, 10), Number(w.weight)])).toEqual([
      ["2026-01-01", 3.5],
      [mergeMonth, 5.5],
    ]);
    expect(weights[1]!.reason).toContain("added to");
    const resolved = await db.escalation.findUniqueOrThrow({ where: { id: escalation.id }, include: { events: true } });
    expect(resolved.status).toBe("RESOLVED");
    expect(resolved.events[0]!.note).toContain("merged into");
    expect(await auditActions("persona.merge.")).toMatchObject({ "persona.merge.target-move": 1, "persona.merge.target-drop": 1, "persona.merge.weight": 1, "persona.merge.escalation": 1 });
  });

  it("refuses, writing nothing: B not active, A into itself, a stale version, a changed plan, A already merged, an executive", async () => {
    const s = await scenario();
    const db = await getDb();
    const draft = await makePersona("DRAFT");
    const input = { personaId: s.a.id, version: 1, targetPersonaId: s.b.id, targetVersion: 1, rule: "KEEP_TARGET", rationale: "Consolidating the two segments." };
    const before = await snapshot();
    expect(await mergePersonas(analyst, { ...input, targetPersonaId: draft.id })).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { targetPersonaId: [expect.stringContaining("draft")] } });
    expect(await mergePersonas(analyst, { ...input, targetPersonaId: s.a.id })).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { targetPersonaId: [expect.stringContaining("itself")] } });
    expect(await mergePersonas(analyst, { ...input, version: 7 })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await mergePersonas(analyst, { ...input, expected: "1:2:3:4:5:6:7:8" })).toMatchObject({ ok: false, code: "CONFLICT", message: expect.stringContaining("preview") });
    expect(await mergePersonas(analyst, { ...input, rule: "AVERAGE" })).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { share: [expect.any(String)] } });
    expect(await mergePersonas(analyst, { ...input, rationale: "" })).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { rationale: ["Rationale is required."] } });
    expect(await mergePersonas(exec, input)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await snapshot()).toEqual(before);
    expect(await db.kpiTarget.count({ where: { personaId: s.a.id } })).toBe(0);

    // A value saved after the preview: the preview's plan no longer holds.
    const view = await preview(analyst, { personaId: s.a.id, targetPersonaId: s.b.id, rule: "KEEP_TARGET" });
    await put(s.kpi.id, s.a.id, "2025-12-01", 45);
    const stale = await snapshot();
    expect(await mergePersonas(analyst, { ...input, expected: view.plan.expected })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await snapshot()).toEqual(stale);

    // Merged once: a second merge of A is refused (A is sunset, merged into B).
    expect(await mergePersonas(analyst, input)).toMatchObject({ ok: true });
    const other = await makePersona("ACTIVE");
    expect(await mergePersonas(analyst, { ...input, version: 2, targetPersonaId: other.id })).toMatchObject({
      ok: false,
      code: "INVALID",
      fieldErrors: { personaId: [expect.stringContaining("already merged into")] },
    });
    await expect(preview(analyst, { personaId: s.a.id, targetPersonaId: other.id })).rejects.toBeInstanceOf(AppError);
    // Revived, it is no longer "merged into" B.
    expect(await changePersonaStatus(analyst, { personaId: s.a.id, version: 2, toStatus: "ACTIVE", rationale: "Tracked separately again." })).toMatchObject({ ok: true });
    expect(await db.persona.findUniqueOrThrow({ where: { id: s.a.id } })).toMatchObject({ status: "ACTIVE", mergedIntoId: null });
  });
});

describe("reclassifying misfiled values", () => {
  it("moves only the chosen KPIs and months, keeping each row's id and revisions, with the reason in the audit log; both personas' pairs are judged again", async () => {
    await clearAudit();
    const s = await scenario();
    const db = await getDb();
    const c = await makePersona("ACTIVE");
    const input = { personaId: s.a.id, targetPersonaId: c.id, kpiIds: [s.kpi.id], fromPeriod: "2026-01", toPeriod: "2026-03", rule: "REFUSE" };
    const view = await previewReclassify(analyst, reclassifyPreviewSchema.parse(input));
    expect(view.plan).toMatchObject({ total: 3, moving: 3, conflicts: 0, revisionsMoving: 2 });
    const result = await reclassifyMeasurements(analyst, { ...input, reason: "Tagged to the wrong segment by the CRM export.", expected: view.expected });
    expect(result).toMatchObject({ ok: true, data: { counts: { moved: 3, revisionsMoved: 2 } } });

    const moved = await db.measurement.findMany({ where: { personaId: c.id }, orderBy: { period: "asc" }, include: { revisions: true } });
    expect(moved.map((m) => m.id)).toEqual([s.aRows[0]!.id, s.aRows[1]!.id, s.aRows[2]!.id]);
    expect(moved.map((m) => m.revisions.length)).toEqual([1, 0, 1]);
    expect(moved.map((m) => m.version)).toEqual([2, 1, 2]);
    // Untouched: A's other months and its count KPI.
    expect(await db.measurement.count({ where: { personaId: s.a.id } })).toBe(5);
    const events = await db.auditEvent.findMany({ where: { action: "measurement.reclassify.move" } });
    expect(events).toHaveLength(3);
    expect(events[0]!.after).toMatchObject({ persona: c.slug, reason: "Tagged to the wrong segment by the CRM export." });
    expect(await auditActions("measurement.reclassify")).toEqual({ "measurement.reclassify": 1, "measurement.reclassify.into": 1, "measurement.reclassify.move": 3 });
    const pairs = (await pendingPairRequests(db)).map((p) => `${p.kpiId}|${p.personaId}`).sort();
    expect(pairs).toEqual([`${s.kpi.id}|${s.a.id}`, `${s.kpi.id}|${c.id}`].sort());
  });

  it("refuses conflicts under REFUSE (nothing written), settles them by a chosen rule; refuses an inactive destination, an empty selection and an executive", async () => {
    const s = await scenario();
    const db = await getDb();
    const input = { personaId: s.a.id, targetPersonaId: s.b.id, kpiIds: [s.kpi.id], fromPeriod: "2026-02", toPeriod: "2026-05", rule: "REFUSE", reason: "Tagged to the wrong segment upstream." };
    const draft = await makePersona("DRAFT");
    const before = await snapshot();
    expect(await reclassifyMeasurements(analyst, input)).toMatchObject({ ok: false, code: "CONFLICT", message: expect.stringContaining("2 values"), fieldErrors: { rule: [expect.any(String)] } });
    expect(await reclassifyMeasurements(analyst, { ...input, targetPersonaId: draft.id })).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { targetPersonaId: [expect.any(String)] } });
    expect(await reclassifyMeasurements(analyst, { ...input, fromPeriod: "2027-01", toPeriod: "2027-02" })).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { kpiIds: [expect.any(String)] } });
    expect(await reclassifyMeasurements(analyst, { ...input, toPeriod: "2026-01" })).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { toPeriod: [expect.any(String)] } });
    expect(await reclassifyMeasurements(analyst, { ...input, kpiIds: [] })).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { kpiIds: [expect.any(String)] } });
    expect(await reclassifyMeasurements(analyst, { ...input, reason: " " })).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { reason: [expect.any(String)] } });
    expect(await reclassifyMeasurements(exec, input)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await snapshot()).toEqual(before);

    const view = await previewReclassify(analyst, reclassifyPreviewSchema.parse({ ...input, rule: "KEEP_SOURCE" }));
    expect(view.plan).toMatchObject({ total: 4, moving: 2, conflicts: 2, overwritten: 2 });
    const result = await reclassifyMeasurements(analyst, { ...input, rule: "KEEP_SOURCE", expected: view.expected });
    expect(result).toMatchObject({ ok: true, data: { counts: { moved: 2, overwritten: 2, discarded: 2 } } });
    const april = await db.measurement.findUniqueOrThrow({ where: { id: s.bApril.id }, include: { revisions: true } });
    expect(Number(april.value)).toBe(80);
    expect(april.revisions.map((r) => [Number(r.value), r.reason])).toEqual([[41, "Tagged to the wrong segment upstream."]]);
  });
});
