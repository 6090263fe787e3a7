import { beforeAll, describe, expect, it } from "vitest";
import { GET as getPersonas } from "@/app/api/v1/personas/route";
import { GET as getScores } from "@/app/api/v1/scorecards/[scorecardSlug]/personas/[personaSlug]/scores/route";
import { GET as getScorecards } from "@/app/api/v1/scorecards/route";
import { personaListSchema, personaScorecardSchema, scorecardListSchema } from "@/lib/api/schemas";
import { withApiActor } from "@/lib/api/with-api-actor";
import { createApiToken } from "@/lib/commands/tokens/create-api-token";
import { revokeApiToken } from "@/lib/commands/tokens/revoke-api-token";
import { getDb } from "@/lib/db";
import { personaScorecardCsv } from "@/lib/export/persona-scorecard-csv";
import { getPersonaScorecard } from "@/lib/queries/persona-scorecard";
import { actorOf, makeUser } from "../commands/fixtures";
import { makeKpi, makePersona, makeTarget, measure, weigh } from "../../helpers/factories";

// The REST API's first endpoints, called as functions with a Request carrying a real token.

let token = "";
let revoked = "";
const base = "http://localhost/api/v1";

const get = (path: string, bearer: string | null = token) =>
  new Request(`${base}${path}`, { headers: bearer === null ? {} : { authorization: `Bearer ${bearer}` } });
const scores = (card: string, persona: string, query = "", bearer: string | null = token) =>
  getScores(get(`/scorecards/${card}/personas/${persona}/scores${query}`, bearer), { params: Promise.resolve({ scorecardSlug: card, personaSlug: persona }) });

beforeAll(async () => {
  const actor = actorOf(await makeUser({ role: "EXECUTIVE" }));
  const a = await createApiToken(actor, { name: "API test" });
  const b = await createApiToken(actor, { name: "Revoked" });
  if (!a.ok || !b.ok) throw new Error("token");
  token = a.data.secret;
  revoked = b.data.secret;
  await revokeApiToken(actor, { tokenId: b.data.token.id });

  const db = await getDb();
  const anna = await makePersona("api-anna", "Anna", "ACTIVE", 1);
  const sam = await makePersona("api-sam", "Sam", "SUNSET", 2);
  await makePersona("api-dora", "Dora", "DRAFT", 3);
  const card = await db.scorecard.create({ data: { slug: "api-retail", name: "API Retail" } });
  const fin = await db.perspective.create({ data: { scorecardId: card.id, name: "Financial", order: 1, weight: 2 } });
  await db.perspective.create({ data: { scorecardId: card.id, name: "Customer", order: 2, weight: 1 } });
  const rev = await makeKpi("API-REV", fin.id, { direction: "HIGHER_IS_BETTER", weight: 1 });
  await makeTarget(rev.id, "2025-01-01", { red: 50, green: 80, target: 100 });
  for (const p of [anna, sam]) await weigh(card.id, p.id, "2025-01-01", 1);
  await measure(rev.id, anna.id, "2025-05-01", 70);
  await measure(rev.id, anna.id, "2025-06-01", 90);
});

async function expectProblem(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  const body = await response.json();
  expect(body).toMatchObject({ type: "about:blank", status, code, title: expect.any(String), detail: expect.any(String) });
  return body;
}

describe("authentication", () => {
  it.each([
    ["without a token", null],
    ["with a revoked token", "revoked"],
    ["with an unknown token", `psk_${"x".repeat(43)}`],
  ])("answers 401 problem+json %s, on every endpoint", async (_label, which) => {
    const bearer = which === "revoked" ? revoked : which;
    for (const response of [await getScorecards(get("/scorecards", bearer), {}), await getPersonas(get("/personas", bearer), {}), await scores("api-retail", "api-anna", "", bearer)]) {
      const body = await expectProblem(response, 401, "UNAUTHENTICATED");
      expect(body.title).toBe("Unauthorized");
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(JSON.stringify(body)).not.toContain("API Retail");
    }
  });
});

