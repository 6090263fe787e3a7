import ExcelJS from "exceljs";
import Decimal from "decimal.js";
import { EXPORT_COLUMNS } from "@/lib/import/columns";
import type { ExportRow } from "@/lib/queries/measurement-export";
import { csvLines, csvRaw, csvText } from "./csv";

// Measurement values as a file in the import's own columns (kpi_code, persona_slug, period, value,
// comment, not_available_reason): values as stored (plain decimals), periods as YYYY-MM-DD, so a
// file exported here imports back as all "unchanged". Text that a spreadsheet would run as a
// formula is prefixed with a quote in CSV; the importer drops that quote again.

export function measurementsCsv(rows: ExportRow[]): string {
  const lines = [EXPORT_COLUMNS.map((c) => c as string)];
  for (const r of rows) {
    lines.push([csvRaw(r.kpi_code), csvRaw(r.persona_slug), csvRaw(r.period), csvRaw(r.value), csvText(r.comment), csvText(r.not_available_reason)]);
  }
  return csvLines(lines);
}

/** A value as a number cell when the number is exactly the stored decimal, else as text (never rounded). */
function valueCell(value: string | null): number | string | null {
  if (value === null) return null;
  const n = Number(value);
  return Number.isFinite(n) && new Decimal(n).equals(value) ? n : value;
}

export async function measurementsXlsx(rows: ExportRow[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Persona Scorecard";
  const sheet = workbook.addWorksheet("values");
  sheet.columns = EXPORT_COLUMNS.map((c) => ({ header: c, key: c, width: c === "comment" || c === "not_available_reason" ? 40 : 18 }));
  for (const r of rows) {
    // Periods as text (YYYY-MM-DD), not dates: no time zone can shift them.
    sheet.addRow({ ...r, value: valueCell(r.value) });
  }
  sheet.getRow(1).font = { bold: true };
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
