import { readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getApiKpis } from "@/app/api/v1/kpis/route";
import { GET as getApiMeasurements, PUT as putApiMeasurements } from "@/app/api/v1/measurements/route";
import { GET as getApiPersonas } from "@/app/api/v1/personas/route";
import { PATCH as patchApiPersona } from "@/app/api/v1/personas/[personaSlug]/route";
import { GET as getApiSuggestion } from "@/app/api/v1/kpis/[kpiCode]/personas/[personaSlug]/suggestion/route";
import { GET as getApiTargets, POST as postApiTarget } from "@/app/api/v1/kpis/[kpiCode]/targets/route";
import { GET as getApiWeights, POST as postApiWeights } from "@/app/api/v1/scorecards/[scorecardSlug]/weights/route";
import { GET as getApiScores } from "@/app/api/v1/scorecards/[scorecardSlug]/personas/[personaSlug]/scores/route";
import type { Actor } from "@/lib/auth/actor";
import { actorFromBearer } from "@/lib/auth/api-token";
import { personaScope, PERSONA_REFUSAL } from "@/lib/auth/policy";
import { changeKpiStatus, commentOnEscalation, deletePerspective, importMeasurements, resetUserPassword, reviewKpiProposal, saveMeasurement, setPersonaAccess, updateKpi, updateObjective } from "@/lib/commands";
import { proposeKpi } from "@/lib/commands/kpis/propose-kpi";
import { createPersona } from "@/lib/commands/personas/create-persona";
import { deleteObjective as deleteObjectiveCommand } from "@/lib/commands/strategy/delete-objective";
import { mergePersonas } from "@/lib/commands/personas/merge-personas";
import { setKpiTarget } from "@/lib/commands/targets/set-kpi-target";
import { recalibrateWeights } from "@/lib/commands/weights/recalibrate-weights";
import { getDb } from "@/lib/db";
import { personaScorecardCsv } from "@/lib/export/persona-scorecard-csv";
import { recipientsFor } from "@/lib/jobs/escalation/write";
import { auditLogRefusal, getAuditPage } from "@/lib/queries/admin-audit";
import { getPersonaAccessForAdmin } from "@/lib/queries/admin-users";
import { listPersonasForApi } from "@/lib/queries/api-catalog";
import { getDepartmentView, listDepartments } from "@/lib/queries/department-view";
import { getEntryGrid } from "@/lib/queries/entry-grid";
import { getEscalationDetail } from "@/lib/queries/escalation-detail";
import { getEscalationInbox, parseInboxFilters } from "@/lib/queries/escalation-inbox";
import { escalationExists, kpiExists, scoredPersonaExists } from "@/lib/queries/exists";
import { getHomeData } from "@/lib/queries/home";
import { getKpiCatalogue, getKpiForEdit, getKpiFormOptions, getProposal, getProposalQueue } from "@/lib/queries/kpi-catalogue";
import { getKpiPageActions } from "@/lib/queries/kpi-actions";
import { getKpiDetail } from "@/lib/queries/kpi-detail";
import { getKpiTargetsPage, getTargetSuggestion } from "@/lib/queries/kpi-targets";
import { getMeasurementExport } from "@/lib/queries/measurement-export";
import { getHeaderCounts, getNotifications } from "@/lib/queries/notifications";
import { getMergePage, getReclassifyPage, previewMerge } from "@/lib/queries/persona-merge";
import { getPersonaScorecard } from "@/lib/queries/persona-scorecard";
import { getWeightsPage, previewRecalibration } from "@/lib/queries/persona-weights";
import { getPersonaDetail, getPersonaList, personaExists } from "@/lib/queries/personas";
import { getScorecardOverview } from "@/lib/queries/scorecard-overview";
import { getStrategyEditor } from "@/lib/queries/strategy-editor";
import { findMapSubject, getStrategyMap } from "@/lib/queries/strategy-map";
import { kpiDefinitionInput, makeKpi, makePersona, makeTarget, measure, weigh } from "../helpers/factories";
import { apiRequest, tokenFor } from "./api/helpers";
import { actorOf, auditEventsFor, makeUser, snapshot } from "./commands/fixtures";

// Per-persona access (issue 13): a user an admin restricted to some personas sees those
// personas' detail and no other's, in every screen's read model, export and API answer; the
// totals stay the same numbers everyone sees, the other personas folded into one line; writes
// about other personas are refused; a direct address of another persona's page is "not found".

const PERIOD = "2026-03";
const ctx = { params: Promise.resolve({}) };

// What must never reach a restricted user: the hidden personas' slugs, names, ids, values and comments,
// and PA-HID, a KPI proposal entirely about them.
const HIDDEN: string[] = ["hid-hilda", "Hidden Hilda", "hid-hugo", "Hidden Hugo", "hid-dora", "Hidden Dora", "777.125", "HILDA-SECRET", "PA-HID"];

const ids = {} as Record<"vera" | "victor" | "hilda" | "hugo" | "card" | "dept" | "rev" | "nps" | "escVera" | "escHilda" | "fin" | "objective", string>;
let admin: Actor;
let everyone: Actor; // an unrestricted executive
let exec: Actor; // a restricted executive, as a request builds it (API token -> actor read from the database)
let owner: Actor; // a restricted KPI owner (owns PA-REV)
let execToken = "";
let ownerToken = "";
let everyoneToken = "";

function expectNoHidden(label: string, answer: unknown, except: string[] = []): void {
  const text = typeof answer === "string" ? answer : JSON.stringify(answer);
  for (const secret of [...HIDDEN, ids.hilda, ids.hugo].filter((s) => !except.includes(s))) {
    expect(text.includes(secret), `${label} leaks ${secret}`).toBe(false);
  }
}

/** A KPI definition in the access card (the proposals below, and their edits, share it). */
function kpiDefinition(code: string) {
  return kpiDefinitionInput({ code, name: `Community answers ${code}`, perspectiveId: ids.fin, objectiveId: ids.objective, ownerId: owner.id });
}

/** A KPI proposal about these personas, with its case. */
function proposalInput(code: string, personaIds: string[], justification: string, evidence: string) {
  return { ...kpiDefinition(code), personaIds, justification, evidence };
}

async function actorOfToken(secret: string): Promise<Actor> {
  const actor = await actorFromBearer(apiRequest("/personas", secret));
  if (!actor) throw new Error("token did not resolve");
  return actor;
}

beforeAll(async () => {
  const db = await getDb();
  admin = actorOf(await makeUser({ role: "ADMIN" }));
  const ownerUser = await makeUser({ role: "KPI_OWNER", name: "Olive Owner" });
  owner = actorOf(ownerUser);

  ids.vera = (await makePersona("vis-vera", "Visible Vera", "ACTIVE", 1)).id;
  ids.victor = (await makePersona("vis-victor", "Visible Victor", "ACTIVE", 2)).id;
  ids.hilda = (await makePersona("hid-hilda", "Hidden Hilda", "ACTIVE", 3)).id;
  ids.hugo = (await makePersona("hid-hugo", "Hidden Hugo", "ACTIVE", 4)).id;

  ids.dept = (await db.department.create({ data: { name: "Access Dept" } })).id;
  ids.card = (await db.scorecard.create({ data: { slug: "pa-card", name: "Access card" } })).id;
  const fin = await db.perspective.create({ data: { scorecardId: ids.card, name: "Financial", order: 1, weight: 2 } });
  const cust = await db.perspective.create({ data: { scorecardId: ids.card, name: "Customer", order: 2, weight: 1 } });
  const objective = await db.strategicObjective.create({ data: { perspectiveId: fin.id, title: "Grow" } });
  ids.fin = fin.id;
  ids.objective = objective.id;
  ids.rev = (await makeKpi("PA-REV", fin.id, { direction: "HIGHER_IS_BETTER", weight: 2, objectiveId: objective.id })).id;
  ids.nps = (await makeKpi("PA-NPS", cust.id, { direction: "HIGHER_IS_BETTER", weight: 1 })).id;
  await db.kpi.updateMany({ where: { id: { in: [ids.rev, ids.nps] } }, data: { ownerId: owner.id, departmentId: ids.dept } });
  await makeTarget(ids.rev, "2025-01-01", { red: 100, green: 800, target: 1000 });
  await makeTarget(ids.nps, "2025-01-01", { red: 0, green: 30, target: 50 });
  // Hilda's own thresholds: must not surface either.
  await makeTarget(ids.rev, "2025-01-01", { red: 111.5, green: 777.125, target: 999.5 }, ids.hilda);

  const weights = { vera: 1, victor: 2, hilda: 3, hugo: 1 } as const;
  for (const [key, w] of Object.entries(weights)) await weigh(ids.card, ids[key as keyof typeof weights], "2025-01-01", w);
  const values = { vera: [300, 40], victor: [600, 20], hilda: [777.125, 45], hugo: [150, 5] } as const;
  for (const [key, [rev, nps]] of Object.entries(values)) {
    const personaId = ids[key as keyof typeof values];
    for (const month of ["2026-01-01", "2026-02-01", "2026-03-01"]) {
      await measure(ids.rev, personaId, month, rev);
      await measure(ids.nps, personaId, month, nps);
    }
  }
  await db.measurement.updateMany({ where: { personaId: ids.hilda }, data: { comment: "HILDA-SECRET comment" } });

  // One open escalation per side, and a notification about each for the restricted executive.
  for (const key of ["vera", "hilda"] as const) {
    const e = await db.escalation.create({
      data: {
        kpiId: ids.rev,
        personaId: ids[key],
        firstBreachedPeriod: new Date("2026-01-01T00:00:00Z"),
        lastBreachedPeriod: new Date("2026-03-01T00:00:00Z"),
        streakLength: 3,
        level: 3,
        assigneeId: owner.id,
      },
    });
    ids[key === "vera" ? "escVera" : "escHilda"] = e.id;
  }

  const everyoneT = await tokenFor("EXECUTIVE");
  everyone = everyoneT.actor;
  everyoneToken = everyoneT.secret;
  const execT = await tokenFor("EXECUTIVE");
  execToken = execT.secret;
  const ownerT = await (async () => {
    const { createApiToken } = await import("@/lib/commands/tokens/create-api-token");
    const created = await createApiToken(owner, { name: "owner script" });
    if (!created.ok) throw new Error(created.message);
    return created.data.secret;
  })();
  ownerToken = ownerT;

  for (const [userId, title] of [
    [execT.actor.id, "PA-REV red for Visible Vera"],
    [execT.actor.id, "PA-REV red for Hidden Hilda"],
  ] as const) {
    await db.notification.create({
      data: { userId, kind: "escalation.raised", title, body: title, escalationId: title.includes("Hilda") ? ids.escHilda : ids.escVera },
    });
  }

  // The admin restricts the executive and the owner to Vera and Victor (through the command).
  for (const userId of [execT.actor.id, owner.id]) {
    const result = await setPersonaAccess(admin, { userId, scope: "restricted", personaIds: [ids.vera, ids.victor] });
    expect(result.ok).toBe(true);
  }
  exec = await actorOfToken(execToken);
  owner = await actorOfToken(ownerToken);
});

