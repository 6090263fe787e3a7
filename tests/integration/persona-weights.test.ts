import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { recalibrateWeights } from "@/lib/commands/weights/recalibrate-weights";
import { getDb } from "@/lib/db";
import { getWeightsPage, previewRecalibration } from "@/lib/queries/persona-weights";
import { getScorecardOverview } from "@/lib/queries/scorecard-overview";
import { scoreValue, type Thresholds } from "@/lib/scoring";
import { actorOf, makeUser } from "./commands/fixtures";
import { makeKpi, makePersona, makeTarget, measure, weigh } from "../helpers/factories";

// Versioned persona weights: a recalibration adds a version from an effective month; months
// before it keep scoring with the weights in force then; the preview scores exactly what the
// heatmap shows once the recalibration is saved.

const T: Thresholds = { direction: "HIGHER_IS_BETTER", red: 40, green: 70, target: 100 };
const MONTHS = ["2025-01-01", "2025-02-01", "2025-03-01", "2025-04-01", "2025-05-01", "2025-06-01", "2025-07-01", "2025-08-01"];
// Anna and Ben's values per month: different scores, so the weights matter.
const ANNA = [50, 55, 60, 65, 70, 80, 90, 95];
const BEN = [90, 85, 80, 75, 45, 40, 50, 60];
const score = (v: number) => scoreValue(v, T).score!;

let analyst: Actor;
let exec: Actor;
const ids = {} as Record<"card" | "anna" | "ben" | "dora", string>;

beforeAll(async () => {
  analyst = actorOf(await makeUser({ role: "ANALYST", name: "Priya Analyst" }));
  exec = actorOf(await makeUser({ role: "EXECUTIVE" }));
  const db = await getDb();
  ids.anna = (await makePersona("anna", "Anna", "ACTIVE", 1)).id;
  ids.ben = (await makePersona("ben", "Ben", "ACTIVE", 2)).id;
  ids.dora = (await makePersona("dora", "Dora", "DRAFT", 3)).id;
  ids.card = (await db.scorecard.create({ data: { slug: "weights-card", name: "Weights card" } })).id;
  const perspective = await db.perspective.create({ data: { scorecardId: ids.card, name: "Customer", order: 1, weight: 1 } });
  const kpi = await makeKpi("SAT", perspective.id, { direction: "HIGHER_IS_BETTER", weight: 1 });
  await makeTarget(kpi.id, "2025-01-01", T);
  for (const [i, month] of MONTHS.entries()) {
    await measure(kpi.id, ids.anna, month, ANNA[i]!);
    await measure(kpi.id, ids.ben, month, BEN[i]!);
  }
  await weigh(ids.card, ids.anna, "2025-01-01", 1);
  await weigh(ids.card, ids.ben, "2025-01-01", 1);
});

async function totals(months: string[]) {
  const out: Record<string, number | null> = {};
  for (const month of months) {
    const overview = await getScorecardOverview(exec, { scorecardSlug: "weights-card", period: month.slice(0, 7) });
    out[month] = overview!.total.score;
  }
  return out;
}

async function weightRows() {
  const db = await getDb();
  return db.personaWeight.findMany({ where: { scorecardId: ids.card }, orderBy: [{ effectiveFrom: "asc" }, { personaId: "asc" }] });
}

