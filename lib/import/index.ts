import { parseCsv } from "./csv";
import { parseXlsx } from "./xlsx";
import { MAX_IMPORT_BYTES, tooLarge, type ParseResult } from "./columns";

// Reading a measurement file: CSV or XLSX by its name (or its content type), into rows that
// lib/commands/measurements/import-measurements judges. Server side only (exceljs is large).

export * from "./columns";
export { parseCsv } from "./csv";
export { parseXlsx } from "./xlsx";

export type FileKind = "csv" | "xlsx";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Which parser a file needs, from its name, else its content type; null when neither says. */
export function fileKindOf(name: string, contentType = ""): FileKind | null {
  const lower = name.toLowerCase();
  if (lower.endsWith(".csv") || lower.endsWith(".txt")) return "csv";
  if (lower.endsWith(".xlsx")) return "xlsx";
  if (contentType.startsWith("text/csv") || contentType.startsWith("text/plain")) return "csv";
  if (contentType === XLSX_TYPE) return "xlsx";
  return null;
}

export async function parseImportFile(name: string, bytes: Uint8Array, contentType = ""): Promise<ParseResult> {
  if (bytes.byteLength > MAX_IMPORT_BYTES) return tooLarge(bytes.byteLength);
  const kind = fileKindOf(name, contentType);
  if (kind === null) return { ok: false, message: `${name || "This file"} is neither a .csv nor an .xlsx file. Upload a CSV (UTF-8) or an Excel workbook (.xlsx).` };
  if (bytes.byteLength === 0) return { ok: false, message: "The file is empty. Its first row must name the columns kpi_code, persona_slug, period, value." };
  return kind === "csv" ? parseCsv(bytes) : parseXlsx(bytes);
}
