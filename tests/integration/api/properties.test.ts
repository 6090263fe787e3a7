import { readdirSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { PROBLEM_CODES } from "@/lib/api/problem";
import { ROLES, snapshot } from "../commands/fixtures";
import { makeKpi, makePersona, makeTarget, measure } from "../../helpers/factories";
import { BASE, tokenFor } from "./helpers";

// Random query strings, headers, path parameters and bodies against every /api/v1 route
// handler (each exported method of each route file, found on disk so a new route is covered
// the day it is added): never a 500, every error is problem+json with a known code, and nothing
// is written (the rate-limit counter and a token's last-used time are bookkeeping, left out).

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
interface Route {
  file: string;
  method: string;
  params: string[];
  handler: Handler;
}

const V1 = path.resolve(import.meta.dirname, "../../../app/api/v1");
const METHODS = ["GET", "PUT", "POST", "PATCH", "DELETE"];

async function loadRoutes(): Promise<Route[]> {
  const routes: Route[] = [];
  const walk = async (dir: string, params: string[]) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full, [...params, ...(/^\[(.+)\]$/.exec(entry.name)?.slice(1) ?? [])]);
      else if (/^route\.ts$/.test(entry.name)) {
        const exported = (await import(full)) as Record<string, unknown>;
        for (const method of METHODS) if (typeof exported[method] === "function") routes.push({ file: path.relative(V1, full), method, params, handler: exported[method] as Handler });
      }
    }
  };
  await walk(V1, []);
  return routes;
}

const tokens: string[] = [];
let routes: Route[] = [];

async function bookkeepingFreeSnapshot() {
  const db = await getDb();
  return {
    ...(await snapshot()),
    kpis: await db.kpi.count(),
    personas: await db.persona.count(),
    targets: await db.kpiTarget.count(),
    scorecards: await db.scorecard.count(),
    // Not counted: IdempotencyKey rows. The write endpoints keep the answer to a request with an
    // Idempotency-Key, refusals included (replayed on a retry): bookkeeping, like the rate limit.
    notifications: await db.notification.count(),
  };
}

beforeAll(async () => {
  for (const role of ROLES) tokens.push((await tokenFor(role)).secret);
  const db = await getDb();
  const persona = await makePersona("prop-anna", "Anna", "ACTIVE", 1);
  const card = await db.scorecard.create({ data: { slug: "prop-card", name: "Prop" } });
  const perspective = await db.perspective.create({ data: { scorecardId: card.id, name: "Customer", order: 1 } });
  const kpi = await makeKpi("PROP-1", perspective.id, { direction: "HIGHER_IS_BETTER", weight: 1 });
  await makeTarget(kpi.id, "2025-01-01", { red: 1, green: 2, target: 3 });
  for (const month of ["2025-01-01", "2025-02-01", "2025-03-01"]) await measure(kpi.id, persona.id, month, 2);
  routes = await loadRoutes();
});

const visible = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 40 });
const anyText = fc.oneof(visible, fc.string({ maxLength: 30 }), fc.string({ unit: "grapheme", maxLength: 10 }), fc.constantFrom("", " ", "%", "%00", "%ZZ", "2025-02", "2025-13", "0000-01", "9999-12", "prop-anna", "prop-card", "PROP-1", "-1", "1e9", "NaN", "null", "[]", "{}", "'; DROP TABLE \"Measurement\"; --"));
const paramName = fc.oneof(fc.constantFrom("period", "scorecard", "persona", "kpi", "from", "to", "limit", "cursor", "dryRun"), visible);
const query = fc.array(fc.tuple(paramName, anyText), { maxLength: 6 }).map((pairs) => {
  const search = new URLSearchParams();
  for (const [k, v] of pairs) search.append(k, v);
  return search.toString();
});
const rawQuery = fc.oneof(query, visible.map((s) => s.replace(/#/g, "")));
const authorization = fc.oneof(
  fc.nat({ max: 3 }).map((i) => `Bearer ${tokens[i]}`),
  fc.nat({ max: 3 }).map((i) => `Bearer ${tokens[i]}`),
  fc.constantFrom("", "Bearer", "Bearer psk_", `Bearer psk_${"A".repeat(43)}`, "Basic dXNlcjpwYXNz"),
  visible,
);
const headers = fc.record(
  {
    authorization,
    "idempotency-key": visible,
    "content-type": fc.oneof(fc.constantFrom("application/json", "multipart/form-data; boundary=x", "text/csv", "application/x-www-form-urlencoded"), visible),
    accept: visible,
  },
  { requiredKeys: ["authorization"] },
);
const body = fc.oneof(fc.json({ maxDepth: 3 }), visible, fc.constant(""), fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b).toString("latin1")));

describe("every /api/v1 route handler, random requests", () => {
  it("finds the route files", () => {
    expect(routes.map((r) => `${r.method} ${r.file}`)).toEqual(expect.arrayContaining(["GET kpis/route.ts", "GET measurements/route.ts", "GET openapi.json/route.ts"]));
  });

  it("never answers 500, answers errors as problem+json, and never writes", async () => {
    const before = await bookkeepingFreeSnapshot();
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 1000 }), rawQuery, headers, body, fc.array(anyText, { minLength: 2, maxLength: 2 }), async (which, search, headerValues, payload, paramValues) => {
        const route = routes[which % routes.length]!;
        const pathParams = Object.fromEntries(route.params.map((name, i) => [name, paramValues[i] ?? ""]));
        const segments = route.file.replace(/\/?route\.ts$/, "").split("/").filter(Boolean).map((s) => (s.startsWith("[") ? encodeURIComponent(pathParams[s.slice(1, -1)] ?? "") : s));
        const init: RequestInit = { method: route.method, headers: Object.fromEntries(Object.entries(headerValues).filter(([, v]) => v !== undefined)) as Record<string, string> };
        if (route.method !== "GET") init.body = payload;
        const request = new Request(`${BASE}/${segments.join("/")}?${search}`, init);
        const response = await route.handler(request, { params: Promise.resolve(pathParams) });
        statuses.add(response.status);
        expect(response.status, `${route.method} ${request.url}`).toBeLessThan(500);
        if (response.status >= 400) {
          expect(response.headers.get("content-type")).toBe("application/problem+json");
          const problem = await response.json();
          expect(PROBLEM_CODES).toContain(problem.code);
          expect(problem.status).toBe(response.status);
        }
      }),
      { numRuns: 300 },
    );
    expect(await bookkeepingFreeSnapshot()).toEqual(before);
    // The runs reached past authentication and validation, not only the 401 path.
    expect([...statuses]).toEqual(expect.arrayContaining([200, 400, 401]));
  });
});
