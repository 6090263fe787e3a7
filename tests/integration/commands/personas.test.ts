import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { changePersonaStatus } from "@/lib/commands/personas/change-persona-status";
import { createPersona } from "@/lib/commands/personas/create-persona";
import { reviewPersona } from "@/lib/commands/personas/review-persona";
import { updatePersona } from "@/lib/commands/personas/update-persona";
import { getDb } from "@/lib/db";
import { getPersonaDetail, getPersonaList } from "@/lib/queries/personas";
import { addMonthsToDate } from "@/lib/validation/personas";
import { acrossDays, expectedFor, utcDay } from "../../helpers/clock";
import { actorOf, auditEventsFor, makeUser } from "./fixtures";

// Personas: creation as a draft, the lifecycle with its rationale, edits with optimistic
// concurrency, and reviews that move the next review date by the cadence.

let analyst: Actor;
let admin: Actor;
let exec: Actor;
beforeAll(async () => {
  analyst = actorOf(await makeUser({ role: "ANALYST", name: "Priya Analyst" }));
  admin = actorOf(await makeUser({ role: "ADMIN", name: "Alex Admin" }));
  exec = actorOf(await makeUser({ role: "EXECUTIVE" }));
});

const base = { name: "Rural Retailer", description: "Owner of a shop outside the cities.", priority: "2", revenueInfluence: "12.5", reviewCadenceMonths: "3" };
let n = 0;
async function created(slug = `rural-retailer-${++n}`) {
  const result = await createPersona(analyst, { ...base, slug });
  if (!result.ok) throw new Error(result.message);
  const db = await getDb();
  return db.persona.findUniqueOrThrow({ where: { id: result.data.persona.id } });
}

async function personaState(id: string) {
  const db = await getDb();
  const persona = await db.persona.findUniqueOrThrow({ where: { id }, include: { attributes: true } });
  return {
    persona,
    changes: await db.personaStatusChange.findMany({ where: { personaId: id }, orderBy: [{ at: "asc" }, { id: "asc" }] }),
    reviews: await db.personaReview.findMany({ where: { personaId: id } }),
    audits: (await auditEventsFor(id)).length,
  };
}

describe("creating a persona", () => {
  it("starts DRAFT, opens its timeline, schedules its first review one cadence ahead and is audited", async () => {
    const { result: persona, days } = await acrossDays(() => created("first-persona"));
    expect(persona).toMatchObject({ status: "DRAFT", priority: 2, reviewCadenceMonths: 3, version: 1 });
    expect(persona.revenueInfluence?.toString()).toBe("0.125");
    // Three months after the day the command saw (either day, should it run across midnight).
    expect(expectedFor(days, (today) => utcDay(addMonthsToDate(today, 3)))).toContain(persona.nextReviewOn?.toISOString().slice(0, 10));
    const state = await personaState(persona.id);
    expect(state.changes.map((c) => [c.fromStatus, c.toStatus, c.changedById])).toEqual([[null, "DRAFT", analyst.id]]);
    expect((await auditEventsFor(persona.id)).map((e) => e.action)).toEqual(["persona.create"]);
  });

  it("refuses a slug that is taken, naming the field, and an executive whatever they send", async () => {
    await created("taken-slug");
    const db = await getDb();
    const count = await db.persona.count();
    expect(await createPersona(analyst, { ...base, slug: "taken-slug" })).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { slug: [expect.stringContaining("taken")] } });
    expect(await createPersona(analyst, { ...base, slug: "Not A Slug!" })).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { slug: [expect.any(String)] } });
    expect(await createPersona(exec, { ...base, slug: "exec-slug" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await db.persona.count()).toBe(count);
  });
});

