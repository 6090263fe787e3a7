import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { makeKpi, makePersona, makeTarget, measure, weigh } from "../helpers/factories";
import { acrossDays, utcDay } from "../helpers/clock";
import { getHomeData, type HomeData } from "@/lib/queries/home";
import { scoreScorecardPeriod, type ScorecardPeriodScores } from "@/lib/queries/period-scores";
import type { RollupResult } from "@/lib/scoring";
import type { Actor } from "@/lib/auth/actor";

const exec: Actor = { id: "exec", role: "EXECUTIVE", departmentId: null, name: "Exec", email: "exec@test" };

// The home read model (getHomeData) and the period scorer underneath it (scoreScorecardPeriod)
// against a small hand-built data set. Every expected number below is derived by hand from the
// formulas documented in lib/scoring/index.ts; lib/scoring is never called to compute them.
//
// Scoring formulas used (THIRD = 100/3):
//   HIGHER_IS_BETTER: v >= target -> 100; green <= v < target -> 2·THIRD + THIRD·(v-green)/(target-green);
//                     red < v < green -> THIRD + THIRD·(v-red)/(green-red);
//                     v <= red -> max(0, THIRD - THIRD·(red-v)/(green-red)).
//   LOWER_IS_BETTER:  the same on negated values.
//   TARGET_RANGE:     below the target like HIGHER (red, green, target); above it like LOWER
//                     (redHigh, greenHigh, target).
//   Roll-up:          Σ(w·s)/Σw over scored items; coverage = scored weight / total weight.
//   Status:           <= 100/3 RED, >= 200/3 GREEN, else AMBER.


// The latest month with a MONTHLY KPI value in the Retail scorecard.
const PERIOD = "2025-06-01";

function expectResult(actual: RollupResult | null | undefined, score: number, status: RollupResult["status"], coverage: number) {
  expect(actual).toBeDefined();
  expect(actual).not.toBeNull();
  expect(actual!.score).not.toBeNull();
  expect(actual!.score!).toBeCloseTo(score, 9);
  expect(actual!.status).toBe(status);
  expect(actual!.coverage).toBeCloseTo(coverage, 9);
}

// ───────────────────────────── Tests ─────────────────────────────

