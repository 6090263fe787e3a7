import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { setKpiTarget } from "@/lib/commands";
import { getDb } from "@/lib/db";
import { pendingPairRequests } from "@/lib/jobs/pair-requests";
import { getKpiTargetsPage } from "@/lib/queries/kpi-targets";
import { validateThresholds } from "@/lib/scoring";
import { actorOf, auditEventsFor, makeKpi, makePersona, makeUser, snapshot } from "./fixtures";

// Setting targets: thresholds checked by lib/scoring with the field named, the effective period
// a period of the KPI, a second row for the same period only knowingly, the target in force per
// period after an override (the grid uses the scorers' rule), and the pairs queued for re-evaluation.

let analyst: Actor;

beforeAll(async () => {
  analyst = actorOf(await makeUser({ role: "ANALYST" }));
});

beforeEach(async () => {
  await (await getDb()).pairEvaluationRequest.deleteMany();
});

const valid = { effectiveFrom: "2026-03", target: 95, green: 85, red: 60, rationale: "Raised after the pricing change." };

describe("setKpiTarget: refusals name the field and write nothing", () => {
  it("puts validateThresholds' message on the field it names", async () => {
    const kpi = await makeKpi({ ownerId: null });
    const before = await snapshot();
    const result = await setKpiTarget(analyst, { ...valid, kpiId: kpi.id, red: 90, green: 85 });
    const expected = validateThresholds({ direction: "HIGHER_IS_BETTER", target: 95, green: 85, red: 90 });
    expect(expected.ok).toBe(false);
    if (expected.ok || result.ok) throw new Error("expected refusals");
    expect(result.code).toBe("INVALID");
    expect(expected.field).toBe("red");
    expect(result.fieldErrors).toEqual({ red: [`${expected.message}.`] });
    expect(result.fieldErrors.red![0]).toMatch(/^red \(90\) must be below green \(85\) when higher is better/);
    expect(await snapshot()).toEqual(before);
  });

  it("names greenHigh for a target range without it, and refuses upper bounds on other directions", async () => {
    const range = await makeKpi({ ownerId: null, direction: "TARGET_RANGE", thresholds: null });
    const a = await setKpiTarget(analyst, { ...valid, kpiId: range.id, red: 10, green: 20, target: 30 });
    expect(a).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { greenHigh: [expect.stringMatching(/greenHigh is required/)] } });
    const b = await setKpiTarget(analyst, { ...valid, kpiId: range.id, red: 10, green: 20, target: 30, greenHigh: 40, redHigh: 35 });
    expect(b).toMatchObject({ ok: false, fieldErrors: { redHigh: [expect.stringMatching(/redHigh \(35\) must be above greenHigh \(40\)/)] } });
    const higher = await makeKpi({ ownerId: null });
    const c = await setKpiTarget(analyst, { ...valid, kpiId: higher.id, greenHigh: 99 });
    expect(c).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { greenHigh: [expect.stringMatching(/Only a KPI on target within a range/)] } });
  });

  it("refuses a month that does not start a quarter for a quarterly KPI, a missing rationale, a non-number", async () => {
    const quarterly = await makeKpi({ ownerId: null, frequency: "QUARTERLY" });
    expect(await setKpiTarget(analyst, { ...valid, kpiId: quarterly.id, effectiveFrom: "2026-02" })).toMatchObject({
      ok: false,
      fieldErrors: { effectiveFrom: [expect.stringMatching(/January, April, July or October/)] },
    });
    expect(await setKpiTarget(analyst, { ...valid, kpiId: quarterly.id, effectiveFrom: "2026-04" })).toMatchObject({ ok: true });
    const kpi = await makeKpi({ ownerId: null });
    const r = await setKpiTarget(analyst, { ...valid, kpiId: kpi.id, rationale: " ", target: "lots" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.fieldErrors).sort()).toEqual(["rationale", "target"]);
  });

  it("refuses a second row for the same KPI, persona and period unless told to replace it; the audit keeps the old one", async () => {
    const kpi = await makeKpi({ ownerId: null });
    const persona = await makePersona();
    const first = await setKpiTarget(analyst, { ...valid, kpiId: kpi.id, personaId: persona.id });
    expect(first).toMatchObject({ ok: true, data: { replaced: false } });
    const before = await snapshot();
    const again = await setKpiTarget(analyst, { ...valid, kpiId: kpi.id, personaId: persona.id, target: 99 });
    expect(again).toMatchObject({ ok: false, code: "CONFLICT", fieldErrors: { replace: [expect.stringMatching(/already has a target/)] }, details: { current: { target: "95" } } });
    expect(await snapshot()).toEqual(before);

    const replaced = await setKpiTarget(analyst, { ...valid, kpiId: kpi.id, personaId: persona.id, target: 99, replace: "on" });
    expect(replaced).toMatchObject({ ok: true, data: { replaced: true } });
    const db = await getDb();
    const rows = await db.kpiTarget.findMany({ where: { kpiId: kpi.id, personaId: persona.id } });
    expect(rows.map((r) => r.target.toFixed())).toEqual(["99"]);
    const audits = await auditEventsFor(rows[0]!.id);
    expect(audits.map((a) => a.action)).toEqual(["target.set", "target.replace"]);
    expect(audits[1]!.before).toMatchObject({ target: "95", persona: persona.slug });
    expect(audits[1]!.after).toMatchObject({ target: "99" });

    // The default row (no persona) is refused the same way: the partial unique index is not the only guard.
    const defaultAgain = await setKpiTarget(analyst, { ...valid, kpiId: kpi.id, effectiveFrom: "2020-01" });
    expect(defaultAgain).toMatchObject({ ok: false, code: "CONFLICT" });
  });
});

