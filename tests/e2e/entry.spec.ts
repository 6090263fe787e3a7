import { expect, test, type Page } from "@playwright/test";
import { DEMO_USERS, expectFitsWidth, signIn } from "./helpers";

// The entry grid end to end: an owner fills cells by keyboard in the current month (the demo
// data ends before it, so its cells are empty), is asked for a comment on a RED value, and
// finds the values again after a reload. Plus the 403 page and the 360 px layout.

function currentMonth(): { param: string; label: string } {
  const now = new Date();
  const param = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, "0")}`;
  const label = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(now);
  return { param, label };
}

/** The input of one cell, by its accessible name "<KPI name>, <persona name>, <period>". */
const cell = (page: Page, kpi: string, persona: string) => page.getByRole("textbox", { name: new RegExp(`^${kpi}, ${persona}, `) });

test.describe("entry grid", () => {
  test("an owner fills three cells by keyboard, adds a comment to a RED value, and sees the values after a reload", async ({ page }) => {
    const month = currentMonth();
    await signIn(page, DEMO_USERS.owner);
    await page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "Enter values" }).click();
    await expect(page.getByRole("heading", { name: "Enter values", level: 1 })).toBeVisible();
    await page.goto(`/entry?period=${month.param}`);
    await expect(page.getByRole("heading", { name: month.label, level: 2 })).toBeVisible();

    // Customer retention ratio (percent, higher is better; red at or below the persona's red line).
    const first = cell(page, "Customer retention ratio", "Enterprise IT Buyer");
    await expect(first).toHaveAccessibleName(`Customer retention ratio, Enterprise IT Buyer, ${month.label}`);
    await first.click();
    await page.keyboard.type("93.5");
    await page.keyboard.press("Enter"); // saves and moves down
    const below = page.locator(":focus");
    await expect(below).toHaveAccessibleName(new RegExp(`, Enterprise IT Buyer, `));
    await expect(first.locator("xpath=ancestor::td")).toContainText("Saved");

    // Back up, then right: the next persona's cell of the same KPI, by arrow keys.
    await page.keyboard.press("ArrowUp");
    await expect(first).toBeFocused();
    await page.keyboard.press("ArrowRight");
    const second = page.locator("#entry-cell-0-1");
    await expect(second).toBeFocused();
    await expect(second).toHaveAccessibleName(/^Customer retention ratio, Expert Power User, /);
    await page.keyboard.type("91");
    await page.keyboard.press("Tab"); // Tab moves on and saves
    const third = page.locator("#entry-cell-0-2");
    await expect(third).toBeFocused();
    await expect(third).toHaveAccessibleName(/^Customer retention ratio, SMB Owner, /);
    await expect(second.locator("xpath=ancestor::td")).toContainText("Saved");

    // A RED value: the grid asks for a comment before saving.
    await page.keyboard.type("40");
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Add a comment before saving" });
    await expect(dialog).toBeVisible();
    const comment = dialog.getByRole("textbox", { name: /Comment/ });
    await expect(comment).toBeFocused();
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog.getByText("Add a comment: what happened")).toBeVisible();
    await comment.fill("Churn after the October price change; win-back calls started.");
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog).toBeHidden();
    await expect(third.locator("xpath=ancestor::td")).toContainText("Saved");
    await expect(third.locator("xpath=ancestor::td")).toContainText("Off track");

    await page.reload();
    await expect(cell(page, "Customer retention ratio", "Enterprise IT Buyer")).toHaveValue("93.5");
    await expect(cell(page, "Customer retention ratio", "Expert Power User")).toHaveValue("91");
    const red = cell(page, "Customer retention ratio", "SMB Owner");
    await expect(red).toHaveValue("40");
    await expect(red.locator("xpath=ancestor::td")).toContainText("Off track");
    await expect(red.locator("xpath=ancestor::td")).toContainText("Sam Okafor");
  });

  test("not available with a reason, a pasted column, and a conflict resolved by overwriting knowingly", async ({ page, browser }) => {
    const month = currentMonth();
    await signIn(page, DEMO_USERS.owner);
    await page.goto(`/entry?period=${month.param}`);

    // Alt+N: not available, with a reason.
    const na = page.locator("#entry-cell-1-0");
    await na.click();
    await page.keyboard.press("Alt+n");
    const naDialog = page.getByRole("dialog", { name: "Mark the value not available" });
    await naDialog.getByRole("textbox", { name: /Why is it not available/ }).fill("CRM export failed overnight.");
    await naDialog.getByRole("button", { name: "Mark not available" }).click();
    await expect(naDialog).toBeHidden();
    await expect(na.locator("xpath=ancestor::td")).toContainText("Not available: CRM export failed overnight.");

    // A column pasted from a spreadsheet fills the cells downwards; a cell with a saved value
    // (the quarter already has one) is not changed without a reason, nor a RED one without a comment.
    const pasteInto = page.locator("#entry-cell-1-1");
    await pasteInto.focus();
    await pasteInto.evaluate((el) => {
      const data = new DataTransfer();
      data.setData("text/plain", "27\r\n26.5\r\n");
      el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await expect(pasteInto).toHaveValue("27");
    await expect(pasteInto.locator("xpath=ancestor::td")).toContainText("Saved");
    await expect(page.locator("#entry-cell-2-1")).toHaveValue("26.5");
    await expect(page.locator("#entry-cell-2-1").locator("xpath=ancestor::td")).toContainText("Needs a comment and a reason for the change");

    // An admin saves a cell the owner has open; the owner's save then meets a conflict.
    const context = await browser.newContext();
    const adminPage = await context.newPage();
    await signIn(adminPage, DEMO_USERS.admin);
    await adminPage.goto(`/entry?period=${month.param}`);
    await adminPage.getByLabel("Owner", { exact: true }).selectOption({ label: "Sam Okafor" });
    await adminPage.getByRole("button", { name: "Show" }).click();
    const theirs = adminPage.locator("#entry-cell-1-2");
    await expect(theirs).toHaveAccessibleName(/^Share of customers with rising buying frequency, SMB Owner, /);
    await theirs.fill("22");
    await theirs.press("Enter");
    await expect(theirs.locator("xpath=ancestor::td")).toContainText("Saved");
    await context.close();

    const mine = page.locator("#entry-cell-1-2");
    await mine.fill("23");
    await mine.press("Enter");
    const conflict = page.getByRole("dialog", { name: "Someone else saved this value" });
    await expect(conflict).toBeVisible();
    await expect(conflict).toContainText("22");
    await expect(conflict).toContainText("Saved by Alex Morgan");
    await conflict.getByRole("button", { name: "Overwrite with mine" }).click();
    await expect(conflict.getByText("Say why the saved value changes.")).toBeVisible();
    await conflict.getByRole("textbox", { name: /Reason for the change/ }).fill("Alex used last month's export.");
    await conflict.getByRole("button", { name: "Overwrite with mine" }).click();
    await expect(conflict).toBeHidden();
    await expect(mine.locator("xpath=ancestor::td")).toContainText("Saved");
    await page.reload();
    await expect(page.locator("#entry-cell-1-2")).toHaveValue("23");
  });

  test("Escape restores the saved value, and a value out of bounds is refused in the cell, keeping what was typed", async ({ page }) => {
    await signIn(page, DEMO_USERS.owner);
    await page.goto("/entry");
    const input = cell(page, "Customer retention ratio", "Price-Sensitive Shopper");
    const saved = await input.inputValue();
    await input.click();
    await page.keyboard.type("250");
    await page.keyboard.press("Escape");
    await expect(input).toHaveValue(saved);
    await page.keyboard.type("250");
    await page.keyboard.press("Enter");
    await expect(input).toHaveValue("250");
    await expect(input.locator("xpath=ancestor::td")).toContainText("a percentage from 0 to 100");
    await expect(input).toHaveAttribute("aria-invalid", "true");
  });

  test("an executive and an analyst get the 403 page", async ({ browser }) => {
    for (const who of [DEMO_USERS.exec, DEMO_USERS.analyst]) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await signIn(page, who);
      const response = await page.goto("/entry");
      expect(response?.status(), who).toBe(403);
      await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
      await context.close();
    }
  });

  test("screenshots at 1280 and 360 px: the KPI column stays while the grid scrolls sideways", async ({ page }, testInfo) => {
    await signIn(page, DEMO_USERS.owner);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto("/entry");
    await expect(page.getByRole("table")).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath("entry-1280.png"), fullPage: true });

    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto("/entry");
    await expect(page.getByRole("table")).toBeVisible();
    await expectFitsWidth(page, "/entry at 360 px");
    await page.screenshot({ path: testInfo.outputPath("entry-360.png"), fullPage: true });
    const region = page.getByRole("region", { name: /Values for/ });
    await region.evaluate((el) => el.scrollBy({ left: 400 }));
    const header = page.getByRole("rowheader").first();
    const box = await header.boundingBox();
    expect(box?.x ?? -1).toBeGreaterThanOrEqual(0);
    expect(box?.x ?? 99).toBeLessThan(40);
    await page.screenshot({ path: testInfo.outputPath("entry-360-scrolled.png") });
  });
});
