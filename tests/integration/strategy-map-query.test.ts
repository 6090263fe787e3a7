import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { findMapSubject, getStrategyMap, type MapObjective, type StrategyMapData } from "@/lib/queries/strategy-map";
import type { RollupResult } from "@/lib/scoring";
import { makeKpi, makePersona, makeTarget, measure } from "../helpers/factories";

// The strategy map read model on a small hand-built scorecard. Every expected number is derived
// by hand from the formulas documented in lib/scoring/index.ts (THIRD = 100/3):
//   HIGHER_IS_BETTER: v >= target -> 100; green <= v < target -> 2·THIRD + THIRD·(v-green)/(target-green);
//                     red < v < green -> THIRD + THIRD·(v-red)/(green-red);
//                     v <= red -> max(0, THIRD - THIRD·(red-v)/(green-red)).
//   LOWER_IS_BETTER:  the same on negated values.
//   Objective:        Σ(w·s)/Σw over its scored active KPIs; coverage = scored weight / total weight.
//   Status:           <= 100/3 RED, >= 200/3 GREEN, else AMBER; no score -> NO_DATA.

const exec: Actor = { id: "exec", role: "EXECUTIVE", departmentId: null, name: "Exec", email: "exec@test" };
const JUNE = "2025-06-01";
const MAY = "2025-05-01";

function expectResult(actual: RollupResult | undefined, score: number | null, status: RollupResult["status"], coverage: number) {
  expect(actual).toBeDefined();
  if (score === null) expect(actual!.score).toBeNull();
  else expect(actual!.score!).toBeCloseTo(score, 9);
  expect(actual!.status).toBe(status);
  expect(actual!.coverage).toBeCloseTo(coverage, 9);
}

