import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { saveMeasurement, type MeasurementConflictDetails } from "@/lib/commands/measurements/save-measurement";
import { getDb } from "@/lib/db";
import { scoreScorecardPeriod } from "@/lib/queries/period-scores";
import { addPeriods, monthStart, quarterStart } from "@/lib/scoring/periods";
import { inOneMonth, utcMonth } from "../../helpers/clock";
import { actorOf, auditEventsFor, makeKpi, makePersona, makeUser, snapshot } from "./fixtures";

// save-measurement against a real database: every validation rule, who may save, concurrent
// saves of one cell, late corrections, RED values without a comment, and "not available".

// A month already past when the file loads stays past if the month turns mid-run; "this month"
// and "next month" are read where a check depends on them (utcMonth, inOneMonth).
const LAST_MONTH = addPeriods(monthStart(new Date()), "MONTHLY", -1);

let owner: Actor;
let otherOwner: Actor;
let admin: Actor;
let analyst: Actor;
let executive: Actor;

beforeAll(async () => {
  owner = actorOf(await makeUser({ role: "KPI_OWNER", name: "Olive Owner" }));
  otherOwner = actorOf(await makeUser({ role: "KPI_OWNER" }));
  admin = actorOf(await makeUser({ role: "ADMIN", name: "Ada Admin" }));
  analyst = actorOf(await makeUser({ role: "ANALYST" }));
  executive = actorOf(await makeUser({ role: "EXECUTIVE" }));
});

/** A fresh cell: an ACTIVE percent KPI owned by `owner` (target 90, green 80, red 60) and an ACTIVE persona. */
async function cell(options: Parameters<typeof makeKpi>[0] | object = {}) {
  const kpi = await makeKpi({ ownerId: owner.id, ...options });
  const persona = await makePersona();
  return { kpi, persona, input: { kpiCode: kpi.code, personaSlug: persona.slug, period: LAST_MONTH } };
}

async function rowsOf(kpiId: string) {
  const db = await getDb();
  return db.measurement.findMany({ where: { kpiId }, include: { revisions: { orderBy: { version: "asc" } } } });
}

