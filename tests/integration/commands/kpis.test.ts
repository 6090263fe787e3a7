import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { changeKpiStatus, proposeKpi, reviewKpiProposal, updateKpi } from "@/lib/commands";
import { getDb } from "@/lib/db";
import { getPersonaScorecard, type PersonaScorecard } from "@/lib/queries/persona-scorecard";
import { getScorecardOverview } from "@/lib/queries/scorecard-overview";
import { kpiDefinitionInput } from "../../helpers/factories";
import { actorOf, auditEventsFor, makeKpi, makePersona, makeUser, snapshot } from "./fixtures";

// The KPI editor and KPI proposals (issue 11): validation that names the field, optimistic
// concurrency, the second-approver rule, and the retirement boundary on the scores.

let analyst: Actor;
let secondAnalyst: Actor;
let admin: Actor;
let n = 0;

beforeAll(async () => {
  analyst = actorOf(await makeUser({ role: "ANALYST" }));
  secondAnalyst = actorOf(await makeUser({ role: "ANALYST" }));
  admin = actorOf(await makeUser({ role: "ADMIN" }));
});

/** A scorecard perspective with an objective, a second perspective with its own, a KPI owner and a persona. */
async function world() {
  const db = await getDb();
  const base = await makeKpi({ ownerId: null });
  const perspective = await db.perspective.findUniqueOrThrow({ where: { id: base.perspectiveId } });
  const objective = await db.strategicObjective.create({ data: { perspectiveId: perspective.id, title: `Delight ${++n}` } });
  const other = await db.perspective.create({ data: { scorecardId: perspective.scorecardId, name: `Finance ${n}`, order: 2 } });
  const otherObjective = await db.strategicObjective.create({ data: { perspectiveId: other.id, title: `Grow ${n}` } });
  const owner = await makeUser({ role: "KPI_OWNER" });
  const persona = await makePersona();
  return { perspective, objective, other, otherObjective, owner, persona };
}

async function proposal(w: Awaited<ReturnType<typeof world>>, overrides: Record<string, unknown> = {}) {
  return {
    ...kpiDefinitionInput({ code: `new-kpi-${++n}`, name: "Community answers", perspectiveId: w.perspective.id, objectiveId: w.objective.id, ownerId: w.owner.id }),
    personaIds: [w.persona.id],
    justification: "Experts write most accepted answers; accounts that answer renew more often.",
    evidence: "https://example.test/cohort-2025",
    ...overrides,
  };
}