describe("home read model", () => {
  it("returns empty lists and zero counts on an empty database", async () => {
    expect(await getHomeData(exec)).toEqual({ scorecards: [], personas: [], draftPersonaCount: 0, sunsetPersonaCount: 0, overdueReviews: [] });
  });

  it("flags draft and active personas overdue for review, oldest first, never a sunset one or one due today", async () => {
    const db = await getDb();
    const today = new Date(`${utcDay()}T00:00:00.000Z`);
    const due = (days: number) => new Date(today.getTime() + days * 86_400_000);
    const made = [
      ["late-active", "ACTIVE", -3],
      ["later-draft", "DRAFT", -40],
      ["due-today", "ACTIVE", 0],
      ["late-sunset", "SUNSET", -10],
    ] as const;
    for (const [slug, status, days] of made) {
      const p = await makePersona(slug, slug, status, 3);
      await db.persona.update({ where: { id: p.id }, data: { nextReviewOn: due(days) } });
    }
    // The query reads its own clock: should midnight UTC pass after the rows were written, "due-today" is overdue by one day.
    const { result: home, days } = await acrossDays(() => getHomeData(exec));
    const expected = days.map((day) => (day === utcDay(today) ? ["later-draft", "late-active"] : ["later-draft", "late-active", "due-today"]));
    expect(expected).toContainEqual(home.overdueReviews.map((r) => r.slug));
    await db.persona.deleteMany({ where: { slug: { in: made.map((m) => m[0]) } } });
  });

  describe("with a scorecard, two active personas, a draft and a sunset persona", () => {
    const ids = {} as Record<
      "zoe" | "adam" | "draft" | "sunset" | "retail" | "brand" | "customer" | "financial" | "k1" | "k2" | "k3" | "k4" | "k5" | "k6",
      string
    >;
    let home: HomeData;
    let direct: ScorecardPeriodScores;

    beforeAll(async () => {
      const db = await getDb();

      // Personas. Active ones are listed by priority, then name: Zoe (1) before Adam (2).
      // The draft and sunset ones have the highest priority, so they would come first if listed.
      ids.zoe = (await makePersona("zoe", "Zoe", "ACTIVE", 1)).id;
      ids.adam = (await makePersona("adam", "Adam", "ACTIVE", 2)).id;
      ids.draft = (await makePersona("dora-draft", "Dora (draft)", "DRAFT", 1)).id;
      ids.sunset = (await makePersona("sam-sunset", "Sam (sunset)", "SUNSET", 1)).id;

      // Scorecards are listed by name: Brand (no data) before Retail.
      ids.retail = (await db.scorecard.create({ data: { slug: "retail", name: "Retail", description: "Shops" } })).id;
      ids.brand = (await db.scorecard.create({ data: { slug: "brand", name: "Brand" } })).id;

      // Retail: Customer (weight 3) and Financial (weight 1).
      ids.customer = (await db.perspective.create({ data: { scorecardId: ids.retail, name: "Customer", order: 1, weight: 3 } })).id;
      ids.financial = (await db.perspective.create({ data: { scorecardId: ids.retail, name: "Financial", order: 2, weight: 1 } })).id;

      // Customer: K1 (higher, w2), K2 (lower, w1), K5 (PROPOSED, w5 — ignored).
      ids.k1 = (await makeKpi("K1", ids.customer, { direction: "HIGHER_IS_BETTER", weight: 2 })).id;
      ids.k2 = (await makeKpi("K2", ids.customer, { direction: "LOWER_IS_BETTER", weight: 1 })).id;
      ids.k5 = (await makeKpi("K5", ids.customer, { direction: "HIGHER_IS_BETTER", weight: 5, status: "PROPOSED" })).id;
      // Financial: K3 (range, w1), K4 (higher, QUARTERLY, w2), K6 (higher, w1, no target in force).
      ids.k3 = (await makeKpi("K3", ids.financial, { direction: "TARGET_RANGE", weight: 1 })).id;
      ids.k4 = (await makeKpi("K4", ids.financial, { direction: "HIGHER_IS_BETTER", weight: 2, frequency: "QUARTERLY" })).id;
      ids.k6 = (await makeKpi("K6", ids.financial, { direction: "HIGHER_IS_BETTER", weight: 1 })).id;

      // K1 targets. In June: Zoe gets the 2025-04 default (the 2025-01 one is superseded, the
      // 2025-07 one is not yet in force); Adam gets his own 2025-02 row, although a newer default exists.
      await makeTarget(ids.k1, "2025-01-01", { red: 20, green: 40, target: 50 }); // superseded
      await makeTarget(ids.k1, "2025-04-01", { red: 30, green: 60, target: 80 }); // in force
      await makeTarget(ids.k1, "2025-07-01", { red: 0, green: 10, target: 20 }); // after the period
      await makeTarget(ids.k1, "2025-02-01", { red: 20, green: 40, target: 60 }, ids.adam); // Adam's own
      await makeTarget(ids.k2, "2025-01-01", { red: 10, green: 5, target: 2 });
      await makeTarget(ids.k3, "2025-01-01", { red: 10, green: 20, target: 30, greenHigh: 40, redHigh: 60 });
      await makeTarget(ids.k4, "2025-01-01", { red: 100, green: 200, target: 300 });
      await makeTarget(ids.k5, "2025-01-01", { red: 50, green: 60, target: 70 });
      await makeTarget(ids.k6, "2025-08-01", { red: 1, green: 2, target: 3 }); // only after the period

      // Values of the period (June 2025).
      await measure(ids.k1, ids.zoe, PERIOD, 70);
      await measure(ids.k1, ids.adam, PERIOD, 35);
      await measure(ids.k2, ids.zoe, PERIOD, 7);
      await measure(ids.k2, ids.adam, PERIOD, 1);
      await measure(ids.k3, ids.zoe, PERIOD, 50);
      await measure(ids.k3, ids.adam, PERIOD, 12);
      await measure(ids.k6, ids.zoe, PERIOD, 5);
      await measure(ids.k6, ids.adam, PERIOD, 5);
      // Quarterly K4: Q2 (2025-04-01) holds June. Q1 and Q3 must not be used.
      await measure(ids.k4, ids.zoe, "2025-04-01", 275);
      await measure(ids.k4, ids.adam, "2025-04-01", 50);
      await measure(ids.k4, ids.zoe, "2025-01-01", 0);
      await measure(ids.k4, ids.adam, "2025-01-01", 300);
      // A quarterly value in Q3 (2025-07-01) is later than June, but the latest period is the
      // latest month of a MONTHLY KPI.
      await measure(ids.k4, ids.zoe, "2025-07-01", 300);
      await measure(ids.k4, ids.adam, "2025-07-01", 300);
      // The draft and sunset personas' own June values are never scored (they are not passed in).
      await measure(ids.k1, ids.draft, PERIOD, 0);
      await measure(ids.k2, ids.sunset, PERIOD, 100);
      // Earlier months of monthly KPIs (not the latest).
      await measure(ids.k1, ids.zoe, "2025-05-01", 0);
      await measure(ids.k1, ids.adam, "2025-05-01", 100);
      await measure(ids.k2, ids.zoe, "2025-05-01", 100);
      // The PROPOSED K5: a value in June that would score 0 with weight 5, and a later month (Sep)
      // that would move the latest period if it counted.
      await measure(ids.k5, ids.zoe, PERIOD, 0);
      await measure(ids.k5, ids.adam, PERIOD, 0);
      await measure(ids.k5, ids.zoe, "2025-09-01", 0);

      // Persona weights in Retail. Zoe recalibrated from 1 to 3 effective June (on the period);
      // Adam 2, with a recalibration to 10 that only takes effect in July.
      await weigh(ids.retail, ids.zoe, "2025-01-01", 1);
      await weigh(ids.retail, ids.zoe, "2025-06-01", 3);
      await weigh(ids.retail, ids.adam, "2025-01-01", 2);
      await weigh(ids.retail, ids.adam, "2025-07-01", 10);

      // Brand: one perspective, one active KPI with a target and persona weights, no measurements.
      const brandPerspective = await db.perspective.create({ data: { scorecardId: ids.brand, name: "Awareness", order: 1, weight: 1 } });
      const b1 = await makeKpi("B1", brandPerspective.id, { direction: "HIGHER_IS_BETTER", weight: 1 });
      await makeTarget(b1.id, "2025-01-01", { red: 10, green: 20, target: 30 });
      await weigh(ids.brand, ids.zoe, "2025-01-01", 1);
      await weigh(ids.brand, ids.adam, "2025-01-01", 1);

      home = await getHomeData(exec);
      direct = await scoreScorecardPeriod(db, ids.retail, PERIOD, [ids.zoe, ids.adam]);
    });

    // ── Hand computation for June 2025 ──
    //
    // Zoe
    //   K1 = 70, default 2025-04 (red 30, green 60, target 80): 60 <= 70 < 80
    //        -> 200/3 + (100/3)(10/20) = 250/3                       (w2)
    //   K2 = 7, lower (red 10, green 5, target 2): 5 < 7 < 10 (amber side)
    //        negated: -10 < -7 < -5 -> 100/3 + (100/3)(3/5) = 160/3   (w1)
    //   Customer = (2·250/3 + 160/3)/3 = 660/9 = 220/3 ≈ 73.333, GREEN, coverage 1
    //   K3 = 50, range (10, 20, 30, 40, 60): above target, 40 < 50 < 60
    //        negated: -60 < -50 < -40 -> 100/3 + (100/3)(10/20) = 50   (w1)
    //   K4 = 275 (Q2), (100, 200, 300): 200 <= 275 < 300
    //        -> 200/3 + (100/3)(75/100) = 275/3                        (w2)
    //   K6 = 5 but no target in force -> missing                       (w1)
    //   Financial = (50 + 2·275/3)/3 = (700/3)/3 = 700/9 ≈ 77.778, GREEN, coverage 3/4
    //   Overall = (3·220/3 + 1·700/9)/4 = (1980/9 + 700/9)/4 = 670/9 ≈ 74.444, GREEN, coverage 1
    //
    // Adam
    //   K1 = 35, own row (red 20, green 40, target 60): 20 < 35 < 40
    //        -> 100/3 + (100/3)(15/20) = 175/3                         (w2)
    //   K2 = 1 <= target 2 -> 100                                      (w1)
    //   Customer = (2·175/3 + 100)/3 = (650/3)/3 = 650/9 ≈ 72.222, GREEN, coverage 1
    //   K3 = 12, below target, 10 < 12 < 20 -> 100/3 + (100/3)(2/10) = 40   (w1)
    //   K4 = 50 (Q2) <= red 100 -> max(0, 100/3 - (100/3)(50/100)) = 50/3   (w2)
    //   K6 missing                                                     (w1)
    //   Financial = (40 + 2·50/3)/3 = (220/3)/3 = 220/9 ≈ 24.444, RED, coverage 3/4
    //   Overall = (3·650/9 + 220/9)/4 = 2170/36 = 1085/18 ≈ 60.278, AMBER, coverage 1
    //
    // Total across personas, weights in force in June: Zoe 3 (recalibrated 2025-06), Adam 2
    //   (3·670/9 + 2·1085/18)/5 = (2010/9 + 1085/9)/5 = 619/9 ≈ 68.778, GREEN, coverage 1
    //   (with Zoe's old weight 1 it would be exactly 65, AMBER; with Adam's July weight 10, 7435/117 ≈ 63.547)
    const ZOE = { customer: 220 / 3, financial: 700 / 9, overall: 670 / 9 };
    const ADAM = { customer: 650 / 9, financial: 220 / 9, overall: 1085 / 18 };
    const TOTAL = 619 / 9;

    it("lists only active personas, by priority then name, and counts draft and sunset ones", () => {
      expect(home.personas.map((p) => p.slug)).toEqual(["zoe", "adam"]);
      expect(home.personas[0]).toMatchObject({ id: ids.zoe, name: "Zoe", description: "Zoe persona", priority: 1 });
      expect(home.draftPersonaCount).toBe(1);
      expect(home.sunsetPersonaCount).toBe(1);
    });

    it("lists scorecards by name with their perspective and active-KPI counts", () => {
      expect(home.scorecards.map((c) => c.slug)).toEqual(["brand", "retail"]);
      const [brand, retail] = home.scorecards;
      expect(brand).toMatchObject({ id: ids.brand, name: "Brand", description: null, perspectiveCount: 1, activeKpiCount: 1 });
      // K1, K2, K3, K4, K6 — the PROPOSED K5 is not counted.
      expect(retail).toMatchObject({ id: ids.retail, name: "Retail", description: "Shops", perspectiveCount: 2, activeKpiCount: 5 });
    });

    it("takes the latest month of a MONTHLY KPI value as the period (not a later quarter, not a PROPOSED KPI)", () => {
      expect(home.scorecards[1]!.period).toBe(PERIOD);
      expect(direct.period).toBe(PERIOD);
    });

    it("scores each perspective with the targets in force, the quarter's value, and missing targets as missing", () => {
      const byPersona = new Map(direct.personas.map((p) => [p.personaId, p]));
      expect([...byPersona.keys()]).toEqual([ids.zoe, ids.adam]);

      const zoe = byPersona.get(ids.zoe)!;
      expect(zoe.perspectives.map((p) => p.perspectiveId)).toEqual([ids.customer, ids.financial]);
      expectResult(zoe.perspectives[0]!.result, ZOE.customer, "GREEN", 1);
      expectResult(zoe.perspectives[1]!.result, ZOE.financial, "GREEN", 0.75);
      expectResult(zoe.overall, ZOE.overall, "GREEN", 1);

      const adam = byPersona.get(ids.adam)!;
      expectResult(adam.perspectives[0]!.result, ADAM.customer, "GREEN", 1);
      expectResult(adam.perspectives[1]!.result, ADAM.financial, "RED", 0.75);
      expectResult(adam.overall, ADAM.overall, "AMBER", 1);
    });

    it("totals across personas with the persona weights in force in the period", () => {
      expectResult(direct.total, TOTAL, "GREEN", 1);
    });

    it("shows each active persona's overall score per scorecard, and the total, on the home page", () => {
      const [brand, retail] = home.scorecards;
      expectResult(retail!.total, TOTAL, "GREEN", 1);
      const [zoe, adam] = home.personas;
      expect(zoe!.scores).toHaveLength(2);
      expectResult(zoe!.scores[1], ZOE.overall, "GREEN", 1);
      expectResult(adam!.scores[1], ADAM.overall, "AMBER", 1);

      // Brand has no measurements: no period, no total, no persona scores.
      expect(brand!.period).toBeNull();
      expect(brand!.total).toBeNull();
      expect(zoe!.scores[0]).toBeNull();
      expect(adam!.scores[0]).toBeNull();
    });

    // Runs last: it adds a scorecard, after the snapshot above was taken.
    it("does not let a draft or sunset persona's later value move the home period", async () => {
      const db = await getDb();
      // Web: one perspective, one monthly KPI (red 10, green 20, target 30), weights 1 and 1.
      // Zoe and Adam report June: 30 and 15. The draft persona alone reports August, the sunset
      // one alone reports July.
      const web = await db.scorecard.create({ data: { slug: "web", name: "Web" } });
      const perspective = await db.perspective.create({ data: { scorecardId: web.id, name: "Traffic", order: 1, weight: 1 } });
      const w1 = await makeKpi("W1", perspective.id, { direction: "HIGHER_IS_BETTER", weight: 1 });
      await makeTarget(w1.id, "2025-01-01", { red: 10, green: 20, target: 30 });
      await weigh(web.id, ids.zoe, "2025-01-01", 1);
      await weigh(web.id, ids.adam, "2025-01-01", 1);
      await measure(w1.id, ids.zoe, PERIOD, 30);
      await measure(w1.id, ids.adam, PERIOD, 15);
      await measure(w1.id, ids.sunset, "2025-07-01", 30);
      await measure(w1.id, ids.draft, "2025-08-01", 30);

      // Expected: the latest month reported for the personas the page shows is June.
      //   Zoe: 30 >= target -> 100, GREEN. Adam: 10 < 15 < 20 -> 100/3 + (100/3)(5/10) = 50, AMBER.
      //   Total: (100 + 50)/2 = 75, GREEN, coverage 1.
      const after = await getHomeData(exec);
      const i = after.scorecards.findIndex((c) => c.id === web.id);
      expect(after.scorecards.map((c) => c.slug)).toEqual(["brand", "retail", "web"]);
      const zoeIndex = after.personas.findIndex((p) => p.id === ids.zoe);
      const adamIndex = after.personas.findIndex((p) => p.id === ids.adam);
      // Draft and sunset personas' later values must not move the period to a month where no
      // listed persona has data.
      expect(after.scorecards[i]!.period).toBe(PERIOD);
      expectResult(after.personas[zoeIndex]!.scores[i], 100, "GREEN", 1);
      expectResult(after.personas[adamIndex]!.scores[i], 50, "AMBER", 1);
      expectResult(after.scorecards[i]!.total, 75, "GREEN", 1);
    });
  });
});
