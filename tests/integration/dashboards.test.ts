import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { PERSONA_SCORECARD_CSV_COLUMNS, personaScorecardCsv } from "@/lib/export/persona-scorecard-csv";
import { getPersonaScorecard, type KpiLine, type PersonaScorecard } from "@/lib/queries/persona-scorecard";
import { getScorecardOverview, type ScorecardOverview } from "@/lib/queries/scorecard-overview";
import { rollup, scoreValue, type Thresholds } from "@/lib/scoring";
import { makeKpi, makePersona, makeTarget, measure, weigh } from "../helpers/factories";

// The dashboard read models on a small hand-built scorecard. Expected numbers are computed in
// the test with lib/scoring on the same rows, by hand: which thresholds apply, which value a
// monthly view shows for a quarterly KPI, which personas count and with which weights.

const exec: Actor = { id: "exec", role: "EXECUTIVE", departmentId: null, name: "Exec", email: "exec@test" };

// Thresholds, as the rows below store them.
const REV_DEFAULT_OLD: Thresholds = { direction: "HIGHER_IS_BETTER", red: 50, green: 80, target: 100 };
const REV_DEFAULT_NEW: Thresholds = { direction: "HIGHER_IS_BETTER", red: 60, green: 90, target: 110 }; // from 2025-05
const REV_ANNA: Thresholds = { direction: "HIGHER_IS_BETTER", red: 40, green: 70, target: 90 }; // Anna's own
const COST: Thresholds = { direction: "LOWER_IS_BETTER", red: 100, green: 60, target: 50 };
const NPS: Thresholds = { direction: "HIGHER_IS_BETTER", red: 0, green: 30, target: 50 };

const s = (value: number, t: Thresholds) => scoreValue(value, t).score!;

