import { expect, test } from "@playwright/test";
import { DEMO_USERS, demoMonth, signIn } from "./helpers";

// The REST API on the production build: the public OpenAPI document, 401 without a token, and a
// token created on /account/tokens reading KPIs and paging through values with the cursor.

test.describe("REST API /api/v1", () => {
  test("serves openapi.json without a token and refuses data without one", async ({ request }) => {
    const doc = await request.get("/api/v1/openapi.json");
    expect(doc.status()).toBe(200);
    const body = await doc.json();
    expect(body.openapi).toMatch(/^3\.1\./);
    expect(Object.keys(body.paths)).toEqual(expect.arrayContaining(["/kpis", "/measurements", "/openapi.json"]));

    const refused = await request.get("/api/v1/kpis");
    expect(refused.status()).toBe(401);
    expect(refused.headers()["content-type"]).toBe("application/problem+json");
    expect((await refused.json()).code).toBe("UNAUTHENTICATED");
  });

  test("a token from /account/tokens reads KPIs with thresholds and pages through values", async ({ page, request }) => {
    test.setTimeout(180_000);
    await signIn(page, DEMO_USERS.owner);
    await page.goto("/account/tokens");
    await page.getByLabel("Name", { exact: true }).fill("e2e API");
    await page.getByRole("button", { name: "Create token" }).click();
    const secret = await page.getByLabel("Your new token").inputValue();
    expect(secret).toMatch(/^psk_/);
    const headers = { authorization: `Bearer ${secret}` };

    const kpis = await request.get(`/api/v1/kpis?period=${demoMonth(1).param}`, { headers });
    expect(kpis.status()).toBe(200);
    const list = await kpis.json();
    expect(list.period).toBe(`${demoMonth(1).param}-01`);
    expect(list.kpis.length).toBeGreaterThan(0);
    expect(list.kpis[0].thresholds.length).toBeGreaterThan(0);

    const first = await (await request.get("/api/v1/measurements?limit=3", { headers })).json();
    expect(first.measurements).toHaveLength(3);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await (await request.get(`/api/v1/measurements?limit=3&cursor=${first.nextCursor}`, { headers })).json();
    expect(second.measurements).toHaveLength(3);
    const key = (m: { kpi: string; persona: string; period: string }) => `${m.kpi}|${m.persona}|${m.period}`;
    expect(second.measurements.map(key)).not.toContain(first.measurements.map(key)[0]);

    const bad = await request.get("/api/v1/measurements?limit=0", { headers });
    expect(bad.status()).toBe(400);
    expect(Object.keys((await bad.json()).errors)).toEqual(["limit"]);
  });
});
