import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "persona-demo";

export const DEMO_USERS = {
  admin: "admin@demo.test",
  analyst: "analyst@demo.test",
  owner: "owner@demo.test",
  exec: "exec@demo.test",
} as const;

/** An executive restricted to two personas (per-persona access): SMB Owner and Price-Sensitive Shopper. */
export const RESTRICTED_EXEC = "exec.restricted@demo.test";
/** An analyst restricted to the same two personas: reads their weights, may not recalibrate. */
export const RESTRICTED_ANALYST = "analyst.restricted@demo.test";

/** Signs in through the sign-in form and waits for the signed-in shell. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: /sign in/i }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  await expect(page.getByRole("banner")).toBeVisible();
}

/** How far the page scrolls sideways, in px (0 or less: it fits its width). */
function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** The last few elements that stick out past the page's width, to name on failure. */
function overflowCulprits(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .slice(-3)
      .map((el) => `${el.tagName.toLowerCase()}.${(el.getAttribute("class") ?? "").split(" ").slice(0, 3).join(".")}`),
  );
}

/**
 * The page fits its width (allowing `allowed` px), checked web-first: measured again until the
 * layout settles, because charts and tables re-measure a moment after a resize or a navigation
 * (one measurement straight after setViewportSize could catch a chart still at its old width).
 * An overflow that lasts still fails, naming what sticks out.
 */
export async function expectFitsWidth(page: Page, what: string, allowed = 0): Promise<void> {
  await expect(async () => {
    const overflow = await sidewaysOverflow(page);
    const culprits = overflow > allowed ? await overflowCulprits(page) : [];
    expect(overflow, `${what} scrolls sideways${culprits.length > 0 ? `: ${culprits.join(", ")}` : ""}`).toBeLessThanOrEqual(allowed);
  }).toPass({ timeout: 30_000 });
}