describe("recalibrating persona weights", () => {
  it("previews the last 6 months with the proposed weights without writing, and the saved result equals the preview", async () => {
    const proposal = { scorecardId: ids.card, effectiveFrom: "2025-06-01", weights: { [ids.anna]: 3, [ids.ben]: 1 } };
    const before = await weightRows();
    const preview = (await previewRecalibration(analyst, proposal))!;
    expect(await weightRows()).toEqual(before);

    expect(preview.months.map((m) => m.month)).toEqual(MONTHS.slice(2));
    for (const m of preview.months) {
      const i = MONTHS.indexOf(m.month);
      expect(m.current.score).toBeCloseTo((score(ANNA[i]!) + score(BEN[i]!)) / 2, 9);
      expect(m.proposed.score).toBeCloseTo((3 * score(ANNA[i]!) + score(BEN[i]!)) / 4, 9);
      expect(m.affected).toBe(m.month >= "2025-06-01");
      expect(m.afterSaving).toEqual(m.affected ? m.proposed : m.current);
    }
    // Normalised shares among the active personas; the draft is never scored.
    expect(preview.shares.map((s) => [s.name, s.currentShare, s.proposedShare])).toEqual([
      ["Anna", 0.5, 0.75],
      ["Ben", 0.5, 0.25],
      ["Dora", 0, 0],
    ]);

    const saved = await recalibrateWeights(analyst, { ...proposal, effectiveFrom: "2025-06", reason: "Q2 recalibration: Anna's revenue doubled." });
    expect(saved).toMatchObject({ ok: true, data: { effectiveFrom: "2025-06-01", personas: 2 } });

    const after = await totals(MONTHS.slice(2));
    for (const m of preview.months) expect(after[m.month], m.month).toBeCloseTo(m.afterSaving.score!, 9);

    const db = await getDb();
    const audit = await db.auditEvent.findFirst({ where: { action: "weight.recalibrate", entityId: ids.card } });
    expect(audit).toMatchObject({ actorId: analyst.id, after: { effectiveFrom: "2025-06-01", weights: { [ids.anna]: "3.0000", [ids.ben]: "1.0000" } } });
  });

  it("keeps scoring past months with the weights in force then, and shows the history by version", async () => {
    const past = await totals(["2025-01-01", "2025-05-01"]);
    expect(past["2025-01-01"]).toBeCloseTo((score(ANNA[0]!) + score(BEN[0]!)) / 2, 9);
    expect(past["2025-05-01"]).toBeCloseTo((score(ANNA[4]!) + score(BEN[4]!)) / 2, 9);
    const later = await totals(["2025-08-01"]);
    expect(later["2025-08-01"]).toBeCloseTo((3 * score(ANNA[7]!) + score(BEN[7]!)) / 4, 9);

    const page = (await getWeightsPage(analyst, "weights-card", new Date("2025-09-10T12:00:00Z")))!;
    expect(page.versions.map((v) => [v.effectiveFrom, v.until, v.reasons, v.setBy])).toEqual([
      ["2025-06-01", null, ["Q2 recalibration: Anna's revenue doubled."], ["Priya Analyst"]],
      ["2025-01-01", "2025-05-01", ["test"], ["a former user"]],
    ]);
    expect(page.versions[0]!.rows.map((r) => [r.name, r.weight, r.share])).toEqual([
      ["Anna", 3, 0.75],
      ["Ben", 1, 0.25],
    ]);
    expect(page.earliestEffectiveFrom).toBe("2025-09-01");
    expect(page.personas.map((p) => [p.name, p.currentWeight])).toEqual([
      ["Anna", 3],
      ["Ben", 1],
      ["Dora", null],
    ]);
  });

  it("keeps a persona left out of a recalibration at the weight in force for it", async () => {
    const preview = (await previewRecalibration(analyst, { scorecardId: ids.card, effectiveFrom: "2025-09-01", weights: { [ids.ben]: 3 } }))!;
    const august = preview.months.find((m) => m.month === "2025-08-01")!;
    expect(august.proposed.score).toBeCloseTo((3 * score(ANNA[7]!) + 3 * score(BEN[7]!)) / 6, 9);
    expect(august.affected).toBe(false);
  });

  it("refuses rewriting history, negative or all-zero weights, sunset personas and roles other than analyst and admin, writing nothing", async () => {
    const before = await weightRows();
    const db = await getDb();
    const audits = await db.auditEvent.count();
    const ok = { scorecardId: ids.card, effectiveFrom: "2025-09", reason: "Next quarter", weights: { [ids.anna]: 2, [ids.ben]: 1 } };
    expect(await recalibrateWeights(analyst, { ...ok, effectiveFrom: "2025-06" })).toMatchObject({
      ok: false,
      code: "INVALID",
      fieldErrors: { effectiveFrom: [expect.stringContaining("must start after that month")] },
    });
    expect(await recalibrateWeights(analyst, { ...ok, effectiveFrom: "2025-03" })).toMatchObject({ ok: false, fieldErrors: { effectiveFrom: [expect.any(String)] } });
    expect(await recalibrateWeights(analyst, { ...ok, weights: { [ids.anna]: -1, [ids.ben]: 1 } })).toMatchObject({
      ok: false,
      fieldErrors: { [`weights.${ids.anna}`]: ["A weight cannot be negative."] },
    });
    expect(await recalibrateWeights(analyst, { ...ok, weights: { [ids.anna]: 0, [ids.ben]: "0" } })).toMatchObject({
      ok: false,
      fieldErrors: { weights: ["At least one weight must be more than 0."] },
    });
    expect(await recalibrateWeights(analyst, { ...ok, reason: " " })).toMatchObject({ ok: false, fieldErrors: { reason: [expect.any(String)] } });
    const sunset = await makePersona("sunny", "Sunny", "SUNSET", 4);
    expect(await recalibrateWeights(analyst, { ...ok, weights: { [sunset.id]: 1 } })).toMatchObject({ ok: false, fieldErrors: { [`weights.${sunset.id}`]: [expect.stringContaining("sunset")] } });
    expect(await recalibrateWeights(exec, ok)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    await expect(previewRecalibration(exec, ok)).rejects.toThrow();
    expect(await weightRows()).toEqual(before);
    expect(await db.auditEvent.count()).toBe(audits);
  });
});
