import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_USERS, demoMonth, expectFitsWidth, expectScrollsSideways, SCROLL_HINT, signIn } from "./helpers";

// An executive's path through the dashboards: heatmap, period switch, persona, KPI, CSV.
// Each screen is checked with axe for serious or critical violations.

async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`)).toEqual([]);
}

// Months of the demo's story, counted back from its last month with data (October 2026 when seeded
// in December 2026): the period shown, the one compared with, and the one before the period.
const PERIOD = demoMonth(2);
const COMPARE = demoMonth(5);
const BEFORE_PERIOD = demoMonth(3);

const CSV_HEADER =
  "level,perspective,objective,kpi_code,kpi_name,period,value,unit,direction,target,green,red,green_high,red_high,target_source,score,status,weight,coverage";

test.describe("executive dashboards", () => {
  test("heatmap -> period -> persona -> KPI -> CSV", async ({ page }) => {
    test.setTimeout(180_000); // one long path with three axe scans, on a 2-core machine
    await signIn(page, DEMO_USERS.exec);
    await page.goto("/");
    await page.getByRole("link", { name: "Persona Balanced Scorecard", exact: true }).click();
    await expect(page).toHaveURL(/\/scorecards\/persona-bsc$/);
    await expect(page.getByRole("heading", { level: 1, name: "Persona Balanced Scorecard" })).toBeVisible();

    // The heatmap: one row per active persona, a status word in every cell, the weighted total.
    const table = page.getByRole("table");
    await expect(table.getByRole("row", { name: /Enterprise IT Buyer/ })).toBeVisible();
    await expect(table.getByRole("rowheader", { name: /All personas/ })).toBeVisible();
    await expect(table.getByText(/On track|At risk|Off track/).first()).toBeVisible();
    await expect(table.getByRole("rowheader", { name: /Legacy On-Prem Admin/ })).toHaveCount(0);
    await expectAccessible(page);

    // Sort by the overall score, then switch the period and compare.
    await table.getByRole("button", { name: /Overall/ }).click();
    await expect(table.getByRole("columnheader", { name: /Overall/ })).toHaveAttribute("aria-sort", "descending");
    await page.getByRole("combobox", { name: "Period", exact: true }).selectOption(PERIOD.param);
    await page.getByRole("combobox", { name: "Compare with", exact: true }).selectOption(COMPARE.param);
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(new RegExp(`period=${PERIOD.param}&compare=${COMPARE.param}`));
    await expect(page.getByText(`with the change since ${COMPARE.label}`)).toBeVisible();
    await expect(table.getByText(/^Δ [+−-]?\d/).first()).toBeVisible();

    // Sunset personas behind a toggle.
    await page.getByRole("link", { name: /Show 1 sunset persona/ }).click();
    await expect(page.getByRole("rowheader", { name: /Legacy On-Prem Admin/ })).toBeVisible();

    // Drill into a persona.
    await page.getByRole("link", { name: "SMB Owner", exact: true }).first().click();
    await expect(page).toHaveURL(new RegExp(`/personas/smb-owner\\?period=${PERIOD.param}`));
    await expect(page.getByRole("heading", { level: 1, name: /SMB Owner/ })).toBeVisible();
    await expect(page.getByRole("heading", { name: `What changed since ${BEFORE_PERIOD.label}` })).toBeVisible();
    await expect(page.getByText(/KPI default target since|Persona's own target since/).first()).toBeVisible();
    // The escalation job ran at start-up: SMB Owner's onboarding time has been red for three months.
    await expect(page.getByRole("heading", { name: "Open escalations" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Open escalations" }).getByRole("link", { name: "Onboarding completion time" })).toBeVisible();
    await expectAccessible(page);

    // The CSV export: a header row in the documented order, one OVERALL row.
    const csv = await page.request.get(`/scorecards/persona-bsc/personas/smb-owner/export.csv?period=${PERIOD.param}`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[0]).toBe(CSV_HEADER);
    expect(lines.filter((l) => l.startsWith("OVERALL,"))).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith("PERSPECTIVE,"))).toHaveLength(4);
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download CSV" }).click();
    expect((await download).suggestedFilename()).toBe(`persona-bsc-smb-owner-${PERIOD.param}.csv`);

    // Drill into a KPI.
    await page.getByRole("link", { name: "Net Promoter Score" }).first().click();
    await expect(page).toHaveURL(/\/kpis\/BSC-NPS\?persona=smb-owner/);
    await expect(page.getByRole("heading", { level: 1, name: "Net Promoter Score" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "History for SMB Owner" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Every persona, same scale" })).toBeVisible();
    await expect(page.getByText("Survey tool (quarterly relationship NPS)")).toBeVisible();
    await expectAccessible(page);
  });

  test("departments: the list and one department's KPIs across personas", async ({ page }) => {
    await signIn(page, DEMO_USERS.exec);
    await page.goto("/departments");
    await page.getByRole("link", { name: "Customer Success" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Customer Success" })).toBeVisible();
    await expect(page.getByRole("table").first().getByText(/On track|At risk|Off track/).first()).toBeVisible();
    await expectAccessible(page);
  });

  test("the persona scorecard and heatmap fit a 360 px screen", async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 800 });
    await signIn(page, DEMO_USERS.exec);
    for (const path of ["/scorecards/persona-bsc", "/scorecards/persona-bsc/personas/smb-owner", "/kpis/BSC-NPS?persona=smb-owner"]) {
      await page.goto(path);
      await expectFitsWidth(page, path);
    }
  });

  test("at 360 px the heatmap says it scrolls sideways, scrolls with the keyboard and keeps the persona column; at 1280 px it fits and says nothing", async ({ page }) => {
    await signIn(page, DEMO_USERS.exec);
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto("/scorecards/persona-bsc");
    const region = await expectScrollsSideways(page, page.getByRole("region", { name: "Scores per persona and perspective" }));
    // Scrolled, the persona column still starts at the box's left edge (sticky), so each row stays named.
    const persona = region.getByRole("rowheader", { name: /Enterprise IT Buyer/ });
    await expect.poll(async () => Math.abs((await persona.boundingBox())!.x - (await region.boundingBox())!.x)).toBeLessThanOrEqual(1);
    await expectAccessible(page);
    await expectFitsWidth(page, "the heatmap at 360 px");
    // Paper does not scroll: the hint is for the screen only.
    await page.emulateMedia({ media: "print" });
    await expect(page.getByText(SCROLL_HINT)).toBeHidden();
    await page.emulateMedia({ media: "screen" });

    await page.setViewportSize({ width: 1280, height: 900 });
    await expect(page.getByText(SCROLL_HINT)).toHaveCount(0);
    await expect(page.getByRole("region", { name: "Scores per persona and perspective" })).toHaveCount(0);
    await expect(page.getByRole("table")).toBeVisible();
  });
});
