import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as postImport } from "@/app/api/v1/imports/route";
import { PUT as putMeasurements } from "@/app/api/v1/measurements/route";
import type { Actor } from "@/lib/auth/actor";
import { importMeasurements } from "@/lib/commands/measurements/import-measurements";
import { createApiToken } from "@/lib/commands/tokens/create-api-token";
import { getDb } from "@/lib/db";
import { measurementsCsv, measurementsXlsx } from "@/lib/export/measurements";
import { parseCsv, parseXlsx } from "@/lib/import";
import { getMeasurementExport } from "@/lib/queries/measurement-export";
import { addPeriods, monthStart } from "@/lib/scoring/periods";
import { actorOf, makeKpi, makePersona, makeUser, snapshot } from "../commands/fixtures";

// The bulk endpoints (PUT /api/v1/measurements, POST /api/v1/imports) called as functions with a
// real token, and the export -> import round trip.

const THIS_MONTH = monthStart(new Date());
const LAST_MONTH = addPeriods(THIS_MONTH, "MONTHLY", -1);
const TWO_AGO = addPeriods(THIS_MONTH, "MONTHLY", -2);

let owner: Actor;
let ownerToken = "";
let otherToken = "";
let execToken = "";
let kpiCode = "";
let othersKpi = "";
let personaSlug = "";

async function tokenOf(actor: Actor) {
  const t = await createApiToken(actor, { name: "bulk" });
  if (!t.ok) throw new Error("token");
  return t.data.secret;
}

beforeAll(async () => {
  owner = actorOf(await makeUser({ role: "KPI_OWNER", name: "Olive Owner" }));
  const other = actorOf(await makeUser({ role: "KPI_OWNER" }));
  ownerToken = await tokenOf(owner);
  otherToken = await tokenOf(other);
  execToken = await tokenOf(actorOf(await makeUser({ role: "EXECUTIVE" })));
  kpiCode = (await makeKpi({ ownerId: owner.id })).code;
  othersKpi = (await makeKpi({ ownerId: other.id })).code;
  personaSlug = (await makePersona()).slug;
});