describe("the actor carries the persona scope, read with the user on every request", () => {
  it("restricts the actor from the API token, and not the unrestricted one", async () => {
    expect(exec.restrictedToPersonaIds).toEqual([ids.vera, ids.victor].sort());
    expect(personaScope(exec)).toEqual({ all: false, personaIds: [ids.vera, ids.victor].sort() });
    expect(personaScope(await actorOfToken(everyoneToken))).toEqual({ all: true });
  });
});

describe("read models and exports: a restricted user sees their personas only", () => {
  // A table of screens' queries, exports and API answers x the restricted executive (or owner).
  const reads: [string, () => Promise<unknown>, string[]][] = [
    ["scorecard overview", () => getScorecardOverview(exec, { scorecardSlug: "pa-card", period: PERIOD, compareWith: "2026-02", showSunset: true }), ["vis-vera", "vis-victor"]],
    ["persona scorecard", () => getPersonaScorecard(exec, { scorecardSlug: "pa-card", personaSlug: "vis-vera", period: PERIOD }), ["vis-vera"]],
    [
      "persona scorecard CSV export",
      async () => personaScorecardCsv((await getPersonaScorecard(exec, { scorecardSlug: "pa-card", personaSlug: "vis-vera", period: PERIOD }))!),
      ["PA-REV", "300"],
    ],
    ["strategy map subject", () => findMapSubject(exec, { scorecardSlug: "pa-card" }), ["vis-vera", "vis-victor"]],
    ["strategy map", () => getStrategyMap(exec, { scorecardSlug: "pa-card", personaSlug: "vis-victor", period: PERIOD }), ["vis-victor"]],
    ["KPI detail", () => getKpiDetail(exec, { kpiCode: "PA-REV" }), ["vis-vera", "vis-victor"]],
    ["KPI detail per persona", () => getKpiDetail(exec, { kpiCode: "PA-REV", personaSlug: "vis-victor" }), ["vis-victor", "vis-vera"]],
    ["escalation inbox", () => getEscalationInbox(exec, parseInboxFilters({ status: "all" })), ["Visible Vera"]],
    ["escalation detail", () => getEscalationDetail(exec, ids.escVera), ["Visible Vera"]],
    ["notifications", () => getNotifications(exec), ["Visible Vera"]],
    ["department list", () => listDepartments(exec), ["Access Dept"]],
    ["department view", () => getDepartmentView(exec, { departmentId: ids.dept, period: PERIOD }), ["vis-vera", "vis-victor"]],
    ["home page", () => getHomeData(exec), ["vis-vera", "vis-victor"]],
    ["personas list", () => getPersonaList(exec, {}), ["vis-vera", "vis-victor"]],
    ["personas (API catalogue)", () => listPersonasForApi(exec), ["vis-vera"]],
    ["entry grid (owner)", () => getEntryGrid(owner, { month: `${PERIOD}-01`, now: new Date("2026-04-20T00:00:00Z") }), ["vis-vera", "vis-victor"]],
    ["value export /entry/export.* (owner)", () => getMeasurementExport(owner, {}), ["vis-vera", "vis-victor"]],
    ["GET /api/v1/personas", async () => (await getApiPersonas(apiRequest("/personas", execToken), ctx)).text(), ["vis-vera"]],
    ["GET /api/v1/kpis", async () => (await getApiKpis(apiRequest(`/kpis?period=${PERIOD}`, execToken), ctx)).text(), ["vis-vera", "vis-victor"]],
    ["GET /api/v1/measurements", async () => (await getApiMeasurements(apiRequest("/measurements?limit=1000", execToken), ctx)).text(), ["vis-vera", "vis-victor"]],
    [
      "GET /api/v1/.../scores",
      async () =>
        (await getApiScores(apiRequest(`/scorecards/pa-card/personas/vis-vera/scores?period=${PERIOD}`, execToken), { params: Promise.resolve({ scorecardSlug: "pa-card", personaSlug: "vis-vera" }) })).text(),
      ["PA-REV"],
    ],
  ];

  it.each(reads)("%s: shows no other persona's slug, name, id, value or comment", async (label, read, shown) => {
    const answer = await read();
    expectNoHidden(label, answer);
    // Not vacuous: the answer does show what the user may see.
    const text = typeof answer === "string" ? answer : JSON.stringify(answer);
    for (const expected of shown) expect(text, `${label} shows ${expected}`).toContain(expected);
  });

  it("shows the same answers to an unrestricted executive, hidden personas included (the table is not vacuous)", async () => {
    const overview = JSON.stringify(await getScorecardOverview(everyone, { scorecardSlug: "pa-card", period: PERIOD }));
    expect(overview).toContain("hid-hilda");
    const values = await (await getApiMeasurements(apiRequest("/measurements?limit=1000", everyoneToken), ctx)).text();
    expect(values).toContain("777.125");
    expect(values).toContain("HILDA-SECRET");
  });

  it("counts only the visible personas' escalations and notifications in the header", async () => {
    const counts = await getHeaderCounts(exec);
    expect(counts.unreadNotifications).toBe(1);
    expect(counts.openEscalations).toBe(1);
    expect((await getHeaderCounts(await actorOfToken(everyoneToken))).openEscalations).toBe(2);
  });
});

describe("totals: the same numbers as everyone sees, the other personas folded into one line", () => {
  it("keeps the overview's total and perspective totals, with an 'other personas' line that adds up", async () => {
    const all = (await getScorecardOverview(everyone, { scorecardSlug: "pa-card", period: PERIOD }))!;
    const mine = (await getScorecardOverview(exec, { scorecardSlug: "pa-card", period: PERIOD }))!;
    expect(all.total.score).not.toBeNull();
    expect(mine.total).toEqual(all.total);
    expect(mine.perspectiveTotals).toEqual(all.perspectiveTotals);
    expect(mine.rows.map((r) => r.persona.slug)).toEqual(["vis-vera", "vis-victor"]);
    expect(all.otherPersonas).toBeNull();

    // Each visible row is the unrestricted row; the others' share and contribution are summed.
    const allRows = new Map(all.rows.map((r) => [r.persona.slug, r]));
    for (const row of mine.rows) expect(row).toEqual(allRows.get(row.persona.slug));
    const hidden = all.rows.filter((r) => r.persona.slug.startsWith("hid-"));
    expect(mine.otherPersonas).not.toBeNull();
    expect(mine.otherPersonas!.count).toBe(2);
    expect(mine.otherPersonas!.share).toBeCloseTo(hidden.reduce((s, r) => s + r.share, 0), 10);
    expect(mine.otherPersonas!.contribution).toBeCloseTo(hidden.reduce((s, r) => s + (r.contribution ?? 0), 0), 10);
    const shown = mine.rows.reduce((s, r) => s + (r.contribution ?? 0), 0);
    expect(shown + mine.otherPersonas!.contribution!).toBeCloseTo(mine.total.score!, 10);
    expect(mine.rows.reduce((s, r) => s + r.share, 0) + mine.otherPersonas!.share).toBeCloseTo(1, 10);
  });

  it("keeps the home page's scorecard totals", async () => {
    const all = await getHomeData(everyone);
    const mine = await getHomeData(exec);
    const card = (home: typeof all) => home.scorecards.find((s) => s.slug === "pa-card")!;
    expect(card(mine).total).toEqual(card(all).total);
    expect(card(mine).total?.score).not.toBeNull();
    expect(mine.personas.map((p) => p.slug)).toEqual(["vis-vera", "vis-victor"]);
  });
});

