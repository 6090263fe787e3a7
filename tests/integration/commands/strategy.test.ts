import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import * as commands from "@/lib/commands";
import { getDb } from "@/lib/db";
import { getStrategyEditor } from "@/lib/queries/strategy-editor";
import { getStrategyMap } from "@/lib/queries/strategy-map";
import { actorOf, auditEventsFor, makeDepartment, makeObjective, makePersona, makeScorecard, makeUser, snapshot } from "./fixtures";

// The strategy editor's rules: perspectives (unique names, weights, order, delete only when
// empty), objectives (owner an active user, business units, move within the scorecard with their
// KPIs, delete only without KPIs) and cause -> effect links (no self-links, no duplicates, no
// loops, the loop named). Every refusal writes nothing.

let analyst: Actor;
let exec: Actor;
beforeAll(async () => {
  analyst = actorOf(await makeUser({ role: "ANALYST", name: "Priya Analyst" }));
  exec = actorOf(await makeUser({ role: "EXECUTIVE" }));
});

async function ok<T>(result: Promise<{ ok: true; data: T } | { ok: false; message: string }>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(`expected ok, got: ${r.message}`);
  return r.data;
}

/** A scorecard with three objectives linked skills -> resolve -> delight. */
async function chain() {
  const { scorecard, perspective } = await makeScorecard();
  const skills = await makeObjective(perspective.id, "Build expert support skills");
  const resolve = await makeObjective(perspective.id, "Resolve issues fast");
  const delight = await makeObjective(perspective.id, "Delight each persona");
  await ok(commands.addObjectiveLink(analyst, { causeId: skills.id, effectId: resolve.id, description: "Certified agents fix more." }));
  await ok(commands.addObjectiveLink(analyst, { causeId: resolve.id, effectId: delight.id }));
  return { scorecard, perspective, skills, resolve, delight };
}

describe("cause -> effect links", () => {
  it("refuses a link that would close a loop, naming the loop, and writes nothing", async () => {
    const { skills, delight } = await chain();
    const before = await snapshot();
    const result = await commands.addObjectiveLink(analyst, { causeId: delight.id, effectId: skills.id, description: "Happy customers teach us." });
    expect(result).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(!result.ok && result.message).toContain(
      "This link would close a loop: Delight each persona → Build expert support skills → Resolve issues fast → Delight each persona",
    );
    expect(!result.ok && result.fieldErrors.effectId?.[0]).toContain("Delight each persona → Build expert support skills");
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a self-link and a duplicate (with or without another description)", async () => {
    const { skills, resolve } = await chain();
    const before = await snapshot();
    expect(await commands.addObjectiveLink(analyst, { causeId: skills.id, effectId: skills.id })).toMatchObject({
      ok: false,
      code: "INVALID",
      message: "An objective cannot cause itself.",
      fieldErrors: { effectId: [expect.any(String)] },
    });
    const duplicate = await commands.addObjectiveLink(analyst, { causeId: skills.id, effectId: resolve.id, description: "Said again." });
    expect(duplicate).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(!duplicate.ok && duplicate.message).toBe("“Build expert support skills” → “Resolve issues fast” is already on the map.");
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a link between objectives of two scorecards", async () => {
    const a = await makeObjective();
    const b = await makeObjective();
    expect(await commands.addObjectiveLink(analyst, { causeId: a.id, effectId: b.id })).toMatchObject({ ok: false, code: "INVALID", message: "Both objectives must belong to the same scorecard." });
  });

  it("adds and removes links with audit events, and the strategy map shows them", async () => {
    const { scorecard, skills, resolve, delight } = await chain();
    const persona = await makePersona("ACTIVE");
    const shortcut = await ok(commands.addObjectiveLink(analyst, { causeId: skills.id, effectId: delight.id, description: "Experts delight directly." }));
    let map = await getStrategyMap(analyst, { scorecardSlug: scorecard.slug, personaSlug: persona.slug });
    expect(map.links.map((l) => [l.causeId, l.effectId, l.description])).toEqual(
      expect.arrayContaining([
        [skills.id, resolve.id, "Certified agents fix more."],
        [skills.id, delight.id, "Experts delight directly."],
      ]),
    );
    await ok(commands.removeObjectiveLink(analyst, { linkId: shortcut.link.id }));
    map = await getStrategyMap(analyst, { scorecardSlug: scorecard.slug, personaSlug: persona.slug });
    expect(map.links).toHaveLength(2);
    expect((await auditEventsFor(shortcut.link.id)).map((e) => e.action)).toEqual(["objective.link.add", "objective.link.remove"]);
    // Once the loop-closing link's way is cut, the reverse link is allowed.
    const { resolve: r2, delight: d2 } = await chain();
    const cut = await (await getDb()).objectiveLink.findFirstOrThrow({ where: { causeId: r2.id, effectId: d2.id } });
    await ok(commands.removeObjectiveLink(analyst, { linkId: cut.id }));
    await ok(commands.addObjectiveLink(analyst, { causeId: d2.id, effectId: r2.id }));
  });

  it("refuses every role but analysts and admins, whatever they send", async () => {
    const { skills, delight } = await chain();
    expect(await commands.addObjectiveLink(exec, { causeId: delight.id, effectId: skills.id })).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
      message: "Only analysts and administrators can change perspectives, objectives and their links.",
    });
  });
});