const put = (body: unknown, token: string | null = ownerToken) =>
  putMeasurements(
    new Request("http://localhost/api/v1/measurements", {
      method: "PUT",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
    undefined,
  );

function upload(content: string | Uint8Array, name: string, dryRun: string | null, token: string | null = ownerToken) {
  const form = new FormData();
  form.append("file", new Blob([content as BlobPart]), name);
  const query = dryRun === null ? "" : `?dryRun=${dryRun}`;
  return postImport(new Request(`http://localhost/api/v1/imports${query}`, { method: "POST", headers: token ? { authorization: `Bearer ${token}` } : {}, body: form }), undefined);
}

async function problemOf(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  const body = await response.json();
  expect(body).toMatchObject({ status, code });
  return body;
}

describe("PUT /api/v1/measurements", () => {
  it("upserts all items (200), and a resend is all unchanged", async () => {
    const items = [
      { kpi_code: kpiCode, persona_slug: personaSlug, period: TWO_AGO.slice(0, 7), value: 91, comment: "ok" },
      { kpi_code: kpiCode, persona_slug: personaSlug, period: LAST_MONTH, value: "88.5" },
    ];
    const first = await put({ items });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ committed: true, counts: { insert: 2 } });
    const again = await put({ items });
    expect(await again.json()).toMatchObject({ counts: { unchanged: 2 } });
  });

  it("answers 401, 403, 400, 413 and 422 as it should, writing nothing", async () => {
    const before = await snapshot();
    await problemOf(await put({ items: [] }, null), 401, "UNAUTHENTICATED");
    await problemOf(await put({ items: [{ kpi_code: kpiCode }] }, execToken), 403, "FORBIDDEN");
    await problemOf(await put("{not json"), 400, "INVALID");
    await problemOf(await put({ values: [] }), 400, "INVALID");
    const many = Array.from({ length: 5001 }, () => ({ kpi_code: kpiCode, persona_slug: personaSlug, period: LAST_MONTH, value: 1 }));
    await problemOf(await put({ items: many }), 413, "TOO_LARGE");
    const invalid = await problemOf(
      await put({
        items: [
          { kpi_code: kpiCode, persona_slug: personaSlug, period: TWO_AGO, value: 95, comment: "ok" },
          { kpi_code: othersKpi, persona_slug: personaSlug, period: LAST_MONTH, value: 95 },
          { kpi_code: kpiCode, persona_slug: personaSlug, period: LAST_MONTH, value: "lots" },
        ],
      }),
      422,
      "INVALID",
    );
    expect(Object.keys(invalid.errors)).toEqual(["items.1.kpi_code", "items.2.value"]);
    expect(invalid.details.result.rows.map((r: { verdict: string }) => r.verdict)).toEqual(["update", "error", "error"]);
    expect(await snapshot()).toEqual(before);
  });

  it("answers 409 with the current value and version on a stale version", async () => {
    const stale = await problemOf(await put({ items: [{ kpi_code: kpiCode, persona_slug: personaSlug, period: LAST_MONTH, value: 70, comment: "x", version: 5 }] }), 409, "CONFLICT");
    expect(stale.details.result.rows[0].conflict).toMatchObject({ value: "88.5", version: 1, enteredBy: "Olive Owner" });
    expect(stale.errors["items.0.version"][0]).toMatch(/send version 1/);
    const fresh = await put({ items: [{ kpi_code: kpiCode, persona_slug: personaSlug, period: LAST_MONTH, value: 87, version: 1 }], reason: "Late CRM data" });
    expect(fresh.status).toBe(200);
    const db = await getDb();
    const revision = await db.measurementRevision.findFirst({ where: { reason: "Late CRM data" } });
    expect(revision?.value?.toFixed()).toBe("88.5");
  });
});

describe("POST /api/v1/imports", () => {
  const csv = (rows: string[]) => ["KPI_Code,Persona_Slug,Period,Value,Comment,Source", ...rows].join("\r\n");

  it("dry run returns every row's verdict and the ignored columns; a commit writes", async () => {
    const file = csv([`${kpiCode},${personaSlug},${addPeriods(THIS_MONTH, "MONTHLY", -4).slice(0, 7)},"80",,CRM`]);
    const dry = await upload(file, "values.csv", "true");
    expect(dry.status).toBe(200);
    const body = await dry.json();
    expect(body).toMatchObject({ dryRun: true, committed: false, counts: { insert: 1 }, ignoredColumns: ["Source"] });
    const commit = await upload(file, "values.csv", "false");
    expect(await commit.json()).toMatchObject({ committed: true, counts: { insert: 1 } });
    expect(await (await upload(file, "values.csv", "false")).json()).toMatchObject({ counts: { unchanged: 1 } });
  });

  it("answers 400 for a bad dryRun or no file, 422 for missing columns or bad rows, 403 for another owner's KPI", async () => {
    const before = await snapshot();
    await problemOf(await upload("x", "a.csv", "maybe"), 400, "INVALID");
    const noFile = await postImport(new Request("http://localhost/api/v1/imports", { method: "POST", headers: { authorization: `Bearer ${ownerToken}` }, body: "x" }), undefined);
    await problemOf(noFile, 400, "INVALID");
    const missing = await problemOf(await upload("kpi_code,value\r\nA,1\r\n", "a.csv", "true"), 422, "INVALID");
    expect(missing.details.missingColumns).toEqual(["persona_slug", "period"]);
    const bad = await problemOf(await upload(csv([`${kpiCode},${personaSlug},${LAST_MONTH},abc,,`]), "a.csv", "false"), 422, "INVALID");
    expect(bad.errors["row 2.value"][0]).toMatch(/must be a number/);
    const notMine = await problemOf(await upload(csv([`${kpiCode},${personaSlug},${LAST_MONTH},50,bad month,`]), "a.csv", "false", otherToken), 422, "INVALID");
    expect(notMine.errors["row 2.kpi_code"][0]).toMatch(/not your KPI/);
    await problemOf(await upload("x", "a.csv", "true", execToken), 403, "FORBIDDEN");
    expect(await snapshot()).toEqual(before);
  });
});

