import { expect, test } from "@playwright/test";
import { DEMO_USERS, expectFitsWidth, signIn } from "./helpers";

test.describe("overview", () => {
  test("shows the seeded scorecards and every active persona with a real score", async ({ page }) => {
    await signIn(page, DEMO_USERS.exec);
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Customer Profiling", level: 3 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Persona Balanced Scorecard", level: 3 })).toBeVisible();

    // At least the four seeded active personas (the persona workspace spec may add one).
    const rows = page.locator("tbody tr");
    expect(await rows.count()).toBeGreaterThanOrEqual(4);
    for (const name of ["Enterprise IT Buyer", "SMB Owner", "Expert Power User", "Price-Sensitive Shopper"]) {
      const row = page.getByRole("row", { name: new RegExp(name) });
      await expect(row).toBeVisible();
      // Each cell carries a whole-number score and a worded status, never an empty placeholder.
      const cells = row.getByRole("cell");
      await expect(cells).toHaveCount(2);
      for (const cell of await cells.all()) {
        await expect(cell).toContainText(/\b\d{1,3}\b/);
        await expect(cell).toContainText(/On track|At risk|Off track/);
        await expect(cell).toContainText(/% of KPI weight reported/);
      }
    }
    // Draft and sunset personas are not scored and not listed.
    // (Outside the scores: a draft may be listed as overdue for review.)
    const scored = page.getByRole("region", { name: "Active personas" });
    await expect(scored.getByText("Public Sector")).toHaveCount(0);
    await expect(page.getByText(/\d+ draft and \d+ sunset personas? (is|are) not scored/)).toBeVisible();
  });

  test("fits a 360 px wide screen with the menu folded", async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 800 });
    await signIn(page, DEMO_USERS.exec);
    await page.goto("/");
    await expectFitsWidth(page, "/ at 360 px");
    await page.getByText("Menu").click();
    await expect(page.getByRole("link", { name: "Overview" }).last()).toBeVisible();
  });

  test("health reports the database kind and its migration", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ status: "ok", database: process.env.TEST_DATABASE_URL ? "postgres" : "embedded" });
    expect(body.migration).toMatch(/^\d{14}_[a-z0-9_]+$/);
  });

  test("an unknown page answers 404 with a way back", async ({ page }) => {
    await signIn(page, DEMO_USERS.exec);
    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "This page does not exist" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Back to the overview" })).toBeVisible();
  });
});
