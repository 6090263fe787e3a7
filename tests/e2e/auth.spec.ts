import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_USERS, expectFitsWidth, expectScrollsSideways, SCROLL_HINT, signIn } from "./helpers";

// Sign-in, role-shaped navigation, the 403 page, and user administration end to end.

async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`)).toEqual([]);
}

const mainNav = (page: Page) => page.getByRole("navigation", { name: "Main" }).first();

const NAVIGATION: Record<keyof typeof DEMO_USERS, { sees: string[]; doesNotSee: string[] }> = {
  admin: { sees: ["Overview", "Enter values", "Users", "Departments", "Audit log"], doesNotSee: [] },
  analyst: { sees: ["Overview"], doesNotSee: ["Enter values", "Users", "Departments", "Audit log"] },
  owner: { sees: ["Overview", "Enter values"], doesNotSee: ["Users", "Departments", "Audit log"] },
  exec: { sees: ["Overview"], doesNotSee: ["Enter values", "Users", "Departments", "Audit log"] },
};

test.describe("sign-in and roles", () => {
  for (const [who, expected] of Object.entries(NAVIGATION) as [keyof typeof DEMO_USERS, (typeof NAVIGATION)["admin"]][]) {
    test(`${who} signs in and sees the navigation of their role`, async ({ page }) => {
      await signIn(page, DEMO_USERS[who]);
      const nav = mainNav(page);
      for (const label of expected.sees) await expect(nav.getByRole("link", { name: label, exact: true })).toBeVisible();
      for (const label of expected.doesNotSee) await expect(nav.getByRole("link", { name: label, exact: true })).toHaveCount(0);
    });
  }

  test("a wrong password is refused with a message", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(DEMO_USERS.analyst);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "That email and password do not match" })).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByLabel("Email")).toHaveValue(DEMO_USERS.analyst);
  });

  test("empty fields are named beside the fields", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("Enter your email address.")).toBeVisible();
    await expect(page.getByText("Enter your password.")).toBeVisible();
  });

  test("five failures pause sign-in for that email, with a clear message", async ({ page }) => {
    const email = `nobody-${Date.now()}@demo.test`;
    await page.goto("/sign-in");
    for (let attempt = 1; attempt <= 5; attempt++) {
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(`wrong-${attempt}`);
      await page.getByRole("button", { name: "Sign in" }).click();
      const expected = attempt < 5 ? "That email and password do not match" : "Too many failed sign-ins";
      await expect(page.getByRole("alert").filter({ hasText: expected })).toBeVisible();
    }
    await expect(page.getByRole("alert").filter({ hasText: "try again in 15 minutes" })).toBeVisible();
  });

  test("an anonymous visitor is sent to sign in and comes back afterwards", async ({ page }) => {
    await page.goto("/account");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Faccount$/);
    await page.getByLabel("Email").fill(DEMO_USERS.owner);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "My account", level: 1 })).toBeVisible();
  });

  test("an executive opening the user administration gets the 403 page", async ({ page }) => {
    await signIn(page, DEMO_USERS.exec);
    const response = await page.goto("/admin/users");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Back to the overview" })).toBeVisible();
    // No user data on the page.
    await expect(page.getByText(DEMO_USERS.admin)).toHaveCount(0);
  });

  test("an executive opening the entry grid gets the 403 page, with no values on it", async ({ page }) => {
    await signIn(page, DEMO_USERS.exec);
    const response = await page.goto("/entry");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
    await expect(page.getByRole("table")).toHaveCount(0);
  });

  test("signing out ends the session", async ({ page }) => {
    await signIn(page, DEMO_USERS.analyst);
    await page.goto("/sign-out");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await page.goto("/account");
    await expect(page).toHaveURL(/\/sign-in/);
  });
});

test.describe("user administration", () => {
  test("an admin creates a user, who signs in with the temporary password and chooses their own", async ({ page, browser }) => {
    // Unique per run: the e2e database may outlive one run.
    const stamp = Date.now().toString(36);
    const name = `Nora New ${stamp}`;
    const email = `new.analyst.${stamp}@demo.test`;
    await signIn(page, DEMO_USERS.admin);
    await page.goto("/admin/users");
    await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();

    // A refused submission keeps the values and names the field.
    const form = page.getByRole("form", { name: "Create a user" });
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("Email").fill("not-an-email");
    await form.getByRole("button", { name: "Create user" }).click();
    await expect(form.getByText("Enter an email address such as name@example.com.")).toBeVisible();
    await expect(form.getByLabel("Name")).toHaveValue(name);

    await form.getByLabel("Email").fill(email);
    await form.getByLabel("Role").selectOption({ label: "Analyst" });
    await form.getByRole("button", { name: "Create user" }).click();
    await expect(page.getByRole("status").filter({ hasText: `${name} can now sign in` })).toBeVisible();
    const temporaryPassword = (await page.getByTestId("temporary-password").textContent())!.trim();
    expect(temporaryPassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    await expect(page.getByRole("link", { name })).toBeVisible();

    // The new user, in a browser of their own.
    const context = await browser.newContext();
    const newcomer = await context.newPage();
    await signIn(newcomer, email, temporaryPassword);
    await expect(mainNav(newcomer).getByRole("link", { name: "Users", exact: true })).toHaveCount(0);
    await newcomer.goto("/account");
    await expect(newcomer.getByText("You signed in with a temporary password")).toBeVisible();
    const passwordForm = newcomer.getByRole("form", { name: "Change my password" });
    await passwordForm.getByLabel("Current password").fill(temporaryPassword);
    await passwordForm.getByLabel(/^New password(?! again)/).fill("nora's own passphrase");
    await passwordForm.getByLabel("New password again").fill("nora's own passphrase");
    await passwordForm.getByRole("button", { name: "Change password" }).click();
    await expect(newcomer.getByRole("status").filter({ hasText: "Your password has been changed" })).toBeVisible();
    await context.close();

    // The audit log shows both changes, with before and after.
    await page.goto("/admin/audit?entity=User");
    await expect(page.getByText("user.create").first()).toBeVisible();
    await expect(page.getByText("account.password.change").first()).toBeVisible();
  });

  test("an admin deactivates a user, whose open session stops working", async ({ page, browser }) => {
    const stamp = Date.now().toString(36);
    const name = `Leo Leaver ${stamp}`;
    const email = `leaver.${stamp}@demo.test`;
    await signIn(page, DEMO_USERS.admin);
    await page.goto("/admin/users");
    const form = page.getByRole("form", { name: "Create a user" });
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("Email").fill(email);
    await form.getByRole("button", { name: "Create user" }).click();
    const temporaryPassword = (await page.getByTestId("temporary-password").textContent())!.trim();

    const context = await browser.newContext();
    const leaver = await context.newPage();
    await signIn(leaver, email, temporaryPassword);

    await page.getByRole("link", { name }).click();
    await page.getByText(`Deactivate ${name}…`).click();
    await page.getByRole("button", { name: `Yes, deactivate ${name}` }).click();
    await expect(page.getByRole("status").filter({ hasText: "User deactivated" })).toBeVisible();

    await leaver.goto("/");
    await expect(leaver).toHaveURL(/\/sign-in/);
    await context.close();
  });
});

test.describe("small screens", () => {
  test("sign-in, account and admin screens fit 360 px without sideways scrolling", async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto("/sign-in");
    await expectFitsWidth(page, "/sign-in");
    await page.getByLabel("Email").fill(DEMO_USERS.admin);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Menu")).toBeVisible();
    for (const path of ["/account", "/admin/users", "/admin/departments", "/admin/audit", "/entry"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectFitsWidth(page, path);
    }
    // A user's own page too.
    await page.goto("/admin/users");
    await page.locator('a[href^="/admin/users/"]').first().click();
    await expect(page.getByRole("heading", { name: "Details and role" })).toBeVisible();
    await expectFitsWidth(page, "a user's page");
  });

  test("at 360 px an audit event's before/after table says it scrolls sideways and scrolls with the keyboard; at 1280 px it fits and says nothing", async ({ page }) => {
    await signIn(page, DEMO_USERS.admin);
    await page.setViewportSize({ width: 360, height: 800 });
    // The demo seed's event: its row counts have long field names, wider than the screen with their values.
    await page.goto("/admin/audit?entity=DemoData");
    const event = page.getByRole("listitem").filter({ hasText: "demo.seed" }).first();
    await event.locator("summary").click();
    await expectScrollsSideways(page, event.getByRole("region", { name: /^Before and after: demo\.seed on DemoData, / }));
    await expectAccessible(page);
    await expectFitsWidth(page, "/admin/audit at 360 px");

    await page.setViewportSize({ width: 1280, height: 900 });
    await expect(event.getByText(SCROLL_HINT)).toHaveCount(0);
    await expect(event.getByRole("region")).toHaveCount(0);
    await expect(event.getByRole("table", { name: "Values before and after demo.seed" })).toBeVisible();
  });
});
