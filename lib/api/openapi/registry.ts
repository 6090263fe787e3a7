import type { z } from "zod";

// One entry per REST API endpoint: everything the OpenAPI document says about it. The document
// (./document.ts) is generated from these entries and the zod schemas they name; a test checks
// that every route file under app/api/v1 has its entry and every entry its route file.
//
// Adding an endpoint is one entry in ./endpoints.ts, e.g. the bulk upsert:
//
//   {
//     method: "put", path: "/measurements", operationId: "putMeasurements", tags: ["Measurements"],
//     summary: "Save up to 5,000 values, all or nothing", auth: "bearer", idempotent: true,
//     body: { contentType: "application/json", schema: bulkMeasurementsSchema },   // from lib/validation
//     responses: { 200: { description: "Saved", schema: bulkResultSchema } },
//     errors: { 400: "...", 403: "...", 409: "...", 413: "...", 422: "..." },
//   }
//
// (`idempotent: true` documents the Idempotency-Key header and its 409/422 answers; the route
// wraps its handler in withIdempotency, lib/api/idempotency.ts.)

export type HttpMethod = "get" | "put" | "post" | "patch" | "delete";

/** Error statuses an endpoint can answer, each with a problem+json body. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429;

export interface ResponseSpec {
  description: string;
  /** The body (io "output"); absent: no body. */
  schema?: z.ZodType;
  /** Default application/json. */
  contentType?: string;
  /** Name of the component schema (default: operationId + status). */
  name?: string;
}

export interface BodySpec {
  description?: string;
  /** application/json, multipart/form-data... */
  contentType: string;
  /** The body as a client sends it (io "input"). */
  schema: z.ZodType;
  name?: string;
}

export interface ApiEndpoint {
  method: HttpMethod;
  /** Under /api/v1, with {params} as in OpenAPI (a route folder [x] is {x}). */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  /** "bearer": Authorization: Bearer <token> (401/429 are added); "none": public. */
  auth: "bearer" | "none";
  /** Path parameters: an object schema, one property per {param}. */
  pathParams?: z.ZodObject;
  /** Query parameters: an object schema (possibly refined), one property per parameter. */
  query?: z.ZodType;
  body?: BodySpec;
  /** Accepts Idempotency-Key (documents the header and its 409/422 answers). */
  idempotent?: boolean;
  responses: Partial<Record<200 | 201 | 202 | 204, ResponseSpec>>;
  /** When each error status happens (besides the ones auth and idempotency add). */
  errors: Partial<Record<ErrorStatus, string>>;
}
