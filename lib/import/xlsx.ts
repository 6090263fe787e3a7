import ExcelJS from "exceljs";
import { mapHeader, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, toImportRow, tooLarge, tooManyRows, type ImportRow, type ParseResult, type RawCell } from "./columns";

// XLSX through exceljs: the first worksheet, the first non-blank row as the header. Cells keep
// their type: a numeric cell stays a number (rounded to the 15 significant digits a spreadsheet
// keeps, so 0.1+0.2 reads 0.3), a date cell becomes YYYY-MM-DD (a period typed as 2026-10 that
// the spreadsheet turned into a date), formulas give their cached result, rich text its text.

/** An exceljs cell value -> text or a number. */
export function cellValue(value: ExcelJS.CellValue): RawCell {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? Number(value.toPrecision(15)) : String(value);
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join("");
    if ("formula" in value || "sharedFormula" in value) {
      const result = (value as ExcelJS.CellFormulaValue).result;
      if (result !== undefined && result !== null && typeof result === "object" && "error" in result) return String(result.error);
      return cellValue((result ?? null) as ExcelJS.CellValue);
    }
    if ("text" in value) return cellValue((value as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue);
    if ("error" in value) return String((value as ExcelJS.CellErrorValue).error);
  }
  return String(value);
}

export async function parseXlsx(input: Uint8Array): Promise<ParseResult> {
  if (input.byteLength > MAX_IMPORT_BYTES) return tooLarge(input.byteLength);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(input as unknown as ExcelJS.Buffer);
  } catch {
    return { ok: false, message: "This file could not be read as an Excel workbook (.xlsx). Save it again as .xlsx or as CSV UTF-8." };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, message: "The workbook has no worksheet. Put the values on its first sheet." };

  let header: Extract<ReturnType<typeof mapHeader>, { ok: true }>["header"] | null = null;
  const rows: ImportRow[] = [];
  let problem: ParseResult | null = null;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (problem) return;
    // row.values is 1-based: index 0 is empty.
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    const cells = Array.from({ length: values.length }, (_, i) => cellValue(values[i] as ExcelJS.CellValue));
    if (!header) {
      if (cells.every((c) => String(c).trim() === "")) return;
      const mapped = mapHeader(cells);
      if (!mapped.ok) problem = mapped;
      else header = mapped.header;
      return;
    }
    const parsed = toImportRow(cells, header, rowNumber);
    if (!parsed) return;
    if (rows.length === MAX_IMPORT_ROWS) {
      problem = tooManyRows();
      return;
    }
    rows.push(parsed);
  });
  if (problem) return problem;
  if (!header) return { ok: false, message: "The first worksheet is empty. Its first row must name the columns kpi_code, persona_slug, period, value." };
  const h = header as Extract<ReturnType<typeof mapHeader>, { ok: true }>["header"];
  return { ok: true, rows, ignoredColumns: h.ignoredColumns, hasComment: h.index.comment !== undefined };
}
