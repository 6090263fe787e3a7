import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { CommandResult } from "@/lib/commands/command";
import { importMeasurements } from "@/lib/commands/measurements/import-measurements";
import { AppError } from "@/lib/errors";
import { MAX_IMPORT_BYTES, parseImportFile } from "@/lib/import";
import { MAX_BULK_ITEMS, REASON_MAX_BULK, type ImportResult, type ImportRowInput } from "@/lib/validation/imports";
import { problem, problemFromAppError } from "./problem";

// The two bulk write endpoints, and the screen's upload: each turns its request into rows for
// lib/commands/measurements/import-measurements (the one path for bulk writes) and its answer
// into a response:
//   200 the result (verdict per row); 400 malformed request; 401/403 as usual; 409 a version
//   conflict (details.result carries the saved values and versions); 413 too large; 422 rows or
//   items that break the rules (errors per row/item and column, details.result every verdict).

const JSON_HEADERS = { "Cache-Control": "no-store" };
/** A JSON body of 5,000 items with long comments stays well below this. */
const MAX_JSON_BYTES = 16 * 1024 * 1024;

function tooLarge(detail: string): Response {
  return problem(413, "TOO_LARGE", detail);
}

function contentLength(request: Request): number | null {
  const header = request.headers.get("content-length");
  return header && /^\d+$/.test(header) ? Number(header) : null;
}

/** Per item (or row) and column: {"items.3.value": [...]}, for the problem's `errors`. */
function errorsOf(result: ImportResult, key: (rowNumber: number) => string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const r of result.rows) for (const e of r.errors ?? []) (out[`${key(r.rowNumber)}.${e.column}`] ??= []).push(e.message);
  return out;
}

function commandResponse(result: CommandResult<ImportResult>, key: (rowNumber: number) => string, extra: Record<string, unknown> = {}): Response {
  if (result.ok) return Response.json({ ...result.data, ...extra }, { headers: JSON_HEADERS });
  const details = result.details as { result?: ImportResult } | undefined;
  if (details?.result) {
    const status = result.code === "CONFLICT" ? 409 : 422;
    return problem(status, result.code, result.message, { errors: errorsOf(details.result, key), details: { result: details.result, ...extra } });
  }
  if (result.code === "INVALID") return problem(422, "INVALID", result.message, { errors: result.fieldErrors });
  return problemFromAppError(new AppError(result.code, result.message, result.fieldErrors));
}

/** A JSON value of an item -> a cell the command judges (anything else becomes text, and then a "bad number" or the like). */
function cell(value: unknown): string | number | null | undefined {
  if (value === undefined || value === null || typeof value === "string" || typeof value === "number") return value;
  return JSON.stringify(value);
}

/** PUT /api/v1/measurements: { items: [{kpi_code, persona_slug, period, value, comment, not_available_reason?, version?}], reason? }. */
export async function bulkUpsertMeasurements(actor: Actor, request: Request): Promise<Response> {
  const length = contentLength(request);
  if (length !== null && length > MAX_JSON_BYTES) return tooLarge(`The body is larger than ${MAX_JSON_BYTES / 1024 / 1024} MB. Send at most ${MAX_BULK_ITEMS.toLocaleString("en")} items per request.`);
  let body: unknown;
  try {
    const text = await request.text();
    if (text.length > MAX_JSON_BYTES) return tooLarge(`The body is larger than ${MAX_JSON_BYTES / 1024 / 1024} MB.`);
    body = JSON.parse(text);
  } catch {
    return problem(400, "INVALID", 'The body must be JSON: {"items": [{"kpi_code": ..., "persona_slug": ..., "period": ..., "value": ...}]}.');
  }
  const items = typeof body === "object" && body !== null && !Array.isArray(body) ? (body as { items?: unknown }).items : undefined;
  if (!Array.isArray(items)) {
    return problem(400, "INVALID", 'The body must be an object with a list "items".', { errors: { items: ["Send a list of items."] } });
  }
  if (items.length > MAX_BULK_ITEMS) {
    return tooLarge(`${items.length.toLocaleString("en")} items: send at most ${MAX_BULK_ITEMS.toLocaleString("en")} items per request.`);
  }
  if (items.length === 0) return problem(422, "INVALID", "Send at least one item.", { errors: { items: ["Send at least one item."] } });
  const rawReason = (body as { reason?: unknown }).reason;
  if (rawReason !== undefined && rawReason !== null && (typeof rawReason !== "string" || rawReason.length > REASON_MAX_BULK)) {
    return problem(422, "INVALID", `reason must be text of at most ${REASON_MAX_BULK} characters.`, { errors: { reason: [`reason must be text of at most ${REASON_MAX_BULK} characters.`] } });
  }

  const rows: ImportRowInput[] = items.map((item, index) => {
    const o = (typeof item === "object" && item !== null && !Array.isArray(item) ? item : {}) as Record<string, unknown>;
    return {
      rowNumber: index + 1,
      kpi_code: cell(o.kpi_code),
      persona_slug: cell(o.persona_slug),
      period: cell(o.period),
      value: cell(o.value),
      // Absent: keep the saved comment; null or "": no comment.
      comment: "comment" in o ? (cell(o.comment) ?? "") : undefined,
      not_available_reason: cell(o.not_available_reason),
      version: cell(o.version),
    };
  });
  const result = await importMeasurements(actor, {
    fileName: "API request",
    source: "API",
    dryRun: false,
    reason: typeof rawReason === "string" && rawReason.trim() !== "" ? rawReason : "Bulk update through the API",
    rows,
  });
  return commandResponse(result, (n) => `items.${n - 1}`);
}

/** POST /api/v1/imports?dryRun=true|false (and the screen's upload): multipart/form-data with a part `file`. */
export async function importUploadedFile(actor: Actor, request: Request, source: "IMPORT" | "API" = "IMPORT"): Promise<Response> {
  const dryRunParam = new URL(request.url).searchParams.get("dryRun");
  if (dryRunParam !== null && dryRunParam !== "true" && dryRunParam !== "false") {
    return problem(400, "INVALID", "dryRun must be true or false.", { errors: { dryRun: ["dryRun must be true or false."] } });
  }
  const dryRun = dryRunParam !== "false";
  const length = contentLength(request);
  if (length !== null && length > MAX_IMPORT_BYTES + 64 * 1024) return tooLarge(`Files of at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB can be imported. Split the file.`);

  let file: FormDataEntryValue | null;
  try {
    file = (await request.formData()).get("file");
  } catch {
    return problem(400, "INVALID", "Send the file as multipart/form-data, in a part named file.", { errors: { file: ["Send a .csv or .xlsx file."] } });
  }
  if (file === null || typeof file === "string") {
    return problem(400, "INVALID", "Send the file as multipart/form-data, in a part named file.", { errors: { file: ["Send a .csv or .xlsx file."] } });
  }
  if (file.size > MAX_IMPORT_BYTES) return tooLarge(`The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it into smaller files.`);
  const name = file.name || "upload";
  const parsed = await parseImportFile(name, new Uint8Array(await file.arrayBuffer()), file.type);
  if (!parsed.ok) {
    return problem(422, "INVALID", parsed.message, { errors: { file: [parsed.message] }, details: parsed.missingColumns ? { missingColumns: parsed.missingColumns } : undefined });
  }
  const result = await importMeasurements(actor, {
    fileName: name.slice(0, 255),
    source,
    dryRun,
    hasComment: parsed.hasComment,
    rows: parsed.rows,
  });
  return commandResponse(result, (n) => `row ${n}`, { ignoredColumns: parsed.ignoredColumns });
}
