import Papa from "papaparse";
import { mapHeader, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, toImportRow, tooLarge, tooManyRows, type ImportRow, type ParseResult } from "./columns";

// CSV (RFC 4180) through papaparse: quoted commas, doubled quotes, line breaks inside quotes,
// CRLF or LF, a UTF-8 byte order mark. Never split by hand.

export function parseCsv(input: Uint8Array | string): ParseResult {
  if (typeof input !== "string" && input.byteLength > MAX_IMPORT_BYTES) return tooLarge(input.byteLength);
  let source: string;
  try {
    // TextDecoder drops a UTF-8 byte order mark; fatal: refuse bytes that are not UTF-8.
    source = typeof input === "string" ? input.replace(/^\uFEFF/, "") : new TextDecoder("utf-8", { fatal: true }).decode(input);
  } catch {
    return { ok: false, message: "The file is not UTF-8 text. Save it as CSV UTF-8 (or as XLSX) and upload it again." };
  }
  if (source.includes("\u0000")) return { ok: false, message: "This does not look like a CSV file (it holds binary data). Upload a .csv or .xlsx file." };

  // Blank lines are kept as records (and skipped below) so row numbers match the file's lines.
  const parsed = Papa.parse<string[]>(source, { header: false, skipEmptyLines: false });
  const records = parsed.data;
  const firstFilled = records.findIndex((r) => r.some((c) => c.trim() !== ""));
  if (firstFilled === -1) return { ok: false, message: "The file is empty. Its first row must name the columns kpi_code, persona_slug, period, value." };
  const head = mapHeader(records[firstFilled]!);
  if (!head.ok) return head;
  const quoteProblem = parsed.errors.find((e) => e.type === "Quotes");
  if (quoteProblem) {
    return { ok: false, message: `Row ${(quoteProblem.row ?? 0) + 1}: a quoted cell is not closed (${quoteProblem.message}). Check the quotes in that row.` };
  }

  const rows: ImportRow[] = [];
  for (let i = firstFilled + 1; i < records.length; i++) {
    const row = toImportRow(records[i]!, head.header, i + 1);
    if (!row) continue;
    if (rows.length === MAX_IMPORT_ROWS) return tooManyRows();
    rows.push(row);
  }
  return { ok: true, rows, ignoredColumns: head.header.ignoredColumns, hasComment: head.header.index.comment !== undefined };
}