describe("lifecycle", () => {
  it("goes DRAFT -> ACTIVE -> SUNSET -> ACTIVE, each step with its rationale, who and when, and bumps the version", async () => {
    const persona = await created();
    const steps = [
      { toStatus: "ACTIVE", rationale: "Enough tagged accounts to set targets from." },
      { toStatus: "SUNSET", rationale: "Merged into the SMB segment after the 2026 study." },
      { toStatus: "ACTIVE", rationale: "Rural shops grew again; tracked separately once more." },
    ] as const;
    let version = persona.version;
    for (const [i, step] of steps.entries()) {
      const result = await changePersonaStatus(i === 1 ? admin : analyst, { personaId: persona.id, version, ...step });
      expect(result, step.toStatus).toMatchObject({ ok: true, data: { persona: { status: step.toStatus, version: version + 1 } } });
      version++;
    }
    const state = await personaState(persona.id);
    expect(state.changes.map((c) => [c.fromStatus, c.toStatus, c.rationale, c.changedById])).toEqual([
      [null, "DRAFT", "Created as a draft.", analyst.id],
      ["DRAFT", "ACTIVE", steps[0].rationale, analyst.id],
      ["ACTIVE", "SUNSET", steps[1].rationale, admin.id],
      ["SUNSET", "ACTIVE", steps[2].rationale, analyst.id],
    ]);
    expect(state.persona).toMatchObject({ status: "ACTIVE", statusRationale: steps[2].rationale, version: 4 });
    expect(state.persona.statusChangedAt!.getTime()).toBe(state.changes.at(-1)!.at.getTime());
    expect(state.audits).toBe(4);

    // The page shows the timeline newest first, with who.
    const detail = await getPersonaDetail(exec, persona.slug);
    expect(detail!.timeline.map((t) => (t.kind === "status" ? `${t.from}->${t.to} by ${t.by}` : t.kind))).toEqual([
      "SUNSET->ACTIVE by Priya Analyst",
      "ACTIVE->SUNSET by Alex Admin",
      "DRAFT->ACTIVE by Priya Analyst",
      "null->DRAFT by Priya Analyst",
    ]);
    expect(detail!.canEdit).toBe(false);
  });

  it("refuses a step that skips or reverses the lifecycle, with a message that says what is possible, and writes nothing", async () => {
    const persona = await created();
    const before = await personaState(persona.id);
    const skip = await changePersonaStatus(analyst, { personaId: persona.id, version: 1, toStatus: "SUNSET", rationale: "Skipping straight to sunset." });
    expect(skip).toMatchObject({ ok: false, code: "INVALID", message: "A draft persona cannot become sunset; it can only become active.", fieldErrors: { toStatus: [expect.any(String)] } });
    expect(await changePersonaStatus(analyst, { personaId: persona.id, version: 1, toStatus: "DRAFT", rationale: "Draft again, why not." })).toMatchObject({ ok: false, code: "INVALID" });
    expect(await personaState(persona.id)).toEqual(before);

    await changePersonaStatus(analyst, { personaId: persona.id, version: 1, toStatus: "ACTIVE", rationale: "Ready to be scored now." });
    expect(await changePersonaStatus(analyst, { personaId: persona.id, version: 2, toStatus: "DRAFT", rationale: "Back to the drawing board." })).toMatchObject({
      ok: false,
      code: "INVALID",
      message: "An active persona cannot become draft; it can only become sunset.",
    });
  });

  it("requires a written rationale", async () => {
    const persona = await created();
    const before = await personaState(persona.id);
    for (const rationale of [undefined, "", "   ", "too short"]) {
      const result = await changePersonaStatus(analyst, { personaId: persona.id, version: 1, toStatus: "ACTIVE", rationale });
      expect(result, String(rationale)).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { rationale: [expect.any(String)] } });
    }
    expect(await personaState(persona.id)).toEqual(before);
  });
});