describe("validation, rule by rule (nothing is written)", () => {
  // An input may depend on the month the save runs in (read then, not at file load: see inOneMonth).
  type Input = Record<string, unknown> | ((month: string) => Record<string, unknown>);
  const cases: { name: string; kpi?: object; persona?: "DRAFT" | "SUNSET"; input: Input; field: string; says: RegExp }[] = [
    { name: "not a number", input: { value: "12,5" }, field: "value", says: /must be a number such as 12.5/ },
    { name: "not finite", input: { value: Number.POSITIVE_INFINITY }, field: "value", says: /finite/ },
    { name: "more decimals than stored", input: { value: "1.1234567" }, field: "value", says: /at most 6 digits after/ },
    { name: "percent above 100", input: { value: "100.5" }, field: "value", says: /a percentage from 0 to 100; 100.5 is not allowed/ },
    { name: "percent below 0", input: { value: -1 }, field: "value", says: /a percentage from 0 to 100/ },
    { name: "negative ratio", kpi: { unit: "RATIO" }, input: { value: "-0.1" }, field: "value", says: /a ratio of 0 or more/ },
    { name: "negative count", kpi: { unit: "COUNT", thresholds: null }, input: { value: "-3" }, field: "value", says: /a whole number of 0 or more/ },
    { name: "fractional count", kpi: { unit: "COUNT", thresholds: null }, input: { value: "2.5" }, field: "value", says: /a whole number of 0 or more/ },
    {
      name: "qualitative score outside its scale",
      kpi: { unit: "SCORE", measureType: "QUALITATIVE", scale: [1, 5], thresholds: null },
      input: { value: "6", comment: "Survey" },
      field: "value",
      says: /a score from 1 to 5/,
    },
    { name: "period not the first of a month", input: { period: "2026-10-15" }, field: "period", says: /first day of a month/ },
    { name: "quarterly KPI, period not a quarter", kpi: { frequency: "QUARTERLY" }, input: { period: "2026-08-01" }, field: "period", says: /first day of a quarter/ },
    { name: "period after the current one", input: (month) => ({ period: addPeriods(month, "MONTHLY", 1) }), field: "period", says: /has not started yet/ },
    { name: "KPI not ACTIVE", kpi: { status: "PROPOSED" }, input: {}, field: "kpiCode", says: /only for ACTIVE KPIs/ },
    { name: "persona not ACTIVE (draft)", persona: "DRAFT", input: {}, field: "personaSlug", says: /only for ACTIVE personas/ },
    { name: "persona not ACTIVE (sunset)", persona: "SUNSET", input: {}, field: "personaSlug", says: /only for ACTIVE personas/ },
    { name: "unknown KPI code", input: { kpiCode: "NO-SUCH-KPI" }, field: "kpiCode", says: /No KPI has the code NO-SUCH-KPI/ },
    { name: "unknown persona", input: { personaSlug: "no-such-persona" }, field: "personaSlug", says: /No persona has the slug/ },
    { name: "neither value nor reason", input: { value: undefined }, field: "value", says: /Enter a value, or mark it not available/ },
    { name: "both value and reason", input: { notAvailableReason: "Export failed" }, field: "notAvailableReason", says: /not both/ },
  ];

  it.each(cases)("$name → INVALID on $field", async ({ kpi: kpiOptions, persona: personaStatus, input, field, says }) => {
    const { input: base } = await cell(kpiOptions ?? {});
    const personaSlug = personaStatus ? (await makePersona(personaStatus)).slug : base.personaSlug;
    const before = await snapshot();
    const result = await inOneMonth((month) => saveMeasurement(owner, { ...base, personaSlug, value: "85", ...(typeof input === "function" ? input(month) : input) }));
    expect(result).toMatchObject({ ok: false, code: "INVALID" });
    if (!result.ok) {
      expect(result.fieldErrors[field]?.join(" ")).toMatch(says);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("accepts the current period and a quarterly KPI's current quarter", async () => {
    const { input } = await cell();
    expect(await saveMeasurement(owner, { ...input, period: utcMonth(), value: "85" })).toMatchObject({ ok: true, data: { outcome: "created" } });
    const quarterly = await cell({ frequency: "QUARTERLY" });
    const quarter = quarterStart(utcMonth());
    const result = await saveMeasurement(owner, { ...quarterly.input, period: quarter, value: 85 });
    expect(result).toMatchObject({ ok: true, data: { outcome: "created", measurement: { period: quarter, value: "85" } } });
  });
});

describe("who may save", () => {
  const matrix: { who: string; actor: () => Actor; allowed: boolean }[] = [
    { who: "the KPI's owner", actor: () => owner, allowed: true },
    { who: "an admin", actor: () => admin, allowed: true },
    { who: "another KPI owner", actor: () => otherOwner, allowed: false },
    { who: "an analyst", actor: () => analyst, allowed: false },
    { who: "an executive", actor: () => executive, allowed: false },
  ];

  it.each(matrix)("$who → allowed: $allowed", async ({ actor, allowed }) => {
    const { input, kpi } = await cell();
    const before = await snapshot();
    const result = await saveMeasurement(actor(), { ...input, value: "85" });
    if (allowed) {
      expect(result).toMatchObject({ ok: true, data: { outcome: "created", measurement: { value: "85", version: 1, source: "MANUAL", enteredBy: { id: actor().id } } } });
      const [row] = await rowsOf(kpi.id);
      expect((await auditEventsFor(row!.id)).map((e) => [e.action, e.actorId])).toEqual([["measurement.save", actor().id]]);
    } else {
      expect(result).toMatchObject({ ok: false, code: "FORBIDDEN", fieldErrors: {} });
      expect(await snapshot()).toEqual(before);
    }
  });

  it("a KPI without an owner: only an admin", async () => {
    const kpi = await makeKpi({ ownerId: null });
    const persona = await makePersona();
    const input = { kpiId: kpi.id, personaId: persona.id, period: LAST_MONTH, value: "85" };
    expect(await saveMeasurement(owner, input)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await saveMeasurement(admin, input)).toMatchObject({ ok: true });
  });

  it("refuses an analyst before looking at the input (no hint whether the KPI exists)", async () => {
    expect(await saveMeasurement(analyst, { kpiCode: "NO-SUCH-KPI" })).toMatchObject({ ok: false, code: "FORBIDDEN", fieldErrors: {} });
  });
});

describe("RED values and comments", () => {
  it("refuses a RED value without a comment, and saves it with one", async () => {
    const { input, kpi } = await cell();
    const before = await snapshot();
    const refused = await saveMeasurement(owner, { ...input, value: "55" });
    expect(refused).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { comment: [expect.stringContaining("off track (red)")] } });
    expect(await snapshot()).toEqual(before);
    const saved = await saveMeasurement(owner, { ...input, value: "55", comment: "Churn after the price change; win-back campaign running." });
    expect(saved).toMatchObject({ ok: true, data: { outcome: "created", status: "RED" } });
    expect((await rowsOf(kpi.id))[0]?.comment).toContain("win-back");
  });

  it("judges with the persona's own thresholds in force in that period, else the KPI default", async () => {
    const { input, kpi, persona } = await cell();
    const other = await makePersona();
    const db = await getDb();
    // From last month on, this persona's own target makes 75 RED (the default calls it AMBER).
    await db.kpiTarget.create({ data: { kpiId: kpi.id, personaId: persona.id, effectiveFrom: new Date(`${LAST_MONTH}T00:00:00Z`), target: 95, green: 90, red: 80 } });
    expect(await saveMeasurement(owner, { ...input, value: "75" })).toMatchObject({ ok: false, fieldErrors: { comment: [expect.any(String)] } });
    expect(await saveMeasurement(owner, { ...input, personaSlug: other.slug, value: "75" })).toMatchObject({ ok: true, data: { status: "AMBER" } });
    // Two months ago the persona's own row was not yet in force: the default applies.
    expect(await saveMeasurement(owner, { ...input, period: addPeriods(LAST_MONTH, "MONTHLY", -1), value: "75" })).toMatchObject({ ok: true, data: { status: "AMBER" } });
  });

  it("a qualitative KPI always needs a comment", async () => {
    const { input } = await cell({ unit: "SCORE", measureType: "QUALITATIVE", scale: [-100, 100], thresholds: { target: 50, green: 30, red: 0 } });
    expect(await saveMeasurement(owner, { ...input, value: "45" })).toMatchObject({ ok: false, fieldErrors: { comment: [expect.stringContaining("qualitative")] } });
    expect(await saveMeasurement(owner, { ...input, value: "45", comment: "312 responses; praise for onboarding." })).toMatchObject({ ok: true, data: { status: "GREEN" } });
  });

  it("a value without thresholds in force is saved without a comment (it cannot be judged)", async () => {
    const { input } = await cell({ thresholds: null });
    expect(await saveMeasurement(owner, { ...input, value: "1" })).toMatchObject({ ok: true, data: { status: "NO_DATA" } });
  });
});

describe("changing a saved value", () => {
  it("resending the same value is unchanged: no write, no audit event, whatever version is sent", async () => {
    const { input, kpi } = await cell();
    const first = await saveMeasurement(owner, { ...input, value: "87.4" });
    expect(first).toMatchObject({ ok: true, data: { outcome: "created" } });
    const before = await snapshot();
    expect(await saveMeasurement(owner, { ...input, value: "87.400", version: 1 })).toMatchObject({ ok: true, data: { outcome: "unchanged", measurement: { version: 1 } } });
    expect(await saveMeasurement(owner, { ...input, value: 87.4 })).toMatchObject({ ok: true, data: { outcome: "unchanged" } });
    expect(await snapshot()).toEqual(before);
    expect((await rowsOf(kpi.id))[0]?.version).toBe(1);
  });

  it("a late correction needs a reason and keeps the earlier value in MeasurementRevision (who, when, why)", async () => {
    const { input, kpi } = await cell();
    const period = addPeriods(LAST_MONTH, "MONTHLY", -5);
    const created = await saveMeasurement(owner, { ...input, period, value: "82" });
    expect(created.ok).toBe(true);

    const noReason = await saveMeasurement(admin, { ...input, period, value: "84.5", version: 1 });
    expect(noReason).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { reason: [expect.stringContaining("You are changing a saved value (82)")] } });

    const corrected = await saveMeasurement(admin, { ...input, period, value: "84.5", version: 1, reason: "Billing export re-run with the missing invoices." });
    expect(corrected).toMatchObject({ ok: true, data: { outcome: "updated", measurement: { value: "84.5", version: 2, enteredBy: { id: admin.id, name: "Ada Admin" } } } });

    const [row] = await rowsOf(kpi.id);
    expect(row!.value?.toFixed()).toBe("84.5");
    expect(row!.revisions).toHaveLength(1);
    const revision = row!.revisions[0]!;
    expect([revision.version, revision.value?.toFixed(), revision.notAvailableReason, revision.enteredById, revision.changedById, revision.reason]).toEqual([
      1,
      "82",
      null,
      owner.id,
      admin.id,
      "Billing export re-run with the missing invoices.",
    ]);
    expect(revision.changedAt.getTime()).toBeGreaterThanOrEqual(revision.enteredAt.getTime());

    const audits = await auditEventsFor(row!.id);
    expect(audits.map((a) => a.action)).toEqual(["measurement.save", "measurement.save"]);
    expect(audits[1]!.before).toMatchObject({ value: "82", version: 1 });
    expect(audits[1]!.after).toMatchObject({ value: "84.5", version: 2, reason: "Billing export re-run with the missing invoices." });
  });

  it("a comment-only edit needs no reason but is still kept as a revision", async () => {
    const { input, kpi } = await cell();
    await saveMeasurement(owner, { ...input, value: "85" });
    expect(await saveMeasurement(owner, { ...input, value: "85", comment: "Includes the reseller channel.", version: 1 })).toMatchObject({
      ok: true,
      data: { outcome: "updated", measurement: { version: 2 } },
    });
    expect((await rowsOf(kpi.id))[0]!.revisions.map((r) => r.reason)).toEqual(["Comment changed."]);
  });

  it("a stale or missing version is refused with CONFLICT and the current value, version, who and when", async () => {
    const { input } = await cell();
    await saveMeasurement(owner, { ...input, value: "85" });
    await saveMeasurement(admin, { ...input, value: "86", version: 1, reason: "Corrected." });
    const before = await snapshot();

    for (const version of [undefined, 1, 7]) {
      const stale = await saveMeasurement(owner, { ...input, value: "70", version, reason: "Mine." });
      expect(stale).toMatchObject({ ok: false, code: "CONFLICT", fieldErrors: {} });
      if (stale.ok) continue;
      expect(stale.message).toContain("Ada Admin saved 86");
      const details = stale.details as unknown as MeasurementConflictDetails;
      expect(details.current).toMatchObject({ value: "86", version: 2, enteredBy: { id: admin.id, name: "Ada Admin" } });
      expect(Date.parse(details.current!.enteredAt)).not.toBeNaN();
    }
    expect(await snapshot()).toEqual(before);

    // Overwrite knowingly: resend with the current version.
    expect(await saveMeasurement(owner, { ...input, value: "70", version: 2, reason: "Mine: the admin used the wrong export." })).toMatchObject({
      ok: true,
      data: { outcome: "updated", measurement: { value: "70", version: 3 } },
    });
  });

  it("two concurrent first saves of one cell: one wins, the other gets CONFLICT with the winner's value, nothing lost", async () => {
    const { input, kpi } = await cell();
    const before = await snapshot();
    const results = await Promise.all([saveMeasurement(owner, { ...input, value: "81" }), saveMeasurement(admin, { ...input, value: "83" })]);
    const won = results.filter((r) => r.ok);
    const lost = results.filter((r) => !r.ok);
    expect([won.length, lost.length]).toEqual([1, 1]);
    const winner = won[0]!.ok ? won[0]!.data.measurement : null;
    expect(lost[0]).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(!lost[0]!.ok && (lost[0]!.details as unknown as MeasurementConflictDetails).current).toMatchObject({ value: winner!.value, version: 1 });

    const rows = await rowsOf(kpi.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.value?.toFixed()).toBe(winner!.value);
    expect(rows[0]!.revisions).toEqual([]);
    const after = await snapshot();
    expect(after.audits).toBe(before.audits + 1);
    expect(after.revisions).toBe(before.revisions);
  });

  it("two concurrent corrections of one version: one wins, the other gets CONFLICT; one revision, one audit event", async () => {
    const { input, kpi } = await cell();
    await saveMeasurement(owner, { ...input, value: "85" });
    const before = await snapshot();
    const results = await Promise.all([
      saveMeasurement(owner, { ...input, value: "86", version: 1, reason: "Owner's fix." }),
      saveMeasurement(admin, { ...input, value: "88", version: 1, reason: "Admin's fix." }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const lost = results.find((r) => !r.ok)!;
    expect(lost).toMatchObject({ ok: false, code: "CONFLICT", details: { current: { version: 2 } } });

    const [row] = await rowsOf(kpi.id);
    expect(row!.version).toBe(2);
    expect(row!.revisions.map((r) => [r.version, r.value?.toFixed()])).toEqual([[1, "85"]]);
    const after = await snapshot();
    expect([after.audits - before.audits, after.revisions - before.revisions, after.measurements.length - before.measurements.length]).toEqual([1, 1, 0]);
  });

  it("six concurrent saves of one version: exactly one wins, the others get CONFLICT, every count adds up", async () => {
    const { input, kpi } = await cell();
    await saveMeasurement(owner, { ...input, value: "85" });
    const before = await snapshot();
    const results = await Promise.all(
      ["81", "82", "83", "84", "86", "87"].map((value, i) => saveMeasurement(i % 2 ? admin : owner, { ...input, value, version: 1, reason: `Fix ${i}.` })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.code === "CONFLICT")).toHaveLength(5);
    const [row] = await rowsOf(kpi.id);
    expect([row!.version, row!.revisions.length]).toEqual([2, 1]);
    const after = await snapshot();
    expect([after.audits - before.audits, after.revisions - before.revisions]).toEqual([1, 1]);
  });
});

describe("not available", () => {
  it("round trip: marked with a reason, scored as no data, then given a value with a reason; the history keeps the reason", async () => {
    const { input, kpi, persona } = await cell();
    const marked = await saveMeasurement(owner, { ...input, notAvailableReason: "Billing export failed; re-run on Monday." });
    expect(marked).toMatchObject({
      ok: true,
      data: { outcome: "created", status: "NO_DATA", measurement: { value: null, notAvailableReason: "Billing export failed; re-run on Monday.", version: 1 } },
    });

    // Scored as no data, not as 0.
    const db = await getDb();
    const scorecardId = (await db.perspective.findFirstOrThrow({ where: { kpis: { some: { id: kpi.id } } } })).scorecardId;
    const scores = await scoreScorecardPeriod(db, scorecardId, LAST_MONTH, [persona.id]);
    expect(scores.personas[0]!.overall).toMatchObject({ score: null, status: "NO_DATA", coverage: 0 });

    // The same mark again is unchanged.
    expect(await saveMeasurement(owner, { ...input, notAvailableReason: "Billing export failed; re-run on Monday.", version: 1 })).toMatchObject({ ok: true, data: { outcome: "unchanged" } });

    const filled = await saveMeasurement(owner, { ...input, value: "91", version: 1, reason: "Export re-run." });
    expect(filled).toMatchObject({ ok: true, data: { outcome: "updated", status: "GREEN", measurement: { value: "91", notAvailableReason: null, version: 2 } } });
    const [row] = await rowsOf(kpi.id);
    expect(row!.revisions.map((r) => [r.value, r.notAvailableReason, r.reason])).toEqual([[null, "Billing export failed; re-run on Monday.", "Export re-run."]]);

    const after = await scoreScorecardPeriod(db, scorecardId, LAST_MONTH, [persona.id]);
    expect(after.personas[0]!.overall).toMatchObject({ score: 100, status: "GREEN", coverage: 1 });
  });
});