describe("perspectives", () => {
  it("adds at the bottom, refuses a name the scorecard already has, and keeps weights non-negative decimals", async () => {
    const { scorecard } = await makeScorecard();
    const added = await ok(commands.createPerspective(analyst, { scorecardId: scorecard.id, name: "Financial", weight: "0.35", description: "Money." }));
    const stored = await (await getDb()).perspective.findUniqueOrThrow({ where: { id: added.perspective.id } });
    expect([stored.order, stored.weight.toFixed(4)]).toEqual([2, "0.3500"]);
    expect(await commands.createPerspective(analyst, { scorecardId: scorecard.id, name: "customer", weight: "1" })).toMatchObject({
      ok: false,
      code: "INVALID",
      fieldErrors: { name: ["This scorecard already has a perspective called “customer”."] },
    });
    expect(await commands.createPerspective(analyst, { scorecardId: scorecard.id, name: "Learning", weight: "-1" })).toMatchObject({
      ok: false,
      fieldErrors: { weight: ["A weight cannot be negative."] },
    });
    expect(await commands.updatePerspective(analyst, { perspectiveId: stored.id, version: 1, name: "Financial", weight: "abc" })).toMatchObject({
      ok: false,
      fieldErrors: { weight: [expect.stringContaining("Enter a weight")] },
    });
  });

  it("moves up and down, renumbering 1..n; the editor lists them in that order", async () => {
    const { scorecard, perspective: customer } = await makeScorecard();
    const fin = await ok(commands.createPerspective(analyst, { scorecardId: scorecard.id, name: "Financial", weight: "1" }));
    await ok(commands.createPerspective(analyst, { scorecardId: scorecard.id, name: "Learning", weight: "1" }));
    await ok(commands.movePerspective(analyst, { perspectiveId: fin.perspective.id, direction: "up" }));
    // At the top already: no change, no audit event.
    const atTop = await commands.movePerspective(analyst, { perspectiveId: fin.perspective.id, direction: "up" });
    expect(atTop).toMatchObject({ ok: true, data: { changed: false } });
    const editor = await getStrategyEditor(analyst, scorecard.slug);
    expect(editor!.perspectives.map((p) => [p.order, p.name])).toEqual([
      [1, "Financial"],
      [2, "Customer"],
      [3, "Learning"],
    ]);
    expect(editor!.perspectives.map((p) => p.share)).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect((await auditEventsFor(fin.perspective.id)).map((e) => e.action)).toEqual(["perspective.create", "perspective.move"]);
    expect(customer.id).toBeDefined();
  });

  it("refuses to delete a perspective that holds objectives or KPIs, saying so, and deletes an empty one", async () => {
    const { scorecard, perspective } = await makeScorecard();
    const objective = await makeObjective(perspective.id, "Delight each persona");
    const before = await snapshot();
    const refused = await commands.deletePerspective(analyst, { perspectiveId: perspective.id });
    expect(refused).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(!refused.ok && refused.message).toBe(
      "“Customer” still holds 1 objective. Move them to another perspective or delete them first; only an empty perspective can be deleted.",
    );
    expect(await snapshot()).toEqual(before);
    // A KPI alone (no objective) also keeps it.
    const db = await getDb();
    await db.strategicObjective.delete({ where: { id: objective.id } });
    await db.kpi.create({ data: { code: `DEL-${perspective.id.slice(-6)}`, name: "K", perspectiveId: perspective.id, timing: "LAGGING", unit: "PERCENT", direction: "HIGHER_IS_BETTER" } });
    const withKpi = await commands.deletePerspective(analyst, { perspectiveId: perspective.id });
    expect(!withKpi.ok && withKpi.message).toContain("still holds 1 KPI");

    const empty = await ok(commands.createPerspective(analyst, { scorecardId: scorecard.id, name: "Empty", weight: "1" }));
    await ok(commands.deletePerspective(analyst, { perspectiveId: empty.perspective.id }));
    expect(await db.perspective.count({ where: { scorecardId: scorecard.id } })).toBe(1);
  });
});

