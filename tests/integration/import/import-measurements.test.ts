import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { importMeasurements } from "@/lib/commands/measurements/import-measurements";
import { saveMeasurement } from "@/lib/commands/measurements/save-measurement";
import { getDb } from "@/lib/db";
import { getAuditPage, IMPORT_CHANGES_SHOWN } from "@/lib/queries/admin-audit";
import { auditFilterSchema } from "@/lib/validation/audit";
import { addPeriods, monthStart } from "@/lib/scoring/periods";
import type { ImportResult, ImportRowInput } from "@/lib/validation/imports";
import { inOneMonth } from "../../helpers/clock";
import { actorOf, makeKpi, makePersona, makeUser, snapshot } from "../commands/fixtures";

// import-measurements against a real database: a verdict for every row, all or nothing, a second
// commit that changes nothing, revisions and audit events, and who may import what.

// Months already past when the file loads stay past if the month turns mid-run; a check that
// depends on which month is current reads it itself (inOneMonth).
const THIS_MONTH = monthStart(new Date());
const LAST_MONTH = addPeriods(THIS_MONTH, "MONTHLY", -1);
const TWO_AGO = addPeriods(THIS_MONTH, "MONTHLY", -2);

let owner: Actor;
let otherOwner: Actor;
let admin: Actor;
let analyst: Actor;
let executive: Actor;

beforeAll(async () => {
  owner = actorOf(await makeUser({ role: "KPI_OWNER", name: "Olive Owner" }));
  otherOwner = actorOf(await makeUser({ role: "KPI_OWNER", name: "Oscar Other" }));
  admin = actorOf(await makeUser({ role: "ADMIN" }));
  analyst = actorOf(await makeUser({ role: "ANALYST" }));
  executive = actorOf(await makeUser({ role: "EXECUTIVE" }));
});

let rowNumber = 1;
const row = (r: Partial<ImportRowInput>): ImportRowInput => ({ rowNumber: ++rowNumber, comment: "", ...r });

async function run(actor: Actor, rows: ImportRowInput[], options: { dryRun?: boolean; fileName?: string } = {}) {
  return importMeasurements(actor, { fileName: options.fileName ?? "values.csv", dryRun: options.dryRun ?? true, rows });
}

function okResult(result: Awaited<ReturnType<typeof run>>): ImportResult {
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.data;
}

