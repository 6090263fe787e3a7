import { z } from "zod";
import { MEASUREMENT_INPUT_SOURCES, REASON_MAX } from "./measurements";
import { requiredText, optionalText } from "./common";

// Bulk writes of measurement values: a file import (CSV/XLSX, /entry/import and
// POST /api/v1/imports) and the JSON bulk upsert (PUT /api/v1/measurements). Both go through
// lib/commands/measurements/import-measurements, which judges each row with the rules of a single
// save (saveMeasurementSchema + measurementRuleProblems in ./measurements).
//
// The request and response shapes below are the API's contract: the OpenAPI document can be
// generated from them (z.toJSONSchema).

/** Rows one import may hold (a file; lib/import checks it while parsing too). */
export const MAX_IMPORT_ROWS = 100_000;
/** Items one PUT /api/v1/measurements may hold; more is 413. */
export const MAX_BULK_ITEMS = 5_000;
export const FILE_NAME_MAX = 255;
/** Longest reason a bulk request may give. */
export const REASON_MAX_BULK = REASON_MAX;

/** A cell as read from a file or sent by a client: judged row by row by the command, so loose here. */
const cell = z.union([z.string(), z.number(), z.null()]).optional();

/** One row to judge. rowNumber: the file's row (header = row 1), or the item's index for the API. */
export const importRowSchema = z.object({
  rowNumber: z.number().int().min(0),
  kpi_code: cell,
  persona_slug: cell,
  period: cell,
  value: cell,
  /** Null or absent: the file has no comment column, saved comments are kept. */
  comment: cell,
  not_available_reason: cell,
  /** API only: the version the client edited (optimistic concurrency). */
  version: cell,
});

export const importMeasurementsSchema = z.object({
  /** The file's name (or "API request"): the reason recorded with every value an import changes. */
  fileName: requiredText("File name", FILE_NAME_MAX),
  /** true: judge every row and write nothing. false: write all rows in one transaction, or none. */
  dryRun: z.boolean({ error: "dryRun must be true or false." }).default(true),
  source: z.enum(MEASUREMENT_INPUT_SOURCES, { error: "Source must be MANUAL, IMPORT or API." }).default("IMPORT"),
  /** Whether the rows carry comments; false keeps saved comments as they are. */
  hasComment: z.boolean().default(true),
  /** Why saved values change; default: "Imported from <fileName>". */
  reason: optionalText("Reason for the change", REASON_MAX),
  rows: z
    .array(importRowSchema, { error: "rows must be a list." })
    .max(MAX_IMPORT_ROWS, `At most ${MAX_IMPORT_ROWS.toLocaleString("en")} rows can be imported at once.`),
});

export type ImportMeasurementsInput = z.input<typeof importMeasurementsSchema>;
export type ImportRowInput = z.input<typeof importRowSchema>;

// ───────────────────────────── Results ─────────────────────────────

export const VERDICTS = ["insert", "update", "unchanged", "error"] as const;
export type VerdictKind = (typeof VERDICTS)[number];

/** A saved state of a value: what an update replaces, or what a version conflict found. */
export const savedValueSchema = z.object({
  value: z.string().nullable().describe("Exact decimal string; null when not available."),
  notAvailableReason: z.string().nullable(),
  comment: z.string().nullable(),
  version: z.number().int(),
  enteredBy: z.string().nullable().optional().describe("Who saved it (conflicts only)."),
  enteredAt: z.string().optional().describe("ISO timestamp of that save (conflicts only)."),
});

export const rowErrorSchema = z.object({
  /** The column at fault: kpi_code, persona_slug, period, value, comment, not_available_reason, version. */
  column: z.string(),
  message: z.string(),
});

export const rowVerdictSchema = z.object({
  rowNumber: z.number().int(),
  verdict: z.enum(VERDICTS),
  kpi_code: z.string(),
  persona_slug: z.string(),
  /** 'YYYY-MM-DD' when valid, else as sent. */
  period: z.string(),
  value: z.string().nullable(),
  not_available_reason: z.string().nullable(),
  comment: z.string().nullable(),
  /** update / unchanged: the saved state before this import. */
  previous: savedValueSchema.optional(),
  errors: z.array(rowErrorSchema).optional(),
  /** A version conflict: the state saved meanwhile (API, when a version was sent). */
  conflict: savedValueSchema.optional(),
});

