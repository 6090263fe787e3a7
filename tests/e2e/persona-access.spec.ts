import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_USERS, demoMonth, RESTRICTED_ANALYST, RESTRICTED_EXEC, signIn } from "./helpers";

// Per-persona access: the demo's restricted executive (SMB Owner and Price-Sensitive Shopper
// only) sees those personas' rows, the same totals as everyone, the other personas folded into
// one "Other personas" line, and a 404 at another persona's address. The admin's form shows the
// restriction. Each screen is checked with axe for serious or critical violations.

const HIDDEN = ["Enterprise IT Buyer", "Expert Power User", "Legacy On-Prem Admin"];
/** The demo's last month with data. */
const LAST = demoMonth(0).param;
const OVERVIEW = `/scorecards/persona-bsc?period=${LAST}`;

async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`)).toEqual([]);
}

async function totalRowText(page: Page): Promise<string> {
  return (await page.getByRole("table").getByRole("row", { name: /All personas/ }).innerText()).replace(/\s+/g, " ");
}

test.describe("per-persona access", () => {
  test("a restricted executive sees only their personas, the same totals, and the other personas as one line", async ({ browser }) => {
    test.setTimeout(180_000); // two sign-ins and two axe scans on a 2-core machine
    const everyoneContext = await browser.newContext();
    const everyone = await everyoneContext.newPage();
    await signIn(everyone, DEMO_USERS.exec);
    await everyone.goto(OVERVIEW);
    await expect(everyone.getByRole("table").getByRole("row", { name: /Enterprise IT Buyer/ })).toBeVisible();
    const expectedTotal = await totalRowText(everyone);
    await everyoneContext.close();

    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, RESTRICTED_EXEC);
    await page.goto(OVERVIEW);
    const table = page.getByRole("table");
    await expect(table.getByRole("row", { name: /SMB Owner/ })).toBeVisible();
    await expect(table.getByRole("row", { name: /Price-Sensitive Shopper/ })).toBeVisible();
    await expect(table.getByRole("rowheader", { name: /Other personas/ })).toBeVisible();
    await expect(table.getByTestId("other-personas")).toContainText("of total");
    const main = page.getByRole("main");
    for (const name of HIDDEN) await expect(main.getByText(name)).toHaveCount(0);
    // The totals are the same numbers an unrestricted executive sees.
    expect(await totalRowText(page)).toBe(expectedTotal);
    await expectAccessible(page);

    // The home page lists their personas only.
    await page.goto("/");
    await expect(page.getByRole("main").getByText("SMB Owner").first()).toBeVisible();
    for (const name of HIDDEN) await expect(page.getByRole("main").getByText(name)).toHaveCount(0);

    // Another persona's address is "not found", not "forbidden".
    for (const path of [
      `/scorecards/persona-bsc/personas/enterprise-it-buyer?period=${LAST}`,
      `/scorecards/persona-bsc/personas/enterprise-it-buyer/export.csv?period=${LAST}`,
      "/scorecards/persona-bsc/map?persona=expert-power-user",
      "/personas/enterprise-it-buyer",
      "/kpis/BSC-NPS?persona=enterprise-it-buyer",
    ]) {
      expect((await page.request.get(path, { maxRedirects: 0 })).status(), path).toBe(404);
    }
    expect((await page.request.get(`/scorecards/persona-bsc/personas/smb-owner?period=${LAST}`, { maxRedirects: 0 })).status()).toBe(200);
    await context.close();
  });

  test("a restricted analyst reads their personas' weights, the others as one line, and is not offered a recalibration", async ({ page }) => {
    test.setTimeout(120_000);
    await signIn(page, RESTRICTED_ANALYST);
    await page.goto("/scorecards/persona-bsc/weights");
    await expect(page.getByRole("heading", { level: 1, name: /Persona weights/ })).toBeVisible();
    const main = page.getByRole("main");
    await expect(main.getByText("A recalibration sets every persona's weight")).toBeVisible();
    await expect(main.getByRole("button", { name: /preview|save/i })).toHaveCount(0);
    const inForce = main.getByRole("table").first();
    await expect(inForce.getByRole("rowheader", { name: /SMB Owner/ })).toBeVisible();
    await expect(inForce.getByRole("rowheader", { name: /Other personas/ })).toBeVisible();
    for (const name of HIDDEN) await expect(main.getByText(name)).toHaveCount(0);
    await expectAccessible(page);
    // Another persona's merge screen is "not found"; their own persona's is there.
    expect((await page.request.get("/personas/enterprise-it-buyer/merge", { maxRedirects: 0 })).status()).toBe(404);
    expect((await page.request.get("/personas/smb-owner/merge", { maxRedirects: 0 })).status()).toBe(200);
  });

  test("a restricted analyst reads a proposal also about another persona without its free text, and may not review it", async ({ page }) => {
    test.setTimeout(120_000);
    // The demo proposal is about the Expert Power User (outside their access) and the SMB Owner.
    const REVIEW = "/kpis/BSC-COMMUNITY-ANSWERS/review";
    const secrets = [...HIDDEN, "38% of accepted community answers", "Community cohort analysis 2025"];
    await signIn(page, RESTRICTED_ANALYST);
    const response = await page.goto(REVIEW);
    const html = await response!.text();
    for (const text of secrets) expect(html.includes(text), `the page's HTML carries ${text}`).toBe(false);
    const main = page.getByRole("main");
    await expect(main.getByText("SMB Owner and 1 other persona")).toBeVisible();
    await expect(main.getByText("Withheld: this proposal is also about personas outside your access.")).toHaveCount(2);
    await expect(main.getByText(/This proposal is also about 1 persona outside your access, so you cannot approve or reject it/)).toBeVisible();
    await expect(main.getByRole("button", { name: "Record decision" })).toHaveCount(0);
    await expectAccessible(page);
    // Nor may they change its definition: no edit link, and the edit page gives the reason instead of the form.
    await expect(main.getByRole("link", { name: "Edit the definition" })).toHaveCount(0);
    await page.goto("/kpis/BSC-COMMUNITY-ANSWERS/edit");
    await expect(main.getByText(/This proposal is also about 1 persona outside your access, so you cannot change its definition/)).toBeVisible();
    await expect(main.getByRole("button", { name: /save/i })).toHaveCount(0);
    await expectAccessible(page);
    // The KPI's own page offers no edit either (it would only lead to that reason), nor target forms.
    await page.goto("/kpis/BSC-COMMUNITY-ANSWERS");
    await expect(main.getByRole("link", { name: "Read the proposal" })).toBeVisible();
    await expect(main.getByRole("link", { name: "Edit this KPI" })).toHaveCount(0);
    await page.goto("/kpis/BSC-COMMUNITY-ANSWERS/targets");
    await expect(main.getByRole("heading", { level: 1, name: /^Targets:/ })).toBeVisible();
    await expect(main.getByRole("button", { name: "Save target" })).toHaveCount(0);
    await expect(main.getByRole("button", { name: "Suggest thresholds" })).toHaveCount(0);
  });

  test("an administrator sees and keeps the restriction on the user's page", async ({ page }) => {
    test.setTimeout(120_000);
    await signIn(page, DEMO_USERS.admin);
    await page.goto("/admin/users");
    await page.getByRole("link", { name: /Ravi Chen/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Ravi Chen" })).toBeVisible();
    const form = page.getByRole("form", { name: "Persona access" });
    await expect(form.getByRole("radio", { name: "Only the personas chosen below" })).toBeChecked();
    await expect(form.getByRole("checkbox", { name: "SMB Owner" })).toBeChecked();
    await expect(form.getByRole("checkbox", { name: "Price-Sensitive Shopper" })).toBeChecked();
    await expect(form.getByRole("checkbox", { name: "Enterprise IT Buyer" })).not.toBeChecked();
    await expectAccessible(page);
    // Saving the same choice changes nothing, and says so.
    await form.getByRole("button", { name: "Save persona access" }).click();
    await expect(form.getByText("Nothing to save")).toBeVisible();
  });
});