describe("objectives", () => {
  it("creates with an active owner and business units; refuses a deactivated owner and a duplicate title", async () => {
    const { perspective } = await makeScorecard();
    const owner = await makeUser({ role: "KPI_OWNER" });
    const [sales, support] = [await makeDepartment(), await makeDepartment()];
    const created = await ok(
      commands.createObjective(analyst, { perspectiveId: perspective.id, title: "Retain customers", strategicTheme: "Retention", ownerId: owner.id, departmentIds: [sales.id, support.id] }),
    );
    const stored = await (await getDb()).strategicObjective.findUniqueOrThrow({ where: { id: created.objective.id }, include: { departments: true } });
    expect([stored.ownerId, stored.strategicTheme, stored.departments.map((d) => d.departmentId).sort()]).toEqual([owner.id, "Retention", [sales.id, support.id].sort()]);

    const gone = await makeUser({ role: "KPI_OWNER", active: false });
    expect(await commands.createObjective(analyst, { perspectiveId: perspective.id, title: "Another", ownerId: gone.id })).toMatchObject({
      ok: false,
      fieldErrors: { ownerId: ["Choose an active user, or no owner."] },
    });
    expect(await commands.createObjective(analyst, { perspectiveId: perspective.id, title: "retain CUSTOMERS" })).toMatchObject({
      ok: false,
      fieldErrors: { title: [expect.stringContaining("already has an objective")] },
    });
    expect(await commands.createObjective(analyst, { perspectiveId: perspective.id, title: "Dup units", departmentIds: [sales.id, sales.id] })).toMatchObject({
      ok: false,
      fieldErrors: { departmentIds: ["A business unit is listed twice."] },
    });
  });

  it("moves to another perspective of its scorecard with its KPIs, never to another scorecard's", async () => {
    const { scorecard, perspective } = await makeScorecard();
    const fin = await ok(commands.createPerspective(analyst, { scorecardId: scorecard.id, name: "Financial", weight: "1" }));
    const objective = await makeObjective(perspective.id, "Grow revenue");
    const db = await getDb();
    const kpi = await db.kpi.create({
      data: { code: `MOVE-${objective.id.slice(-6)}`, name: "K", perspectiveId: perspective.id, objectiveId: objective.id, timing: "LAGGING", unit: "PERCENT", direction: "HIGHER_IS_BETTER" },
    });
    const moved = await ok(commands.updateObjective(analyst, { objectiveId: objective.id, version: 1, perspectiveId: fin.perspective.id, title: "Grow revenue" }));
    expect(moved).toMatchObject({ changed: true, movedKpis: 1 });
    expect((await db.kpi.findUniqueOrThrow({ where: { id: kpi.id } })).perspectiveId).toBe(fin.perspective.id);
    const [event] = (await auditEventsFor(objective.id)).filter((e) => e.action === "objective.update");
    expect(event!.after).toMatchObject({ movedFrom: "Customer", movedTo: "Financial", kpisMoved: [kpi.code] });

    const elsewhere = await makeScorecard();
    const before = await snapshot();
    expect(await commands.updateObjective(analyst, { objectiveId: objective.id, version: 2, perspectiveId: elsewhere.perspective.id, title: "Grow revenue" })).toMatchObject({
      ok: false,
      fieldErrors: { perspectiveId: ["Choose a perspective of this scorecard."] },
    });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses an edit made on a version someone else replaced, naming who, for objectives and perspectives", async () => {
    const { perspective } = await makeScorecard();
    const objective = await makeObjective(perspective.id, "Retain customers");
    const other = actorOf(await makeUser({ role: "ANALYST", name: "Other Analyst" }));
    await ok(commands.updateObjective(other, { objectiveId: objective.id, version: 1, perspectiveId: perspective.id, title: "Retain every customer" }));
    const before = await snapshot();
    const stale = await commands.updateObjective(analyst, { objectiveId: objective.id, version: 1, perspectiveId: perspective.id, title: "Keep customers" });
    expect(stale).toMatchObject({ ok: false, code: "CONFLICT", details: { current: { version: 2, changedBy: "Other Analyst", action: "objective.update" } } });
    expect(!stale.ok && stale.message).toMatch(/^Other Analyst changed this objective on .* UTC after you opened it \(version 2, yours was 1\)\./);
    expect(await snapshot()).toEqual(before);
    expect(await commands.updateObjective(analyst, { objectiveId: objective.id, version: 2, perspectiveId: perspective.id, title: "Keep customers" })).toMatchObject({ ok: true });

    await ok(commands.updatePerspective(other, { perspectiveId: perspective.id, version: 1, name: "Customers", weight: "1" }));
    expect(await commands.updatePerspective(analyst, { perspectiveId: perspective.id, version: 1, name: "Clients", weight: "1" })).toMatchObject({ ok: false, code: "CONFLICT" });
  });

  it("refuses to delete an objective KPIs point at, naming them; otherwise deletes it with its links", async () => {
    const { perspective } = await makeScorecard();
    const measured = await makeObjective(perspective.id, "Measured");
    const free = await makeObjective(perspective.id, "Free");
    const db = await getDb();
    await db.kpi.create({
      data: { code: `OBJ-${measured.id.slice(-6)}`, name: "K", perspectiveId: perspective.id, objectiveId: measured.id, timing: "LAGGING", unit: "PERCENT", direction: "HIGHER_IS_BETTER" },
    });
    const refused = await commands.deleteObjective(analyst, { objectiveId: measured.id });
    expect(!refused.ok && refused.message).toBe(`1 KPI measures “Measured” (OBJ-${measured.id.slice(-6)}). Point it at another objective first; only an objective without KPIs can be deleted.`);
    await ok(commands.addObjectiveLink(analyst, { causeId: free.id, effectId: measured.id }));
    expect(await ok(commands.deleteObjective(analyst, { objectiveId: free.id }))).toMatchObject({ links: 1 });
    expect(await db.objectiveLink.count({ where: { effectId: measured.id } })).toBe(0);
  });
});
