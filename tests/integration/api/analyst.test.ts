import { beforeAll, describe, expect, it } from "vitest";
import { PATCH as patchPersona } from "@/app/api/v1/personas/[personaSlug]/route";
import { POST as postPersona } from "@/app/api/v1/personas/route";
import { GET as getSuggestion } from "@/app/api/v1/kpis/[kpiCode]/personas/[personaSlug]/suggestion/route";
import { GET as getTargets, POST as postTarget } from "@/app/api/v1/kpis/[kpiCode]/targets/route";
import { GET as getWeights, POST as postWeights } from "@/app/api/v1/scorecards/[scorecardSlug]/weights/route";
import { apiPersonaSchema, apiSetTargetResultSchema, apiSuggestionSchema, apiTargetsSchema, apiWeightsSchema } from "@/lib/api/analyst-schemas";
import { getDb } from "@/lib/db";
import { addPeriods, distributionOf, suggestThresholds } from "@/lib/scoring";
import { makeKpi, makePersona, makeTarget, measure } from "../../helpers/factories";
import { apiRequest, expectProblem, tokenFor } from "./helpers";

// The analyst endpoints: each route answers through the screens' commands, refuses a token of a
// role that may not write, names the field of bad input, and the suggestion is lib/scoring's on
// the stored history.

let analyst = "";
let executive = "";
let kpiCode = "";
let historyValues: number[] = [];

const json = (body: unknown, extra: Record<string, string> = {}) => ({ method: "POST", headers: { "content-type": "application/json", ...extra }, body: JSON.stringify(body) });
const personaCtx = (personaSlug: string) => ({ params: Promise.resolve({ personaSlug }) });
const cardCtx = (scorecardSlug: string) => ({ params: Promise.resolve({ scorecardSlug }) });
const kpiCtx = (code: string) => ({ params: Promise.resolve({ kpiCode: code }) });

beforeAll(async () => {
  analyst = (await tokenFor("ANALYST")).secret;
  executive = (await tokenFor("EXECUTIVE")).secret;
  const db = await getDb();
  const card = await db.scorecard.create({ data: { slug: "an-card", name: "Analyst card" } });
  const perspective = await db.perspective.create({ data: { scorecardId: card.id, name: "Customer", order: 1 } });
  const kpi = await makeKpi("AN-NPS", perspective.id, { direction: "HIGHER_IS_BETTER", weight: 1 });
  kpiCode = kpi.code;
  await makeTarget(kpi.id, "2024-01-01", { red: 20, green: 40, target: 50 });
  const rich = await makePersona("an-rich", "Rich history", "ACTIVE", 1);
  await makePersona("an-poor", "Poor history", "ACTIVE", 2);
  const poor = await db.persona.findUniqueOrThrow({ where: { slug: "an-poor" } });
  historyValues = [31, 35, 28, 40, 44, 39, 47, 52, 36, 41, 45, 50, 38, 42];
  for (const [i, v] of historyValues.entries()) await measure(kpi.id, rich.id, addPeriods("2025-01-01", "MONTHLY", i), v);
  for (const [i, v] of [30, 31, 32].entries()) await measure(kpi.id, poor.id, `2025-0${i + 1}-01`, v);
});

