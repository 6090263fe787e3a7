import { expect, type Locator, type Page } from "@playwright/test";
import { addPeriods, quarterStart } from "../../lib/scoring/periods";

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

/**
 * The demo's last month with data in this run ('YYYY-MM-01'): playwright.config.ts fixes it and
 * seeds the server with it. Specs derive the months they visit and the texts they expect from it.
 */
export const DEMO_END_PERIOD = process.env.E2E_DEMO_END_PERIOD ?? "";
if (!DEMO_END_PERIOD) throw new Error("E2E_DEMO_END_PERIOD is unset: run the specs through playwright.config.ts");

const monthName = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

export interface DemoMonth {
  /** 'YYYY-MM', as in ?period= */
  param: string;
  /** 'October 2026' (a quarter: 'Q4 2026') */
  label: string;
}

/** The month `n` months before the demo's last one (the catalogue dates its story the same way). */
export function demoMonth(monthsBeforeEnd = 0): DemoMonth {
  const key = addPeriods(DEMO_END_PERIOD, "MONTHLY", -monthsBeforeEnd);
  return { param: key.slice(0, 7), label: monthName.format(new Date(`${key}T00:00:00Z`)) };
}

/** The quarter `n` quarters before the one holding the demo's last month: param '2026-04', label 'Q2 2026'. */
export function demoQuarter(quartersBeforeEnd = 0): DemoMonth {
  const key = addPeriods(quarterStart(DEMO_END_PERIOD), "QUARTERLY", -quartersBeforeEnd);
  return { param: key.slice(0, 7), label: `Q${(Number(key.slice(5, 7)) + 2) / 3} ${key.slice(0, 4)}` };
}

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

/** The line a wide table's box (components/ui/scroll-region.tsx) shows while the table is wider than the box. */
export const SCROLL_HINT = "Scroll sideways to see all columns";

/**
 * A table wider than its box says so and scrolls with the keyboard: the hint above the box is visible,
 * the named region is in the tab order, and ArrowRight on it scrolls it. Returns the region, scrolled.
 */
export async function expectScrollsSideways(page: Page, region: Locator): Promise<Locator> {
  await expect(region).toHaveAttribute("tabindex", "0");
  // The hint sits above the box that holds the scrolling region and its fade.
  await expect(region.locator("xpath=../..").getByText(SCROLL_HINT)).toBeVisible();
  await region.focus();
  await expect(region).toBeFocused();
  for (let i = 0; i < 20; i++) await page.keyboard.press("ArrowRight");
  await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  return region;
}
