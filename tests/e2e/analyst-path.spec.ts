import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_USERS, demoQuarter, expectFitsWidth, signIn } from "./helpers";

// Issue 11's full path for an analyst: create a persona, activate it, give it a weight in a
// recalibration after previewing the effect, suggest thresholds for one KPI from a persona's own
// history and accept them, and see the scorecards change: the new persona on the overview, and
// the KPI judged against the persona's own thresholds. Screens are checked with axe and
// photographed at 1280 and 360 px (test-results/e2e/screens).

async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`)).toEqual([]);
}

async function screens(page: Page, name: string, options: { knownOverflow?: number } = {}) {
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    await expectFitsWidth(page, `${name} at ${width} px`, options.knownOverflow ?? 0);
    await page.screenshot({ path: `test-results/e2e/screens/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

const NAME = "Coastal Cooperative";
const SLUG = "coastal-cooperative";
const KPI = "BSC-NPS";
const PERSONA = "smb-owner";
const LATEST = demoQuarter(0).param; // the demo's last period of this quarterly KPI (Q4 2026 when seeded in December 2026)

test.describe("analyst path", () => {
  test("persona, weight, thresholds from history, and the scorecard changes", async ({ page }) => {
    test.setTimeout(240_000);
    await signIn(page, DEMO_USERS.analyst);

    // 1. Create the persona (a draft), then activate it with a rationale.
    await page.goto("/personas/new");
    await page.getByLabel("Name", { exact: true }).fill(NAME);
    await page.getByLabel("Slug", { exact: true }).fill(SLUG);
    await page.getByLabel("Description").fill("Member-owned shops along the coast that buy together.");
    await page.getByRole("button", { name: "Create persona" }).click();
    await expect(page).toHaveURL(new RegExp(`/personas/${SLUG}`));
    await page.getByLabel("Rationale", { exact: true }).fill("Enough cooperative accounts tagged to score them.");
    await page.getByRole("button", { name: "Activate" }).click();
    await expect(page.getByText("The persona is now active.")).toBeVisible();

    // 2. Weigh it in a recalibration: preview the effect on the total first, then save.
    await page.goto("/scorecards/persona-bsc/weights");
    const row = page.getByRole("row", { name: new RegExp(NAME) });
    await row.getByLabel(`Proposed weight for ${NAME}`).fill("1.5");
    await page.getByLabel("Reason", { exact: true }).fill("Cooperatives join the scorecard this quarter.");
    await page.getByRole("button", { name: "Preview effect" }).click();
    await expect(page.getByRole("region", { name: /Effect on the scorecard total, last 6 months/ })).toBeVisible();
    await page.getByRole("button", { name: "Save recalibration" }).click();
    await expect(page.getByText(/Recalibration saved: the new weights count from/)).toBeVisible();

    // 3. The new persona is on the overview heatmap.
    await page.goto("/scorecards/persona-bsc");
    await expect(page.getByRole("rowheader", { name: new RegExp(NAME) })).toBeVisible();

    // The persona's KPI before: judged against the KPI default.
    await page.goto(`/kpis/${KPI}?persona=${PERSONA}`);
    const latestRow = page.getByRole("region", { name: "History table (scrolls)" }).getByRole("row").nth(1);
    await expect(latestRow).toContainText("KPI default");
    const scoreBefore = (await latestRow.getByRole("cell").nth(2).innerText()).trim();

    // 4. Targets from the KPI page: the grid says which target applies; suggest from history.
    await page.getByRole("link", { name: "Targets and thresholds" }).click();
    await expect(page.getByRole("heading", { name: /^Targets: Net Promoter Score/, level: 1 })).toBeVisible();
    await expect(page.getByRole("region", { name: /Targets in force per persona and period/ })).toBeVisible();

    // The new persona has no history: the suggestion says so rather than inventing one.
    await page.getByLabel("Persona", { exact: true }).selectOption(SLUG);
    await page.getByRole("button", { name: "Suggest thresholds" }).click();
    await expect(page.getByText(/Not enough history: Coastal Cooperative has 0 values/)).toBeVisible();

    // A persona with history: the distribution, the histogram and a prefilled form.
    await page.getByLabel("Persona", { exact: true }).selectOption(PERSONA);
    await page.getByRole("button", { name: "Suggest thresholds" }).click();
    await expect(page).toHaveURL(new RegExp(`suggest=${PERSONA}`));
    await expect(page.getByText(/^Suggested: red/)).toBeVisible();
    await expect(page.getByText("Values (n)")).toBeVisible();
    await expect(page.getByRole("list", { name: "How the values spread" }).getByRole("listitem")).toHaveCount(8);
    const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Save target" }) });
    await expect(form.getByLabel("Applies to")).toHaveValue(/.+/);
    await expect(form.getByLabel("Green", { exact: true })).not.toHaveValue("");
    await expect(form.getByLabel("Rationale", { exact: true })).toHaveValue(/Suggested from .*own last \d+ values/);
    await expectAccessible(page);
    await screens(page, "targets-suggestion");

    // Edit before saving: a bad order is refused beside the field, then accept from the latest quarter.
    const green = await form.getByLabel("Green", { exact: true }).inputValue();
    await form.getByLabel("Red", { exact: true }).fill(String(Number(green) + 1));
    await form.getByLabel("Effective from").fill(LATEST);
    await form.getByRole("button", { name: "Save target" }).click();
    await expect(page.getByText(/red \(.+\) must be below green/).first()).toBeVisible();
    await page.goto(`/kpis/${KPI}/targets?suggest=${PERSONA}`);
    await form.getByLabel("Effective from").fill(LATEST);
    await form.getByRole("button", { name: "Save target" }).click();
    await expect(page.getByText(new RegExp(`Target saved for SMB Owner from ${LATEST}`))).toBeVisible();
    // The table, not its scroll region: the region is only there while the table is wider than its box.
    const saved = page.getByRole("table", { name: /^Target rows of / }).getByRole("row").nth(1);
    await expect(saved).toContainText("SMB Owner");
    await expect(saved).toContainText(/Suggested from/);
    await expectAccessible(page);
    await screens(page, "targets-saved");

    // 5. The persona's KPI now: its own thresholds in force, and the score moved.
    await page.goto(`/kpis/${KPI}?persona=${PERSONA}`);
    await expect(latestRow).toContainText("persona's own");
    const scoreAfter = (await latestRow.getByRole("cell").nth(2).innerText()).trim();
    expect(scoreAfter).not.toBe(scoreBefore);
  });

  test("an executive reads the targets but gets no editor", async ({ page }) => {
    await signIn(page, DEMO_USERS.exec);
    await page.goto(`/kpis/${KPI}/targets?suggest=${PERSONA}`);
    await expect(page.getByRole("heading", { name: "Which target applies" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Target rows" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Save target" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Suggest thresholds" })).toHaveCount(0);
    await expectAccessible(page);
    await screens(page, "targets-read-only");
  });
});
