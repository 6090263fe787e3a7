import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import Papa from "papaparse";
import { DEMO_USERS, demoMonth, signIn } from "./helpers";

// The import screen end to end: an owner uploads a file with one bad row, reads that row's
// message (nothing is imported), uploads the fixed file, imports it, and finds the values in the
// entry grid. Last month is used (the entry spec writes the current month).

function lastMonth(): { param: string; key: string } {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const param = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
  return { param, key: `${param}-01` };
}

// Three months well inside the demo's history (January to March 2026 when seeded in December 2026).
const QUARTER_FROM = demoMonth(9);
const QUARTER_TO = demoMonth(7);

const fileInput = (page: Page) => page.getByLabel("File (.csv or .xlsx)");

async function noSeriousAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test.describe("import values", () => {
  test("an owner imports a file with one bad row, reads its message, then imports the fixed file and sees the values in the grid", async ({ page }, testInfo) => {
    test.setTimeout(180_000);
    const month = lastMonth();
    await signIn(page, DEMO_USERS.owner);
    await page.goto("/entry");
    await page.getByRole("link", { name: "Import a file" }).click();
    await expect(page.getByRole("heading", { name: "Import values", level: 1 })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "Import values" })).toHaveAttribute("aria-current", "page");

    const header = "KPI_Code,Persona_Slug,Period,Value,Comment,Source\r\n";
    const good = `CP-RISING-FREQUENCY,smb-owner,${month.param},61.5,"Imported, after the CRM fix",CRM\r\n`;
    const bad = `CP-RISING-FREQUENCY,expert-power-user,${month.key},sixty,,CRM\r\n`;
    const fixed = `CP-RISING-FREQUENCY,expert-power-user,${month.key},58.25,Imported,CRM\r\n`;

    await fileInput(page).setInputFiles({ name: "rising-frequency.csv", mimeType: "text/csv", buffer: Buffer.from(header + good + bad) });
    await page.getByRole("button", { name: "Check file" }).click();
    const summary = page.getByRole("heading", { name: "rising-frequency.csv: 2 rows checked" });
    await expect(summary).toBeFocused();
    await expect(page.getByText("1 row needs attention. Nothing has been imported")).toBeVisible();
    await expect(page.getByText("Ignored columns (not part of an import): Source.")).toBeVisible();
    await expect(page.getByRole("button", { name: /^Import \d+ rows?$/ })).toHaveCount(0);
    // The table shows the errors first: row 3, column value, and what is allowed.
    const errorRow = page.getByRole("row", { name: /^3 / });
    await expect(errorRow).toContainText("Error");
    await expect(errorRow).toContainText("value: Value must be a number such as 12.5");
    await expect(page.getByRole("radio", { name: "Errors (1)" })).toBeChecked();
    await page.getByRole("radio", { name: "All rows (2)" }).check();
    await expect(page.getByRole("row", { name: /^2 / })).toContainText("New");
    await noSeriousAxeViolations(page);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: testInfo.outputPath("import-errors-1280.png"), fullPage: true });
    await page.setViewportSize({ width: 360, height: 800 });
    await page.screenshot({ path: testInfo.outputPath("import-errors-360.png"), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    // The fixed file: both rows valid, then imported in one go.
    await fileInput(page).setInputFiles({ name: "rising-frequency-fixed.csv", mimeType: "text/csv", buffer: Buffer.from(header + good + fixed) });
    await page.getByRole("button", { name: "Check file" }).click();
    await expect(page.getByRole("heading", { name: "rising-frequency-fixed.csv: 2 rows checked" })).toBeFocused();
    const importButton = page.getByRole("button", { name: /^Import 2 rows$/ });
    await expect(importButton).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath("import-valid-1280.png"), fullPage: true });
    await importButton.click();
    const done = page.getByRole("status").filter({ hasText: "Imported rising-frequency-fixed.csv" });
    await expect(done).toContainText(/2 new|1 new, 1 updated|2 updated/);
    await page.setViewportSize({ width: 360, height: 800 });
    await page.screenshot({ path: testInfo.outputPath("import-done-360.png"), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    // The same file again: nothing left to import.
    await fileInput(page).setInputFiles({ name: "rising-frequency-fixed.csv", mimeType: "text/csv", buffer: Buffer.from(header + good + fixed) });
    await page.getByRole("button", { name: "Check file" }).click();
    await expect(page.getByText("Every row matches the saved values: there is nothing to import.")).toBeVisible();

    // The values are in the grid.
    await page.goto(`/entry?period=${month.param}`);
    await expect(page.getByRole("textbox", { name: /^Share of customers with rising buying frequency, SMB Owner, / })).toHaveValue("61.5");
    await expect(page.getByRole("textbox", { name: /^Share of customers with rising buying frequency, Expert Power User, / })).toHaveValue("58.25");
  });

  test("an administrator finds an import on the audit log as one event: its counts and first changes, the rest counted", async ({ page }, testInfo) => {
    test.setTimeout(180_000);
    const month = lastMonth();
    await signIn(page, DEMO_USERS.admin);
    // A year of two personas' values, re-imported with a new comment on each: only comments change,
    // so no score moves for the specs that follow.
    const rows: string[][] = [];
    for (const persona of ["smb-owner", "expert-power-user"]) {
      const exported = await page.request.get(`/entry/export.csv?kpi=CP-RISING-FREQUENCY&persona=${persona}&from=${demoMonth(21).param}&to=${month.param}`);
      expect(exported.status()).toBe(200);
      const parsed = Papa.parse<string[]>((await exported.text()).trim(), { header: false });
      rows.push(...parsed.data.slice(1));
    }
    expect(rows.length).toBeGreaterThan(20);
    const csv = Papa.unparse([["kpi_code", "persona_slug", "period", "value", "comment", "not_available_reason"], ...rows.map((r) => [r[0]!, r[1]!, r[2]!, r[3]!, "Checked for the audit", r[5] ?? ""])]);
    await page.goto("/entry/import");
    await fileInput(page).setInputFiles({ name: "comments.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: "Check file" }).click();
    const importButton = page.getByRole("button", { name: `Import ${rows.length} rows` });
    await importButton.click();
    await expect(page.getByRole("status").filter({ hasText: "Imported comments.csv" })).toBeVisible();

    await page.goto("/admin/audit?entity=MeasurementImport");
    const event = page.getByRole("listitem").filter({ hasText: "measurement.import" }).first();
    await expect(event).toContainText(`${rows.length} values`);
    await event.locator("summary").click();
    await expect(event.getByRole("rowheader", { name: "fileName" })).toBeVisible();
    await expect(event.getByRole("row", { name: /fileName/ })).toContainText("comments.csv");
    await expect(event.getByRole("rowheader", { name: /^CP-RISING-FREQUENCY · smb-owner · \d{4}-\d{2}/ }).first()).toBeVisible();
    await expect(event.getByRole("rowheader", { name: /^CP-RISING-FREQUENCY · / })).toHaveCount(20);
    await expect(event).toContainText(`…and ${rows.length - 20} more`);
    await noSeriousAxeViolations(page);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: testInfo.outputPath("audit-import-1280.png"), fullPage: true });
    await page.setViewportSize({ width: 360, height: 800 });
    await page.screenshot({ path: testInfo.outputPath("audit-import-360.png"), fullPage: true });
  });

  test("the export of a month re-imports as all unchanged, and a file without the required columns is named", async ({ page }) => {
    test.setTimeout(120_000);
    const month = lastMonth();
    await signIn(page, DEMO_USERS.owner);
    const exported = await page.request.get(`/entry/export.csv?from=${QUARTER_FROM.param}&to=${QUARTER_TO.param}`);
    expect(exported.status()).toBe(200);
    expect(exported.headers()["content-type"]).toContain("text/csv");
    const text = await exported.text();
    expect(text.split("\r\n")[0]).toBe("kpi_code,persona_slug,period,value,comment,not_available_reason");
    await page.goto("/entry/import");
    await fileInput(page).setInputFiles({ name: "export.csv", mimeType: "text/csv", buffer: Buffer.from(text) });
    await page.getByRole("button", { name: "Check file" }).click();
    await expect(page.getByText("Every row matches the saved values: there is nothing to import.")).toBeVisible();

    await fileInput(page).setInputFiles({ name: "wrong.csv", mimeType: "text/csv", buffer: Buffer.from(`kpi,value\r\nX,${month.param}\r\n`) });
    await page.getByRole("button", { name: "Check file" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "The first row must name" })).toContainText("Missing: kpi_code, persona_slug, period.");
    expect((await page.request.get("/entry/export.xlsx?from=2026-13")).status()).toBe(400);
  });

  test("the export form downloads the chosen KPI's values for the chosen months", async ({ page }) => {
    await signIn(page, DEMO_USERS.owner);
    await page.goto("/entry/import#export");
    const form = page.getByRole("form", { name: "Export saved values" });
    const kpi = form.getByLabel("KPI");
    const code = await kpi.locator("option").nth(1).getAttribute("value");
    expect(code).toBeTruthy();
    await kpi.selectOption(code!);
    await form.getByLabel("From").fill(QUARTER_FROM.param);
    await form.getByLabel("To").fill(QUARTER_TO.param);
    const [download] = await Promise.all([page.waitForEvent("download"), form.getByRole("button", { name: "Download CSV" }).click()]);
    expect(download.suggestedFilename()).toBe(`values-${code}-${QUARTER_FROM.param}-${QUARTER_TO.param}.csv`);
    const lines = (await readFile((await download.path())!, "utf8")).trim().split("\r\n").slice(1);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      const [rowCode, , period] = line.split(",");
      expect(rowCode).toBe(code);
      expect(period! >= `${QUARTER_FROM.param}-01` && period! <= `${QUARTER_TO.param}-01`).toBe(true);
    }
  });
});