describe("POST /api/v1/personas and PATCH /api/v1/personas/{slug}", () => {
  it("creates a DRAFT persona, then activates it with a rationale, then changes a field", async () => {
    const created = await postPersona(apiRequest("/personas", analyst, json({ name: "Ana API", slug: "ana-api", description: "Made through the API." })), {});
    expect(created.status).toBe(200);
    const body = await created.json();
    expect(apiPersonaSchema.safeParse(body).error).toBeUndefined();
    expect(body.persona).toMatchObject({ slug: "ana-api", status: "DRAFT", priority: 3, version: 1 });

    const activated = await patchPersona(apiRequest("/personas/ana-api", analyst, { ...json({ status: "ACTIVE", rationale: "Validated with the sales team." }), method: "PATCH" }), personaCtx("ana-api"));
    expect(activated.status).toBe(200);
    expect((await activated.json()).persona).toMatchObject({ status: "ACTIVE", statusRationale: "Validated with the sales team.", version: 2 });

    const renamed = await patchPersona(apiRequest("/personas/ana-api", analyst, { ...json({ name: "Ana (API)", version: 2 }), method: "PATCH" }), personaCtx("ana-api"));
    expect(renamed.status).toBe(200);
    expect((await renamed.json()).persona).toMatchObject({ name: "Ana (API)", description: "Made through the API.", status: "ACTIVE", version: 3 });

    const stale = await patchPersona(apiRequest("/personas/ana-api", analyst, { ...json({ name: "Old", version: 2 }), method: "PATCH" }), personaCtx("ana-api"));
    await expectProblem(stale, 409, "CONFLICT");
  });

  it("names the field of bad input, refuses mixing fields with a status, and unknown fields", async () => {
    const bad = await expectProblem(await postPersona(apiRequest("/personas", analyst, json({ name: "X", slug: "Bad Slug", description: "x" })), {}), 400, "INVALID");
    expect(Object.keys(bad.errors)).toEqual(["slug"]);
    const unknown = await expectProblem(await postPersona(apiRequest("/personas", analyst, json({ name: "X", slug: "x-1", description: "x", colour: "red" })), {}), 400, "INVALID");
    expect(Object.keys(unknown.errors)).toEqual(["colour"]);
    const patch = (slug: string, b: unknown) => patchPersona(apiRequest(`/personas/${slug}`, analyst, { ...json(b), method: "PATCH" }), personaCtx(slug));
    expect(Object.keys((await expectProblem(await patch("an-rich", { status: "SUNSET", rationale: "Merged into another persona.", name: "x" }), 400, "INVALID")).errors)).toEqual(["status"]);
    expect(Object.keys((await expectProblem(await patch("an-rich", { status: "SUNSET" }), 400, "INVALID")).errors)).toEqual(["rationale"]);
    expect(Object.keys((await expectProblem(await patch("an-rich", { status: "DRAFT", rationale: "Back to the drawing board." }), 400, "INVALID")).errors)).toEqual(["toStatus"]);
    await expectProblem(await patch("nobody-here", { name: "x" }), 404, "NOT_FOUND");
  });

  it("refuses a token whose user is not an analyst or admin, and writes nothing", async () => {
    const db = await getDb();
    const before = await db.persona.count();
    await expectProblem(await postPersona(apiRequest("/personas", executive, json({ name: "Exec", slug: "exec-made", description: "x" })), {}), 403, "FORBIDDEN");
    await expectProblem(await patchPersona(apiRequest("/personas/an-rich", executive, { ...json({ name: "x" }), method: "PATCH" }), personaCtx("an-rich")), 403, "FORBIDDEN");
    expect(await db.persona.count()).toBe(before);
  });

  it("replays a POST with the same Idempotency-Key instead of creating twice", async () => {
    const request = () => apiRequest("/personas", analyst, json({ name: "Once", slug: "once-only", description: "Only once." }, { "idempotency-key": "persona-once-1" }));
    const first = await postPersona(request(), {});
    const second = await postPersona(request(), {});
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(await (await getDb()).persona.count({ where: { slug: "once-only" } })).toBe(1);
  });
});

describe("GET/POST /api/v1/scorecards/{slug}/weights", () => {
  it("recalibrates by persona slug and lists the versions, newest first", async () => {
    const saved = await postWeights(apiRequest("/scorecards/an-card/weights", analyst, json({ effectiveFrom: "2030-01", reason: "Quarterly recalibration.", weights: { "an-rich": 3, "an-poor": 1 } })), cardCtx("an-card"));
    expect(saved.status).toBe(200);
    const listed = await getWeights(apiRequest("/scorecards/an-card/weights", analyst), cardCtx("an-card"));
    const body = await listed.json();
    expect(apiWeightsSchema.safeParse(body).error).toBeUndefined();
    expect(body.versions[0]).toMatchObject({ effectiveFrom: "2030-01-01", until: null, reasons: ["Quarterly recalibration."] });
    expect(body.versions[0].weights).toEqual([
      expect.objectContaining({ persona: "an-rich", weight: 3, share: 0.75 }),
      expect.objectContaining({ persona: "an-poor", weight: 1, share: 0.25 }),
    ]);
  });

  it("names the field: an unknown persona slug, a month not after the newest version; refuses other roles", async () => {
    const post = (b: unknown, token = analyst) => postWeights(apiRequest("/scorecards/an-card/weights", token, json(b)), cardCtx("an-card"));
    const unknown = await expectProblem(await post({ effectiveFrom: "2031-01", reason: "x", weights: { nobody: 1 } }), 400, "INVALID");
    expect(Object.keys(unknown.errors)).toEqual(["weights.nobody"]);
    const early = await expectProblem(await post({ effectiveFrom: "2029-01", reason: "Too early.", weights: { "an-rich": 1 } }), 400, "INVALID");
    expect(Object.keys(early.errors)).toEqual(["effectiveFrom"]);
    const negative = await expectProblem(await post({ effectiveFrom: "2031-01", reason: "Negative.", weights: { "an-rich": -1 } }), 400, "INVALID");
    expect(negative.errors["weights.an-rich"]).toEqual(["A weight cannot be negative."]);
    await expectProblem(await post({ effectiveFrom: "2031-01", reason: "Exec.", weights: { "an-rich": 1 } }, executive), 403, "FORBIDDEN");
    await expectProblem(await getWeights(apiRequest("/scorecards/an-card/weights", executive), cardCtx("an-card")), 403, "FORBIDDEN");
    await expectProblem(await getWeights(apiRequest("/scorecards/nope/weights", analyst), cardCtx("nope")), 404, "NOT_FOUND");
  });
});

