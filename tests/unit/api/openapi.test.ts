import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { compileErrors, validate } from "@readme/openapi-parser";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { buildOpenApiDocument } from "@/lib/api/openapi/document";
import { ENDPOINTS } from "@/lib/api/openapi/endpoints";
import type { ApiEndpoint } from "@/lib/api/openapi/registry";
import { PROBLEM_CODES } from "@/lib/api/problem";

// GET /api/v1/openapi.json: the generated document is valid OpenAPI 3.1, and it describes every
// route file under app/api/v1 (and nothing that has no route file), so no endpoint is forgotten.

const V1 = path.resolve(import.meta.dirname, "../../../app/api/v1");

/** Every route file under app/api/v1 as "METHOD /path" ({param} for a [param] folder). */
function routeOperations(): string[] {
  const out: string[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name), [...segments, entry.name.replace(/^\[(.+)\]$/, "{$1}")]);
      else if (/^route\.(ts|tsx|js)$/.test(entry.name)) {
        const source = readFileSync(path.join(dir, entry.name), "utf8");
        const methods = [...source.matchAll(/export\s+(?:const|(?:async\s+)?function)\s+(GET|PUT|POST|PATCH|DELETE)\b/g)].map((m) => m[1]!);
        expect(methods.length, `${dir} exports no handler`).toBeGreaterThan(0);
        for (const method of methods) out.push(`${method} /${segments.join("/")}`);
      }
    }
  };
  walk(V1, []);
  return out.sort();
}

describe("the OpenAPI document", () => {
  const doc = buildOpenApiDocument();

  it("is valid OpenAPI 3.1", async () => {
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid ? "" : compileErrors(result)).toBe("");
    expect(result.specification).toBe("OpenAPI");
    expect(doc.openapi).toMatch(/^3\.1\./);
  });

  it("has an entry for every route file under app/api/v1, and a route file for every entry", () => {
    const routes = routeOperations();
    expect(routes.length).toBeGreaterThanOrEqual(6);
    const documented = ENDPOINTS.map((e) => `${e.method.toUpperCase()} ${e.path}`).sort();
    expect(documented).toEqual(routes);
    const inDocument = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)).sort();
    expect(inDocument).toEqual(routes);
  });

  it("declares the bearer scheme and requires it everywhere but on the document itself", () => {
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    for (const endpoint of ENDPOINTS) {
      const op = doc.paths[endpoint.path]![endpoint.method] as { security: unknown[]; responses: Record<string, unknown> };
      if (endpoint.path === "/openapi.json") expect(op.security).toEqual([]);
      else {
        expect(op.security, endpoint.path).toEqual([{ bearerAuth: [] }]);
        expect(Object.keys(op.responses), endpoint.path).toEqual(expect.arrayContaining(["200", "401", "429", "500"]));
      }
    }
  });

  it("describes every error as problem+json with `code` and per-field `errors`; 429 carries Retry-After", () => {
    const problem = doc.components.schemas.Problem as { properties: Record<string, { enum?: string[] }>; required: string[] };
    expect(problem.required).toEqual(expect.arrayContaining(["type", "title", "status", "detail", "code"]));
    expect(problem.properties.code!.enum).toEqual([...PROBLEM_CODES]);
    expect(problem.properties).toHaveProperty("errors");
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops as Record<string, { responses: Record<string, { content?: Record<string, unknown>; headers?: Record<string, unknown> }> }>)) {
        for (const [status, response] of Object.entries(op.responses)) {
          if (Number(status) < 400) continue;
          expect(Object.keys(response.content ?? {}), `${method} ${p} ${status}`).toEqual(["application/problem+json"]);
          if (status === "429") expect(response.headers).toHaveProperty("Retry-After");
        }
      }
    }
  });

  it("documents each query parameter from the endpoint's zod schema (input side), and each response's schema (output side)", () => {
    const list = doc.paths["/measurements"]!.get as { parameters: { name: string; in: string; schema: Record<string, unknown> }[] };
    expect(list.parameters.map((p) => p.name)).toEqual(["kpi", "persona", "from", "to", "limit", "cursor"]);
    expect(list.parameters.find((p) => p.name === "limit")!.schema).toMatchObject({ type: "integer", minimum: 1, maximum: 1000, default: 100 });
    expect(list.parameters.find((p) => p.name === "from")!.schema).toMatchObject({ type: "string", pattern: expect.any(String) });
    const scores = doc.paths["/scorecards/{scorecardSlug}/personas/{personaSlug}/scores"]!.get as { parameters: { name: string; in: string; required: boolean }[] };
    expect(scores.parameters.filter((p) => p.in === "path").map((p) => [p.name, p.required])).toEqual([["scorecardSlug", true], ["personaSlug", true]]);
    expect(doc.components.schemas).toHaveProperty("MeasurementPage");
    expect(doc.components.schemas).toHaveProperty("KpiList");
  });

  it("adds a write endpoint with one entry: body, Idempotency-Key header and its 409/422", async () => {
    const put: ApiEndpoint = {
      method: "put",
      path: "/things",
      operationId: "putThings",
      summary: "Save things",
      tags: ["Meta"],
      auth: "bearer",
      idempotent: true,
      body: { contentType: "application/json", schema: z.object({ items: z.array(z.object({ value: z.string().default("0") })).max(5000) }) },
      responses: { 200: { description: "Saved", schema: z.object({ saved: z.number().int() }) } },
      errors: { 403: "Not your KPI.", 413: "More than 5,000 items." },
    };
    const extended = buildOpenApiDocument([...ENDPOINTS, put]);
    const result = await validate(structuredClone(extended) as never);
    expect(result.valid ? "" : compileErrors(result)).toBe("");
    const op = extended.paths["/things"]!.put as { parameters: { name: string; in: string }[]; requestBody: unknown; responses: Record<string, unknown> };
    expect(op.parameters).toContainEqual(expect.objectContaining({ name: "Idempotency-Key", in: "header" }));
    expect(op.requestBody).toMatchObject({ content: { "application/json": { schema: { $ref: "#/components/schemas/PutThingsRequest" } } } });
    expect(Object.keys(op.responses).sort()).toEqual(["200", "400", "401", "403", "409", "413", "422", "429", "500"]);
    // The body is described as sent (input: `value` may be left out), not as parsed.
    const request = extended.components.schemas.PutThingsRequest as { properties: { items: { items: { required?: string[] } } } };
    expect(request.properties.items.items.required ?? []).not.toContain("value");
  });
});
