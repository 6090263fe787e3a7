import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_USERS, demoQuarter, signIn } from "./helpers";

// The escalation inbox end to end on the demo data (the job opened four escalations at start-up,
// and the demo wrote a thread on one): an owner finds theirs first, acknowledges one with an
// action plan, marks a notification read; an executive then sees it acknowledged, with the plan,
// on the persona scorecard. Every screen is checked with axe; screenshots at 1280 and 360 px.

async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`)).toEqual([]);
}

async function screenshots(page: Page, name: string) {
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(500); // let the charts measure their new width before the page is measured
    await page.screenshot({ path: `test-results/screens/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

test.describe("escalation inbox", () => {
  test("an owner acknowledges an escalation with a plan; an executive sees it on the persona scorecard", async ({ browser }) => {
    test.setTimeout(240_000);
    const ownerContext = await browser.newContext();
    const page = await ownerContext.newPage();
    await signIn(page, DEMO_USERS.owner);

    // The header: the bell says how many notifications are unread. The job told the owner of their
    // three escalations; on the embedded database the reminders also run at start-up and may add
    // one for the month's missing values, so: at least three, and the count the list shows below.
    const bell = page.getByRole("link", { name: /^\d+ unread notifications$/ });
    await expect(bell).toBeVisible();
    const unread = Number(/^(\d+)/.exec((await bell.getAttribute("aria-label")) ?? (await bell.innerText()))?.[1]);
    expect(unread).toBeGreaterThanOrEqual(3);
    await expect(page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: /^Escalations\s+\(3 open assigned to you\)$/ })).toBeVisible();

    // The inbox: the owner's three first, then the one assigned to Marta Weber (acknowledged in the demo thread).
    await page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: /^Escalations/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Escalations" })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "4 escalations, 3 assigned to you." })).toBeVisible();
    const rows = page.getByRole("table").getByRole("row");
    await expect(rows).toHaveCount(5);
    for (let i = 1; i <= 3; i++) await expect(rows.nth(i)).toContainText("you");
    await expect(rows.nth(4)).toContainText("Time to resolution");
    await expect(rows.nth(4)).toContainText("Acknowledged");
    await expect(rows.nth(1)).toContainText(/Level 1/);
    await expectAccessible(page);
    await screenshots(page, "escalations");

    // Filters live in the URL; a filter that matches nothing says so and how to get back.
    await page.getByLabel("Status").selectOption("RESOLVED");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/status=RESOLVED/);
    await expect(page.getByRole("heading", { name: "No escalation matches these filters" })).toBeVisible();
    await page.goto("/escalations?persona=enterprise-it-buyer");
    await expect(rows).toHaveCount(2);

    // The escalation: history with thresholds, missing values, the thread; acknowledge with a plan.
    await page.getByRole("table").getByRole("link", { name: "Renewal rate" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Renewal rate for Enterprise IT Buyer" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Breach history" })).toBeVisible();
    await expect(page.getByRole("region", { name: /Breach history table/ }).getByText("in the streak").first()).toBeVisible();
    await expect(page.getByRole("heading", { name: "Missing values" })).toBeVisible();
    await expect(page.getByText(new RegExp(`^Opened at level 1: red for 3 quarters since ${demoQuarter(2).label}`))).toBeVisible();
    const due = inDays(30);
    const form = page.getByRole("form", { name: "Acknowledge the escalation" });
    await form.getByRole("button", { name: "Acknowledge" }).click();
    await expect(form.getByText("Note is required.")).toBeVisible();
    await expect(form.getByLabel("Note")).toBeFocused();
    await form.getByLabel("Note").fill("Two renewals wait on the security questionnaire; one account moved to a competitor.");
    await form.getByLabel("What will be done").fill("Answer the security questionnaire with the CISO and book renewal calls");
    await form.getByLabel("Who").selectOption({ label: "Sam Okafor" });
    await form.getByLabel("By when").fill(due);
    await expectAccessible(page);
    await screenshots(page, "escalation-detail");
    await form.getByRole("button", { name: "Acknowledge" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Acknowledged by Sam Okafor" })).toBeVisible();
    await expect(page.getByText(/^Acknowledged\. Two renewals wait on the security questionnaire/)).toBeVisible();
    await expect(page.getByText(/^Action plan: Answer the security questionnaire with the CISO and book renewal calls/)).toBeVisible();
    // Now acknowledged: the form is gone, an action plan can still be added.
    await expect(page.getByRole("form", { name: "Acknowledge the escalation" })).toHaveCount(0);
    await expect(page.getByRole("form", { name: "Add an action plan" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: /^Escalations\s+\(2 open assigned to you\)$/ })).toBeVisible();

    // Notifications: newest first, unread marked in words; mark one read, then the rest.
    await page.getByRole("link", { name: `${unread} unread notifications` }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
    await expect(page.getByText("Unread", { exact: true })).toHaveCount(unread);
    await expectAccessible(page);
    await screenshots(page, "notifications");
    await page.getByRole("button", { name: /^Mark read/ }).first().click();
    await expect(page.getByRole("link", { name: `${unread - 1} unread notifications` })).toBeVisible();
    await expect(page.getByText("Unread", { exact: true })).toHaveCount(unread - 1);
    await page.getByRole("button", { name: "Mark all read" }).click();
    await expect(page.getByRole("link", { name: "Notifications, none unread" })).toBeVisible();
    await expect(page.getByText("Unread", { exact: true })).toHaveCount(0);
    await ownerContext.close();

    // The executive sees it acknowledged, with the plan, on the persona scorecard, and the demo thread.
    const execContext = await browser.newContext();
    const exec = await execContext.newPage();
    await signIn(exec, DEMO_USERS.exec);
    await exec.goto("/scorecards/persona-bsc/personas/enterprise-it-buyer");
    const open = exec.getByRole("region", { name: "Open escalations" });
    await expect(open.getByText(/acknowledged by Sam Okafor/)).toBeVisible();
    await expect(open.getByText(/Action plan: Answer the security questionnaire with the CISO and book renewal calls \(Sam Okafor, by /)).toBeVisible();
    await expectAccessible(exec);

    await exec.goto("/escalations");
    await exec.getByRole("table").getByRole("link", { name: "Time to resolution" }).click();
    await expect(exec.getByRole("heading", { level: 1, name: "Time to resolution for Expert Power User" })).toBeVisible();
    await expect(exec.getByText(/^Acknowledged\. Two senior agents left the expert queue/)).toBeVisible();
    await expect(exec.getByText(/^Thanks, Marta\./)).toBeVisible();
    await screenshots(exec, "escalation-thread");
    await execContext.close();
  });
});