describe("GET/POST /api/v1/kpis/{code}/targets", () => {
  it("sets a persona override and shows it in force from its period; every role reads", async () => {
    const saved = await postTarget(
      apiRequest(`/kpis/${kpiCode}/targets`, analyst, json({ persona: "an-rich", effectiveFrom: "2026-01", target: 55, green: 45, red: 35, rationale: "From its own history." })),
      kpiCtx(kpiCode),
    );
    expect(saved.status).toBe(200);
    const body = await saved.json();
    expect(apiSetTargetResultSchema.safeParse(body).error).toBeUndefined();
    expect(body).toMatchObject({ target: { persona: "an-rich", effectiveFrom: "2026-01-01", target: "55", green: "45", red: "35" }, replaced: false, pairsQueued: 1 });

    const listed = await getTargets(apiRequest(`/kpis/${kpiCode}/targets`, executive), kpiCtx(kpiCode));
    expect(listed.status).toBe(200);
    const table = await listed.json();
    expect(apiTargetsSchema.safeParse(table).error).toBeUndefined();
    expect(table.targets.map((t: { persona: string | null }) => t.persona)).toEqual(["an-rich", null]);
    const rich = table.inForce.find((r: { persona: string }) => r.persona === "an-rich");
    const poor = table.inForce.find((r: { persona: string }) => r.persona === "an-poor");
    expect(rich.periods.at(-1)).toMatchObject({ source: "PERSONA", since: "2026-01-01", target: 55 });
    expect(poor.periods.at(-1)).toMatchObject({ source: "DEFAULT", since: "2024-01-01", target: 50 });

    const again = await postTarget(apiRequest(`/kpis/${kpiCode}/targets`, analyst, json({ persona: "an-rich", effectiveFrom: "2026-01", target: 56, green: 45, red: 35, rationale: "Second thoughts here." })), kpiCtx(kpiCode));
    await expectProblem(again, 409, "CONFLICT");
  });

  it("names the field of bad thresholds, an unknown persona, a missing rationale; refuses other roles", async () => {
    const post = (b: unknown, token = analyst) => postTarget(apiRequest(`/kpis/${kpiCode}/targets`, token, json(b)), kpiCtx(kpiCode));
    const order = await expectProblem(await post({ effectiveFrom: "2026-06", target: 50, green: 40, red: 45, rationale: "Out of order on purpose." }), 400, "INVALID");
    expect(order.errors).toEqual({ red: [expect.stringMatching(/^red \(45\) must be below green \(40\)/)] });
    const who = await expectProblem(await post({ persona: "nobody", effectiveFrom: "2026-06", target: 50, green: 40, red: 30, rationale: "For a ghost persona." }), 400, "INVALID");
    expect(Object.keys(who.errors)).toEqual(["persona"]);
    const why = await expectProblem(await post({ effectiveFrom: "2026-06", target: 50, green: 40, red: 30 }), 400, "INVALID");
    expect(Object.keys(why.errors)).toEqual(["rationale"]);
    await expectProblem(await post({ effectiveFrom: "2026-06", target: 50, green: 40, red: 30, rationale: "An executive tries." }, executive), 403, "FORBIDDEN");
    await expectProblem(await postTarget(apiRequest("/kpis/NOPE/targets", analyst, json({})), kpiCtx("NOPE")), 404, "NOT_FOUND");
  });
});

describe("GET /api/v1/kpis/{code}/personas/{slug}/suggestion", () => {
  const suggest = (persona: string, token = analyst) =>
    getSuggestion(apiRequest(`/kpis/${kpiCode}/personas/${persona}/suggestion`, token), { params: Promise.resolve({ kpiCode, personaSlug: persona }) });

  it("equals lib/scoring's suggestion and distribution on the same stored history", async () => {
    const response = await suggest("an-rich");
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(apiSuggestionSchema.safeParse(body).error).toBeUndefined();
    const expected = suggestThresholds(historyValues, "HIGHER_IS_BETTER");
    if (!expected.ok) throw new Error("the fixture history should suggest");
    expect(body.history.map((h: { value: number }) => h.value)).toEqual(historyValues);
    expect(body.distribution).toEqual(distributionOf(historyValues));
    expect(body.suggestion).toEqual({ ok: true, baseline: expected.baseline, thresholds: expected.thresholds });
    expect(body.window).toEqual({ from: "2024-03-01", to: "2026-02-01", periods: 24 });
    expect(body.histogram.reduce((s: number, b: { count: number }) => s + b.count, 0)).toBe(historyValues.length);
  });

  it("says so when the history is too short, and refuses other roles", async () => {
    const body = await (await suggest("an-poor")).json();
    expect(body.suggestion).toMatchObject({ ok: false, reason: "INSUFFICIENT_HISTORY", n: 3, message: expect.stringMatching(/Not enough history/) });
    expect(body.distribution.n).toBe(3);
    await expectProblem(await suggest("an-rich", executive), 403, "FORBIDDEN");
    await expectProblem(await suggest("nobody"), 404, "NOT_FOUND");
  });
});
