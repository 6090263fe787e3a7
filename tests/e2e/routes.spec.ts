import { expect, test } from "@playwright/test";
import { DEMO_USERS, demoMonth, signIn } from "./helpers";

// Months of the demo (its last one with data, and counted back from it).
const LAST = demoMonth(0).param;
const BEFORE_LAST = demoMonth(1).param;
const FOUR_BEFORE_LAST = demoMonth(4).param;

// The authorization table: every screen and export, for every role and for an anonymous
// visitor. Add each new route here with the statuses each role must get.

type Who = keyof typeof DEMO_USERS;
const ALL: Who[] = ["admin", "analyst", "owner", "exec"];

interface RouteCase {
  path: string;
  /** Roles that get 200; the others get 403. */
  allowed: Who[];
  /** What an anonymous visitor gets: a redirect to sign-in (pages) or 401 (files and APIs). */
  anonymous: "sign-in" | 401;
}

const ROUTES: RouteCase[] = [
  { path: "/", allowed: ALL, anonymous: "sign-in" },
  { path: "/account", allowed: ALL, anonymous: "sign-in" },
  { path: "/account/tokens", allowed: ALL, anonymous: "sign-in" },
  { path: "/scorecards", allowed: ALL, anonymous: "sign-in" },
  { path: `/scorecards/persona-bsc?period=${BEFORE_LAST}&compare=${FOUR_BEFORE_LAST}`, allowed: ALL, anonymous: "sign-in" },
  { path: "/scorecards/customer-profiling?sunset=show", allowed: ALL, anonymous: "sign-in" },
  { path: `/scorecards/persona-bsc/personas/smb-owner?period=${LAST}`, allowed: ALL, anonymous: "sign-in" },
  { path: `/scorecards/persona-bsc/personas/smb-owner/export.csv?period=${LAST}`, allowed: ALL, anonymous: 401 },
  { path: `/scorecards/persona-bsc/map?persona=smb-owner&period=${LAST}`, allowed: ALL, anonymous: "sign-in" },
  { path: "/kpis/BSC-NPS?persona=enterprise-it-buyer", allowed: ALL, anonymous: "sign-in" },
  { path: "/kpis/BSC-NPS/targets", allowed: ALL, anonymous: "sign-in" },
  { path: "/kpis/BSC-NPS/targets?suggest=smb-owner", allowed: ALL, anonymous: "sign-in" },
  { path: "/departments?all", allowed: ALL, anonymous: "sign-in" },
  { path: "/escalations", allowed: ALL, anonymous: "sign-in" },
  { path: "/escalations?status=all&level=1&scorecard=persona-bsc&persona=smb-owner&mine=1", allowed: ALL, anonymous: "sign-in" },
  { path: "/notifications", allowed: ALL, anonymous: "sign-in" },
  { path: "/entry", allowed: ["admin", "owner"], anonymous: "sign-in" },
  { path: "/entry/import", allowed: ["admin", "owner"], anonymous: "sign-in" },
  { path: `/entry/export.csv?from=${BEFORE_LAST}&to=${LAST}`, allowed: ["admin", "owner"], anonymous: 401 },
  { path: "/entry/export.xlsx?kpi=CP-RETENTION", allowed: ["admin", "owner"], anonymous: 401 },
  { path: "/personas", allowed: ALL, anonymous: "sign-in" },
  { path: "/personas?status=sunset", allowed: ALL, anonymous: "sign-in" },
  { path: "/personas/public-sector-procurement", allowed: ALL, anonymous: "sign-in" },
  { path: "/personas/new", allowed: ["admin", "analyst"], anonymous: "sign-in" },
  { path: "/personas/price-sensitive-shopper/merge", allowed: ["admin", "analyst"], anonymous: "sign-in" },
  { path: "/personas/price-sensitive-shopper/reclassify", allowed: ["admin", "analyst"], anonymous: "sign-in" },
  { path: "/scorecards/persona-bsc/weights", allowed: ["admin", "analyst"], anonymous: "sign-in" },
  { path: "/kpis", allowed: ALL, anonymous: "sign-in" },
  { path: "/kpis?status=retired&scorecard=persona-bsc", allowed: ALL, anonymous: "sign-in" },
  { path: "/kpis/proposals", allowed: ALL, anonymous: "sign-in" },
  { path: "/kpis/BSC-COMMUNITY-ANSWERS/review", allowed: ALL, anonymous: "sign-in" },
  { path: "/kpis/new", allowed: ["admin", "analyst"], anonymous: "sign-in" },
  { path: "/kpis/BSC-NPS/edit", allowed: ["admin", "analyst"], anonymous: "sign-in" },
  { path: "/scorecards/persona-bsc/strategy", allowed: ["admin", "analyst"], anonymous: "sign-in" },
  { path: "/scorecards/customer-profiling/strategy", allowed: ["admin", "analyst"], anonymous: "sign-in" },
  { path: "/admin/users", allowed: ["admin"], anonymous: "sign-in" },
  { path: "/admin/departments", allowed: ["admin"], anonymous: "sign-in" },
  { path: "/admin/audit", allowed: ["admin"], anonymous: "sign-in" },
];

