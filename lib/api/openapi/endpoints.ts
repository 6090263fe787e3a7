import { z } from "zod";
import { kpisQuerySchema, measurementsQuerySchema, personaScoresPathSchema, personaScoresQuerySchema } from "@/lib/validation/api";
import { bulkMeasurementsRequestSchema, bulkMeasurementsResponseSchema, importUploadQuerySchema, MAX_BULK_ITEMS } from "@/lib/validation/imports";
import { kpiListSchema, measurementPageSchema, personaListSchema, personaScorecardSchema, scorecardListSchema } from "../schemas";
import type { ApiEndpoint } from "./registry";

// Every endpoint of /api/v1, one entry each (see ./registry.ts for what an entry holds and how
// to add one). Order here is the order in the document.

export const ENDPOINTS: ApiEndpoint[] = [
  {
    method: "get",
    path: "/scorecards",
    operationId: "listScorecards",
    summary: "List scorecards",
    description: "Every scorecard with its slug, name and number of perspectives.",
    tags: ["Scorecards"],
    auth: "bearer",
    responses: { 200: { description: "The scorecards, by name.", schema: scorecardListSchema, name: "ScorecardList" } },
    errors: {},
  },
  {
    method: "get",
    path: "/personas",
    operationId: "listPersonas",
    summary: "List personas",
    description: "The personas on scorecards: ACTIVE and SUNSET (never drafts), by priority then name.",
    tags: ["Personas"],
    auth: "bearer",
    responses: { 200: { description: "The personas.", schema: personaListSchema, name: "PersonaList" } },
    errors: {},
  },
  {
    method: "get",
    path: "/scorecards/{scorecardSlug}/personas/{personaSlug}/scores",
    operationId: "getPersonaScores",
    summary: "A persona's scorecard for a month",
    description:
      "Overall score, perspectives, objectives and KPIs with value, thresholds in force, score and status: the same numbers as the persona scorecard screen and its CSV export.",
    tags: ["Scorecards"],
    auth: "bearer",
    pathParams: personaScoresPathSchema,
    query: personaScoresQuerySchema,
    responses: { 200: { description: "The persona scorecard.", schema: personaScorecardSchema, name: "PersonaScorecard" } },
    errors: { 400: "A malformed or unknown query parameter.", 404: "No such scorecard, or no such persona on it (drafts included)." },
  },
  {
    method: "get",
    path: "/kpis",
    operationId: "listKpis",
    summary: "List ACTIVE KPIs with the thresholds in force per persona",
    description:
      "Each ACTIVE KPI with its definition, owner, department and lineage, and for the month asked for (default: the current one) the thresholds in force for each persona: the persona's own row, else the KPI default. Thresholds are exact decimals as stored.",
    tags: ["KPIs"],
    auth: "bearer",
    query: kpisQuerySchema,
    responses: { 200: { description: "The KPIs, by scorecard, perspective and code.", schema: kpiListSchema, name: "KpiList" } },
    errors: { 400: "A malformed or unknown query parameter (`errors` names it).", 404: "No such scorecard or persona (`errors` names the parameter)." },
  },
  {
    method: "get",
    path: "/measurements",
    operationId: "listMeasurements",
    summary: "List stored values, a page at a time",
    description:
      "Values (or \"not available\" with its reason) filtered by KPI, persona and period range. Stable order (by KPI, persona, then period); `nextCursor` fetches the page after, and a page never repeats or skips a value that existed when paging began.",
    tags: ["Measurements"],
    auth: "bearer",
    query: measurementsQuerySchema,
    responses: { 200: { description: "One page of values.", schema: measurementPageSchema, name: "MeasurementPage" } },
    errors: { 400: "A malformed or unknown query parameter, a range whose `to` is before `from`, or a cursor that is not a `nextCursor`.", 404: "No such KPI or persona." },
  },
  {
    method: "put",
    path: "/measurements",
    operationId: "putMeasurements",
    summary: `Save up to ${MAX_BULK_ITEMS.toLocaleString("en")} values, all or nothing`,
    description:
      "Inserts or updates values (or marks them not available) through the same rules as the entry grid and the import: one transaction for all items or none. A changed value keeps its earlier state as a revision with `reason`. Each item's verdict comes back; on 422 or 409 nothing is written and `details.result` lists every item's verdict.",
    tags: ["Measurements"],
    auth: "bearer",
    idempotent: true,
    body: { contentType: "application/json", schema: bulkMeasurementsRequestSchema, name: "BulkMeasurements" },
    responses: { 200: { description: "Every item's verdict (insert, update or unchanged) and the counts.", schema: bulkMeasurementsResponseSchema, name: "ImportResult" } },
    errors: {
      400: "The body is not JSON, or has no list `items`.",
      403: "An item names a KPI the token's user does not own (only its owner or an admin writes its values).",
      409: "An item's `version` is not the saved one: `details.result` carries the current value and version.",
      413: `More than ${MAX_BULK_ITEMS.toLocaleString("en")} items, or a body over the size limit.`,
      422: "Invalid items: `errors` names each item and column (e.g. `items.3.value`).",
    },
  },
  {
    method: "post",
    path: "/imports",
    operationId: "importFile",
    summary: "Import a CSV or XLSX file (dry run by default)",
    description:
      "multipart/form-data with one part `file` (.csv or .xlsx) with the columns kpi_code, persona_slug, period, value, comment. `dryRun=true` (the default) answers every row's verdict without writing; `dryRun=false` writes all rows in one transaction, or none when a row is refused.",
    tags: ["Measurements"],
    auth: "bearer",
    idempotent: true,
    query: importUploadQuerySchema,
    body: { contentType: "multipart/form-data", schema: z.object({ file: z.string().describe("The file (binary).") }), name: "ImportUpload" },
    responses: { 200: { description: "Every row's verdict and the counts (written when dryRun=false).", schema: bulkMeasurementsResponseSchema, name: "ImportFileResult" } },
    errors: {
      400: "No file part, or `dryRun` is not true or false.",
      403: "A row names a KPI the token's user does not own.",
      409: "A row conflicts with a newer saved version.",
      413: "The file is over the size limit.",
      422: "The file cannot be read (missing columns are named) or has invalid rows (`errors` names each row and column).",
    },
  },
  {
    method: "get",
    path: "/openapi.json",
    operationId: "getOpenApiDocument",
    summary: "This document",
    description: "The OpenAPI 3.1 description of /api/v1, generated from the zod schemas the endpoints validate with. Served without a token.",
    tags: ["Meta"],
    auth: "none",
    responses: { 200: { description: "An OpenAPI 3.1 document.", schema: z.record(z.string(), z.unknown()), name: "OpenApiDocument" } },
    errors: {},
  },
];