describe("proposing a KPI", () => {
  it("creates a PROPOSED KPI with its personas, objective, justification and evidence, audited", async () => {
    const w = await world();
    const result = await proposeKpi(analyst, await proposal(w));
    expect(result).toMatchObject({ ok: true, data: { kpi: { status: "PROPOSED" } } });
    if (!result.ok) return;
    expect(result.data.kpi.code).toMatch(/^NEW-KPI-\d+$/); // codes are upper-cased
    const db = await getDb();
    const kpi = await db.kpi.findUniqueOrThrow({ where: { id: result.data.kpi.id }, include: { proposalPersonas: true } });
    expect(kpi).toMatchObject({ status: "PROPOSED", proposedById: analyst.id, objectiveId: w.objective.id, evidence: "https://example.test/cohort-2025" });
    expect(kpi.proposalPersonas.map((p) => p.personaId)).toEqual([w.persona.id]);
    expect((await auditEventsFor(kpi.id)).map((e) => e.action)).toEqual(["kpi.propose"]);
  });

  it("requires personas, an objective, a justification and evidence, each named", async () => {
    const w = await world();
    const result = await proposeKpi(analyst, await proposal(w, { personaIds: [], objectiveId: "", justification: "Because.", evidence: " " }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe("INVALID");
    expect(result.fieldErrors.personaIds?.[0]).toMatch(/at least one persona/);
    expect(result.fieldErrors.objectiveId?.[0]).toMatch(/objective/);
    expect(result.fieldErrors.justification?.[0]).toMatch(/Justification needs at least 20 characters/);
    expect(result.fieldErrors.evidence?.[0]).toMatch(/Evidence is required/);
  });
});

describe("definition rules name the field", () => {
  it("a qualitative KPI needs a scale with min < max", async () => {
    const w = await world();
    const none = await proposeKpi(analyst, await proposal(w, { measureType: "QUALITATIVE", unit: "SCORE" }));
    expect(!none.ok && none.fieldErrors.scaleMin?.[0]).toMatch(/qualitative KPI needs a scale/);
    expect(!none.ok && none.fieldErrors.scaleMax?.[0]).toMatch(/qualitative KPI needs a scale/);
    const inverted = await proposeKpi(analyst, await proposal(w, { measureType: "QUALITATIVE", unit: "SCORE", scaleMin: "5", scaleMax: "1" }));
    expect(!inverted.ok && inverted.fieldErrors.scaleMax).toEqual(["Scale maximum must be more than the scale minimum."]);
  });

  it("a currency KPI needs an ISO 4217 code; a duration KPI its unit", async () => {
    const w = await world();
    const missing = await proposeKpi(analyst, await proposal(w, { unit: "CURRENCY" }));
    expect(!missing.ok && missing.fieldErrors.currencyCode?.[0]).toMatch(/ISO 4217/);
    const wrong = await proposeKpi(analyst, await proposal(w, { unit: "CURRENCY", currencyCode: "EUX" }));
    expect(!wrong.ok && wrong.fieldErrors.currencyCode?.[0]).toMatch(/“EUX” is not an ISO 4217 currency code/);
    const duration = await proposeKpi(analyst, await proposal(w, { unit: "DURATION" }));
    expect(!duration.ok && duration.fieldErrors.durationUnit?.[0]).toMatch(/duration KPI needs its unit/);
    const ok = await proposeKpi(analyst, await proposal(w, { unit: "CURRENCY", currencyCode: "eur" }));
    expect(ok.ok).toBe(true);
  });

  it("the objective must belong to the chosen perspective", async () => {
    const w = await world();
    const result = await proposeKpi(analyst, await proposal(w, { objectiveId: w.otherObjective.id }));
    expect(!result.ok && result.fieldErrors.objectiveId?.[0]).toMatch(/belongs to another perspective/);
  });

  it("the owner must be an active user", async () => {
    const w = await world();
    const gone = await makeUser({ role: "KPI_OWNER", active: false });
    const deactivated = await proposeKpi(analyst, await proposal(w, { ownerId: gone.id }));
    expect(!deactivated.ok && deactivated.fieldErrors.ownerId?.[0]).toMatch(/is deactivated: the owner must be an active user/);
    const unknown = await proposeKpi(analyst, await proposal(w, { ownerId: "no-such-user" }));
    expect(!unknown.ok && unknown.fieldErrors.ownerId?.[0]).toMatch(/no longer exists/);
  });

  it("a taken code is refused on the code field, and nothing is written", async () => {
    const w = await world();
    const first = await proposeKpi(analyst, await proposal(w));
    if (!first.ok) throw new Error(first.message);
    const before = await snapshot();
    const again = await proposeKpi(analyst, await proposal(w, { code: first.data.kpi.code }));
    expect(!again.ok && again.fieldErrors.code?.[0]).toMatch(/is taken by another KPI/);
    expect(await snapshot()).toEqual(before);
  });
});

describe("editing a KPI", () => {
  it("saves every field and bumps the version; a stale version is refused naming who saved", async () => {
    const w = await world();
    const kpi = await makeKpi({ ownerId: null });
    const db = await getDb();
    const perspectiveId = kpi.perspectiveId;
    const edit = {
      kpiId: kpi.id, version: 1, code: kpi.code, name: "Renamed", description: "Now described", perspectiveId, objectiveId: "",
      timing: "LEADING", measureType: "QUALITATIVE", scaleMin: "1", scaleMax: "5", unit: "SCORE", direction: "LOWER_IS_BETTER",
      frequency: "QUARTERLY", weight: "2.5", ownerId: w.owner.id, departmentId: "", sourceSystem: "Survey tool", transformation: "Mean of answers",
    };
    const saved = await updateKpi(analyst, edit);
    expect(saved).toMatchObject({ ok: true, data: { changed: true, kpi: { version: 2 } } });
    const row = await db.kpi.findUniqueOrThrow({ where: { id: kpi.id } });
    expect(row).toMatchObject({ name: "Renamed", measureType: "QUALITATIVE", frequency: "QUARTERLY", ownerId: w.owner.id, sourceSystem: "Survey tool", version: 2 });
    expect(row.scaleMax?.toString()).toBe("5");
    expect(row.weight.toString()).toBe("2.5");

    const stale = await updateKpi(secondAnalyst, { ...edit, name: "Mine" });
    expect(stale).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(!stale.ok && stale.message).toContain(analyst.name);
    expect((await db.kpi.findUniqueOrThrow({ where: { id: kpi.id } })).name).toBe("Renamed");

    const same = await updateKpi(analyst, { ...edit, version: 2 });
    expect(same).toMatchObject({ ok: true, data: { changed: false } });
  });
});

describe("reviewing a proposal", () => {
  async function proposed(by: Actor) {
    const w = await world();
    const result = await proposeKpi(by, await proposal(w));
    if (!result.ok) throw new Error(result.message);
    return result.data.kpi;
  }

  it("the proposer can never approve or reject their own proposal, whatever they send", async () => {
    const kpi = await proposed(analyst);
    for (const decision of ["APPROVE", "REJECT"]) {
      const before = await snapshot();
      const result = await reviewKpiProposal(analyst, { kpiId: kpi.id, version: 1, decision, comment: "Looks good to me." });
      expect(result).toMatchObject({ ok: false, code: "FORBIDDEN" });
      expect(!result.ok && result.message).toMatch(/You proposed this KPI/);
      expect(await snapshot()).toEqual(before);
    }
    // An admin who proposed is refused too.
    const adminsOwn = await proposed(admin);
    expect(await reviewKpiProposal(admin, { kpiId: adminsOwn.id, version: 1, decision: "APPROVE", comment: "Looks good to me." })).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });

  it("a second analyst approves: ACTIVE, with reviewer, comment and time, audited", async () => {
    const kpi = await proposed(analyst);
    const result = await reviewKpiProposal(secondAnalyst, { kpiId: kpi.id, version: 1, decision: "APPROVE", comment: "The cohort analysis is convincing." });
    expect(result).toMatchObject({ ok: true, data: { kpi: { status: "ACTIVE" } } });
    const row = await (await getDb()).kpi.findUniqueOrThrow({ where: { id: kpi.id } });
    expect(row).toMatchObject({ status: "ACTIVE", reviewedById: secondAnalyst.id, reviewComment: "The cohort analysis is convincing." });
    expect(row.reviewedAt).not.toBeNull();
    expect((await auditEventsFor(kpi.id)).map((e) => e.action)).toEqual(["kpi.propose", "kpi.approve"]);
    // Decided once: a second decision is refused.
    expect(await reviewKpiProposal(admin, { kpiId: kpi.id, version: 2, decision: "REJECT", comment: "Changed my mind." })).toMatchObject({ ok: false, code: "INVALID" });
  });

  it("an admin may approve an analyst's proposal; a rejection is kept as REJECTED with its comment", async () => {
    const approved = await proposed(analyst);
    expect(await reviewKpiProposal(admin, { kpiId: approved.id, version: 1, decision: "APPROVE", comment: "Approved for the Q1 review." })).toMatchObject({ ok: true, data: { kpi: { status: "ACTIVE" } } });
    const rejected = await proposed(analyst);
    expect(await reviewKpiProposal(admin, { kpiId: rejected.id, version: 1, decision: "REJECT", comment: "Duplicates CS-ADOPTION." })).toMatchObject({ ok: true, data: { kpi: { status: "REJECTED" } } });
    const row = await (await getDb()).kpi.findUniqueOrThrow({ where: { id: rejected.id } });
    expect(row).toMatchObject({ status: "REJECTED", reviewComment: "Duplicates CS-ADOPTION." });
  });

  it("a decision needs a comment", async () => {
    const kpi = await proposed(analyst);
    const result = await reviewKpiProposal(secondAnalyst, { kpiId: kpi.id, version: 1, decision: "APPROVE", comment: "" });
    expect(!result.ok && result.fieldErrors.comment?.[0]).toMatch(/Comment is required/);
  });
});

describe("retiring a KPI and the scores", () => {
  /** A KPI with values in March and April 2026 for one persona. */
  async function scoredKpi(status: "ACTIVE" | "PROPOSED" = "ACTIVE") {
    const db = await getDb();
    const persona = await makePersona();
    const kpi = await makeKpi({ ownerId: null, status });
    // A second, ACTIVE KPI in the same perspective keeps the scorecard scoring in every month.
    const other = await db.kpi.create({
      data: { code: `OTHER-${++n}`, name: "Other", perspectiveId: kpi.perspectiveId, timing: "LAGGING", unit: "PERCENT", direction: "HIGHER_IS_BETTER", status: "ACTIVE" },
    });
    await db.kpiTarget.create({ data: { kpiId: other.id, personaId: null, effectiveFrom: new Date("2020-01-01T00:00:00Z"), target: 90, green: 80, red: 60 } });
    for (const month of ["2026-03-01", "2026-04-01"]) {
      await db.measurement.create({ data: { kpiId: kpi.id, personaId: persona.id, period: new Date(`${month}T00:00:00Z`), value: 95 } });
      await db.measurement.create({ data: { kpiId: other.id, personaId: persona.id, period: new Date(`${month}T00:00:00Z`), value: 60 } });
    }
    const card = await db.scorecard.findFirstOrThrow({ where: { perspectives: { some: { id: kpi.perspectiveId } } } });
    return { kpi, persona, card };
  }

  const codesOn = (card: PersonaScorecard) => card.perspectives.flatMap((p) => [...p.otherKpis, ...p.objectives.flatMap((o) => o.kpis)]).map((k) => k.code);

  it("a KPI retired in March scores in March and is absent in April on the persona scorecard", async () => {
    const { kpi, persona, card } = await scoredKpi();
    const result = await changeKpiStatus(analyst, { kpiId: kpi.id, version: 1, toStatus: "RETIRED", retiredIn: "2026-03", rationale: "Replaced by the survey-based measure." });
    expect(result).toMatchObject({ ok: true, data: { kpi: { status: "RETIRED", retiredIn: "2026-03-01" } } });

    const march = (await getPersonaScorecard(admin, { scorecardSlug: card.slug, personaSlug: persona.slug, period: "2026-03" }))!;
    const april = (await getPersonaScorecard(admin, { scorecardSlug: card.slug, personaSlug: persona.slug, period: "2026-04" }))!;
    expect(codesOn(march)).toContain(kpi.code);
    expect(codesOn(april)).not.toContain(kpi.code);
    // March: both KPIs score (95 -> 100, 60 -> 33.3); April: only the other one, with full coverage.
    expect(march.overall.score).toBeGreaterThan(april.overall.score!);
    expect(april.overall.coverage).toBe(1);

    // The heatmap's lean path agrees: the persona's April score is the other KPI's alone.
    const overview = (await getScorecardOverview(admin, { scorecardSlug: card.slug, period: "2026-04" }))!;
    const row = overview.rows.find((r) => r.persona.slug === persona.slug);
    expect(row?.overall.score).toBeCloseTo(april.overall.score!, 6);

    const events = await auditEventsFor(kpi.id);
    expect(events.map((e) => e.action)).toEqual(["kpi.retire"]);
    expect(events[0]!.after).toMatchObject({ status: "RETIRED", retiredIn: "2026-03-01", rationale: "Replaced by the survey-based measure." });
  });

  it("retiring needs a rationale and a month not after the current one; re-activating clears the month", async () => {
    const { kpi } = await scoredKpi();
    const noWhy = await changeKpiStatus(analyst, { kpiId: kpi.id, version: 1, toStatus: "RETIRED", rationale: "" });
    expect(!noWhy.ok && noWhy.fieldErrors.rationale?.[0]).toMatch(/Rationale is required/);
    const future = await changeKpiStatus(analyst, { kpiId: kpi.id, version: 1, toStatus: "RETIRED", retiredIn: "2999-01", rationale: "Not needed any more." });
    expect(!future.ok && future.fieldErrors.retiredIn?.[0]).toMatch(/cannot be after the current month/);
    expect(await changeKpiStatus(analyst, { kpiId: kpi.id, version: 1, toStatus: "RETIRED", rationale: "Not needed any more." })).toMatchObject({ ok: true });
    const again = await changeKpiStatus(analyst, { kpiId: kpi.id, version: 2, toStatus: "ACTIVE", rationale: "Needed again for the audit." });
    expect(again).toMatchObject({ ok: true, data: { kpi: { status: "ACTIVE", retiredIn: null } } });
    expect((await auditEventsFor(kpi.id)).map((e) => e.action)).toEqual(["kpi.retire", "kpi.reactivate"]);
  });

  it("a proposed KPI is not scored, even with a value stored", async () => {
    const { kpi, persona, card } = await scoredKpi("PROPOSED");
    const march = (await getPersonaScorecard(admin, { scorecardSlug: card.slug, personaSlug: persona.slug, period: "2026-03" }))!;
    expect(codesOn(march)).not.toContain(kpi.code);
    expect(march.overall.coverage).toBe(1);
    // Only the other KPI (60 against red 60, green 80) scores.
    expect(march.overall.score).toBeLessThan(50);
  });
});
