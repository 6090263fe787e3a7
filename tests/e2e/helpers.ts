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