describe("optimistic concurrency", () => {
  it("refuses an edit on a stale version, naming who changed the persona, and writes nothing", async () => {
    const persona = await created();
    // The admin activates it while the analyst's editor still holds version 1.
    await changePersonaStatus(admin, { personaId: persona.id, version: 1, toStatus: "ACTIVE", rationale: "Approved at the strategy review." });
    const before = await personaState(persona.id);
    const stale = await updatePersona(analyst, {
      personaId: persona.id,
      version: 1,
      ...base,
      slug: persona.slug,
      name: "Renamed on a stale page",
      attributes: [],
      painPoints: [],
    });
    expect(stale).toMatchObject({ ok: false, code: "CONFLICT", details: { current: { version: 2, changedBy: "Alex Admin" } } });
    expect(!stale.ok && stale.message).toContain("Alex Admin changed this persona");
    expect(await personaState(persona.id)).toEqual(before);
    for (const command of [
      () => changePersonaStatus(analyst, { personaId: persona.id, version: 1, toStatus: "SUNSET", rationale: "From a stale page, refused." }),
      () => reviewPersona(analyst, { personaId: persona.id, version: 1, outcome: "STILL_VALID", note: "Stale" }),
    ]) {
      expect(await command()).toMatchObject({ ok: false, code: "CONFLICT" });
    }
    expect(await personaState(persona.id)).toEqual(before);
  });

  it("saves attributes by kind and pain points on the current version; an identical save changes nothing", async () => {
    const persona = await created();
    const edit = {
      personaId: persona.id,
      version: 1,
      ...base,
      slug: `${persona.slug}-renamed`,
      name: "Rural Retailer (EU)",
      attributes: [
        { kind: "DEMOGRAPHIC", label: "Company size", value: "1–9 employees" },
        { kind: "GEOGRAPHIC", label: "Region", value: "Rural EU" },
        { kind: "BEHAVIOURAL", label: "Channel", value: "Phone" },
      ],
      painPoints: ["Slow delivery", "No local support"],
    };
    expect(await updatePersona(analyst, edit)).toMatchObject({ ok: true, data: { changed: true, persona: { version: 2 } } });
    expect(await updatePersona(analyst, { ...edit, version: 2 })).toMatchObject({ ok: true, data: { changed: false } });
    const detail = await getPersonaDetail(analyst, `${persona.slug}-renamed`);
    expect(detail).toMatchObject({ name: "Rural Retailer (EU)", version: 2, canEdit: true });
    expect(detail!.painPoints.map((p) => [p.text, p.objectives])).toEqual([
      ["Slow delivery", []],
      ["No local support", []],
    ]);
    expect(detail!.attributes.DEMOGRAPHIC).toEqual([{ label: "Company size", value: "1–9 employees" }]);
    expect(detail!.attributes.PSYCHOGRAPHIC).toEqual([]);
    expect((await auditEventsFor(persona.id)).map((e) => e.action)).toEqual(["persona.create", "persona.update"]);
    // A duplicate label within a kind names the attribute.
    expect(
      await updatePersona(analyst, { ...edit, version: 2, attributes: [...edit.attributes, { kind: "GEOGRAPHIC", label: "region", value: "x" }] }),
    ).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { "attributes.3.label": [expect.stringContaining("twice")] } });
  });
});

describe("reviews", () => {
  it("moves the next review date one cadence past today, keeps the note, and clears the overdue flag", async () => {
    const persona = await created();
    const db = await getDb();
    // Overdue: the review was due last year; the cadence becomes 6 months.
    await db.persona.update({ where: { id: persona.id }, data: { nextReviewOn: new Date("2025-01-01T00:00:00Z"), reviewCadenceMonths: 6 } });
    expect((await getPersonaList(analyst, {})).rows.find((r) => r.id === persona.id)?.overdue).toBe(true);
    const { result, days } = await acrossDays(() => reviewPersona(analyst, { personaId: persona.id, version: 1, outcome: "NEEDS_RESEGMENTATION", note: "Split by shop size?" }));
    // Six months after the day the command saw (either day, should it run across midnight).
    const expected = result.ok ? result.data.persona.nextReviewOn : null;
    expect(expectedFor(days, (today) => utcDay(addMonthsToDate(today, 6)))).toContain(expected);
    expect(result).toMatchObject({ ok: true, data: { persona: { nextReviewOn: expected, version: 2 } } });
    const state = await personaState(persona.id);
    expect(state.persona.nextReviewOn?.toISOString().slice(0, 10)).toBe(expected);
    expect(state.reviews).toMatchObject([{ outcome: "NEEDS_RESEGMENTATION", note: "Split by shop size?", reviewedById: analyst.id }]);
    expect((await getPersonaList(analyst, {})).rows.find((r) => r.id === persona.id)?.overdue).toBe(false);
    expect(await reviewPersona(exec, { personaId: persona.id, version: 2, outcome: "STILL_VALID", note: "x" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });

  it("adds whole months, keeping the day or the month's last day", () => {
    expect(addMonthsToDate(new Date("2026-01-31T00:00:00Z"), 1).toISOString().slice(0, 10)).toBe("2026-02-28");
    expect(addMonthsToDate(new Date("2026-11-15T00:00:00Z"), 3).toISOString().slice(0, 10)).toBe("2027-02-15");
  });

  it("filters the list by status", async () => {
    const list = await getPersonaList(exec, { status: "draft" });
    expect(list.status).toBe("DRAFT");
    expect(list.rows.every((r) => r.status === "DRAFT")).toBe(true);
    expect((await getPersonaList(exec, { status: "bogus" })).statusMessage).toContain("bogus");
  });
});
