import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_USERS, expectFitsWidth, expectScrollsSideways, SCROLL_HINT, signIn } from "./helpers";

// The analyst's path through the persona workspace: create a persona (a draft), activate it with
// a rationale, mark it reviewed, give it a weight in a recalibration after previewing the effect,
// and find it on the scorecard heatmap. Each screen is checked with axe and photographed at
// 1280 and 360 px (test-results/e2e/screens).

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

const NAME = "Rural Retailer";
const SLUG = "rural-retailer";

test.describe("persona workspace", () => {
  test("an analyst creates a persona, activates it, weighs it after a preview and sees it on the heatmap", async ({ page }) => {
    test.setTimeout(180_000);
    await signIn(page, DEMO_USERS.analyst);

    // The list: statuses in words, overdue reviews flagged, the filter in the URL.
    await page.getByRole("navigation").getByRole("link", { name: "Personas" }).first().click();
    await expect(page.getByRole("heading", { name: "Personas", level: 1 })).toBeVisible();
    await expect(page.getByRole("row", { name: /Legacy On-Prem Admin/ })).toContainText("Sunset");
    await expect(page.getByText("Overdue for review").first()).toBeVisible();
    await expectAccessible(page);
    await screens(page, "personas-list");
    await page.getByRole("link", { name: /^Draft \(\d+\)$/ }).click();
    await expect(page).toHaveURL(/status=draft/);
    await expect(page.getByRole("row", { name: /Public Sector Procurement/ })).toBeVisible();
    await expect(page.getByRole("row", { name: /Enterprise IT Buyer/ })).toHaveCount(0);

    // Create: it starts as a draft and says why it is off the scorecards.
    await page.getByRole("link", { name: "New persona" }).click();
    await expectAccessible(page);
    await page.getByLabel("Name", { exact: true }).fill(NAME);
    await page.getByLabel("Slug", { exact: true }).fill("Not a slug!");
    await page.getByLabel("Description").fill("Owner of a shop outside the big cities who buys by phone.");
    await page.getByRole("button", { name: "Create persona" }).click();
    await expect(page.getByText(/Use lower-case letters/)).toBeVisible();
    await page.getByLabel("Slug", { exact: true }).fill(SLUG);
    await page.getByRole("button", { name: "Create persona" }).click();
    await expect(page).toHaveURL(new RegExp(`/personas/${SLUG}`));
    await expect(page.getByRole("heading", { name: NAME, level: 1 })).toBeVisible();
    await expect(page.getByText(/Not on any scorecard: this persona is a draft/)).toBeVisible();

    // Activate without a rationale: refused beside the field; with one: active, in the timeline.
    await page.getByRole("button", { name: "Activate" }).click();
    await expect(page.getByText("Rationale is required.")).toBeVisible();
    await page.getByLabel("Rationale", { exact: true }).fill("Enough tagged rural accounts to set targets from.");
    await page.getByRole("button", { name: "Activate" }).click();
    await expect(page.getByText("The persona is now active.")).toBeVisible();
    await expect(page.getByText("Draft → Active")).toBeVisible();
    await expect(page.getByText(/Not on any scorecard/)).toHaveCount(0);

    // Mark reviewed: the review joins the timeline.
    await page.getByLabel("Note", { exact: true }).fill("Still matches the interviews.");
    await page.getByRole("button", { name: "Mark reviewed" }).click();
    await expect(page.getByText(/Review recorded\. Next review due/)).toBeVisible();
    await expect(page.getByText("Reviewed: still valid")).toBeVisible();
    await expectAccessible(page);
    await screens(page, "persona-detail");

    // Weights: from the heatmap, for analysts.
    await page.goto("/scorecards/persona-bsc");
    await page.getByRole("link", { name: "Persona weights" }).click();
    await expect(page.getByRole("heading", { name: /Persona weights: Persona Balanced Scorecard/ })).toBeVisible();
    await expect(page.getByText(/normalised when scored/)).toBeVisible();
    const row = page.getByRole("row", { name: new RegExp(NAME) });
    await row.getByLabel(`Proposed weight for ${NAME}`).fill("2");
    await page.getByLabel("Reason", { exact: true }).fill("Q4 recalibration: rural retailers join the scorecard.");
    await expect(page.getByRole("button", { name: "Save recalibration" })).toHaveCount(0);
    await page.getByRole("button", { name: "Preview effect" }).click();
    const preview = page.getByRole("region", { name: /Effect on the scorecard total, last 6 months/ });
    await expect(preview).toBeVisible();
    await expect(preview.getByRole("row")).toHaveCount(7);
    // Its proposed share is shown, normalised among the active personas.
    await expect(row.getByRole("cell").last()).toHaveText(/^\d+%$/);
    await expect(row.getByRole("cell").last()).not.toHaveText("0%");
    await expectAccessible(page);
    // At 360 px the tables scroll inside their boxes and the page fits (their visually hidden labels once stuck out).
    await screens(page, "weights-preview");
    await page.getByRole("button", { name: "Save recalibration" }).click();
    await expect(page.getByText(/Recalibration saved: the new weights count from/)).toBeVisible();
    await expect(page.getByText("Q4 recalibration: rural retailers join the scorecard.").first()).toBeVisible();

    // The heatmap lists the new persona (no values yet: no data, never zero).
    await page.goto("/scorecards/persona-bsc");
    await expect(page.getByRole("rowheader", { name: new RegExp(NAME) })).toBeVisible();
  });

  test("at 360 px the weights table says it scrolls sideways and scrolls with the keyboard; at 1280 px it fits and says nothing", async ({ page }) => {
    await signIn(page, DEMO_USERS.analyst);
    await page.setViewportSize({ width: 360, height: 900 });
    await page.goto("/scorecards/persona-bsc/weights");
    const form = page.getByRole("form", { name: "Recalibrate persona weights" });
    const region = form.getByRole("region", { name: "Current and proposed weights" });
    await expect(form.getByText("Scroll sideways to see all columns")).toBeVisible();
    await expect(region).toHaveAttribute("tabindex", "0");
    // The keyboard reaches the clipped column: focus the region, then the arrow keys scroll it.
    await region.focus();
    await expect(region).toBeFocused();
    for (let i = 0; i < 20; i++) await page.keyboard.press("ArrowRight");
    await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    await expectAccessible(page);
    await expectFitsWidth(page, "weights at 360 px");

    await page.setViewportSize({ width: 1280, height: 900 });
    await expect(form.getByText("Scroll sideways to see all columns")).toHaveCount(0);
    await expect(form.getByRole("region", { name: "Current and proposed weights" })).toHaveCount(0);
    await expect(form.getByRole("table", { name: /Current and proposed weights/ })).toBeVisible();
  });

  test("at 360 px the persona list says it scrolls sideways and scrolls with the keyboard; at 1280 px it fits and says nothing", async ({ page }) => {
    await signIn(page, DEMO_USERS.analyst);
    await page.setViewportSize({ width: 360, height: 900 });
    await page.goto("/personas");
    await expectScrollsSideways(page, page.getByRole("region", { name: "Personas" }));
    await expectAccessible(page);
    await expectFitsWidth(page, "/personas at 360 px");

    await page.setViewportSize({ width: 1280, height: 900 });
    await expect(page.getByText(SCROLL_HINT)).toHaveCount(0);
    await expect(page.getByRole("region", { name: "Personas" })).toHaveCount(0);
    await expect(page.getByRole("table", { name: /^Personas/ })).toBeVisible();
  });

  test("an executive reads personas but gets no editors, and the weights page is refused", async ({ page }) => {
    await signIn(page, DEMO_USERS.exec);
    await page.goto("/personas/legacy-on-prem-admin");
    await expect(page.getByText(/Kept off scorecards: sunset since/)).toBeVisible();
    await expect(page.getByRole("heading", { name: "Timeline" })).toBeVisible();
    await expect(page.getByText("Active → Sunset")).toBeVisible();
    for (const name of [/Revive/, /Activate/, /Save changes/, /Mark reviewed/]) await expect(page.getByRole("button", { name })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "New persona" })).toHaveCount(0);
    await page.goto("/scorecards/persona-bsc");
    await expect(page.getByRole("link", { name: "Persona weights" })).toHaveCount(0);
    expect((await page.request.get("/scorecards/persona-bsc/weights")).status()).toBe(403);
  });
});