describe("dashboard read models", () => {
  const ids = {} as Record<"anna" | "ben" | "sam" | "dora" | "card" | "fin" | "cust" | "growth" | "loyal" | "rev" | "cost" | "nps", string>;

  beforeAll(async () => {
    const db = await getDb();
    ids.anna = (await makePersona("anna", "Anna", "ACTIVE", 1)).id;
    ids.ben = (await makePersona("ben", "Ben", "ACTIVE", 2)).id;
    ids.sam = (await makePersona("sam", "Sam", "SUNSET", 3)).id;
    await db.persona.update({ where: { id: ids.sam }, data: { statusChangedAt: new Date("2025-05-15T10:00:00Z"), statusRationale: "Too few accounts" } });
    ids.dora = (await makePersona("dora", "Dora", "DRAFT", 1)).id;

    ids.card = (await db.scorecard.create({ data: { slug: "retail", name: "Retail" } })).id;
    ids.fin = (await db.perspective.create({ data: { scorecardId: ids.card, name: "Financial", order: 1, weight: 2 } })).id;
    ids.cust = (await db.perspective.create({ data: { scorecardId: ids.card, name: "Customer", order: 2, weight: 1 } })).id;
    ids.growth = (await db.strategicObjective.create({ data: { perspectiveId: ids.fin, title: "Grow revenue" } })).id;
    ids.loyal = (await db.strategicObjective.create({ data: { perspectiveId: ids.cust, title: "Keep customers" } })).id;

    ids.rev = (await makeKpi("REV", ids.fin, { direction: "HIGHER_IS_BETTER", weight: 2, objectiveId: ids.growth })).id;
    ids.cost = (await makeKpi("COST", ids.fin, { direction: "LOWER_IS_BETTER", weight: 1, objectiveId: ids.growth })).id;
    ids.nps = (await makeKpi("NPS", ids.cust, { direction: "HIGHER_IS_BETTER", weight: 1, frequency: "QUARTERLY", objectiveId: ids.loyal })).id;

    await makeTarget(ids.rev, "2025-01-01", REV_DEFAULT_OLD);
    await makeTarget(ids.rev, "2025-05-01", REV_DEFAULT_NEW);
    await makeTarget(ids.rev, "2025-01-01", REV_ANNA, ids.anna);
    await makeTarget(ids.cost, "2025-01-01", COST);
    await makeTarget(ids.nps, "2025-01-01", NPS);

    // Weights: equal from January, recalibrated in June (Anna 3, Ben 1).
    for (const p of [ids.anna, ids.ben, ids.sam]) await weigh(ids.card, p, "2025-01-01", 1);
    await weigh(ids.card, ids.anna, "2025-06-01", 3);
    await weigh(ids.card, ids.ben, "2025-06-01", 1);

    await measure(ids.rev, ids.anna, "2025-04-01", 60);
    await measure(ids.rev, ids.anna, "2025-05-01", 80);
    await measure(ids.rev, ids.anna, "2025-06-01", 95);
    await measure(ids.cost, ids.anna, "2025-05-01", 70);
    await measure(ids.cost, ids.anna, "2025-06-01", 55);
    await measure(ids.nps, ids.anna, "2025-04-01", 40);
    await measure(ids.rev, ids.ben, "2025-05-01", 85);
    await measure(ids.rev, ids.ben, "2025-06-01", 100);
    await measure(ids.cost, ids.ben, "2025-05-01", 80); // June missing
    await measure(ids.nps, ids.ben, "2025-04-01", 20);
    await measure(ids.rev, ids.sam, "2025-04-01", 70);
    await measure(ids.rev, ids.sam, "2025-06-01", 50);
    await measure(ids.rev, ids.dora, "2025-06-01", 1000); // a draft persona's value never shows
  });

  // Anna in June: REV 95 against her own row; COST 55; NPS from Q2 (April) = 40.
  const annaJune = () => {
    const financial = rollup([{ score: s(95, REV_ANNA), weight: 2 }, { score: s(55, COST), weight: 1 }]).score!;
    const customer = s(40, NPS);
    return { financial, customer, overall: rollup([{ score: financial, weight: 2 }, { score: customer, weight: 1 }]).score! };
  };
  // Ben in June: REV 100 against the default changed in May; COST missing; NPS 20.
  const benJune = () => {
    const financial = s(100, REV_DEFAULT_NEW);
    const customer = s(20, NPS);
    return { financial, customer, overall: rollup([{ score: financial, weight: 2 }, { score: customer, weight: 1 }]).score! };
  };

  describe("scorecard overview", () => {
    let june: ScorecardOverview;
    beforeAll(async () => {
      june = (await getScorecardOverview(exec, { scorecardSlug: "retail", period: "2025-06", compareWith: "2025-05" }))!;
    });

    it("offers the months with data and shows the one asked for", () => {
      expect(june.period).toBe("2025-06-01");
      expect(june.compareWith).toBe("2025-05-01");
      expect(june.months).toEqual(["2025-06-01", "2025-05-01", "2025-04-01"]);
      expect(june.draftCount).toBe(1);
    });

    it("scores each persona's cells with the thresholds in force for that persona", () => {
      const anna = june.rows.find((r) => r.persona.slug === "anna")!;
      const ben = june.rows.find((r) => r.persona.slug === "ben")!;
      expect(anna.cells[0]!.result.score).toBeCloseTo(annaJune().financial, 9);
      expect(anna.cells[1]!.result.score).toBeCloseTo(annaJune().customer, 9);
      expect(anna.overall.score).toBeCloseTo(annaJune().overall, 9);
      expect(ben.cells[0]!.result.score).toBeCloseTo(benJune().financial, 9);
      expect(ben.cells[0]!.result.coverage).toBeCloseTo(2 / 3, 9); // COST missing: its weight is not covered
      expect(ben.overall.score).toBeCloseTo(benJune().overall, 9);
    });

    it("rolls the total up with the persona weights in force (recalibrated in June) and shows each contribution", () => {
      const total = rollup([{ score: annaJune().overall, weight: 3 }, { score: benJune().overall, weight: 1 }]).score!;
      expect(june.total.score).toBeCloseTo(total, 9);
      const anna = june.rows.find((r) => r.persona.slug === "anna")!;
      expect(anna.weight).toBe(3);
      expect(anna.share).toBeCloseTo(0.75, 12);
      expect(anna.contribution).toBeCloseTo(0.75 * annaJune().overall, 9);
      const perspective = rollup([{ score: annaJune().customer, weight: 3 }, { score: benJune().customer, weight: 1 }]).score!;
      expect(june.perspectiveTotals[1]!.result.score).toBeCloseTo(perspective, 9);
    });

    it("hides sunset personas and never lists drafts; a sunset persona counts only before its sunset", async () => {
      expect(june.rows.map((r) => r.persona.slug)).toEqual(["anna", "ben"]);
      expect(june.hiddenSunset.count).toBe(1);
      expect(june.hiddenSunset.countedContribution).toBeNull(); // Sam left in May: not counted in June
      const april = (await getScorecardOverview(exec, { scorecardSlug: "retail", period: "2025-04", showSunset: true }))!;
      const sam = april.rows.find((r) => r.persona.slug === "sam")!;
      expect(sam.counted).toBe(true);
      expect(sam.overall.score).toBeCloseTo(s(70, REV_DEFAULT_OLD), 9);
      expect(april.rows.some((r) => r.persona.slug === "dora")).toBe(false);
      const juneWithSunset = (await getScorecardOverview(exec, { scorecardSlug: "retail", period: "2025-06", showSunset: true }))!;
      expect(juneWithSunset.rows.find((r) => r.persona.slug === "sam")!.counted).toBe(false);
      expect(juneWithSunset.total.score).toBeCloseTo(june.total.score!, 12);
    });

    it("gives deltas against the comparison month, computed on May's own weights and personas", () => {
      // May: Anna REV 80 (own), COST 70; Ben REV 85 (default from May), COST 80; NPS Q2 as in June.
      const annaMayFin = rollup([{ score: s(80, REV_ANNA), weight: 2 }, { score: s(70, COST), weight: 1 }]).score!;
      const annaMay = rollup([{ score: annaMayFin, weight: 2 }, { score: s(40, NPS), weight: 1 }]).score!;
      const anna = june.rows.find((r) => r.persona.slug === "anna")!;
      expect(anna.overallDelta).toBeCloseTo(annaJune().overall - annaMay, 9);
      const benMayFin = rollup([{ score: s(85, REV_DEFAULT_NEW), weight: 2 }, { score: s(80, COST), weight: 1 }]).score!;
      const benMay = rollup([{ score: benMayFin, weight: 2 }, { score: s(20, NPS), weight: 1 }]).score!;
      const totalMay = rollup([{ score: annaMay, weight: 1 }, { score: benMay, weight: 1 }]).score!;
      expect(june.totalDelta).toBeCloseTo(june.total.score! - totalMay, 9);
    });

    it("says when a period cannot be read and falls back to the latest month", async () => {
      const bad = (await getScorecardOverview(exec, { scorecardSlug: "retail", period: "June" }))!;
      expect(bad.period).toBe("2025-06-01");
      expect(bad.periodMessage).toMatch(/period must be a month written YYYY-MM/);
      expect(await getScorecardOverview(exec, { scorecardSlug: "nope" })).toBeNull();
    });
  });

  describe("persona scorecard", () => {
    let ben: PersonaScorecard;
    let anna: PersonaScorecard;
    const line = (card: PersonaScorecard, code: string): KpiLine =>
      card.perspectives.flatMap((p) => [...p.objectives.flatMap((o) => o.kpis), ...p.otherKpis]).find((k) => k.code === code)!;

    beforeAll(async () => {
      const today = new Date("2025-08-01T00:00:00Z");
      ben = (await getPersonaScorecard(exec, { scorecardSlug: "retail", personaSlug: "ben", period: "2025-06", today }))!;
      anna = (await getPersonaScorecard(exec, { scorecardSlug: "retail", personaSlug: "anna", period: "2025-06", today }))!;
    });

    it("says which target is in force: the persona's own or the default, and since when", () => {
      expect(line(anna, "REV").target).toMatchObject({ source: "PERSONA", effectiveFrom: "2025-01-01", target: 90 });
      expect(line(ben, "REV").target).toMatchObject({ source: "DEFAULT", effectiveFrom: "2025-05-01", target: 110, red: 60 });
      expect(line(ben, "REV").score).toBeCloseTo(s(100, REV_DEFAULT_NEW), 9);
    });

    it("shows a quarterly KPI's quarter value in a monthly view", () => {
      expect(line(ben, "NPS")).toMatchObject({ period: "2025-04-01", value: 20, frequency: "QUARTERLY" });
    });

    it("shows a missing value as no data, overdue, never as zero", () => {
      expect(line(ben, "COST")).toMatchObject({ value: null, valueText: null, score: null, status: "NO_DATA", due: "OVERDUE" });
      expect(ben.missing.overdue).toBe(1);
    });

    it("scores the history with the thresholds in force in each period", () => {
      const history = line(ben, "REV").history;
      expect(history.from).toBe("2024-07-01");
      expect(history.scores).toHaveLength(12);
      // May 2025 (value 85) is the second to last.
      expect(history.scores.at(-2)).toBeCloseTo(s(85, REV_DEFAULT_NEW), 9);
      const annaRev = line(anna, "REV").history;
      expect(annaRev.scores.at(-3)).toBeCloseTo(s(60, REV_ANNA), 9);
      expect(line(anna, "REV").previous).toEqual({ period: "2025-05-01", value: 80 });
      expect(line(anna, "REV").valueDelta).toBe(15);
    });

    it("decomposes the overall change into KPI contributions that, with the residual, add up", () => {
      expect(anna.overall.score).toBeCloseTo(annaJune().overall, 9);
      const { change, lines, smaller, residual } = anna.changes;
      // A handful of KPIs: every one is named, none folded into "smaller changes".
      expect(smaller).toEqual({ count: 0, contribution: 0 });
      const sum = lines.reduce((acc, l) => acc + l.contribution, 0) + smaller.contribution + residual!;
      expect(sum).toBeCloseTo(change!, 9);
      expect(lines.map((l) => l.code)).toEqual(
        [...lines].sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution)).map((l) => l.code),
      );
      // Every KPI reported in both months: nothing left unexplained.
      expect(residual!).toBeCloseTo(0, 9);
    });

    it("exports the same numbers as the screen, in the documented columns", () => {
      const lines = personaScorecardCsv(ben).trim().split("\r\n");
      expect(lines[0]).toBe(PERSONA_SCORECARD_CSV_COLUMNS.join(","));
      const rows = lines.slice(1).map((l) => Object.fromEntries(l.split(",").map((v, i) => [PERSONA_SCORECARD_CSV_COLUMNS[i], v])));
      expect(rows.map((r) => r.level)).toEqual(["KPI", "KPI", "KPI", "PERSPECTIVE", "PERSPECTIVE", "OVERALL"]);
      const rev = rows.find((r) => r.kpi_code === "REV")!;
      expect(rev).toMatchObject({ perspective: "Financial", objective: "Grow revenue", period: "2025-06-01", value: "100", target: "110", green: "90", red: "60", target_source: "DEFAULT", status: line(ben, "REV").status, weight: "2", coverage: "" });
      expect(Number(rev.score)).toBeCloseTo(line(ben, "REV").score!, 6);
      expect(rows.find((r) => r.kpi_code === "NPS")).toMatchObject({ period: "2025-04-01", value: "20" });
      expect(rows.find((r) => r.kpi_code === "COST")).toMatchObject({ value: "", score: "", status: "NO_DATA" });
      const overall = rows.find((r) => r.level === "OVERALL")!;
      expect(Number(overall.score)).toBeCloseTo(ben.overall.score!, 6);
      expect(overall.weight).toBe("");
      expect(Number(rows.find((r) => r.level === "PERSPECTIVE")!.coverage)).toBeCloseTo(2 / 3, 6);
    });

    it("shows a value marked not available with its reason, scored as no data and never overdue", async () => {
      const db = await getDb();
      await db.measurement.create({ data: { kpiId: ids.cost, personaId: ids.ben, period: new Date("2025-06-01T00:00:00Z"), value: null, notAvailableReason: "Billing export failed" } });
      const card = (await getPersonaScorecard(exec, { scorecardSlug: "retail", personaSlug: "ben", period: "2025-06", today: new Date("2025-08-01T00:00:00Z") }))!;
      expect(line(card, "COST")).toMatchObject({ value: null, status: "NO_DATA", due: null, notAvailableReason: "Billing export failed" });
      expect(card.missing.overdue).toBe(0);
      expect(card.overall.score).toBeCloseTo(ben.overall.score!, 12);
      await db.measurement.deleteMany({ where: { kpiId: ids.cost, personaId: ids.ben, period: new Date("2025-06-01T00:00:00Z") } });
    });

    it("lists the persona's open escalations, not resolved ones", async () => {
      const db = await getDb();
      const base = { kpiId: ids.rev, personaId: ids.ben, firstBreachedPeriod: new Date("2025-03-01T00:00:00Z"), lastBreachedPeriod: new Date("2025-05-01T00:00:00Z"), streakLength: 3, level: 1 };
      await db.escalation.create({ data: { ...base, status: "RESOLVED" } });
      await db.escalation.create({ data: { ...base, status: "OPEN" } });
      const card = (await getPersonaScorecard(exec, { scorecardSlug: "retail", personaSlug: "ben", period: "2025-06" }))!;
      expect(card.escalations).toEqual([expect.objectContaining({ kpiCode: "REV", level: 1, status: "OPEN", since: "2025-03-01", streakLength: 3 })]);
      await db.escalation.deleteMany({ where: { kpiId: ids.rev } });
    });

    it("returns null for a draft or unknown persona", async () => {
      expect(await getPersonaScorecard(exec, { scorecardSlug: "retail", personaSlug: "dora" })).toBeNull();
      expect(await getPersonaScorecard(exec, { scorecardSlug: "retail", personaSlug: "nobody" })).toBeNull();
    });
  });
});
