import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_USERS, expectFitsWidth, RESTRICTED_ANALYST, signIn } from "./helpers";

// The analyst's strategy editor: add an objective, link it as a cause, see a loop refused with
// the loop named, find the objective on the strategy map, and map a persona's unaddressed pain
// point to it. Works on the Customer Profiling scorecard (strategy-map.spec.ts counts the
// balanced scorecard's objectives). Axe-checked; photographed at 1280 and 360 px. Then a restricted
// analyst is offered no Delete that only a proposal hidden from them would refuse. The tests run in
// this order (one worker per file): the first counts Customer Profiling's objectives on the map
// before the third adds and deletes one.

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

  test("a restricted analyst is offered no Delete that only a hidden proposal blocks, and is told why without a number", async ({ browser, page }) => {
    test.setTimeout(420_000); // two sign-ins, a proposal and its edit, axe scans, on a loaded 2-core machine
    const PERSPECTIVE = "Partner ecosystem";
    const OBJECTIVE = "Grow partner leads";
    const CODE = "CP-E2E-PARTNER-LEADS";
    const STRATEGY = "/scorecards/customer-profiling/strategy";
    const HIDDEN_PERSONA = "Expert Power User"; // outside the restricted analyst's access
    const hiddenRefusal = (name: string, rule: string) => `“${name}” cannot be deleted yet: ${rule}. An analyst or administrator who sees all personas can tell you what is still in the way.`;

    // An administrator adds a perspective and an objective, and proposes a KPI for that objective
    // about the Expert Power User only.
    const adminContext = await browser.newContext();
    const admin = await adminContext.newPage();
    await signIn(admin, DEMO_USERS.admin);
    await admin.goto(STRATEGY);
    await admin.locator("summary", { hasText: "Add a perspective" }).click();
    const addPerspective = admin.getByRole("form", { name: "Add a perspective" });
    await addPerspective.getByLabel("Name", { exact: true }).fill(PERSPECTIVE);
    await addPerspective.getByRole("button", { name: "Add perspective" }).click();
    await expect(admin.getByText(`Perspective “${PERSPECTIVE}” added at the bottom.`)).toBeVisible();
    const addObjective = admin.getByRole("form", { name: "Add an objective" });
    await addObjective.getByLabel("Title", { exact: true }).fill(OBJECTIVE);
    await addObjective.getByLabel("Perspective", { exact: true }).selectOption({ label: PERSPECTIVE });
    await addObjective.getByRole("button", { name: "Add objective" }).click();
    await expect(admin.getByText(`Objective “${OBJECTIVE}” added to ${PERSPECTIVE}.`)).toBeVisible();
    await admin.goto("/kpis/new");
    await admin.getByLabel("Code", { exact: true }).fill(CODE);
    await admin.getByLabel("Name", { exact: true }).fill("Leads from partners");
    await admin.getByLabel("Perspective", { exact: true }).selectOption({ label: `Customer Profiling: ${PERSPECTIVE}` });
    await admin.getByLabel("Objective", { exact: true }).selectOption({ label: `${PERSPECTIVE}: ${OBJECTIVE}` });
    await admin.getByLabel("Unit", { exact: true }).selectOption("COUNT");
    await admin.getByRole("checkbox", { name: HIDDEN_PERSONA }).check();
    await admin.getByLabel("Justification").fill("Power users bring partners; partner leads show it before revenue moves.");
    await admin.getByLabel("Evidence").fill("https://example.test/partner-leads-2025");
    await admin.getByRole("button", { name: "Propose KPI" }).click();
    await expect(admin).toHaveURL(new RegExp(`/kpis/${CODE}/review`));
    // Not vacuous: the administrator is told of it by code and number, with no Delete either.
    await admin.goto(STRATEGY);
    const adminObjective = admin.getByRole("listitem").filter({ has: admin.getByRole("heading", { name: OBJECTIVE, level: 4 }) });
    await expect(adminObjective.getByText(`1 KPI measures “${OBJECTIVE}” (${CODE}). Point it at another objective first; only an objective without KPIs can be deleted.`)).toBeVisible();

    // The restricted analyst: the objective looks unmeasured, yet no Delete is offered (the command
    // would refuse it); the command's own reason stands in its place, with no number or code.
    const analyst = page;
    await signIn(analyst, RESTRICTED_ANALYST);
    await analyst.goto(STRATEGY);
    const main = analyst.getByRole("main");
    const objective = main.getByRole("listitem").filter({ has: analyst.getByRole("heading", { name: OBJECTIVE, level: 4 }) });
    await expect(objective.getByText("None yet")).toBeVisible();
    await expect(objective.getByText(hiddenRefusal(OBJECTIVE, "only an objective without KPIs can be deleted"))).toBeVisible();
    await expect(objective.getByText(`Delete ${OBJECTIVE}…`)).toHaveCount(0);
    const perspectiveItem = main.getByRole("listitem").filter({ has: analyst.getByRole("heading", { name: new RegExp(`^\\d+\\. ${PERSPECTIVE}$`), level: 3 }) });
    await expect(perspectiveItem.getByText(`“${PERSPECTIVE}” still holds 1 objective. Move them to another perspective or delete them first; only an empty perspective can be deleted.`)).toBeVisible();
    await expect(main.getByText(CODE)).toHaveCount(0);
    await expect(main.getByText(HIDDEN_PERSONA)).toHaveCount(0);
    await expectAccessible(analyst);
    await screens(analyst, "strategy-editor-hidden-objective");

    // The administrator unsets the proposal's objective and deletes the objective (now offered to them):
    // the perspective holds only the hidden proposal.
    await admin.goto(`/kpis/${CODE}/edit`);
    await admin.getByLabel("Objective", { exact: true }).selectOption({ label: "None" });
    await admin.getByRole("button", { name: "Save changes" }).click();
    await expect(admin.getByText("Changes saved.")).toBeVisible();
    await admin.goto(STRATEGY);
    await adminObjective.getByText(`Delete ${OBJECTIVE}…`).click();
    await adminObjective.getByRole("button", { name: `Yes, delete ${OBJECTIVE}` }).click();
    await expect(admin.getByRole("heading", { name: OBJECTIVE, level: 4 })).toHaveCount(0);
    // Not vacuous: the administrator is told of the KPI by number.
    await expect(admin.getByText(`“${PERSPECTIVE}” still holds 1 KPI. Move them to another perspective or delete them first; only an empty perspective can be deleted.`)).toBeVisible();
    await adminContext.close();

    // The restricted analyst sees the perspective empty, and is told it cannot be deleted yet, without a number.
    await analyst.reload();
    await expect(perspectiveItem.getByText("0 objectives · 0 KPIs")).toBeVisible();
    await expect(perspectiveItem.getByText(hiddenRefusal(PERSPECTIVE, "only an empty perspective can be deleted"))).toBeVisible();
    await expect(perspectiveItem.getByText(`Delete ${PERSPECTIVE}…`)).toHaveCount(0);
    await expect(main.getByText(CODE)).toHaveCount(0);
    await expectAccessible(analyst);
    await screens(analyst, "strategy-editor-hidden-perspective");
  });

  test("an executive gets the 403 page and no link to the editor", async ({ page }) => {
    await signIn(page, DEMO_USERS.exec);
    await page.goto("/scorecards/customer-profiling");
    await expect(page.getByRole("link", { name: "Edit strategy" })).toHaveCount(0);
    const response = await page.goto("/scorecards/customer-profiling/strategy");
    expect(response?.status()).toBe(403);
  });
});