describe("export -> import round trip", () => {
  it("re-imports an export (CSV and XLSX) as all unchanged", async () => {
    const kpi = await makeKpi({ ownerId: owner.id, unit: "CURRENCY", thresholds: null });
    const p = await makePersona();
    const rows = [
      { rowNumber: 2, kpi_code: kpi.code, persona_slug: p.slug, period: TWO_AGO, value: "-1234567.123456", comment: '=SUM(A1) "quoted", with comma\nand a line' },
      { rowNumber: 3, kpi_code: kpi.code, persona_slug: p.slug, period: LAST_MONTH, value: "", not_available_reason: "- billing export failed" },
      { rowNumber: 4, kpi_code: kpi.code, persona_slug: p.slug, period: addPeriods(TWO_AGO, "MONTHLY", -1), value: "0.1", comment: "" },
      { rowNumber: 5, kpi_code: kpi.code, persona_slug: p.slug, period: addPeriods(TWO_AGO, "MONTHLY", -2), value: "12345678901234.5", comment: "big" },
    ];
    const written = await importMeasurements(owner, { fileName: "seed.csv", dryRun: false, rows });
    expect(written).toMatchObject({ ok: true, data: { counts: { insert: 4 } } });

    // The persona is sunset since: its saved values still re-import unchanged, a changed one is refused.
    const db = await getDb();
    await db.persona.update({ where: { id: p.id }, data: { status: "SUNSET" } });
    const changed = await importMeasurements(owner, { fileName: "late.csv", dryRun: true, rows: [{ ...rows[3]!, value: "1" }] });
    expect(changed.ok && changed.data.rows[0]!.errors?.[0]).toMatchObject({ column: "persona_slug", message: expect.stringMatching(/sunset/) });

    const exported = await getMeasurementExport(owner, { kpi: kpi.code });
    expect(exported).toHaveLength(4);
    const before = await snapshot();

    const fromCsv = parseCsv(new TextEncoder().encode(measurementsCsv(exported)));
    if (!fromCsv.ok) throw new Error(fromCsv.message);
    const csvResult = await importMeasurements(owner, { fileName: "export.csv", dryRun: false, hasComment: fromCsv.hasComment, rows: fromCsv.rows });
    expect(csvResult).toMatchObject({ ok: true, data: { counts: { total: 4, unchanged: 4 } } });

    const workbook = await measurementsXlsx(exported);
    const fromXlsx = await parseXlsx(workbook);
    if (!fromXlsx.ok) throw new Error(fromXlsx.message);
    const xlsxResult = await importMeasurements(owner, { fileName: "export.xlsx", dryRun: false, hasComment: fromXlsx.hasComment, rows: fromXlsx.rows });
    expect(xlsxResult).toMatchObject({ ok: true, data: { counts: { total: 4, unchanged: 4 } } });
    expect(await snapshot()).toEqual(before);

    // The workbook keeps numbers as numbers where they are exact.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(workbook as unknown as ExcelJS.Buffer);
    expect(["D2", "D3", "D4", "D5"].map((c) => wb.worksheets[0]!.getCell(c).value)).toEqual([12345678901234.5, 0.1, -1234567.123456, null]);
  });

  it("exports only the owner's own KPIs, with filters", async () => {
    const mine = await getMeasurementExport(owner, {});
    expect(mine.every((r) => r.kpi_code !== othersKpi)).toBe(true);
    const narrow = await getMeasurementExport(owner, { kpi: kpiCode, persona: personaSlug, from: LAST_MONTH, to: LAST_MONTH });
    expect(narrow.map((r) => r.period)).toEqual([LAST_MONTH]);
  });
});
