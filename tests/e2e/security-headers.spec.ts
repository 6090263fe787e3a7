import { expect, test, type Page } from "@playwright/test";
import { DEMO_USERS, signIn } from "./helpers";

// Security headers (issue 13, OWASP ASVS 4.0 V14.4) on pages and API answers, and a page policy
// strict enough to matter (a fresh nonce per request, no 'unsafe-inline' for scripts) that the
// app still runs under: no CSP violation while signing in and using interactive screens.

function directives(policy: string | null): Map<string, string> {
  return new Map(
    (policy ?? "")
      .split(";")
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(/\s+/)[0]!, d.slice(d.indexOf(" ") + 1)] as const),
  );
}

function collectViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) violations.push(message.text());
  });
  page.on("pageerror", (error) => violations.push(String(error)));
  return violations;
}

test.describe("security headers", () => {
  test("a page carries a nonce policy, fresh on every request, and the other headers", async ({ request }) => {
    const first = await request.get("/sign-in");
    const second = await request.get("/sign-in");
    expect(first.status()).toBe(200);
    const policy = directives(first.headers()["content-security-policy"] ?? null);
    const script = policy.get("script-src") ?? "";
    expect(script).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
    expect(script).not.toContain("unsafe-inline");
    expect(policy.get("frame-ancestors")).toBe("'none'");
    expect(policy.get("object-src")).toBe("'none'");
    const nonceOf = (h: string | undefined) => /'nonce-([^']+)'/.exec(h ?? "")?.[1];
    expect(nonceOf(second.headers()["content-security-policy"])).not.toBe(nonceOf(first.headers()["content-security-policy"]));
    // The nonce the policy names is the one on the page's scripts.
    const html = await first.text();
    expect(html).toContain(`nonce="${nonceOf(first.headers()["content-security-policy"])}"`);
    const headers = first.headers();
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"]).toContain("camera=()");
    expect(headers["x-powered-by"]).toBeUndefined();
    // Served over plain http in this test: no HSTS (it would be a lie the browser remembers).
    expect(headers["strict-transport-security"]).toBeUndefined();
  });

  test("an API answer and a redirect carry them too", async ({ request }) => {
    const health = await request.get("/api/health");
    expect(directives(health.headers()["content-security-policy"] ?? null).get("default-src")).toBe("'none'");
    expect(health.headers()["x-content-type-options"]).toBe("nosniff");
    const api = await request.get("/api/v1/scorecards");
    expect(api.status()).toBe(401);
    expect(api.headers()["x-content-type-options"]).toBe("nosniff");
    const redirect = await request.get("/scorecards", { maxRedirects: 0 });
    expect(redirect.status()).toBe(307);
    expect(redirect.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  });

  test("HSTS when the request came over HTTPS (as a TLS-terminating proxy says)", async ({ request }) => {
    const answer = await request.get("/sign-in", { headers: { "x-forwarded-proto": "https" } });
    expect(answer.headers()["strict-transport-security"]).toMatch(/^max-age=\d{7,}/);
  });

  test("the app runs under the policy: sign-in, heatmap, strategy map and the entry grid without a violation", async ({ page }) => {
    test.setTimeout(180_000);
    const violations = collectViolations(page);
    await signIn(page, DEMO_USERS.owner);
    await page.goto("/entry");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.goto("/scorecards");
    await page.getByRole("link").filter({ hasText: /Customer Profiling|Persona Balanced Scorecard/ }).first().click();
    await expect(page.getByRole("table").first()).toBeVisible();
    // Interactive: sorting is client-side React, so it only works if the scripts ran.
    const column = page.locator("th[aria-sort]").first();
    const before = (await column.getAttribute("aria-sort")) ?? "none";
    await column.getByRole("button").click();
    await expect(column).not.toHaveAttribute("aria-sort", before);
    expect(violations).toEqual([]);
  });
});
