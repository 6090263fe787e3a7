import { z } from "zod";
import { IDEMPOTENCY_HEADER, IDEMPOTENCY_KEY_MAX, IDEMPOTENCY_REPLAYED_HEADER } from "../idempotency-header";
import { PROBLEM_CONTENT_TYPE } from "../problem";
import { problemSchema } from "../schemas";
import { ENDPOINTS } from "./endpoints";
import type { ApiEndpoint, ErrorStatus } from "./registry";

// The OpenAPI 3.1 document of /api/v1 (GET /api/v1/openapi.json), generated from the endpoint
// entries (./endpoints.ts) and their zod schemas with zod 4's z.toJSONSchema: JSON Schema draft
// 2020-12, which OpenAPI 3.1 uses as is (jsonSchemaDialect says so). Request parts (parameters,
// bodies) are converted with io "input" (what a client sends: before defaults and transforms),
// responses with io "output". Bodies and responses become components/schemas; every error is
// application/problem+json with the shared Problem schema.

type JsonSchema = Record<string, unknown>;
type Registry = z.core.$ZodRegistry<{ id: string }>;

const REF = (id: string) => `#/components/schemas/${id}`;
const ERROR_STATUSES: ErrorStatus[] = [400, 401, 403, 404, 409, 413, 422, 429];

function clean(schema: JsonSchema): JsonSchema {
  return Object.fromEntries(Object.entries(schema).filter(([key]) => key !== "$schema" && key !== "$id"));
}

function componentName(endpoint: ApiEndpoint, suffix: string): string {
  return `${endpoint.operationId[0]!.toUpperCase()}${endpoint.operationId.slice(1)}${suffix}`;
}

function register(registry: Registry, schema: z.ZodType, name: string, taken: Map<string, z.ZodType>): string {
  const existing = registry.get(schema)?.id;
  if (existing) return existing;
  if (taken.has(name) && taken.get(name) !== schema) throw new Error(`OpenAPI: two schemas are named ${name}.`);
  registry.add(schema, { id: name });
  taken.set(name, schema);
  return name;
}

/** The parameters of an object schema (io "input"), one per property. */
function parameters(schema: z.ZodType | undefined, location: "path" | "query"): JsonSchema[] {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: "input", target: "draft-2020-12", unrepresentable: "any" }) as JsonSchema;
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...propertySchema } = property;
    return {
      name,
      in: location,
      required: location === "path" || required.has(name),
      ...(typeof description === "string" ? { description } : {}),
      schema: propertySchema,
    };
  });
}

function problemResponse(description: string, headers?: Record<string, unknown>) {
  return {
    description,
    ...(headers ? { headers } : {}),
    content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: REF("Problem") } } },
  };
}

const ERROR_DEFAULTS: Record<ErrorStatus, string> = {
  400: "Malformed request: `errors` names each parameter, header or field.",
  401: "No token, or a token that is unknown, revoked, expired or whose user is deactivated.",
  403: "The token's user may not do this.",
  404: "Not found.",
  409: "Conflict.",
  413: "The request is too large.",
  422: "Values that are well-formed but not acceptable: `errors` names each field.",
  429: "The token made more requests than its rate limit allows in the current window; retry after `Retry-After` seconds.",
};

function errorsOf(endpoint: ApiEndpoint): Partial<Record<ErrorStatus, string>> {
  const errors: Partial<Record<ErrorStatus, string>> = {};
  const add = (status: ErrorStatus, text: string) => (errors[status] = errors[status] ? `${errors[status]} ${text}` : text);
  for (const [status, text] of Object.entries(endpoint.errors) as [string, string][]) add(Number(status) as ErrorStatus, text);
  if (endpoint.auth === "bearer") {
    add(401, ERROR_DEFAULTS[401]);
    add(429, ERROR_DEFAULTS[429]);
  }
  if (endpoint.idempotent) {
    add(400, `A malformed ${IDEMPOTENCY_HEADER} (code INVALID).`);
    add(409, `A request with this ${IDEMPOTENCY_HEADER} is still being answered (code IDEMPOTENCY_KEY_IN_USE); retry shortly.`);
    add(422, `This ${IDEMPOTENCY_HEADER} was used in the last 24 hours with a different request (code IDEMPOTENCY_KEY_REUSED).`);
  }
  return errors;
}

export interface OpenApiOptions {
  /** Server URL of the API (default "/api/v1", relative to where the document is served). */
  serverUrl?: string;
}