describe("strategy map read model", () => {
  const ids = {} as Record<
    "adam" | "zoe" | "sam" | "dora" | "card" | "fin" | "cust" | "learn" | "rev" | "delight" | "keep" | "train" | "foreign",
    string
  >;
  const objective = (data: StrategyMapData, id: string): MapObjective => data.objectives.find((o) => o.id === id)!;

  beforeAll(async () => {
    const db = await getDb();
    // Adam is the first ACTIVE persona by priority; Sam (SUNSET) and Dora (DRAFT) rank higher but
    // are never the default, and Dora is never listed.
    ids.zoe = (await makePersona("zoe", "Zoe", "ACTIVE", 2)).id;
    ids.adam = (await makePersona("adam", "Adam", "ACTIVE", 1)).id;
    ids.sam = (await makePersona("sam", "Sam", "SUNSET", 1)).id;
    await db.persona.update({ where: { id: ids.sam }, data: { statusChangedAt: new Date("2025-06-10T09:00:00Z") } });
    ids.dora = (await makePersona("dora", "Dora", "DRAFT", 1)).id;

    // Perspectives created out of order: the map shows them by `order`.
    ids.card = (await db.scorecard.create({ data: { slug: "map", name: "Map" } })).id;
    ids.learn = (await db.perspective.create({ data: { scorecardId: ids.card, name: "Learning", order: 3 } })).id;
    ids.fin = (await db.perspective.create({ data: { scorecardId: ids.card, name: "Financial", order: 1 } })).id;
    ids.cust = (await db.perspective.create({ data: { scorecardId: ids.card, name: "Customer", order: 2 } })).id;

    const objectiveIn = async (perspectiveId: string, title: string) => (await db.strategicObjective.create({ data: { perspectiveId, title } })).id;
    ids.rev = await objectiveIn(ids.fin, "Grow revenue");
    ids.delight = await objectiveIn(ids.cust, "Delight customers");
    ids.keep = await objectiveIn(ids.cust, "Keep customers");
    ids.train = await objectiveIn(ids.learn, "Train staff"); // no KPIs

    const rev = await makeKpi("REV", ids.fin, { direction: "HIGHER_IS_BETTER", weight: 1, objectiveId: ids.rev });
    const nps = await makeKpi("NPS", ids.cust, { direction: "HIGHER_IS_BETTER", weight: 3, objectiveId: ids.delight });
    const complaints = await makeKpi("COMPLAINTS", ids.cust, { direction: "LOWER_IS_BETTER", weight: 1, objectiveId: ids.delight });
    const churn = await makeKpi("CHURN", ids.cust, { direction: "LOWER_IS_BETTER", weight: 2, frequency: "QUARTERLY", objectiveId: ids.keep });
    const idea = await makeKpi("IDEA", ids.cust, { direction: "HIGHER_IS_BETTER", weight: 5, status: "PROPOSED", objectiveId: ids.keep });
    await makeTarget(rev.id, "2025-01-01", { red: 50, green: 80, target: 100 });
    await makeTarget(nps.id, "2025-01-01", { red: 0, green: 30, target: 60 });
    await makeTarget(complaints.id, "2025-01-01", { red: 10, green: 4, target: 2 });
    await makeTarget(churn.id, "2025-01-01", { red: 8, green: 4, target: 2 });
    await makeTarget(idea.id, "2025-01-01", { red: 1, green: 2, target: 3 });

    await measure(rev.id, ids.adam, JUNE, 90);
    await measure(rev.id, ids.adam, MAY, 50);
    await measure(nps.id, ids.adam, JUNE, 15);
    await measure(complaints.id, ids.adam, JUNE, 3);
    await measure(churn.id, ids.adam, "2025-04-01", 9); // Q2 holds May and June
    await measure(idea.id, ids.adam, JUNE, 0); // PROPOSED: never scored
    await measure(nps.id, ids.zoe, JUNE, 60);
    await measure(churn.id, ids.zoe, "2025-04-01", 3);
    await measure(rev.id, ids.sam, MAY, 100);

    // Cause -> effect, plus a link into another scorecard that this map must not draw.
    await db.objectiveLink.create({ data: { causeId: ids.train, effectId: ids.delight, description: "Trained staff delight customers." } });
    await db.objectiveLink.create({ data: { causeId: ids.delight, effectId: ids.rev, description: "Promoters buy more." } });
    await db.objectiveLink.create({ data: { causeId: ids.keep, effectId: ids.rev } });
    const other = await db.scorecard.create({ data: { slug: "other", name: "Other" } });
    const otherPerspective = await db.perspective.create({ data: { scorecardId: other.id, name: "Financial", order: 1 } });
    ids.foreign = await objectiveIn(otherPerspective.id, "Someone else's objective");
    await db.objectiveLink.create({ data: { causeId: ids.rev, effectId: ids.foreign } });
  });

  describe("findMapSubject", () => {
    it("defaults to the first ACTIVE persona by priority and lists ACTIVE then SUNSET personas, never DRAFT", async () => {
      const subject = await findMapSubject(exec, { scorecardSlug: "map" });
      expect(subject.scorecard).toEqual({ slug: "map", name: "Map", description: null });
      expect(subject.persona).toEqual({ slug: "adam", name: "Adam", status: "ACTIVE" });
      expect(subject.personas).toEqual([
        { slug: "adam", name: "Adam", status: "ACTIVE" },
        { slug: "zoe", name: "Zoe", status: "ACTIVE" },
        { slug: "sam", name: "Sam", status: "SUNSET" },
      ]);
      expect((await findMapSubject(exec, { scorecardSlug: "map", personaSlug: "sam" })).persona).toEqual({ slug: "sam", name: "Sam", status: "SUNSET" });
    });

    it("refuses an unknown scorecard and an unknown or draft persona with NOT_FOUND", async () => {
      await expect(findMapSubject(exec, { scorecardSlug: "nope" })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(findMapSubject(exec, { scorecardSlug: "map", personaSlug: "nobody" })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(findMapSubject(exec, { scorecardSlug: "map", personaSlug: "dora" })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(getStrategyMap(exec, { scorecardSlug: "map", personaSlug: "dora" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    });
  });

  describe("getStrategyMap", () => {
    let adam: StrategyMapData;
    let zoe: StrategyMapData;

    beforeAll(async () => {
      adam = await getStrategyMap(exec, { scorecardSlug: "map", personaSlug: "adam" });
      zoe = await getStrategyMap(exec, { scorecardSlug: "map", personaSlug: "zoe", period: "2025-06" });
    });

    it("uses the latest month with data and offers every month with data, newest first", () => {
      // Values run from the Q2 churn value (April) to the monthly June values.
      expect(adam.period).toBe(JUNE);
      expect(adam.periodMessage).toBeNull();
      expect(adam.periods).toEqual([JUNE, MAY, "2025-04-01"]);
      expect(zoe.period).toBe(JUNE);
    });

    it("lists perspectives top to bottom by their order, with every objective, including ones without KPIs", () => {
      expect(adam.perspectives).toEqual([
        { id: ids.fin, name: "Financial", order: 1 },
        { id: ids.cust, name: "Customer", order: 2 },
        { id: ids.learn, name: "Learning", order: 3 },
      ]);
      expect(adam.objectives.map((o) => [o.title, o.perspectiveId])).toEqual([
        ["Grow revenue", ids.fin],
        ["Delight customers", ids.cust],
        ["Keep customers", ids.cust],
        ["Train staff", ids.learn],
      ]);
    });

    // Adam, June 2025
    //   REV 90 (50, 80, 100): 80 <= 90 < 100 -> 200/3 + (100/3)(10/20) = 250/3             -> Grow revenue 250/3 GREEN
    //   NPS 15 (0, 30, 60): 0 < 15 < 30 -> 100/3 + (100/3)(15/30) = 50                     (w3)
    //   COMPLAINTS 3, lower (10, 4, 2): negated -4 <= -3 < -2 -> 200/3 + (100/3)(1/2) = 250/3 (w1)
    //     Delight customers = (3·50 + 250/3)/4 = (700/3)/4 = 175/3 ≈ 58.33 AMBER, coverage 1
    //   CHURN Q2 9, lower (8, 4, 2): negated -9 <= -8 -> max(0, 100/3 - (100/3)(1/4)) = 25 (w2);
    //     the PROPOSED IDEA (w5) is not part of it -> Keep customers 25 RED, coverage 1
    //   Train staff: no KPIs -> no score, NO_DATA, coverage 0
    it("scores each objective from its active KPIs with KPI weights", () => {
      expectResult(objective(adam, ids.rev).result, 250 / 3, "GREEN", 1);
      expectResult(objective(adam, ids.delight).result, 175 / 3, "AMBER", 1);
      expectResult(objective(adam, ids.keep).result, 25, "RED", 1);
      expectResult(objective(adam, ids.train).result, null, "NO_DATA", 0);
    });

    it("lists each objective's active KPIs with their own score and status", () => {
      const delight = objective(adam, ids.delight).kpis;
      expect(delight.map((k) => [k.code, k.name, k.status])).toEqual([
        ["COMPLAINTS", "KPI COMPLAINTS", "GREEN"],
        ["NPS", "KPI NPS", "AMBER"],
      ]);
      expect(delight[0]!.score).toBeCloseTo(250 / 3, 9);
      expect(delight[1]!.score).toBeCloseTo(50, 9);
      expect(objective(adam, ids.keep).kpis.map((k) => [k.code, k.score, k.status])).toEqual([["CHURN", 25, "RED"]]);
      expect(objective(adam, ids.train).kpis).toEqual([]);
    });

    // Zoe, June 2025
    //   REV missing -> Grow revenue: no score, NO_DATA, coverage 0
    //   NPS 60 >= target -> 100 (w3); COMPLAINTS missing (w1) -> Delight customers 100 GREEN, coverage 3/4
    //   CHURN Q2 3, lower: negated -4 <= -3 < -2 -> 250/3 -> Keep customers 250/3 GREEN
    it("scores the same map differently for another persona", () => {
      expectResult(objective(zoe, ids.rev).result, null, "NO_DATA", 0);
      expectResult(objective(zoe, ids.delight).result, 100, "GREEN", 0.75);
      expectResult(objective(zoe, ids.keep).result, 250 / 3, "GREEN", 1);
      expect(objective(zoe, ids.delight).kpis.map((k) => [k.code, k.score, k.status])).toEqual([
        ["COMPLAINTS", null, "NO_DATA"],
        ["NPS", 100, "GREEN"],
      ]);
    });

    // Adam, May 2025: REV 50 <= red 50 -> max(0, 100/3 - 0) = 100/3 -> RED (at the band edge).
    //   NPS and COMPLAINTS missing; CHURN still Q2 (9) -> 25.
    it("scores the month asked for", async () => {
      const may = await getStrategyMap(exec, { scorecardSlug: "map", personaSlug: "adam", period: "2025-05" });
      expect(may.period).toBe(MAY);
      expectResult(objective(may, ids.rev).result, 100 / 3, "RED", 1);
      expectResult(objective(may, ids.delight).result, null, "NO_DATA", 0);
      expectResult(objective(may, ids.keep).result, 25, "RED", 1);
    });

    it("says so when the month in the address is not a month, and shows the latest one", async () => {
      const bad = await getStrategyMap(exec, { scorecardSlug: "map", personaSlug: "adam", period: "2025-13" });
      expect(bad.period).toBe(JUNE);
      expect(bad.periodMessage).toMatch(/YYYY-MM/);
    });

    it("returns the cause -> effect links among this scorecard's objectives only", () => {
      expect(adam.links).toEqual([
        { causeId: ids.delight, effectId: ids.rev, description: "Promoters buy more." },
        { causeId: ids.keep, effectId: ids.rev, description: null },
        { causeId: ids.train, effectId: ids.delight, description: "Trained staff delight customers." },
      ]);
    });

    it("names the persona, its sunset month, and the personas to switch to", async () => {
      expect(adam.persona).toEqual({ slug: "adam", name: "Adam", status: "ACTIVE", sunsetFrom: null });
      expect(adam.personas.map((p) => `${p.slug}:${p.status}`)).toEqual(["adam:ACTIVE", "zoe:ACTIVE", "sam:SUNSET"]);
      const sam = await getStrategyMap(exec, { scorecardSlug: "map", personaSlug: "sam", period: "2025-05" });
      expect(sam.persona).toEqual({ slug: "sam", name: "Sam", status: "SUNSET", sunsetFrom: JUNE });
      // Sam, May: REV 100 >= target -> 100 GREEN.
      expectResult(objective(sam, ids.rev).result, 100, "GREEN", 1);
    });

    it("is plain data that survives serialisation to the browser", () => {
      expect(JSON.parse(JSON.stringify(adam))).toEqual(adam);
    });

    it("draws the structure with No data when the scorecard has no values yet", async () => {
      const db = await getDb();
      const fresh = await db.scorecard.create({ data: { slug: "fresh", name: "Fresh" } });
      const perspective = await db.perspective.create({ data: { scorecardId: fresh.id, name: "Customer", order: 1 } });
      const goal = await db.strategicObjective.create({ data: { perspectiveId: perspective.id, title: "Be useful" } });
      await makeKpi("FRESH-1", perspective.id, { direction: "HIGHER_IS_BETTER", weight: 1, objectiveId: goal.id });

      const map = await getStrategyMap(exec, { scorecardSlug: "fresh", personaSlug: "adam" });
      expect(map.period).toBeNull();
      expect(map.periods).toEqual([]);
      expect(map.perspectives).toEqual([{ id: perspective.id, name: "Customer", order: 1 }]);
      expect(map.objectives).toEqual([
        {
          id: goal.id,
          title: "Be useful",
          perspectiveId: perspective.id,
          result: { score: null, status: "NO_DATA", coverage: 0 },
          kpis: [{ code: "FRESH-1", name: "KPI FRESH-1", score: null, status: "NO_DATA" }],
        },
      ]);
      expect(map.links).toEqual([]);
    });
  });
});