describe("withApiActor", () => {
  it("answers 403 problem+json, and no data, when the policy refuses the token's user", async () => {
    const adminOnly = withApiActor("audit.read", async () => Response.json({ secret: "audit" }));
    const body = await expectProblem(await adminOnly(get("/audit"), {}), 403, "FORBIDDEN");
    expect(body).toMatchObject({ title: "Forbidden", detail: "Only administrators can read the audit log." });
    expect(body.secret).toBeUndefined();
  });
});

describe("GET /api/v1/scorecards", () => {
  it("lists scorecards with slug, name and number of perspectives", async () => {
    const response = await getScorecards(get("/scorecards"), {});
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(scorecardListSchema.safeParse(body).error).toBeUndefined();
    expect(body.scorecards).toContainEqual({ slug: "api-retail", name: "API Retail", perspectives: 2 });
    for (const s of body.scorecards) expect(Object.keys(s).sort()).toEqual(["name", "perspectives", "slug"]);
  });
});

describe("GET /api/v1/personas", () => {
  it("lists ACTIVE and SUNSET personas, never drafts", async () => {
    const response = await getPersonas(get("/personas"), {});
    expect(response.status).toBe(200);
    const json = await response.json();
    expect(personaListSchema.safeParse(json).error).toBeUndefined();
    const { personas } = json;
    expect(personas).toContainEqual({ slug: "api-anna", name: "Anna", status: "ACTIVE" });
    expect(personas).toContainEqual({ slug: "api-sam", name: "Sam", status: "SUNSET" });
    expect(personas.map((p: { slug: string }) => p.slug)).not.toContain("api-dora");
  });
});

describe("GET /api/v1/scorecards/{slug}/personas/{slug}/scores", () => {
  it("answers the persona scorecard with the same numbers as the query and the CSV", async () => {
    const response = await scores("api-retail", "api-anna", "?period=2025-06");
    expect(response.status).toBe(200);
    const body = await response.json();
    const exec = actorOf(await makeUser({ role: "EXECUTIVE" }));
    expect(personaScorecardSchema.safeParse(body).error).toBeUndefined();
    const card = (await getPersonaScorecard(exec, { scorecardSlug: "api-retail", personaSlug: "api-anna", period: "2025-06" }))!;

    expect(body).toMatchObject({ scorecard: { slug: "api-retail", name: "API Retail" }, persona: { slug: "api-anna", status: "ACTIVE" }, period: "2025-06-01" });
    expect(body.overall).toEqual(card.overall);
    expect(body.perspectives.map((p: { name: string }) => p.name)).toEqual(["Financial", "Customer"]);
    const line = body.perspectives[0].otherKpis[0];
    expect(line).toMatchObject({ code: "API-REV", period: "2025-06-01", value: 90, valueText: "90", target: { target: "100", green: "80", red: "50" } });
    expect(line.score).toBe(card.perspectives[0]!.otherKpis[0]!.score);

    const csvOverall = personaScorecardCsv(card).trim().split(/\r?\n/).at(-1)!.split(",");
    expect(csvOverall[0]).toBe("OVERALL");
    expect(csvOverall[15]).toBe((body.overall.score as number).toFixed(6));
  });

  it("uses the latest month with data without a period", async () => {
    const body = await (await scores("api-retail", "api-anna")).json();
    expect(body.period).toBe("2025-06-01");
  });

  it("answers 404 problem+json for an unknown scorecard, an unknown or a draft persona", async () => {
    for (const [card, persona] of [["no-such-card", "api-anna"], ["api-retail", "nobody"], ["api-retail", "api-dora"]] as const) {
      const body = await expectProblem(await scores(card, persona, "?period=2025-06"), 404, "NOT_FOUND");
      expect(body.title).toBe("Not Found");
    }
  });

  it("answers 400 problem+json naming `period` for a malformed period", async () => {
    const body = await expectProblem(await scores("api-retail", "api-anna", "?period=June"), 400, "INVALID");
    expect(body.title).toBe("Bad Request");
    expect(Object.keys(body.errors)).toEqual(["period"]);
    expect(body.errors.period[0]).toEqual(expect.any(String));
  });
});