// Addresses that do not exist answer 404, never a 500 or an empty page.
const NOT_FOUND = [
  "/scorecards/no-such-card",
  "/scorecards/persona-bsc/personas/no-such-persona",
  "/scorecards/persona-bsc/personas/public-sector-procurement", // a draft persona is never on a scorecard
  "/scorecards/no-such-card/map",
  "/scorecards/persona-bsc/map?persona=public-sector-procurement",
  "/kpis/NO-SUCH-KPI",
  "/kpis/NO-SUCH-KPI/targets",
  "/kpis/NO-SUCH-KPI/review",
  "/departments/no-such-department",
  "/escalations/no-such-escalation",
  "/personas/no-such-persona",
];

test.describe("authorization table", () => {
  test("an anonymous visitor is sent to sign in, or refused with 401 for files", async ({ request }) => {
    for (const route of ROUTES) {
      const response = await request.get(route.path, { maxRedirects: 0 });
      if (route.anonymous === 401) expect(response.status(), route.path).toBe(401);
      else {
        expect(response.status(), route.path).toBe(307);
        expect(response.headers().location, route.path).toContain("/sign-in");
      }
    }
  });

  for (const who of ALL) {
    test(`${who}: each route answers 200 or 403 as the policy says`, async ({ page }) => {
      await signIn(page, DEMO_USERS[who]);
      for (const route of ROUTES) {
        const response = await page.request.get(route.path, { maxRedirects: 0 });
        expect(response.status(), `${who} ${route.path}`).toBe(route.allowed.includes(who) ? 200 : 403);
      }
      for (const path of NOT_FOUND) {
        expect((await page.request.get(path, { maxRedirects: 0 })).status(), `${who} ${path}`).toBe(404);
      }
    });
  }

  test("every role opens an escalation from the inbox; an anonymous visitor is sent to sign in", async ({ browser, request }) => {
    test.setTimeout(180_000); // four sign-ins on a loaded machine
    let href: string | null = null;
    for (const who of ALL) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await signIn(page, DEMO_USERS[who]);
      if (!href) {
        await page.goto("/escalations");
        href = await page.getByRole("table").getByRole("link").first().getAttribute("href");
        expect(href).toMatch(/^\/escalations\/[A-Za-z0-9_-]+$/);
      }
      expect((await page.request.get(href!, { maxRedirects: 0 })).status(), `${who} ${href}`).toBe(200);
      await context.close();
    }
    const anonymous = await request.get(href!, { maxRedirects: 0 });
    expect(anonymous.status()).toBe(307);
    expect(anonymous.headers().location).toContain("/sign-in");
  });

  test("a KPI owner's department view opens their own department", async ({ page }) => {
    await signIn(page, DEMO_USERS.owner);
    await page.goto("/departments");
    await expect(page).toHaveURL(/\/departments\/[^/?]+$/);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  });
});