describe("setKpiTarget: the target in force and the pairs to judge again", () => {
  it("an override applies to its persona from its period on; others keep the default", async () => {
    const kpi = await makeKpi({ ownerId: null });
    const own = await makePersona("ACTIVE");
    const other = await makePersona("ACTIVE");
    expect(await setKpiTarget(analyst, { ...valid, kpiId: kpi.id, personaId: own.id, effectiveFrom: "2026-03", target: 97, green: 88, red: 70 })).toMatchObject({ ok: true });
    const page = (await getKpiTargetsPage(analyst, kpi.code, new Date("2026-05-20T12:00:00Z")))!;
    expect(page.periods.at(-1)).toBe("2026-05-01");
    expect(page.periods).toHaveLength(12);
    const cells = (personaId: string) => page.grid.find((g) => g.persona.id === personaId)!.cells;
    const at = (personaId: string, period: string) => cells(personaId).find((c) => c.period === period)!;
    expect(at(own.id, "2026-02-01")).toEqual({ period: "2026-02-01", source: "DEFAULT", since: "2020-01-01", target: 90 });
    expect(at(own.id, "2026-03-01")).toEqual({ period: "2026-03-01", source: "PERSONA", since: "2026-03-01", target: 97 });
    expect(at(own.id, "2026-05-01")).toMatchObject({ source: "PERSONA", target: 97 });
    expect(cells(other.id).every((c) => c.source === "DEFAULT" && c.target === 90)).toBe(true);
    expect(page.rows.map((r) => [r.persona?.slug ?? null, r.effectiveFrom, r.target])).toEqual([
      [own.slug, "2026-03-01", "97"],
      [null, "2020-01-01", "90"],
    ]);
    expect(page.rows[0]).toMatchObject({ rationale: valid.rationale, setBy: expect.any(String) });
  });

  it("queues the persona's pair for an override, and every persona with values for a default", async () => {
    const db = await getDb();
    const kpi = await makeKpi({ ownerId: null });
    const a = await makePersona();
    const b = await makePersona();
    await makePersona(); // no values: nothing to judge again
    for (const p of [a, b]) await db.measurement.create({ data: { kpiId: kpi.id, personaId: p.id, period: new Date("2026-01-01T00:00:00Z"), value: 50 } });

    const override = await setKpiTarget(analyst, { ...valid, kpiId: kpi.id, personaId: a.id });
    expect(override).toMatchObject({ ok: true, data: { pairsQueued: 1 } });
    expect(await pendingPairRequests(db)).toEqual([{ kpiId: kpi.id, personaId: a.id }]);

    await db.pairEvaluationRequest.deleteMany();
    const fallback = await setKpiTarget(analyst, { ...valid, kpiId: kpi.id, effectiveFrom: "2026-04" });
    expect(fallback).toMatchObject({ ok: true, data: { pairsQueued: 2 } });
    const pending = await pendingPairRequests(db);
    expect(pending.map((p) => p.personaId).sort()).toEqual([a.id, b.id].sort());
    expect(pending.every((p) => p.kpiId === kpi.id)).toBe(true);
  });
});
