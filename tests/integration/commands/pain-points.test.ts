import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { mapPainPoint, unmapPainPoint, updatePersona } from "@/lib/commands";
import { getDb } from "@/lib/db";
import { getPersonaDetail } from "@/lib/queries/personas";
import { actorOf, auditEventsFor, makeObjective, makePersonaWithPainPoints, makeUser, snapshot } from "./fixtures";

// Pain points -> objectives (many to many): mapping and unmapping (audited, analysts and admins
// only), the persona page's flag for a pain point no objective addresses, and edits of the pain
// point list that keep the mappings of lines kept or reworded in place.

let analyst: Actor;
let owner: Actor;
beforeAll(async () => {
  analyst = actorOf(await makeUser({ role: "ANALYST" }));
  owner = actorOf(await makeUser({ role: "KPI_OWNER" }));
});

describe("mapping pain points to objectives", () => {
  it("lists each pain point with the objectives that address it and flags the unaddressed ones", async () => {
    const { persona, painPoints } = await makePersonaWithPainPoints(["Slow onboarding", "Surprises on the invoice"]);
    const onboard = await makeObjective(undefined, "Onboard every persona quickly");
    const result = await mapPainPoint(analyst, { painPointId: painPoints[0]!.id, objectiveId: onboard.id });
    expect(result).toMatchObject({ ok: true, data: { changed: true, objective: "Onboard every persona quickly", painPoint: "Slow onboarding" } });
    // Mapping it again changes nothing and writes no audit event.
    expect(await mapPainPoint(analyst, { painPointId: painPoints[0]!.id, objectiveId: onboard.id })).toMatchObject({ ok: true, data: { changed: false } });
    expect((await auditEventsFor(painPoints[0]!.id)).map((e) => e.action)).toEqual(["persona.painPoint.map"]);

    const detail = await getPersonaDetail(analyst, persona.slug);
    expect(detail!.painPoints.map((p) => [p.text, p.objectives.map((o) => o.title)])).toEqual([
      ["Slow onboarding", ["Onboard every persona quickly"]],
      ["Surprises on the invoice", []],
    ]);
    expect(detail!.objectiveOptions.map((o) => o.id)).toContain(onboard.id);
    // Readers see the mapping but are offered nothing to map.
    expect((await getPersonaDetail(owner, persona.slug))!.objectiveOptions).toEqual([]);

    await expect(unmapPainPoint(analyst, { painPointId: painPoints[0]!.id, objectiveId: onboard.id })).resolves.toMatchObject({ ok: true });
    expect((await getPersonaDetail(analyst, persona.slug))!.painPoints.every((p) => p.objectives.length === 0)).toBe(true);
    expect((await auditEventsFor(painPoints[0]!.id)).map((e) => e.action)).toEqual(["persona.painPoint.map", "persona.painPoint.unmap"]);
    expect(await unmapPainPoint(analyst, { painPointId: painPoints[0]!.id, objectiveId: onboard.id })).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });

  it("refuses other roles and unknown objectives, writing nothing", async () => {
    const { painPoints } = await makePersonaWithPainPoints(["Slow onboarding"]);
    const objective = await makeObjective();
    const before = await snapshot();
    expect(await mapPainPoint(owner, { painPointId: painPoints[0]!.id, objectiveId: objective.id })).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
      message: "Only analysts and administrators can change personas.",
    });
    expect(await mapPainPoint(analyst, { painPointId: painPoints[0]!.id, objectiveId: "no-such-objective" })).toMatchObject({
      ok: false,
      code: "INVALID",
      fieldErrors: { objectiveId: [expect.any(String)] },
    });
    expect(await snapshot()).toEqual(before);
  });

  it("keeps the mappings of lines kept, reordered or reworded in place when the persona is edited; a deleted line loses them", async () => {
    const { persona, painPoints } = await makePersonaWithPainPoints(["Slow onboarding", "Pricing is unclear", "No local support"]);
    const [a, b, c] = [await makeObjective(), await makeObjective(), await makeObjective()];
    for (const [i, o] of [a, b, c].entries()) await mapPainPoint(analyst, { painPointId: painPoints[i]!.id, objectiveId: o.id });
    const edit = {
      personaId: persona.id,
      version: persona.version,
      name: persona.name,
      slug: persona.slug,
      description: persona.description,
      priority: 3,
      reviewCadenceMonths: 3,
      attributes: [],
      // Reordered, the second reworded in place... then the third removed and a new one added.
      painPoints: ["No local support", "Pricing is unclear to small shops", "slow onboarding", "Invoices in the wrong currency"],
    };
    expect(await updatePersona(analyst, edit)).toMatchObject({ ok: true, data: { changed: true } });
    const detail = await getPersonaDetail(analyst, persona.slug);
    expect(detail!.painPoints.map((p) => [p.text, p.objectives.map((o) => o.id)])).toEqual([
      ["No local support", [c.id]],
      ["Pricing is unclear to small shops", [b.id]],
      ["slow onboarding", [a.id]],
      ["Invoices in the wrong currency", []],
    ]);
    const db = await getDb();
    const rows = await db.personaPainPoint.findMany({ where: { personaId: persona.id } });
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set([...painPoints.map((p) => p.id), rows.find((r) => r.text.startsWith("Invoices"))!.id]));

    const dropped = await updatePersona(analyst, { ...edit, version: persona.version + 1, painPoints: ["Pricing is unclear to small shops"] });
    expect(dropped).toMatchObject({ ok: true });
    expect(await db.painPointObjective.count({ where: { painPoint: { personaId: persona.id } } })).toBe(1);
    expect(await updatePersona(analyst, { ...edit, version: persona.version + 2, painPoints: ["Same", "same"] })).toMatchObject({
      ok: false,
      fieldErrors: { "painPoints.1": ["The pain point “same” appears twice."] },
    });
  });
});