describe("a direct address of another persona's page is 'not found'", () => {
  it("answers null / false / NOT_FOUND (a 404), never FORBIDDEN", async () => {
    expect(await getPersonaScorecard(exec, { scorecardSlug: "pa-card", personaSlug: "hid-hilda", period: PERIOD })).toBeNull();
    expect(await getPersonaDetail(exec, "hid-hilda")).toBeNull();
    expect(await getKpiDetail(exec, { kpiCode: "PA-REV", personaSlug: "hid-hilda" })).toBeNull();
    expect(await getEscalationDetail(exec, ids.escHilda)).toBeNull();
    expect(await escalationExists(exec, ids.escHilda)).toBe(false);
    expect(await scoredPersonaExists(exec, "hid-hilda")).toBe(false);
    expect(await personaExists(exec, "hid-hilda")).toBe(false);
    await expect(findMapSubject(exec, { scorecardSlug: "pa-card", personaSlug: "hid-hilda" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const scores = await getApiScores(apiRequest(`/scorecards/pa-card/personas/hid-hilda/scores?period=${PERIOD}`, execToken), {
      params: Promise.resolve({ scorecardSlug: "pa-card", personaSlug: "hid-hilda" }),
    });
    expect(scores.status).toBe(404);
    expect((await getApiMeasurements(apiRequest("/measurements?persona=hid-hilda", execToken), ctx)).status).toBe(404);
    expect((await getApiKpis(apiRequest("/kpis?persona=hid-hilda", execToken), ctx)).status).toBe(404);
    // The same addresses work for an unrestricted user (so the 404 is the scope, not a typo).
    expect(await getPersonaScorecard(everyone, { scorecardSlug: "pa-card", personaSlug: "hid-hilda", period: PERIOD })).not.toBeNull();
    expect(await getEscalationDetail(everyone, ids.escHilda)).not.toBeNull();
  });
});

describe("writes about personas outside the scope are refused", () => {
  it("refuses a save (FORBIDDEN, nothing written) and accepts one for a visible persona", async () => {
    const before = await snapshot();
    const refused = await saveMeasurement(owner, { kpiId: ids.rev, personaId: ids.hilda, period: "2026-03-01", value: "900", version: 1, reason: "Correction" });
    expect(refused).toMatchObject({ ok: false, code: "FORBIDDEN", message: PERSONA_REFUSAL });
    expect(await snapshot()).toEqual(before);
    const saved = await saveMeasurement(owner, { kpiId: ids.nps, personaId: ids.vera, period: "2026-03-01", value: "41", version: 1, reason: "Correction" });
    expect(saved.ok).toBe(true);
  });

  it("refuses an import row (the persona reads as unknown), so nothing of the file is written", async () => {
    const before = await snapshot();
    const result = await importMeasurements(owner, {
      fileName: "values.csv",
      dryRun: false,
      rows: [
        { rowNumber: 2, kpi_code: "PA-NPS", persona_slug: "vis-victor", period: "2026-03-01", value: "21", comment: "", not_available_reason: "" },
        { rowNumber: 3, kpi_code: "PA-NPS", persona_slug: "hid-hilda", period: "2026-03-01", value: "46", comment: "", not_available_reason: "" },
      ],
    });
    expect(result.ok).toBe(false);
    // The verdict repeats the slug the file gave, and nothing else of that persona (name, status, values).
    expectNoHidden("import refusal", result, ["hid-hilda"]);
    expect(JSON.stringify(result)).toContain("No persona you have access to has the slug hid-hilda");
    expect(await snapshot()).toEqual(before);
  });

  it("refuses PUT /api/v1/measurements for another persona (422), all or nothing", async () => {
    const before = await snapshot();
    const response = await putApiMeasurements(
      apiRequest("/measurements", ownerToken, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ items: [{ kpi_code: "PA-NPS", persona_slug: "hid-hilda", period: "2026-03", value: "47" }], reason: "Correction" }),
      }),
      ctx,
    );
    expect(response.status).toBe(422);
    expect(await response.text()).toContain("No persona you have access to");
    expect(await snapshot()).toEqual(before);
  });

  it("refuses comments on another persona's escalation", async () => {
    const refused = await commentOnEscalation(exec, { escalationId: ids.escHilda, note: "Peeking" });
    expect(refused).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect((await commentOnEscalation(exec, { escalationId: ids.escVera, note: "On it" })).ok).toBe(true);
  });

  it("does not notify a restricted user of another persona's escalation (the job)", () => {
    const pair = (personaId: string) => ({
      kpi: { id: ids.rev, code: "PA-REV", name: "Rev", frequency: "MONTHLY" as const, ownerId: owner.id, objectiveOwnerId: null },
      persona: { id: personaId, slug: "x", name: "x" },
    });
    const recipients = { executiveIds: [exec.id, everyone.id], restrictedTo: new Map([[exec.id, [ids.vera]], [owner.id, [ids.vera]]]) };
    expect(recipientsFor(pair(ids.hilda), 3, recipients, owner.id).sort()).toEqual([everyone.id]);
    expect(recipientsFor(pair(ids.vera), 3, recipients, owner.id).sort()).toEqual([owner.id, exec.id, everyone.id].sort());
  });
});

describe("the admin command (user.persona-access)", () => {
  it("is audited with the personas before and after, and applies on the next request", async () => {
    const db = await getDb();
    const user = await makeUser({ role: "ANALYST" });
    const created = await (await import("@/lib/commands/tokens/create-api-token")).createApiToken(actorOf(user), { name: "analyst script" });
    if (!created.ok) throw new Error(created.message);
    expect(personaScope(await actorOfToken(created.data.secret))).toEqual({ all: true });

    const result = await setPersonaAccess(admin, { userId: user.id, scope: "restricted", personaIds: [ids.victor, ids.vera, ids.vera] });
    expect(result).toMatchObject({ ok: true, data: { changed: true } });
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "user.persona-access", entityId: user.id }, orderBy: { at: "desc" } });
    expect(event.actorId).toBe(admin.id);
    expect(event.before).toEqual({ restricted: false, personas: [] });
    expect(event.after).toEqual({ restricted: true, personas: ["vis-vera", "vis-victor"] });
    // The next request of the same token is restricted: no new sign-in needed.
    expect(personaScope(await actorOfToken(created.data.secret))).toEqual({ all: false, personaIds: [ids.vera, ids.victor].sort() });

    // The same again changes nothing and writes no audit event; "all" lifts it.
    const audits = await db.auditEvent.count();
    expect(await setPersonaAccess(admin, { userId: user.id, scope: "restricted", personaIds: [ids.vera, ids.victor] })).toMatchObject({ ok: true, data: { changed: false } });
    expect(await db.auditEvent.count()).toBe(audits);
    expect(await setPersonaAccess(admin, { userId: user.id, scope: "all", personaIds: [ids.vera] })).toMatchObject({ ok: true, data: { changed: true } });
    expect(personaScope(await actorOfToken(created.data.secret))).toEqual({ all: true });
    expect(await db.userPersonaAccess.count({ where: { userId: user.id } })).toBe(0);
  });

  it("refuses a restriction to no persona, and an unknown persona, naming the field", async () => {
    const user = await makeUser({ role: "EXECUTIVE" });
    const none = await setPersonaAccess(admin, { userId: user.id, scope: "restricted" });
    expect(none).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { personaIds: [expect.stringContaining("at least one persona")] } });
    const unknown = await setPersonaAccess(admin, { userId: user.id, scope: "restricted", personaIds: ["no-such-persona"] });
    expect(unknown).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { personaIds: [expect.any(String)] } });
    const byExec = await setPersonaAccess(exec, { userId: user.id, scope: "all" });
    expect(byExec).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });
});

// ───────────── Analysts, administrators and the screens beyond the dashboards (issue 13's gaps) ─────────────
//
// Placed last: the personas added here (a hidden draft, a visible persona merged into a hidden
// one) would change the counts the totals tests above assert.

