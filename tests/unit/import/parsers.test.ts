import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { fileKindOf, MAX_IMPORT_ROWS, parseCsv, parseImportFile, parseXlsx, type ParseResult } from "@/lib/import";

// The file readers: papaparse for CSV, exceljs for XLSX, into rows the import command judges.

const bytes = (text: string) => new TextEncoder().encode(text);

function rowsOf(result: ParseResult) {
  if (!result.ok) throw new Error(result.message);
  return result;
}

describe("CSV", () => {
  it("reads quoted commas, doubled quotes and line breaks inside quotes", () => {
    const r = rowsOf(parseCsv(bytes('kpi_code,persona_slug,period,value,comment\nK1,p1,2026-10,87.4,"late, as ""usual""\nsecond line"\n')));
    expect(r.rows).toEqual([{ rowNumber: 2, kpi_code: "K1", persona_slug: "p1", period: "2026-10", value: "87.4", comment: 'late, as "usual"\nsecond line', not_available_reason: null }]);
  });

  it("drops a byte order mark, takes CRLF line ends and any header case, and reports extra columns", () => {
    const r = rowsOf(parseCsv(bytes("\uFEFFKPI_Code, Persona_Slug ,PERIOD,Value,Notes\r\nK1,p1,2026-10-01,5,x\r\nK2,p2,2026-09,6,y\r\n")));
    expect(r.rows.map((row) => [row.rowNumber, row.kpi_code, row.period, row.value, row.comment])).toEqual([
      [2, "K1", "2026-10-01", "5", null],
      [3, "K2", "2026-09", "6", null],
    ]);
    expect(r.ignoredColumns).toEqual(["Notes"]);
    expect(r.hasComment).toBe(false);
  });

  it("keeps row numbers of the file when blank lines are skipped", () => {
    const r = rowsOf(parseCsv("kpi_code,persona_slug,period,value\n\nK1,p1,2026-10,1\n,,,\nK2,p1,2026-10,2\n"));
    expect(r.rows.map((row) => row.rowNumber)).toEqual([3, 5]);
  });

  it("names the missing required columns", () => {
    const r = parseCsv("kpi,persona_slug,value\nK1,p1,1\n");
    expect(r).toMatchObject({ ok: false, missingColumns: ["kpi_code", "period"] });
    if (!r.ok) expect(r.message).toMatch(/Missing: kpi_code, period\./);
  });

  it("drops the quote an export puts before formula-like text", () => {
    const r = rowsOf(parseCsv("kpi_code,persona_slug,period,value,comment\nK1,p1,2026-10,1,'=SUM(A1)\nK1,p1,2026-09,1,'plain\n"));
    expect(r.rows.map((row) => row.comment)).toEqual(["=SUM(A1)", "'plain"]);
  });

  it("refuses an empty file, binary content and too many rows", () => {
    expect(parseCsv("")).toMatchObject({ ok: false, message: expect.stringMatching(/empty/) });
    expect(parseCsv(new Uint8Array([0xff, 0xfe, 0x00, 0x41]))).toMatchObject({ ok: false, message: expect.stringMatching(/UTF-8/) });
    const big = "kpi_code,persona_slug,period,value\n" + "K,p,2026-10,1\n".repeat(MAX_IMPORT_ROWS + 1);
    expect(parseCsv(big)).toMatchObject({ ok: false, message: expect.stringMatching(/more than 100,000 rows/) });
  });
});

async function workbook(rows: unknown[][], edit?: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("Sheet1");
  for (const row of rows) sheet.addRow(row);
  edit?.(sheet);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe("XLSX", () => {
  it("reads numeric cells as numbers, date cells as YYYY-MM-DD, and text periods as written", async () => {
    const file = await workbook([
      ["Kpi_Code", "persona_slug", "period", "value", "comment", "extra"],
      ["K1", "p1", new Date(Date.UTC(2026, 9, 1)), 87.4, "ok", "x"],
      ["K1", "p2", "2026-09", 0.1 + 0.2, null, null],
      ["K1", "p3", "2026-08-01", "12.50", { richText: [{ text: "rich " }, { text: "text" }] }, null],
    ]);
    const r = rowsOf(await parseXlsx(file));
    expect(r.ignoredColumns).toEqual(["extra"]);
    expect(r.rows.map((row) => [row.rowNumber, row.period, row.value, row.comment])).toEqual([
      [2, "2026-10-01", 87.4, "ok"],
      [3, "2026-09", 0.3, ""],
      [4, "2026-08-01", "12.50", "rich text"],
    ]);
  });

  it("takes a formula's cached result", async () => {
    const file = await workbook([["kpi_code", "persona_slug", "period", "value"]], (sheet) => {
      sheet.addRow(["K1", "p1", "2026-10"]);
      sheet.getCell("D2").value = { formula: "40+2", result: 42 };
    });
    expect(rowsOf(await parseXlsx(file)).rows[0]!.value).toBe(42);
  });

  it("names missing columns and refuses what is not a workbook", async () => {
    expect(await parseXlsx(await workbook([["kpi_code", "value"], ["K", 1]]))).toMatchObject({ ok: false, missingColumns: ["persona_slug", "period"] });
    expect(await parseXlsx(bytes("not a zip"))).toMatchObject({ ok: false, message: expect.stringMatching(/could not be read/) });
  });
});

describe("choosing the parser", () => {
  it("goes by the file name, then the content type", async () => {
    expect(fileKindOf("Values.CSV")).toBe("csv");
    expect(fileKindOf("values.xlsx")).toBe("xlsx");
    expect(fileKindOf("upload", "text/csv")).toBe("csv");
    expect(fileKindOf("values.pdf", "application/pdf")).toBeNull();
    expect(await parseImportFile("values.pdf", bytes("x"))).toMatchObject({ ok: false, message: expect.stringMatching(/neither a .csv nor an .xlsx/) });
  });
});
