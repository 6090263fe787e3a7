import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_USERS, expectFitsWidth, signIn } from "./helpers";

// The analyst's strategy editor: add an objective, link it as a cause, see a loop refused with
// the loop named, find the objective on the strategy map, and map a persona's unaddressed pain
// point to it. Works on the Customer Profiling scorecard (strategy-map.spec.ts counts the
// balanced scorecard's objectives). Axe-checked; photographed at 1280 and 360 px.

async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`)).toEqual([]);
}

async function screens(page: Page, name: string) {
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    await expectFitsWidth(page, `${name} at ${width} px`);
    await page.screenshot({ path: `test-results/e2e/screens/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

const TITLE = "Pass security reviews without delay";
const RETAIN = "Retain and expand a profitable customer base";

test.describe("strategy editor", () => {
  test("an analyst adds an objective and a link; a loop is refused with the loop named; the map and the persona page follow", async ({ page }) => {
    test.setTimeout(420_000); // nine steps on a loaded 2-core machine
    await signIn(page, DEMO_USERS.analyst);
    await page.goto("/scorecards/customer-profiling");
    await page.getByRole("link", { name: "Edit strategy" }).click();
    await expect(page.getByRole("heading", { name: "Strategy: Customer Profiling", level: 1 })).toBeVisible();
    await expectAccessible(page);
    await screens(page, "strategy-editor");

    // Add an objective: a missing perspective is named beside its field, then it is added.
    const add = page.getByRole("form", { name: "Add an objective" });
    await add.getByLabel("Title", { exact: true }).fill(TITLE);
    await add.getByRole("button", { name: "Add objective" }).click();
    await expect(add.getByText("Perspective is required.")).toBeVisible();
    await add.getByLabel("Perspective", { exact: true }).selectOption({ label: "Process" });
    await add.getByLabel("Strategic theme").fill("Trust");
    await add.getByLabel("Owner", { exact: true }).selectOption({ label: "Priya Raman" });
    await add.getByRole("checkbox", { name: "Sales" }).check();
    await add.getByRole("button", { name: "Add objective" }).click();
    await expect(page.getByText(`Objective “${TITLE}” added to Process.`)).toBeVisible();
    await expect(page.getByRole("heading", { name: TITLE, level: 4 })).toBeVisible();

    // A link from it to retention.
    const link = page.getByRole("form", { name: "Add a cause and effect link" });
    await link.getByLabel("Cause", { exact: true }).selectOption({ label: `${TITLE} (Process)` });
    await link.getByLabel("Effect", { exact: true }).selectOption({ label: `${RETAIN} (Benefits and Performance)` });
    await link.getByLabel("Why the cause drives the effect").fill("Enterprise deals close sooner.");
    await link.getByRole("button", { name: "Add link" }).click();
    await expect(page.getByText(`Link added: ${TITLE} → ${RETAIN}.`)).toBeVisible();

    // The way back would close a loop: refused, the loop named, nothing added.
    await link.getByLabel("Cause", { exact: true }).selectOption({ label: `${RETAIN} (Benefits and Performance)` });
    await link.getByLabel("Effect", { exact: true }).selectOption({ label: `${TITLE} (Process)` });
    await link.getByRole("button", { name: "Add link" }).click();
    await expect(page.getByText(`This link would close a loop: ${RETAIN} → ${TITLE} → ${RETAIN}.`)).toBeVisible();
    await expect(page.getByRole("button", { name: /^Remove the link / })).toHaveCount(4);
    await expectAccessible(page);

    // The strategy map reads the same tables.
    await page.getByRole("link", { name: "Strategy map" }).click();
    // Five objectives now; the new one has its own entry (and is named as a cause in retention's).
    await expect(page.getByTestId("map-text-objective")).toHaveCount(5);
    await expect(page.getByTestId("map-text-objective").getByRole("heading", { name: TITLE, level: 4 })).toHaveCount(1);

    // The persona page: the unaddressed pain point is flagged until an objective addresses it.
    await page.goto("/personas/enterprise-it-buyer");
    const painPoint = page.getByRole("listitem").filter({ has: page.getByText("Security and compliance reviews stall every purchase", { exact: true }) });
    await expect(painPoint.getByText("Not addressed by any objective")).toBeVisible();
    await expectAccessible(page);
    await screens(page, "persona-pain-points");
    await painPoint.getByLabel("Objective that addresses it").selectOption({ label: `${TITLE} (Process)` });
    await painPoint.getByRole("button", { name: "Map" }).click();
    await expect(page.getByText(`“${TITLE}” now addresses “Security and compliance reviews stall every purchase”.`)).toBeVisible();
    await expect(painPoint.getByText("Not addressed by any objective")).toHaveCount(0);
    await expect(painPoint.getByRole("link", { name: TITLE })).toBeVisible();
  });

  test("an executive gets the 403 page and no link to the editor", async ({ page }) => {
    await signIn(page, DEMO_USERS.exec);
    await page.goto("/scorecards/customer-profiling");
    await expect(page.getByRole("link", { name: "Edit strategy" })).toHaveCount(0);
    const response = await page.goto("/scorecards/customer-profiling/strategy");
    expect(response?.status()).toBe(403);
  });
});
