import { MAX_IMPORT_ROWS } from "@/lib/validation/imports";

// The columns of a measurement file (import and export alike), and how a header row maps to them.
// Header names are matched case-insensitively, ignoring surrounding spaces ("KPI_Code " is kpi_code);
// columns that are not ours are ignored and reported; missing required columns stop the file.

/** Required in every file. */
export const REQUIRED_COLUMNS = ["kpi_code", "persona_slug", "period", "value"] as const;
/** Optional: absent `comment` leaves saved comments as they are; `not_available_reason` marks a value not available. */
export const OPTIONAL_COLUMNS = ["comment", "not_available_reason"] as const;
/** The columns an export writes, in this order (so an export re-imports unchanged). */
export const EXPORT_COLUMNS = ["kpi_code", "persona_slug", "period", "value", "comment", "not_available_reason"] as const;

export type ImportColumn = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

/** Limits of one file, checked before and while parsing (rows: the command's own limit). */
export { MAX_IMPORT_ROWS };
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** A cell as read: text (CSV, XLSX text) or a number (XLSX numeric cell). */
export type RawCell = string | number;

/** One data row of a file, before any rule is applied. `rowNumber` is the spreadsheet's row (the header is row 1). */
export interface ImportRow {
  rowNumber: number;
  kpi_code: RawCell;
  persona_slug: RawCell;
  period: RawCell;
  value: RawCell;
  /** Null when the file has no comment column (saved comments are kept). */
  comment: string | null;
  not_available_reason: string | null;
}

export interface ParsedFile {
  ok: true;
  rows: ImportRow[];
  /** Header names that are not ours, as written in the file (ignored). */
  ignoredColumns: string[];
  /** Whether the file has a comment column. */
  hasComment: boolean;
}

export interface FileProblem {
  ok: false;
  message: string;
  /** Required columns the header lacks. */
  missingColumns?: string[];
}

export type ParseResult = ParsedFile | FileProblem;

const normalize = (name: string) => name.replace(/^\uFEFF/, "").trim().toLowerCase().replace(/[\s-]+/g, "_");

const KNOWN = new Set<string>([...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS]);

export interface HeaderMap {
  /** Column name -> cell index. */
  index: Partial<Record<ImportColumn, number>>;
  ignoredColumns: string[];
}

/** The header row -> where each column is, or the file-level problem. */
export function mapHeader(cells: RawCell[]): { ok: true; header: HeaderMap } | FileProblem {
  const index: Partial<Record<ImportColumn, number>> = {};
  const ignoredColumns: string[] = [];
  cells.forEach((cell, i) => {
    const text = String(cell ?? "");
    const name = normalize(text);
    if (name === "") return;
    if (!KNOWN.has(name)) {
      ignoredColumns.push(text.trim());
      return;
    }
    if (index[name as ImportColumn] === undefined) index[name as ImportColumn] = i;
    else ignoredColumns.push(`${text.trim()} (a second ${name} column)`);
  });
  const missing = REQUIRED_COLUMNS.filter((c) => index[c] === undefined);
  if (missing.length > 0) {
    return {
      ok: false,
      missingColumns: missing,
      message: `The first row must name the columns ${REQUIRED_COLUMNS.join(", ")} (comment and not_available_reason are optional). Missing: ${missing.join(", ")}.`,
    };
  }
  return { ok: true, header: { index, ignoredColumns } };
}

const text = (cell: RawCell | undefined): string => (cell === undefined || cell === null ? "" : typeof cell === "number" ? String(cell) : cell);

/**
 * A comment as read back: an export prefixes text that a spreadsheet would run as a formula with
 * a quote (lib/export/csv.ts), so a leading quote before = + - @ is dropped again.
 */
export function unprefixText(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

/** Cells of a data row -> an ImportRow; null when every cell is blank (the row is skipped). */
export function toImportRow(cells: RawCell[], header: HeaderMap, rowNumber: number): ImportRow | null {
  if (cells.every((c) => text(c).trim() === "")) return null;
  const at = (c: ImportColumn) => {
    const i = header.index[c];
    return i === undefined ? undefined : cells[i];
  };
  const optional = (c: ImportColumn) => (header.index[c] === undefined ? null : unprefixText(text(at(c))));
  return {
    rowNumber,
    kpi_code: at("kpi_code") ?? "",
    persona_slug: at("persona_slug") ?? "",
    period: at("period") ?? "",
    value: at("value") ?? "",
    comment: optional("comment"),
    not_available_reason: optional("not_available_reason"),
  };
}

export function tooManyRows(): FileProblem {
  return { ok: false, message: `The file has more than ${MAX_IMPORT_ROWS.toLocaleString("en")} rows. Split it into files of at most ${MAX_IMPORT_ROWS.toLocaleString("en")} rows.` };
}

export function tooLarge(bytes: number): FileProblem {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return { ok: false, message: `The file is ${mb(bytes)}; files of at most ${mb(MAX_IMPORT_BYTES)} can be imported. Split it into smaller files.` };
}