export function buildOpenApiDocument(endpoints: ApiEndpoint[] = ENDPOINTS, options: OpenApiOptions = {}) {
  const outputs: Registry = z.registry<{ id: string }>();
  const inputs: Registry = z.registry<{ id: string }>();
  const outputNames = new Map<string, z.ZodType>();
  const inputNames = new Map<string, z.ZodType>();
  register(outputs, problemSchema, "Problem", outputNames);

  const paths: Record<string, Record<string, unknown>> = {};
  const operationIds = new Set<string>();
  for (const endpoint of endpoints) {
    if (operationIds.has(endpoint.operationId)) throw new Error(`OpenAPI: operationId ${endpoint.operationId} twice.`);
    operationIds.add(endpoint.operationId);

    const responses: Record<string, unknown> = {};
    for (const [status, spec] of Object.entries(endpoint.responses)) {
      if (!spec) continue;
      const replayHeader = endpoint.idempotent
        ? { headers: { [IDEMPOTENCY_REPLAYED_HEADER]: { description: "`true` when this is the stored answer to an earlier request with the same Idempotency-Key.", schema: { type: "string", enum: ["true"] } } } }
        : {};
      responses[status] = spec.schema
        ? {
            description: spec.description,
            ...replayHeader,
            content: { [spec.contentType ?? "application/json"]: { schema: { $ref: REF(register(outputs, spec.schema, spec.name ?? componentName(endpoint, status), outputNames)) } } },
          }
        : { description: spec.description, ...replayHeader };
    }
    const errors = errorsOf(endpoint);
    for (const status of ERROR_STATUSES) {
      const text = errors[status];
      if (!text) continue;
      const headers =
        status === 429
          ? {
              "Retry-After": { description: "Seconds until the window ends.", schema: { type: "integer", minimum: 1 } },
              "RateLimit-Limit": { description: "Requests allowed per window.", schema: { type: "integer", minimum: 1 } },
              "RateLimit-Remaining": { description: "Requests left in this window (0).", schema: { type: "integer", minimum: 0 } },
              "RateLimit-Reset": { description: "Seconds until the window ends.", schema: { type: "integer", minimum: 1 } },
            }
          : status === 401
            ? { "WWW-Authenticate": { description: 'Bearer realm="persona-scorecard"', schema: { type: "string" } } }
            : status === 409 && endpoint.idempotent
              ? { "Retry-After": { description: "Retry after this many seconds (an Idempotency-Key in use).", schema: { type: "integer", minimum: 1 } } }
              : undefined;
      responses[String(status)] = problemResponse(text, headers);
    }
    responses["500"] = problemResponse("A fault on our side (code INTERNAL); never the answer to bad input. The cause is logged, not sent.");

    const parameterList = [...parameters(endpoint.pathParams, "path"), ...parameters(endpoint.query, "query")];
    if (endpoint.idempotent) {
      parameterList.push({
        name: IDEMPOTENCY_HEADER,
        in: "header",
        required: false,
        description:
          "A unique key (e.g. a UUID) that makes retries safe: the same key with the same request replays the first answer (marked Idempotent-Replayed: true) instead of running again; kept 24 hours, per user.",
        schema: { type: "string", minLength: 1, maxLength: IDEMPOTENCY_KEY_MAX },
      });
    }

    const operation: Record<string, unknown> = {
      operationId: endpoint.operationId,
      summary: endpoint.summary,
      ...(endpoint.description ? { description: endpoint.description } : {}),
      tags: endpoint.tags,
      security: endpoint.auth === "bearer" ? [{ bearerAuth: [] }] : [],
      ...(parameterList.length > 0 ? { parameters: parameterList } : {}),
      ...(endpoint.body
        ? {
            requestBody: {
              required: true,
              ...(endpoint.body.description ? { description: endpoint.body.description } : {}),
              content: { [endpoint.body.contentType]: { schema: { $ref: REF(register(inputs, endpoint.body.schema, endpoint.body.name ?? componentName(endpoint, "Request"), inputNames)) } } },
            },
          }
        : {}),
      responses,
    };
    (paths[endpoint.path] ??= {})[endpoint.method] = operation;
  }

  const convert = (registry: Registry, io: "input" | "output") =>
    (z.toJSONSchema(registry, { io, target: "draft-2020-12", unrepresentable: "any", uri: REF }) as { schemas: Record<string, JsonSchema> }).schemas;
  const schemas: Record<string, JsonSchema> = {};
  for (const [name, schema] of Object.entries(convert(outputs, "output"))) schemas[name] = clean(schema);
  for (const [name, schema] of Object.entries(convert(inputs, "input"))) {
    if (schemas[name]) throw new Error(`OpenAPI: ${name} is both a request and a response schema; name one of them.`);
    schemas[name] = clean(schema);
  }

  return {
    openapi: "3.1.1",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Persona Scorecard API",
      version: "1",
      description: [
        "Read scorecards, personas, KPIs and values, as the user of a personal API token (the same role and policy as on the screens).",
        "Send `Authorization: Bearer <token>` (create one at /account/tokens or with `npm run token:create`).",
        "Errors are RFC 9457 `application/problem+json` with a stable `code` and, for invalid input, `errors` per parameter or field.",
        "Each token may make a limited number of requests per window (600 a minute unless configured otherwise); over it, 429 with Retry-After.",
        "Write endpoints accept `Idempotency-Key`: the same key and request replay the first answer; the same key with another request is a 422.",
      ].join("\n\n"),
    },
    servers: [{ url: options.serverUrl ?? "/api/v1" }],
    security: [{ bearerAuth: [] }],
    tags: [
      { name: "Scorecards", description: "Scorecards and persona scorecards." },
      { name: "Personas", description: "Customer personas." },
      { name: "KPIs", description: "KPI definitions and their thresholds per persona." },
      { name: "Measurements", description: "The values KPI owners report." },
      { name: "Meta", description: "About the API itself." },
    ],
    paths,
    components: {
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "psk_ + 43 base64url characters",
          description: "A personal API token, shown once when created at /account/tokens or by `npm run token:create`.",
        },
      },
      schemas,
    },
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;

let cached: OpenApiDocument | undefined;

/** The document, built once per process. */
export function openApiDocument(): OpenApiDocument {
  cached ??= buildOpenApiDocument();
  return cached;
}