describe("a restricted analyst and a restricted administrator", () => {
  let analyst: Actor; // restricted to Vera, Victor and Mia (merged into Hidden Hilda)
  let analystToken = "";
  let restrictedAdmin: Actor; // restricted to Vera and Victor
  let restrictedAdminToken = "";
  let miaId = "";
  let reviewer: Actor; // an unrestricted analyst
  const proposalIds = {} as Record<"mixed" | "vera" | "decided" | "hidden", string>;

  beforeAll(async () => {
    const db = await getDb();
    await makePersona("hid-dora", "Hidden Dora", "DRAFT", 5);
    miaId = (await makePersona("vis-mia", "Visible Mia", "SUNSET", 6)).id;
    const merged = "Merged Visible Mia into Hidden Hilda: one segment after all";
    await db.persona.update({ where: { id: miaId }, data: { mergedIntoId: ids.hilda, statusRationale: merged } });
    await db.personaStatusChange.create({ data: { personaId: miaId, fromStatus: "ACTIVE", toStatus: "SUNSET", rationale: merged } });
    // A recalibration's reason naming a hidden persona (free text): withheld from restricted viewers.
    await db.personaWeight.updateMany({ where: { scorecardId: ids.card }, data: { reason: "Rebalanced towards Hidden Hilda" } });
    const pain = await db.personaPainPoint.create({ data: { personaId: ids.hilda, text: "HILDA-SECRET pain", order: 1 } });
    await db.painPointObjective.create({ data: { painPointId: pain.id, objectiveId: ids.objective } });
    // Proposals by an unrestricted admin: one also about Hidden Hilda, its free text naming her
    // (withheld from restricted viewers); one about Visible Vera only; one about Victor and
    // Hidden Hugo, rejected by an unrestricted analyst with a comment naming Hugo; one entirely
    // about Hilda and Hugo (not shown to restricted viewers at all).
    const propose = async (...args: Parameters<typeof proposalInput>) => {
      const result = await proposeKpi(admin, proposalInput(...args));
      if (!result.ok) throw new Error(result.message);
      return result.data.kpi.id;
    };
    proposalIds.mixed = await propose("PA-NEW", [ids.vera, ids.hilda], "Hidden Hilda's admins write most accepted answers; accounts that answer renew more often.", "HILDA-SECRET cohort analysis 2025, slide 7");
    proposalIds.vera = await propose("PA-VERA", [ids.vera], "Visible Vera's admins write most accepted answers; accounts that answer renew more often.", "Vera cohort analysis 2025, slide 3");
    proposalIds.decided = await propose("PA-OLD", [ids.victor, ids.hugo], "Victor and Hugo accounts answer alike; one KPI would show both programmes.", "https://example.test/victor-hugo");
    proposalIds.hidden = await propose("PA-HID", [ids.hilda, ids.hugo], "Hilda and Hugo admins answer most; accounts that answer renew more often.", "Survey of both programmes, 2025");
    reviewer = actorOf(await makeUser({ role: "ANALYST", name: "Una Unrestricted" }));
    const rejected = await reviewKpiProposal(reviewer, { kpiId: proposalIds.decided, version: 1, decision: "REJECT", comment: "Duplicates what Hidden Hugo's team already tracks." });
    expect(rejected).toMatchObject({ ok: true, data: { kpi: { status: "REJECTED" } } });

    const analystT = await tokenFor("ANALYST");
    analystToken = analystT.secret;
    const adminT = await tokenFor("ADMIN");
    for (const [userId, personaIds] of [
      [analystT.actor.id, [ids.vera, ids.victor, miaId]],
      [adminT.actor.id, [ids.vera, ids.victor]],
    ] as const) {
      expect((await setPersonaAccess(admin, { userId, scope: "restricted", personaIds: [...personaIds] })).ok).toBe(true);
    }
    analyst = await actorOfToken(analystToken);
    restrictedAdminToken = adminT.secret;
    restrictedAdmin = await actorOfToken(restrictedAdminToken);
  });

  const weightsCtx = { params: Promise.resolve({ scorecardSlug: "pa-card" }) };
  const api = (path: string, init?: RequestInit) => apiRequest(path, analystToken, init);

  describe("read models and API answers show no other persona", () => {
    const reads: [string, () => Promise<unknown>, string[]][] = [
      ["weights page /scorecards/{slug}/weights", () => getWeightsPage(analyst, "pa-card"), ["vis-vera", "vis-victor", "recalibration sets every persona's weight"]],
      ["GET /api/v1/scorecards/{slug}/weights", async () => (await getApiWeights(api("/scorecards/pa-card/weights"), weightsCtx)).text(), ["vis-vera", "otherPersonas"]],
      ["KPI proposals /kpis/proposals", () => getProposalQueue(analyst), ["PA-NEW", "Visible Vera"]],
      ["KPI proposals /kpis/proposals (restricted admin)", () => getProposalQueue(restrictedAdmin), ["PA-NEW", "PA-VERA"]],
      ["KPI catalogue /kpis", () => getKpiCatalogue(analyst, {}), ["PA-REV", "PA-NEW", "PA-OLD"]],
      ["KPI catalogue /kpis?status=PROPOSED", () => getKpiCatalogue(analyst, { status: "PROPOSED" }), ["PA-NEW", "PA-VERA"]],
      ["KPI editor /kpis/{code}/edit (proposal also about others)", () => getKpiForEdit(analyst, "PA-NEW"), ["PA-NEW", "so you cannot change its definition"]],
      ["KPI review /kpis/{code}/review", () => getProposal(analyst, "PA-NEW"), ["Visible Vera", '"textWithheld":true', "outside your access"]],
      ["decided KPI proposal /kpis/{code}/review", () => getProposal(analyst, "PA-OLD"), ["Visible Victor", "REJECTED", '"textWithheld":true']],
      ["KPI editor options /kpis/new", () => getKpiFormOptions(analyst), ["Visible Vera"]],
      ["KPI targets /kpis/{code}/targets", () => getKpiTargetsPage(exec, "PA-REV"), ["vis-vera", "vis-victor", "1000"]],
      ["GET /api/v1/kpis/{code}/targets", async () => (await getApiTargets(apiRequest("/kpis/PA-REV/targets", execToken), { params: Promise.resolve({ kpiCode: "PA-REV" }) })).text(), ["vis-vera"]],
      ["target suggestion (own persona)", () => getTargetSuggestion(analyst, "PA-REV", "vis-vera"), ["vis-vera"]],
      ["merge page /personas/{slug}/merge", () => getMergePage(analyst, "vis-vera"), ["vis-victor"]],
      ["reclassify page /personas/{slug}/reclassify", () => getReclassifyPage(analyst, "vis-vera"), ["vis-victor"]],
      ["persona merged into a hidden one /personas/{slug}", () => getPersonaDetail(analyst, "vis-mia"), ["another persona"]],
      ["strategy editor /scorecards/{slug}/strategy", () => getStrategyEditor(analyst, "pa-card"), ["Grow"]],
      ["GET /api/v1/personas?status=all", async () => (await getApiPersonas(api("/personas?status=all"), ctx)).text(), ["vis-vera", "vis-mia"]],
      ["GET /api/v1/personas?status=DRAFT", async () => (await getApiPersonas(api("/personas?status=DRAFT"), ctx)).text(), ['"personas":[]']],
      ["scorecard overview (analyst)", () => getScorecardOverview(analyst, { scorecardSlug: "pa-card", period: PERIOD }), ["vis-vera"]],
      ["KPI detail (analyst)", () => getKpiDetail(analyst, { kpiCode: "PA-REV" }), ["vis-vera"]],
    ];

    it.each(reads)("%s", async (label, read, shown) => {
      const answer = await read();
      expectNoHidden(label, answer);
      const text = typeof answer === "string" ? answer : JSON.stringify(answer);
      for (const expected of shown) expect(text, `${label} shows ${expected}`).toContain(expected);
    });

    it("folds the other personas' weights into one line that adds up, and offers no recalibration", async () => {
      const all = (await getWeightsPage(admin, "pa-card"))!;
      const mine = (await getWeightsPage(analyst, "pa-card"))!;
      expect(all.recalibrationRefusal).toBeNull();
      expect(all.versions[0]!.otherPersonas).toBeNull();
      expect(mine.recalibrationRefusal).toMatch(/recalibration sets every persona's weight/);
      const [version] = mine.versions;
      expect(version!.rows.map((r) => r.slug)).toEqual(["vis-victor", "vis-vera"]);
      // Hilda 3 and Hugo 1 of a total 7: the others' line is their sum, the same share as everyone sees.
      expect(version!.otherPersonas).toEqual({ count: 2, weight: 4, share: 4 / 7 });
      expect(version!.rows.reduce((s, r) => s + r.share, 0) + version!.otherPersonas!.share).toBeCloseTo(1, 10);
      expect(mine.personas.map((p) => p.slug)).toEqual(["vis-vera", "vis-victor"]);
      expect(version).toMatchObject({ reasons: [], reasonsWithheld: true });
      expect(all.versions[0]).toMatchObject({ reasons: ["Rebalanced towards Hidden Hilda"], reasonsWithheld: false });
    });

    it("names in-scope proposal personas and counts the others", async () => {
      expect(await getProposal(analyst, "PA-NEW")).toMatchObject({ personas: ["Visible Vera"], otherPersonas: 1 });
      expect(await getProposal(admin, "PA-NEW")).toMatchObject({ personas: ["Hidden Hilda", "Visible Vera"], otherPersonas: 0 });
    });

    it("leaves a proposal entirely about other personas out of the queue, the catalogue and its counts", async () => {
      const codes = (rows: { code: string }[]) => rows.map((r) => r.code).filter((c) => c.startsWith("PA-"));
      for (const actor of [analyst, restrictedAdmin]) {
        expect(codes(await getProposalQueue(actor))).not.toContain("PA-HID");
        const mine = await getKpiCatalogue(actor, {});
        expect(codes(mine.rows)).not.toContain("PA-HID");
        // The "Proposals (N)" count is the proposals listed.
        expect(mine.counts.PROPOSED).toBe(mine.rows.filter((r) => r.status === "PROPOSED").length);
      }
      // Not vacuous: an unrestricted user sees it, listed and counted.
      expect(codes(await getProposalQueue(reviewer))).toContain("PA-HID");
      const all = await getKpiCatalogue(admin, {});
      expect(codes(all.rows)).toContain("PA-HID");
      expect(all.counts.PROPOSED - (await getKpiCatalogue(analyst, {})).counts.PROPOSED).toBe(1);
    });

    it("withholds the free text of a proposal also about other personas, and offers no review of it", async () => {
      const withheld = { textWithheld: true, justification: null, evidence: null, reviewComment: null };
      expect(await getProposal(analyst, "PA-NEW")).toMatchObject({
        ...withheld,
        canReview: false,
        reviewRefusal: "This proposal is also about 1 persona outside your access, so you cannot approve or reject it: an analyst or administrator who sees all of its personas reviews it.",
      });
      expect(await getProposal(analyst, "PA-OLD")).toMatchObject({ ...withheld, status: "REJECTED", reviewedBy: "Una Unrestricted", canReview: false, reviewRefusal: null });
      // Entirely in scope: shown and reviewable.
      expect(await getProposal(analyst, "PA-VERA")).toMatchObject({ textWithheld: false, justification: expect.stringContaining("Visible Vera's admins"), evidence: "Vera cohort analysis 2025, slide 3", canReview: true, reviewRefusal: null });
      const queue = await getProposalQueue(analyst);
      expect(queue.filter((p) => p.code.startsWith("PA-")).map((p) => [p.code, p.canReview, p.textWithheld])).toEqual([
        ["PA-NEW", false, true],
        ["PA-VERA", true, false],
      ]);
      // Not vacuous: an unrestricted analyst reads the same text (hidden names included) and may review.
      expect(await getProposal(reviewer, "PA-NEW")).toMatchObject({
        textWithheld: false,
        justification: expect.stringContaining("Hidden Hilda's admins"),
        evidence: "HILDA-SECRET cohort analysis 2025, slide 7",
        canReview: true,
        reviewRefusal: null,
      });
      expect(await getProposal(reviewer, "PA-OLD")).toMatchObject({ textWithheld: false, reviewComment: "Duplicates what Hidden Hugo's team already tracks." });
      // No API answer carries a proposal (GET /api/v1/kpis lists active KPIs): its text is in none.
      for (const token of [analystToken, everyoneToken]) {
        const body = await (await getApiKpis(apiRequest("/kpis", token), ctx)).text();
        for (const text of ["admins write most accepted answers", "cohort analysis 2025", "Hidden Hugo's team"]) expect(body).not.toContain(text);
      }
    });

    it("counts only the in-scope pain points on the strategy editor", async () => {
      const count = async (actor: Actor) => (await getStrategyEditor(actor, "pa-card"))!.objectives.find((o) => o.title === "Grow")!.painPointCount;
      expect(await count(admin)).toBe(1);
      expect(await count(analyst)).toBe(0);
    });

    it("lists drafts with ?status=DRAFT or all, and refuses an unknown status", async () => {
      const everyoneDrafts = await (await getApiPersonas(apiRequest("/personas?status=DRAFT", everyoneToken), ctx)).json();
      expect(everyoneDrafts.personas).toContainEqual({ slug: "hid-dora", name: "Hidden Dora", status: "DRAFT" });
      const byDefault = await (await getApiPersonas(apiRequest("/personas", everyoneToken), ctx)).text();
      expect(byDefault).not.toContain("hid-dora");
      expect((await getApiPersonas(apiRequest("/personas?status=draftish", everyoneToken), ctx)).status).toBe(400);
    });
  });

  describe("another persona's address is 'not found'", () => {
    it("answers null / 404 for every address of a proposal entirely about other personas", async () => {
      for (const actor of [analyst, restrictedAdmin]) {
        expect(await getProposal(actor, "PA-HID")).toBeNull();
        expect(await kpiExists(actor, "PA-HID")).toBe(false);
        expect(await getKpiDetail(actor, { kpiCode: "PA-HID" })).toBeNull();
        expect(await getKpiForEdit(actor, "PA-HID")).toBeNull();
        expect(await getKpiTargetsPage(actor, "PA-HID")).toBeNull();
        expect(await getTargetSuggestion(actor, "PA-HID", "vis-vera")).toBeNull();
      }
      const params = { params: Promise.resolve({ kpiCode: "PA-HID" }) };
      const answers = [
        await getApiTargets(api("/kpis/PA-HID/targets"), params),
        await postApiTarget(
          api("/kpis/PA-HID/targets", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ effectiveFrom: "2026-04", target: 10, green: 8, red: 2, rationale: "Setting a hidden proposal's default." }) }),
          params,
        ),
        await getApiMeasurements(api("/measurements?kpi=PA-HID"), ctx),
      ];
      for (const answer of answers) expect(answer.status).toBe(404);
      // Not vacuous: an unrestricted user reaches each of them (a proposal has no values, so no measurements filter).
      expect(await getProposal(reviewer, "PA-HID")).toMatchObject({ code: "PA-HID", personas: ["Hidden Hilda", "Hidden Hugo"] });
      expect(await kpiExists(reviewer, "PA-HID")).toBe(true);
      expect(await getKpiDetail(reviewer, { kpiCode: "PA-HID" })).not.toBeNull();
      expect(await getKpiForEdit(reviewer, "PA-HID")).toMatchObject({ code: "PA-HID", editRefusal: null });
      expect(await getKpiTargetsPage(reviewer, "PA-HID")).not.toBeNull();
      expect((await getApiTargets(apiRequest("/kpis/PA-HID/targets", everyoneToken), params)).status).toBe(200);
      expect((await getApiMeasurements(apiRequest("/measurements?kpi=PA-HID", everyoneToken), ctx)).status).toBe(200);
    });

    it("answers null / 404 for the persona screens, the suggestion and PATCH", async () => {
      expect(await getMergePage(analyst, "hid-hilda")).toBeNull();
      expect(await getReclassifyPage(analyst, "hid-hilda")).toBeNull();
      expect(await getTargetSuggestion(analyst, "PA-REV", "hid-hilda")).toBeNull();
      const suggestion = await getApiSuggestion(api("/kpis/PA-REV/personas/hid-hilda/suggestion"), { params: Promise.resolve({ kpiCode: "PA-REV", personaSlug: "hid-hilda" }) });
      expect(suggestion.status).toBe(404);
      const patch = (slug: string) =>
        patchApiPersona(api(`/personas/${slug}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ description: "Changed by the analyst." }) }), {
          params: Promise.resolve({ personaSlug: slug }),
        });
      const hidden = await patch("hid-hilda");
      expect(hidden.status).toBe(404);
      expectNoHidden("PATCH 404", await hidden.text(), ["hid-hilda"]);
      expect((await patch("vis-victor")).status).toBe(200);
      // Not vacuous: an unrestricted user reaches the same pages.
      expect(await getMergePage(admin, "hid-hilda")).not.toBeNull();
    });
  });

  describe("writes about other personas, or about every persona, are refused with a reason", () => {
    it("refuses a recalibration (command, preview, API) and writes nothing", async () => {
      const before = await snapshot();
      const input = { scorecardId: ids.card, effectiveFrom: "2099-01-01", reason: "Rebalance towards Vera", weights: { [ids.vera]: 5 } };
      const refused = await recalibrateWeights(analyst, input);
      expect(refused).toMatchObject({ ok: false, code: "FORBIDDEN", message: expect.stringMatching(/recalibration sets every persona's weight/) });
      await expect(previewRecalibration(analyst, { scorecardId: ids.card, effectiveFrom: "2099-01-01", weights: { [ids.vera]: 5 } })).rejects.toMatchObject({ code: "FORBIDDEN" });
      const response = await postApiWeights(
        api("/scorecards/pa-card/weights", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ effectiveFrom: "2099-01", reason: "Rebalance", weights: { "hid-hilda": 9 } }) }),
        weightsCtx,
      );
      expect(response.status).toBe(403);
      const body = await response.text();
      expect(body).toContain("every persona's weight");
      expectNoHidden("POST weights refusal", body, ["hid-hilda"]);
      expect(await snapshot()).toEqual(before);
    });

    it("refuses merging into, proposing about and setting targets for another persona", async () => {
      const before = await snapshot();
      const db = await getDb();
      const [vera, hilda] = await Promise.all([ids.vera, ids.hilda].map((id) => db.persona.findUniqueOrThrow({ where: { id }, select: { version: true } })));
      const merge = await mergePersonas(analyst, { personaId: ids.vera, version: vera!.version, targetPersonaId: ids.hilda, targetVersion: hilda!.version, rule: "KEEP_TARGET", rationale: "They turned out to be one segment in the last survey." });
      expect(merge).toMatchObject({ ok: false, code: "FORBIDDEN", message: PERSONA_REFUSAL });
      await expect(previewMerge(analyst, { personaId: ids.vera, targetPersonaId: ids.hilda, rule: "KEEP_TARGET" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      const proposal = await proposeKpi(
        analyst,
        proposalInput("PA-PEEK", [ids.vera, ids.hilda], "Experts write most accepted answers; accounts that answer renew more often.", "https://example.test/cohort-2025"),
      );
      expect(proposal).toMatchObject({ ok: false, code: "FORBIDDEN", message: PERSONA_REFUSAL });
      const target = { kpiId: ids.rev, effectiveFrom: "2026-04-01", target: "10", green: "8", red: "2", rationale: "Peeking at another persona's thresholds." };
      expect(await setKpiTarget(analyst, { ...target, personaId: ids.hilda })).toMatchObject({ ok: false, code: "FORBIDDEN", message: PERSONA_REFUSAL });
      const viaApi = await postApiTarget(
        api("/kpis/PA-REV/targets", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ persona: "hid-hilda", effectiveFrom: "2026-04", target: 10, green: 8, red: 2, rationale: "Peeking at another persona's thresholds." }) }),
        { params: Promise.resolve({ kpiCode: "PA-REV" }) },
      );
      expect(viaApi.status).toBe(400);
      expect(await viaApi.text()).toContain("No persona with the slug");
      expect(await snapshot()).toEqual(before);
    });

    it("refuses changing the definition, status or targets of a proposal about any other persona (FORBIDDEN, nothing written)", async () => {
      const db = await getDb();
      const kpis = () => db.kpi.findMany({ where: { code: { startsWith: "PA-" } }, orderBy: { code: "asc" }, select: { code: true, name: true, status: true, version: true, targets: { select: { id: true } } } });
      const [before, kpisBefore] = [await snapshot(), await kpis()];
      const cases = [
        [proposalIds.mixed, "PA-NEW", "This proposal is also about 1 persona outside your access"],
        [proposalIds.hidden, "PA-HID", "This proposal is about 2 personas outside your access"],
      ] as const;
      for (const [kpiId, code, outside] of cases) {
        for (const actor of [analyst, restrictedAdmin]) {
          const edit = await updateKpi(actor, { ...kpiDefinition(code), name: "Renamed by a restricted analyst", kpiId, version: 1 });
          expect(edit).toMatchObject({ ok: false, code: "FORBIDDEN", message: `${outside}, so you cannot change its definition: an analyst or administrator who sees all of its personas can.` });
          const retire = await changeKpiStatus(actor, { kpiId, version: 1, toStatus: "RETIRED", rationale: "Retiring a proposal about other personas." });
          expect(retire).toMatchObject({ ok: false, code: "FORBIDDEN", message: expect.stringContaining(outside) });
          const target = await setKpiTarget(actor, { kpiId, effectiveFrom: "2026-04-01", target: "10", green: "8", red: "2", rationale: "The default of a proposal about other personas." });
          expect(target).toMatchObject({ ok: false, code: "FORBIDDEN", message: expect.stringMatching(new RegExp(`^${outside}, so you cannot set its targets`)) });
          for (const refused of [edit, retire, target]) if (!refused.ok) expectNoHidden(`${code} refusal`, refused.message);
        }
      }
      // Deleting the objective they measure is refused naming and counting the KPIs the analyst sees
      // (PA-HID is neither named nor counted: see "never reveals a hidden proposal ..." below).
      const deleteObjective = await deleteObjectiveCommand(analyst, { objectiveId: ids.objective });
      expect(deleteObjective).toMatchObject({ ok: false, code: "CONFLICT", message: expect.stringMatching(/^4 KPIs measure “Grow” \(PA-NEW, PA-OLD, PA-REV, PA-VERA\)\. /) });
      if (!deleteObjective.ok) expectNoHidden("delete objective refusal", deleteObjective.message);
      expect(await deleteObjectiveCommand(admin, { objectiveId: ids.objective })).toMatchObject({ ok: false, message: expect.stringMatching(/^5 KPIs measure “Grow” \(PA-HID, PA-NEW, PA-OLD, PA-REV, PA-VERA\)\. /) });
      expect(await snapshot()).toEqual(before);
      expect(await kpis()).toEqual(kpisBefore);
      // The screens: the edit page gives the reason instead of the form; the review page offers no edit.
      expect(await getProposal(analyst, "PA-NEW")).toMatchObject({ canEdit: false });
      // The KPI page /kpis/{code} offers no "Edit this KPI" for it either (only what the policy allows).
      const kpiPage = async (actor: Actor, code: string) => getKpiPageActions(actor, (await getKpiDetail(actor, { kpiCode: code }))!.kpi);
      expect(await kpiPage(analyst, "PA-NEW")).toEqual({ canEdit: false });
      expect(await kpiPage(restrictedAdmin, "PA-NEW")).toEqual({ canEdit: false });
      expect(await kpiPage(analyst, "PA-VERA")).toEqual({ canEdit: true });
      expect(await kpiPage(analyst, "PA-REV")).toEqual({ canEdit: true });
      expect(await kpiPage(reviewer, "PA-NEW")).toEqual({ canEdit: true });
      // Its targets page offers no target forms either; the unrestricted analyst's does.
      expect(await getKpiTargetsPage(analyst, "PA-NEW")).toMatchObject({ canEdit: false, editRefusal: expect.stringMatching(/outside your access, so you cannot set its targets/) });
      expect(await getKpiTargetsPage(analyst, "PA-VERA")).toMatchObject({ canEdit: true, editRefusal: null });
      expect(await getKpiTargetsPage(reviewer, "PA-NEW")).toMatchObject({ canEdit: true });
      // Entirely in scope: editable (an unchanged save passes the policy and writes nothing).
      expect(await getKpiForEdit(analyst, "PA-VERA")).toMatchObject({ editRefusal: null });
      expect(await getProposal(analyst, "PA-VERA")).toMatchObject({ canEdit: true });
      expect(await updateKpi(analyst, { ...kpiDefinition("PA-VERA"), kpiId: proposalIds.vera, version: 1 })).toMatchObject({ ok: true, data: { changed: false } });
      // Not vacuous: an unrestricted analyst may edit both.
      expect(await getKpiForEdit(reviewer, "PA-NEW")).toMatchObject({ editRefusal: null });
      expect(await getProposal(reviewer, "PA-NEW")).toMatchObject({ canEdit: true });
    });

    it("reads a proposal entirely about other personas as an unknown KPI in a value save and an import row", async () => {
      // PA-HID's owner is the restricted KPI owner: without the rule they would be told it is a proposal.
      const before = await snapshot();
      const saved = await saveMeasurement(owner, { kpiId: proposalIds.hidden, personaId: ids.vera, period: "2026-03-01", value: "5" });
      expect(saved).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { kpiId: ["No KPI has this id."] } });
      const row = { rowNumber: 2, kpi_code: "PA-HID", persona_slug: "vis-vera", period: "2026-03-01", value: "5", comment: "", not_available_reason: "" };
      const imported = await importMeasurements(owner, { fileName: "values.csv", dryRun: true, rows: [row] });
      expectNoHidden("import of a hidden proposal", imported, ["PA-HID"]);
      expect(JSON.stringify(imported)).toContain("No KPI has the code PA-HID.");
      expect(await snapshot()).toEqual(before);
      // Not vacuous: an unrestricted administrator is told it is a proposal.
      const asAdmin = await importMeasurements(admin, { fileName: "values.csv", dryRun: true, rows: [row] });
      expect(JSON.stringify(asAdmin)).toContain("PA-HID is a proposal");
    });

    it("refuses reviewing a proposal also about another persona (FORBIDDEN, nothing written), and allows one entirely in scope", async () => {
      const db = await getDb();
      const before = await snapshot();
      for (const decision of ["APPROVE", "REJECT"] as const) {
        const refused = await reviewKpiProposal(analyst, { kpiId: proposalIds.mixed, version: 1, decision, comment: "Looks right for Vera." });
        expect(refused).toMatchObject({ ok: false, code: "FORBIDDEN", message: expect.stringMatching(/^This proposal is also about 1 persona outside your access/) });
        if (!refused.ok) expectNoHidden("review refusal", refused.message);
      }
      expect(await snapshot()).toEqual(before);
      expect(await db.kpi.findUniqueOrThrow({ where: { id: proposalIds.mixed }, select: { status: true, reviewedById: true, version: true } })).toEqual({ status: "PROPOSED", reviewedById: null, version: 1 });
      // Entirely in their scope: the restricted analyst approves it.
      const approved = await reviewKpiProposal(analyst, { kpiId: proposalIds.vera, version: 1, decision: "APPROVE", comment: "Vera's cohort analysis is convincing." });
      expect(approved).toMatchObject({ ok: true, data: { kpi: { code: "PA-VERA", status: "ACTIVE" } } });
      // Not vacuous: an unrestricted analyst may approve the first one.
      expect(await reviewKpiProposal(reviewer, { kpiId: proposalIds.mixed, version: 1, decision: "APPROVE", comment: "Convincing for Hilda and Vera." })).toMatchObject({ ok: true });
    });

    it("refuses creating a persona to a restricted analyst (it would be outside their access)", async () => {
      const result = await createPersona(analyst, { name: "New Nora", slug: "new-nora", description: "A persona the analyst would not see.", priority: 3, reviewCadenceMonths: 3, revenueInfluence: null });
      expect(result).toMatchObject({ ok: false, code: "FORBIDDEN", message: expect.stringMatching(/new persona would be outside your access/) });
    });

    it("refuses the audit log and persona-access changes to a restricted administrator", async () => {
      expect(auditLogRefusal(restrictedAdmin)).toMatch(/audit log records changes to every persona/);
      await expect(getAuditPage(restrictedAdmin, { page: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });
      expect(auditLogRefusal(admin)).toBeNull();
      expect((await getAuditPage(admin, { page: 1 })).total).toBeGreaterThan(0);
      // Nor user management: not even lifting their own restriction, or resetting an unrestricted account.
      const lift = await setPersonaAccess(restrictedAdmin, { userId: restrictedAdmin.id, scope: "all" });
      expect(lift).toMatchObject({ ok: false, code: "FORBIDDEN", message: expect.stringMatching(/cannot manage users/) });
      expect(personaScope(await actorOfToken(restrictedAdminToken)).all).toBe(false);
      await expect(getPersonaAccessForAdmin(restrictedAdmin, exec.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
      const reset = await resetUserPassword(restrictedAdmin, { userId: admin.id });
      expect(reset).toMatchObject({ ok: false, code: "FORBIDDEN", message: expect.stringMatching(/cannot manage users/) });
    });

    it("never reveals a hidden proposal by a count: refusing to delete a perspective or objective, or moving an objective", async () => {
      const db = await getDb();
      // The strategy's shape (snapshot() leaves it out): a refusal must leave it as it was.
      const structure = async () => ({
        perspectives: await db.perspective.findMany({ where: { scorecardId: ids.card }, orderBy: { id: "asc" }, select: { id: true, name: true, order: true } }),
        objectives: await db.strategicObjective.findMany({ where: { perspective: { scorecardId: ids.card } }, orderBy: { id: "asc" }, select: { id: true, perspectiveId: true, version: true } }),
        kpis: await db.kpi.findMany({ where: { perspective: { scorecardId: ids.card } }, orderBy: { id: "asc" }, select: { id: true, perspectiveId: true, objectiveId: true, version: true } }),
      });
      const restricted = [analyst, restrictedAdmin];
      const refusedWith = async (result: Promise<{ ok: boolean; message?: string }>, message: string) => {
        const answer = await result;
        expect(answer).toMatchObject({ ok: false, code: "CONFLICT", message });
        expectNoHidden("refusal", answer);
      };
      const hiddenRefusal = (name: string, rule: string) => `“${name}” cannot be deleted yet: ${rule}. An analyst or administrator who sees all personas can tell you what is still in the way.`;
      const custId = (await db.perspective.findFirstOrThrow({ where: { scorecardId: ids.card, name: "Customer" } })).id;
      const learning = await db.perspective.create({ data: { scorecardId: ids.card, name: "Learning", order: 3, weight: 1 } });
      const teach = await db.strategicObjective.create({ data: { perspectiveId: learning.id, title: "Teach" } });
      // A second proposal entirely about Hilda and Hugo, the only KPI measuring "Teach".
      const hidden = await proposeKpi(admin, { ...proposalInput("PA-HID-T", [ids.hilda, ids.hugo], "Hilda and Hugo admins who teach renew more often than the others.", "Survey of both programmes, 2025"), perspectiveId: learning.id, objectiveId: teach.id });
      if (!hidden.ok) throw new Error(hidden.message);

      const [before, structureBefore] = [await snapshot(), await structure()];
      // The strategy editor offers Delete only where the command would delete: elsewhere it shows the
      // command's own refusal in its place (the same words, with no hidden number or name).
      const editorOf = async (actor: Actor) => (await getStrategyEditor(actor, "pa-card"))!;
      const deleteRefusals = (editor: Awaited<ReturnType<typeof editorOf>>) => ({
        ...Object.fromEntries(editor.perspectives.map((p) => [p.name, p.deleteRefusal])),
        ...Object.fromEntries(editor.objectives.map((o) => [o.title, o.deleteRefusal])),
      });
      for (const actor of restricted) {
        const editor = await editorOf(actor);
        expectNoHidden("strategy editor", editor);
        expect(deleteRefusals(editor)).toEqual({
          Financial: "“Financial” still holds 1 objective and 4 KPIs. Move them to another perspective or delete them first; only an empty perspective can be deleted.",
          Customer: "“Customer” still holds 1 KPI. Move them to another perspective or delete them first; only an empty perspective can be deleted.",
          Learning: "“Learning” still holds 1 objective. Move them to another perspective or delete them first; only an empty perspective can be deleted.",
          Grow: expect.stringMatching(/^4 KPIs measure “Grow” \(PA-NEW, PA-OLD, PA-REV, PA-VERA\)\. /),
          // Only a hidden proposal measures Teach: no Delete, and a reason with no number.
          Teach: hiddenRefusal("Teach", "only an objective without KPIs can be deleted"),
        });
        expect(editor.objectives.find((o) => o.title === "Teach")).toMatchObject({ kpiCodes: [] });
        expect(editor.perspectives.find((p) => p.name === "Learning")).toMatchObject({ objectiveCount: 1, kpiCount: 0 });
      }
      // Not vacuous: the unrestricted analyst's editor counts and names the proposal, as before.
      const reviewersEditor = await editorOf(reviewer);
      expect(deleteRefusals(reviewersEditor)).toMatchObject({
        Financial: expect.stringMatching(/^“Financial” still holds 1 objective and 5 KPIs\. /),
        Learning: expect.stringMatching(/^“Learning” still holds 1 objective and 1 KPI\. /),
        Teach: expect.stringMatching(/^1 KPI measures “Teach” \(PA-HID-T\)\. /),
      });
      expect(reviewersEditor.objectives.find((o) => o.title === "Teach")).toMatchObject({ kpiCodes: ["PA-HID-T"] });
      expect(reviewersEditor.perspectives.find((p) => p.name === "Learning")).toMatchObject({ objectiveCount: 1, kpiCount: 1 });
      // And each reason is the command's refusal, word for word (one function words both).
      for (const actor of [...restricted, reviewer]) {
        const editor = await editorOf(actor);
        for (const p of editor.perspectives) expect(await deletePerspective(actor, { perspectiveId: p.id })).toMatchObject({ ok: false, message: p.deleteRefusal });
        for (const o of editor.objectives) expect(await deleteObjectiveCommand(actor, { objectiveId: o.id })).toMatchObject({ ok: false, message: o.deleteRefusal });
      }
      expect(await structure()).toEqual(structureBefore);
      // Financial holds Grow and five KPIs, PA-HID among them: the restricted actors are told of four.
      for (const actor of restricted) {
        await refusedWith(deletePerspective(actor, { perspectiveId: ids.fin }), "“Financial” still holds 1 objective and 4 KPIs. Move them to another perspective or delete them first; only an empty perspective can be deleted.");
        // Only a hidden proposal measures Teach: refused all the same, with no number.
        await refusedWith(deleteObjectiveCommand(actor, { objectiveId: teach.id }), hiddenRefusal("Teach", "only an objective without KPIs can be deleted"));
        // Learning holds Teach and the hidden proposal: only the objective is counted.
        await refusedWith(deletePerspective(actor, { perspectiveId: learning.id }), "“Learning” still holds 1 objective. Move them to another perspective or delete them first; only an empty perspective can be deleted.");
      }
      // Not vacuous: an unrestricted analyst is told of every one.
      expect(await deletePerspective(reviewer, { perspectiveId: ids.fin })).toMatchObject({ ok: false, message: expect.stringMatching(/^“Financial” still holds 1 objective and 5 KPIs\. /) });
      expect(await deleteObjectiveCommand(reviewer, { objectiveId: teach.id })).toMatchObject({ ok: false, message: expect.stringMatching(/^1 KPI measures “Teach” \(PA-HID-T\)\. /) });
      expect(await deletePerspective(reviewer, { perspectiveId: learning.id })).toMatchObject({ ok: false, message: expect.stringMatching(/^“Learning” still holds 1 objective and 1 KPI\. /) });
      expect(await snapshot()).toEqual(before);
      expect(await structure()).toEqual(structureBefore);

      // Moving Teach moves the hidden proposal too (the same for everyone), but the restricted analyst
      // is told of none of it ("saved", not "its 1 KPI moved with it"); the audit log names it.
      expect(await updateObjective(analyst, { objectiveId: teach.id, version: 1, perspectiveId: custId, title: "Teach" })).toMatchObject({ ok: true, data: { changed: true, movedKpis: 0 } });
      expect(await db.kpi.findUniqueOrThrow({ where: { id: hidden.data.kpi.id }, select: { perspectiveId: true } })).toEqual({ perspectiveId: custId });
      const [moveEvent] = (await auditEventsFor(teach.id)).filter((e) => e.action === "objective.update");
      expect(moveEvent!.after).toMatchObject({ kpisMoved: ["PA-HID-T"] });
      // With a KPI everyone sees alongside it: counted one for the restricted analyst, two for the unrestricted one.
      await makeKpi("PA-TEACH", custId, { direction: "HIGHER_IS_BETTER", weight: 1, objectiveId: teach.id });
      expect(await updateObjective(restrictedAdmin, { objectiveId: teach.id, version: 2, perspectiveId: learning.id, title: "Teach" })).toMatchObject({ ok: true, data: { movedKpis: 1 } });
      expect(await updateObjective(reviewer, { objectiveId: teach.id, version: 3, perspectiveId: custId, title: "Teach" })).toMatchObject({ ok: true, data: { movedKpis: 2 } });

      // Learning now holds only the hidden proposal (its objective unset by an unrestricted analyst).
      const edited = await updateKpi(reviewer, { ...kpiDefinition("PA-HID-T"), perspectiveId: learning.id, objectiveId: null, kpiId: hidden.data.kpi.id, version: 1 });
      expect(edited).toMatchObject({ ok: true });
      const [afterMoves, structureAfterMoves] = [await snapshot(), await structure()];
      for (const actor of restricted) {
        await refusedWith(deletePerspective(actor, { perspectiveId: learning.id }), hiddenRefusal("Learning", "only an empty perspective can be deleted"));
        // The editor shows that reason instead of Delete, and counts nothing in Learning.
        const editor = await editorOf(actor);
        expectNoHidden("strategy editor", editor);
        expect(editor.perspectives.find((p) => p.name === "Learning")).toMatchObject({
          objectiveCount: 0,
          kpiCount: 0,
          deleteRefusal: hiddenRefusal("Learning", "only an empty perspective can be deleted"),
        });
      }
      expect((await editorOf(reviewer)).perspectives.find((p) => p.name === "Learning")).toMatchObject({
        objectiveCount: 0,
        kpiCount: 1,
        deleteRefusal: expect.stringMatching(/^“Learning” still holds 1 KPI\. /),
      });
      expect(await deletePerspective(reviewer, { perspectiveId: learning.id })).toMatchObject({ ok: false, message: expect.stringMatching(/^“Learning” still holds 1 KPI\. /) });
      expect(await snapshot()).toEqual(afterMoves);
      expect(await structure()).toEqual(structureAfterMoves);
    });
  });
});

// Every page and route handler has been reviewed for per-persona access: listed here with where
// its answer is checked above (or why it holds no persona data). A new page or route fails this
// test until someone adds it, and with it the row of the table above that checks it.
const REVIEWED_ROUTES: Record<string, string> = {
  "(app)/account/page.tsx": "one's own account: no persona data",
  "(app)/account/tokens/page.tsx": "one's own API tokens: no persona data",
  "(app)/admin/audit/page.tsx": "refused to a restricted administrator (auditLogRefusal)",
  "(app)/admin/departments/[id]/page.tsx": "a department: no persona data",
  "(app)/admin/departments/page.tsx": "departments: no persona data",
  "(app)/admin/users/[id]/page.tsx": "user management refused to a restricted administrator",
  "(app)/admin/users/page.tsx": "user management refused to a restricted administrator",
  "(app)/departments/[departmentId]/page.tsx": "department view",
  "(app)/departments/page.tsx": "department list",
  "(app)/entry/import/page.tsx": "import verdicts: refuses an import row",
  "(app)/entry/page.tsx": "entry grid (owner)",
  "(app)/escalations/[escalationId]/page.tsx": "escalation detail; 404 for another persona's",
  "(app)/escalations/page.tsx": "escalation inbox",
  "(app)/kpis/[kpiCode]/edit/page.tsx": "a KPI's definition: no persona data",
  "(app)/kpis/[kpiCode]/page.tsx": "KPI detail, KPI detail per persona; 404 for another persona",
  "(app)/kpis/[kpiCode]/review/page.tsx": "KPI review",
  "(app)/kpis/[kpiCode]/targets/page.tsx": "KPI targets; suggestion 404 for another persona",
  "(app)/kpis/new/page.tsx": "KPI editor options; proposing about another persona refused",
  "(app)/kpis/page.tsx": "KPI catalogue: no persona data",
  "(app)/kpis/proposals/page.tsx": "KPI proposals",
  "(app)/notifications/page.tsx": "notifications",
  "(app)/page.tsx": "home page",
  "(app)/personas/[personaSlug]/merge/page.tsx": "merge page; 404 for another persona; merging into one refused",
  "(app)/personas/[personaSlug]/page.tsx": "personas list / persona detail 404; a persona merged into a hidden one",
  "(app)/personas/[personaSlug]/reclassify/page.tsx": "reclassify page; 404 for another persona",
  "(app)/personas/new/page.tsx": "creating a persona refused to a restricted analyst",
  "(app)/personas/page.tsx": "personas list",
  "(app)/scorecards/[scorecardSlug]/map/page.tsx": "strategy map, strategy map subject",
  "(app)/scorecards/[scorecardSlug]/page.tsx": "scorecard overview; totals with an 'other personas' line",
  "(app)/scorecards/[scorecardSlug]/personas/[personaSlug]/page.tsx": "persona scorecard; 404 for another persona",
  "(app)/scorecards/[scorecardSlug]/strategy/page.tsx": "strategy editor (pain points counted in scope)",
  "(app)/scorecards/[scorecardSlug]/weights/page.tsx": "weights page; recalibration refused",
  "(app)/scorecards/page.tsx": "scorecard list: the home page's read model",
  "(auth)/sign-in/page.tsx": "signed out: no persona data",
  "(auth)/sign-out/page.tsx": "signed out: no persona data",
  "(app)/entry/export.csv/route.ts": "value export /entry/export.* (owner)",
  "(app)/entry/export.xlsx/route.ts": "value export /entry/export.* (owner)",
  "(app)/entry/import/upload/route.ts": "import: refuses an import row",
  "(app)/scorecards/[scorecardSlug]/personas/[personaSlug]/export.csv/route.ts": "persona scorecard CSV export",
  "api/auth/[...nextauth]/route.ts": "sign-in: no persona data",
  "api/health/route.ts": "health: no persona data",
  "api/v1/imports/route.ts": "import: refuses an import row (the same command)",
  "api/v1/kpis/[kpiCode]/personas/[personaSlug]/suggestion/route.ts": "suggestion 404 for another persona",
  "api/v1/kpis/[kpiCode]/targets/route.ts": "GET /api/v1/kpis/{code}/targets; POST for another persona reads as unknown",
  "api/v1/kpis/route.ts": "GET /api/v1/kpis; ?persona= 404",
  "api/v1/measurements/route.ts": "GET /api/v1/measurements; PUT refused",
  "api/v1/openapi.json/route.ts": "the API description: no persona data",
  "api/v1/personas/[personaSlug]/route.ts": "PATCH 404 for another persona",
  "api/v1/personas/route.ts": "GET /api/v1/personas (?status=); POST refused to a restricted analyst",
  "api/v1/scorecards/[scorecardSlug]/personas/[personaSlug]/scores/route.ts": "GET /api/v1/.../scores; 404 for another persona",
  "api/v1/scorecards/[scorecardSlug]/weights/route.ts": "GET/POST /api/v1/scorecards/{slug}/weights",
  "api/v1/scorecards/route.ts": "scorecards: no persona data",
};

describe("every page and route handler is reviewed for per-persona access", () => {
  it("lists each app/**/page.tsx and app/**/route.ts", () => {
    const appDir = path.join(process.cwd(), "app");
    const files = (readdirSync(appDir, { recursive: true }) as string[])
      .map((f) => f.split(path.sep).join("/"))
      .filter((f) => f.endsWith("/page.tsx") || f === "page.tsx" || f.endsWith("/route.ts"))
      .sort();
    expect(files).toEqual(Object.keys(REVIEWED_ROUTES).sort());
  });
});