export const importCountsSchema = z.object({
  total: z.number().int(),
  insert: z.number().int(),
  update: z.number().int(),
  unchanged: z.number().int(),
  error: z.number().int(),
});

export const importResultSchema = z.object({
  fileName: z.string(),
  dryRun: z.boolean(),
  /** True when the rows were written (a commit without errors; all "unchanged" writes nothing and is still committed). */
  committed: z.boolean(),
  counts: importCountsSchema,
  /** Id of the import's summary audit event (AuditEvent entityType "MeasurementImport"), when something was written. */
  importId: z.string().nullable(),
  rows: z.array(rowVerdictSchema),
});

export type RowVerdict = z.infer<typeof rowVerdictSchema>;
export type ImportCounts = z.infer<typeof importCountsSchema>;
export type ImportResult = z.infer<typeof importResultSchema>;
export type SavedValue = z.infer<typeof savedValueSchema>;

// ───────────────────────────── REST API shapes ─────────────────────────────

/** PUT /api/v1/measurements: one item. */
export const bulkMeasurementItemSchema = z.object({
  kpi_code: z.string().describe("KPI code, e.g. BSC-NPS."),
  persona_slug: z.string().describe("Persona slug, e.g. smb-owner."),
  period: z.string().describe("YYYY-MM or YYYY-MM-DD (the first day of the month, or of the quarter for a quarterly KPI)."),
  value: z.union([z.string(), z.number()]).nullable().optional().describe("A decimal; null or absent with not_available_reason."),
  comment: z.string().nullable().optional().describe("Required when the value scores red, and for qualitative KPIs. Absent: the saved comment is kept."),
  not_available_reason: z.string().nullable().optional().describe("Marks the value not available, with why."),
  version: z.number().int().min(1).optional().describe("The version you edited: refused with 409 when the saved value has another one."),
});

/** PUT /api/v1/measurements: the body. All items are written in one transaction, or none. */
export const bulkMeasurementsRequestSchema = z.object({
  items: z.array(bulkMeasurementItemSchema).min(1).max(MAX_BULK_ITEMS),
  reason: z.string().max(REASON_MAX_BULK).optional().describe("Why saved values change (default: \"Bulk update through the API\")."),
});

/** PUT /api/v1/measurements 200, and POST /api/v1/imports 200 (dry run or commit). rowNumber of an item is its index + 1. */
export const bulkMeasurementsResponseSchema = importResultSchema;

/** 422 (invalid items) and 409 (version conflict): RFC 9457 problem details with the verdicts. */
export const bulkProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.string().describe("INVALID (422), CONFLICT (409), TOO_LARGE (413), ..."),
  errors: z.record(z.string(), z.array(z.string())).optional().describe('Per item and column, e.g. {"items.3.value": ["..."]} or {"row 7.value": [...]} for files.'),
  details: z.object({ result: importResultSchema }).optional(),
});

/** POST /api/v1/imports?dryRun=true|false: multipart/form-data with one part `file` (.csv or .xlsx). */
export const importUploadQuerySchema = z.object({
  dryRun: z.enum(["true", "false"]).default("true"),
});

/** The response of an upload that could not be read at all (400): the file-level message. */
export const fileProblemSchema = z.object({
  message: z.string(),
  missingColumns: z.array(z.string()).optional(),
});

// ───────────────────────────── Export filters ─────────────────────────────

const blank = (v: unknown) => (v === null || (typeof v === "string" && v.trim() === "") ? undefined : v);
const monthFilter = (label: string) =>
  z.preprocess(
    blank,
    z
      .string()
      .trim()
      .regex(/^\d{4}-(0[1-9]|1[0-2])(-01)?$/, `${label} must be a month as YYYY-MM (or YYYY-MM-01).`)
      .transform((v) => `${v.slice(0, 7)}-01`)
      .optional(),
  );

/** /entry/export.csv and .xlsx: ?kpi=CODE&persona=slug&from=YYYY-MM&to=YYYY-MM, all optional. */
export const measurementExportFilterSchema = z
  .object({
    kpi: z.preprocess(blank, z.string().trim().max(64, "kpi can be at most 64 characters.").optional()),
    persona: z.preprocess(blank, z.string().trim().max(64, "persona can be at most 64 characters.").optional()),
    from: monthFilter("from"),
    to: monthFilter("to"),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: "to must be the same month as from or later." });

export type MeasurementExportFilter = z.output<typeof measurementExportFilterSchema>;
