import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_USERS, expectFitsWidth, signIn } from "./helpers";

// My account: a user turns the e-mail copies of their notifications off and on again. The choice
// is saved (it survives a reload), announced in the form's message region, and the card is
// keyboard-operable, axe-clean and fits 360 px.

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("an owner turns e-mail notifications off, then on again", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, DEMO_USERS.owner);
  await page.goto("/account");
  const card = page.getByRole("form", { name: "E-mail notifications" });
  await expect(card.getByRole("group", { name: "Send me notifications by e-mail" })).toBeVisible();
  await expect(card.getByText("by e-mail too", { exact: true })).toBeVisible();
  await expect(card.getByRole("radio", { name: "Yes, by e-mail too" })).toBeChecked();
  await axe(page);
  await page.screenshot({ path: "test-results/e2e/account-email-1280.png", fullPage: true });

  // Keyboard: focus the checked radio, arrow to "No", then submit.
  await card.getByRole("radio", { name: "Yes, by e-mail too" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(card.getByRole("radio", { name: "No, in the app only" })).toBeChecked();
  await card.getByRole("button", { name: "Save" }).click();
  await expect(card.getByText("Saved: notifications stay in the app, no e-mail.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("form", { name: "E-mail notifications" }).getByRole("radio", { name: "No, in the app only" })).toBeChecked();
  await expect(page.getByRole("form", { name: "E-mail notifications" }).getByText("in the app only", { exact: true })).toBeVisible();

  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto("/account");
  await expectFitsWidth(page, "/account at 360 px");
  await page.getByRole("form", { name: "E-mail notifications" }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/e2e/account-email-360.png", fullPage: true });

  const again = page.getByRole("form", { name: "E-mail notifications" });
  await again.getByRole("radio", { name: "Yes, by e-mail too" }).check();
  await again.getByRole("button", { name: "Save" }).click();
  await expect(again.getByText("Saved: notifications also come by e-mail.")).toBeVisible();
  await axe(page);
});