describe("verdicts (dry run)", () => {
  it("gives insert, update with the old value, unchanged, and each error naming its column", async () => {
    // "Next month has not started" holds only while the month stays the same: the months are read
    // when the run starts, and a run the turn of a month cut through runs again (inOneMonth).
    await inOneMonth(async (thisMonth) => {
      const lastMonth = addPeriods(thisMonth, "MONTHLY", -1);
      const twoAgo = addPeriods(thisMonth, "MONTHLY", -2);
      const nextMonth = addPeriods(thisMonth, "MONTHLY", 1);
      const kpi = await makeKpi({ ownerId: owner.id });
      const count = await makeKpi({ ownerId: owner.id, unit: "COUNT", thresholds: null });
      const quarterly = await makeKpi({ ownerId: owner.id, frequency: "QUARTERLY" });
      const others = await makeKpi({ ownerId: otherOwner.id });
      const persona = await makePersona();
      const p2 = await makePersona();
      expect((await saveMeasurement(owner, { kpiCode: kpi.code, personaSlug: persona.slug, period: twoAgo, value: "85" })).ok).toBe(true);
      expect((await saveMeasurement(owner, { kpiCode: kpi.code, personaSlug: p2.slug, period: twoAgo, value: "88", comment: "fine" })).ok).toBe(true);
      const before = await snapshot();

      const rows = [
        row({ kpi_code: kpi.code, persona_slug: persona.slug, period: lastMonth.slice(0, 7), value: "82" }), // insert (YYYY-MM)
        row({ kpi_code: kpi.code, persona_slug: persona.slug, period: twoAgo, value: "86.5" }), // update 85 -> 86.5
        row({ kpi_code: kpi.code, persona_slug: p2.slug, period: twoAgo, value: "88.000", comment: "fine" }), // unchanged
        row({ kpi_code: "NO-SUCH", persona_slug: persona.slug, period: lastMonth, value: "1" }),
        row({ kpi_code: kpi.code, persona_slug: "no-such-persona", period: lastMonth, value: "1" }),
        row({ kpi_code: kpi.code, persona_slug: p2.slug, period: lastMonth, value: "12,5" }),
        row({ kpi_code: kpi.code, persona_slug: p2.slug, period: thisMonth, value: "101" }),
        row({ kpi_code: count.code, persona_slug: p2.slug, period: lastMonth, value: "2.5" }),
        row({ kpi_code: kpi.code, persona_slug: p2.slug, period: nextMonth, value: "90" }),
        row({ kpi_code: quarterly.code, persona_slug: p2.slug, period: "2026-02-01", value: "90" }),
        row({ kpi_code: kpi.code, persona_slug: persona.slug, period: lastMonth, value: "83" }), // duplicate of the first row
        row({ kpi_code: others.code, persona_slug: persona.slug, period: lastMonth, value: "90" }),
        row({ kpi_code: kpi.code, persona_slug: p2.slug, period: addPeriods(thisMonth, "MONTHLY", -3), value: "40", comment: "" }), // RED, no comment
      ];
      const result = okResult(await run(owner, rows));
      expect(await snapshot()).toEqual(before);
      expect(result.committed).toBe(false);
      expect(result.counts).toEqual({ total: 13, insert: 1, update: 1, unchanged: 1, error: 10 });

      const v = result.rows;
      expect(v[0]).toMatchObject({ verdict: "insert", period: lastMonth, value: "82" });
      expect(v[1]).toMatchObject({ verdict: "update", value: "86.5", previous: { value: "85", version: 1 } });
      expect(v[2]).toMatchObject({ verdict: "unchanged" });
      const err = (i: number) => v[i]!.errors!.map((e) => `${e.column}: ${e.message}`).join(" | ");
      expect(err(3)).toMatch(/^kpi_code: No KPI has the code NO-SUCH/);
      expect(err(4)).toMatch(/^persona_slug: No persona has the slug no-such-persona/);
      expect(err(5)).toMatch(/^value: Value must be a number/);
      expect(err(6)).toMatch(/^value: .*a percentage from 0 to 100; 101 is not allowed/);
      expect(err(7)).toMatch(/^value: .*a whole number of 0 or more/);
      expect(err(8)).toMatch(/^period: .*has not started yet/);
      expect(err(9)).toMatch(/^period: .*first day of a quarter/);
      expect(err(10)).toBe(`period: Duplicate of row ${v[0]!.rowNumber}: the same KPI, persona and period appear twice.`);
      expect(err(11)).toMatch(/^kpi_code: .* is not your KPI \(its owner is Oscar Other\)/);
      expect(err(12)).toMatch(/^comment: .*off track \(red\): add a comment/);
    });
  });

  it("refuses analysts and executives outright, and lets an admin import any owner's KPI", async () => {
    const kpi = await makeKpi({ ownerId: otherOwner.id });
    const persona = await makePersona();
    const rows = [row({ kpi_code: kpi.code, persona_slug: persona.slug, period: LAST_MONTH, value: "90" })];
    for (const actor of [analyst, executive]) {
      expect(await run(actor, rows, { dryRun: false })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    expect(okResult(await run(owner, rows)).rows[0]!.verdict).toBe("error");
    expect(okResult(await run(otherOwner, rows)).rows[0]!.verdict).toBe("insert");
    const committed = okResult(await run(admin, rows, { dryRun: false }));
    expect(committed).toMatchObject({ committed: true, counts: { insert: 1 } });
  });
});

describe("commit", () => {
  it("writes nothing when one row is bad, and names it", async () => {
    const kpi = await makeKpi({ ownerId: owner.id });
    const persona = await makePersona();
    const before = await snapshot();
    const result = await run(
      owner,
      [
        row({ kpi_code: kpi.code, persona_slug: persona.slug, period: TWO_AGO, value: "90" }),
        row({ kpi_code: kpi.code, persona_slug: persona.slug, period: LAST_MONTH, value: "abc" }),
      ],
      { dryRun: false },
    );
    expect(result).toMatchObject({ ok: false, code: "INVALID", message: "1 row needs attention; nothing was imported." });
    if (!result.ok) {
      const details = result.details as { result: ImportResult };
      expect(details.result.rows.map((r) => r.verdict)).toEqual(["insert", "error"]);
      expect(Object.keys(result.fieldErrors)[0]).toMatch(/^row \d+\.value$/);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("writes all rows in one go with revisions and one audit event listing every change; a second commit changes nothing", async () => {
    const kpi = await makeKpi({ ownerId: owner.id });
    const persona = await makePersona();
    const p2 = await makePersona();
    expect((await saveMeasurement(owner, { kpiCode: kpi.code, personaSlug: persona.slug, period: TWO_AGO, value: "70", comment: "was" })).ok).toBe(true);
    const db = await getDb();
    const auditsBefore = await db.auditEvent.count();

    const rows = [
      row({ kpi_code: kpi.code, persona_slug: persona.slug, period: TWO_AGO, value: "72.25", comment: "corrected" }),
      row({ kpi_code: kpi.code, persona_slug: persona.slug, period: LAST_MONTH, value: "", not_available_reason: "CRM export failed" }),
      row({ kpi_code: kpi.code, persona_slug: p2.slug, period: LAST_MONTH, value: 95 }),
      row({ kpi_code: kpi.code, persona_slug: p2.slug, period: TWO_AGO, value: "50", comment: "Outage in March; fix shipped" }),
    ];
    const first = okResult(await run(owner, rows, { dryRun: false, fileName: "october.csv" }));
    expect(first).toMatchObject({ committed: true, counts: { insert: 3, update: 1, unchanged: 0, error: 0 } });
    expect(first.importId).toEqual(expect.any(String));

    const saved = await db.measurement.findMany({ where: { kpiId: kpi.id }, include: { revisions: true }, orderBy: [{ personaId: "asc" }, { period: "asc" }] });
    expect(saved).toHaveLength(4);
    const corrected = saved.find((m) => m.personaId === persona.id && m.period.toISOString().startsWith(TWO_AGO))!;
    expect(corrected).toMatchObject({ comment: "corrected", version: 2, source: "IMPORT", enteredById: owner.id });
    expect(corrected.value?.toFixed()).toBe("72.25");
    expect(corrected.revisions).toHaveLength(1);
    expect(corrected.revisions[0]).toMatchObject({ version: 1, comment: "was", reason: "Imported from october.csv", changedById: owner.id });
    expect(corrected.revisions[0]!.value?.toFixed()).toBe("70");
    expect(saved.find((m) => m.notAvailableReason === "CRM export failed")?.value).toBeNull();

    // One audit event for the import (one mutation), listing every changed cell before -> after;
    // each value's own history is its MeasurementRevision (checked above).
    expect(await db.auditEvent.count()).toBe(auditsBefore + 1);
    const events = await db.auditEvent.findMany({ where: { at: { gte: new Date(Date.now() - 60_000) }, action: "measurement.import" } });
    expect(events.filter((e) => e.entityId === first.importId)).toHaveLength(1);
    expect(events.filter((e) => e.entityType === "Measurement")).toEqual([]);
    const event = events.find((e) => e.entityId === first.importId)!;
    expect(event).toMatchObject({ entityType: "MeasurementImport", actorId: owner.id, before: null });
    expect(event.after).toEqual({
      fileName: "october.csv",
      source: "IMPORT",
      counts: { total: 4, insert: 3, update: 1, unchanged: 0, error: 0 },
      reason: "Imported from october.csv",
      changes: [
        [kpi.code, persona.slug, TWO_AGO, ["70", null, "was"], ["72.25", null, "corrected"]],
        [kpi.code, persona.slug, LAST_MONTH, null, [null, "CRM export failed", null]],
        [kpi.code, p2.slug, LAST_MONTH, null, ["95", null, null]],
        [kpi.code, p2.slug, TWO_AGO, null, ["50", null, "Outage in March; fix shipped"]],
      ],
    });

    const before = await snapshot();
    const second = okResult(await run(owner, rows, { dryRun: false, fileName: "october.csv" }));
    expect(second).toMatchObject({ committed: true, importId: null, counts: { total: 4, unchanged: 4 } });
    expect(await snapshot()).toEqual(before);
  });

  it("writes comments and reasons exactly as sent, whatever they hold, on inserts and on updates", async () => {
    const kpi = await makeKpi({ ownerId: owner.id, thresholds: null }); // no target: no value is red, so none needs a comment
    const persona = await makePersona();
    const texts = ['say "hi", {braces}', "back\\slash \\\"", "NULL", "line one\nline two", "émoji 📈 and 'single' quotes", "{ , } and a tab\tinside"];
    const cells = [TWO_AGO, LAST_MONTH, addPeriods(THIS_MONTH, "MONTHLY", -3)];
    const db = await getDb();
    const saved = async () =>
      (await db.measurement.findMany({ where: { kpiId: kpi.id }, orderBy: { period: "asc" } })).map((m) => [m.period.toISOString().slice(0, 10), m.value?.toFixed() ?? null, m.notAvailableReason, m.comment]);

    const inserted = okResult(
      await run(owner, [
        row({ kpi_code: kpi.code, persona_slug: persona.slug, period: cells[0], value: "1.5", comment: texts[0] }),
        row({ kpi_code: kpi.code, persona_slug: persona.slug, period: cells[1], value: "", not_available_reason: texts[1], comment: texts[2] }),
        row({ kpi_code: kpi.code, persona_slug: persona.slug, period: cells[2], value: "-0", comment: "" }),
      ], { dryRun: false }),
    );
    expect(inserted.counts).toMatchObject({ insert: 3, error: 0 });
    expect(await saved()).toEqual([
      [cells[2], "0", null, null],
      [cells[0], "1.5", null, texts[0]],
      [cells[1], null, texts[1], texts[2]],
    ]);

    const updated = okResult(
      await run(owner, [
        row({ kpi_code: kpi.code, persona_slug: persona.slug, period: cells[0], value: "", not_available_reason: texts[3], comment: texts[4] }),
        row({ kpi_code: kpi.code, persona_slug: persona.slug, period: cells[1], value: "2", comment: texts[5] }),
        row({ kpi_code: kpi.code, persona_slug: persona.slug, period: cells[2], value: "3", comment: "" }),
      ], { dryRun: false }),
    );
    expect(updated.counts).toMatchObject({ update: 3, error: 0 });
    expect(await saved()).toEqual([
      [cells[2], "3", null, null],
      [cells[0], null, texts[3], texts[4]],
      [cells[1], "2", null, texts[5]],
    ]);
    const revisions = await db.measurementRevision.findMany({ where: { measurement: { kpiId: kpi.id } }, orderBy: { enteredAt: "asc" }, include: { measurement: { select: { period: true } } } });
    expect(revisions.map((r) => [r.measurement.period.toISOString().slice(0, 10), r.value?.toFixed() ?? null, r.notAvailableReason, r.comment]).sort()).toEqual(
      [
        [cells[0], "1.5", null, texts[0]],
        [cells[1], null, texts[1], texts[2]],
        [cells[2], "0", null, null],
      ].sort(),
    );
  });

  it("shows an import on the audit log as its summary and first changes, with the rest counted", async () => {
    const kpi = await makeKpi({ ownerId: owner.id });
    const personas = [await makePersona(), await makePersona(), await makePersona(), await makePersona(), await makePersona()];
    const rows = personas.flatMap((p) => [1, 2, 3, 4, 5].map((m) => row({ kpi_code: kpi.code, persona_slug: p.slug, period: addPeriods(THIS_MONTH, "MONTHLY", -m), value: String(80 + m) })));
    const result = okResult(await run(owner, rows, { dryRun: false, fileName: "many.csv" }));
    expect(result.counts.insert).toBe(25);

    const page = await getAuditPage(admin, auditFilterSchema.parse({ entity: "MeasurementImport" }));
    const event = page.rows.find((r) => r.entityId === result.importId)!;
    expect(event.changes.filter((c) => !c.changed).map((c) => [c.field, c.after])).toEqual([
      ["fileName", "many.csv"],
      ["source", "IMPORT"],
      ["reason", "Imported from many.csv"],
      ["counts", "25 rows: 25 new, 0 updated, 0 unchanged"],
    ]);
    const listed = event.changes.filter((c) => c.changed);
    expect(listed).toHaveLength(IMPORT_CHANGES_SHOWN);
    expect(listed[0]).toEqual({ field: `${kpi.code} · ${personas[0]!.slug} · ${addPeriods(THIS_MONTH, "MONTHLY", -1).slice(0, 7)}`, before: null, after: "81", changed: true });
    expect(event.moreChanges).toBe(25 - IMPORT_CHANGES_SHOWN);
  });

  it("keeps saved comments when the file has no comment column", async () => {
    const kpi = await makeKpi({ ownerId: owner.id });
    const persona = await makePersona();
    expect((await saveMeasurement(owner, { kpiCode: kpi.code, personaSlug: persona.slug, period: TWO_AGO, value: "50", comment: "known issue" })).ok).toBe(true);
    const result = okResult(
      await importMeasurements(owner, {
        fileName: "no-comments.csv",
        dryRun: true,
        hasComment: false,
        rows: [{ rowNumber: 2, kpi_code: kpi.code, persona_slug: persona.slug, period: TWO_AGO, value: "50" }],
      }),
    );
    expect(result.rows[0]).toMatchObject({ verdict: "unchanged", comment: "known issue" });
  });

  it("refuses the whole import as a CONFLICT when a sent version is not the saved one", async () => {
    const kpi = await makeKpi({ ownerId: owner.id });
    const persona = await makePersona();
    expect((await saveMeasurement(owner, { kpiCode: kpi.code, personaSlug: persona.slug, period: TWO_AGO, value: "85" })).ok).toBe(true);
    const before = await snapshot();
    const result = await importMeasurements(owner, {
      fileName: "API request",
      source: "API",
      dryRun: false,
      rows: [{ rowNumber: 1, kpi_code: kpi.code, persona_slug: persona.slug, period: TWO_AGO, value: "86", version: 7 }],
    });
    expect(result).toMatchObject({ ok: false, code: "CONFLICT" });
    if (!result.ok) {
      const r = (result.details as { result: ImportResult }).result.rows[0]!;
      expect(r.conflict).toMatchObject({ value: "85", version: 1, enteredBy: "Olive Owner" });
    }
    expect(await snapshot()).toEqual(before);
    const ok = await importMeasurements(owner, {
      fileName: "API request",
      source: "API",
      dryRun: false,
      rows: [{ rowNumber: 1, kpi_code: kpi.code, persona_slug: persona.slug, period: TWO_AGO, value: "86", version: 1 }],
    });
    expect(ok).toMatchObject({ ok: true, data: { counts: { update: 1 } } });
  });
});
