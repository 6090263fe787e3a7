import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_USERS, expectFitsWidth, expectScrollsSideways, SCROLL_HINT, signIn } from "./helpers";

// KPI proposals end to end: an analyst proposes a KPI with its evidence, an administrator (a
// second person) approves it, and it shows ACTIVE in the catalogue. The KPI screens are checked
// with axe and photographed at 1280 and 360 px (test-results/e2e/screens).

async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`)).toEqual([]);
}

async function screens(page: Page, name: string) {
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${name} at ${width} px scrolls sideways`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `test-results/e2e/screens/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

const CODE = "BSC-E2E-REFERRALS";

test.describe("KPI proposals", () => {
  test("an analyst proposes a KPI, an administrator approves it, and it is ACTIVE in the catalogue", async ({ browser, page }) => {
    test.setTimeout(180_000);
    await signIn(page, DEMO_USERS.analyst);

    // The catalogue: statuses in words, a retired KPI, filters in the URL.
    await page.getByRole("navigation").getByRole("link", { name: "KPIs" }).first().click();
    await expect(page.getByRole("heading", { name: "KPIs", level: 1 })).toBeVisible();
    await expect(page.getByRole("row", { name: /Phone first-contact resolution/ })).toContainText("Retired");
    await expectAccessible(page);
    await screens(page, "kpis-catalogue");

    // The editor of an existing KPI (analysts only).
    await page.goto("/kpis/BSC-NPS/edit");
    await expect(page.getByRole("heading", { name: /Edit Net Promoter Score/ })).toBeVisible();
    await expectAccessible(page);
    await screens(page, "kpis-edit");

    // Propose: a refusal names the fields, then a valid proposal.
    await page.goto("/kpis/new");
    await expectAccessible(page);
    await page.getByLabel("Code", { exact: true }).fill(CODE);
    await page.getByLabel("Name", { exact: true }).fill("Referrals per account");
    await page.getByRole("button", { name: "Propose KPI" }).click();
    await expect(page.getByText("Name at least one persona the evidence is about.")).toBeVisible();
    await expect(page.getByText(/Justification is required/)).toBeVisible();
    await screens(page, "kpis-new");

    const perspective = page.getByLabel("Perspective", { exact: true });
    const perspectiveValue = await perspective.locator("option", { hasText: "Persona Balanced Scorecard: Customer" }).first().getAttribute("value");
    await perspective.selectOption(perspectiveValue!);
    const objective = page.getByLabel("Objective", { exact: true });
    const objectiveValue = await objective.locator("option", { hasText: /^Customer: / }).first().getAttribute("value");
    await objective.selectOption(objectiveValue!);
    await page.getByLabel("Unit", { exact: true }).selectOption("COUNT");
    await page.getByRole("checkbox").first().check();
    await page.getByLabel("Justification").fill("Accounts that refer others renew more often; referrals show advocacy per persona before NPS moves.");
    await page.getByLabel("Evidence").fill("https://example.test/referral-cohort-2025");
    await page.getByRole("button", { name: "Propose KPI" }).click();
    await expect(page).toHaveURL(new RegExp(`/kpis/${CODE}/review`));
    await expect(page.getByText(/You proposed this KPI, so you cannot approve or reject it/)).toBeVisible();

    // The queue shows it with its age; the proposer cannot review it.
    await page.goto("/kpis/proposals");
    await expect(page.getByRole("listitem").filter({ hasText: CODE })).toContainText(/Waiting/);
    await expectAccessible(page);
    await screens(page, "kpis-proposals");

    // A second person (the administrator) approves it.
    const context = await browser.newContext();
    const admin = await context.newPage();
    await signIn(admin, DEMO_USERS.admin);
    await admin.goto("/kpis/proposals");
    await admin.getByRole("link", { name: `Review the proposal ${CODE}` }).click();
    await expect(admin.getByRole("heading", { name: /Proposal: Referrals per account/ })).toBeVisible();
    await expectAccessible(admin);
    await admin.getByLabel(/Approve/).check();
    await admin.getByLabel("Comment").fill("Evidence is solid; start tracking from next month.");
    await admin.getByRole("button", { name: "Record decision" }).click();
    // The page now shows the decision in place of the form.
    await expect(admin.getByText(/^Approved by .*Evidence is solid/)).toBeVisible();
    await context.close();

    // The analyst sees it ACTIVE in the catalogue.
    await page.goto("/kpis?status=active");
    await expect(page.getByRole("row", { name: new RegExp(CODE) })).toContainText("Active");
  });

  test("at 360 px the catalogue says it scrolls sideways and scrolls with the keyboard; at 1280 px it fits and says nothing", async ({ page }) => {
    await signIn(page, DEMO_USERS.analyst);
    await page.setViewportSize({ width: 360, height: 900 });
    await page.goto("/kpis");
    await expectScrollsSideways(page, page.getByRole("region", { name: "KPIs" }));
    await expectAccessible(page);
    await expectFitsWidth(page, "/kpis at 360 px");

    await page.setViewportSize({ width: 1280, height: 900 });
    await expect(page.getByText(SCROLL_HINT)).toHaveCount(0);
    await expect(page.getByRole("region", { name: "KPIs" })).toHaveCount(0);
    await expect(page.getByRole("table", { name: /^KPIs/ })).toBeVisible();
  });
});
