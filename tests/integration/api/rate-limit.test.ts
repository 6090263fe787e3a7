import { beforeAll, describe, expect, it } from "vitest";
import { GET as getPersonas } from "@/app/api/v1/personas/route";
import { takeRateLimit } from "@/lib/api/rate-limit";
import { getDb } from "@/lib/db";
import { apiRequest, expectProblem, tokenFor } from "./helpers";

// The per-token rate limit: a fixed-window counter row in Postgres, applied by withApiActor to
// every endpoint. This file runs with a limit of 5 requests per hour (read once by lib/env), so
// a window boundary never falls inside the test.
process.env.API_RATE_LIMIT = "5";
process.env.API_RATE_LIMIT_WINDOW_SECONDS = "3600";

let a: Awaited<ReturnType<typeof tokenFor>>;
let b: Awaited<ReturnType<typeof tokenFor>>;
const personas = (secret: string) => getPersonas(apiRequest("/personas", secret), {});

beforeAll(async () => {
  a = await tokenFor("EXECUTIVE");
  b = await tokenFor("ANALYST");
});

describe("rate limit per token", () => {
  it("answers 429 problem+json with Retry-After once a token exceeds the limit; another token is unaffected", async () => {
    for (let i = 0; i < 5; i++) expect((await personas(a.secret)).status).toBe(200);
    const refused = await personas(a.secret);
    const body = await expectProblem(refused, 429, "RATE_LIMITED");
    expect(body.title).toBe("Too Many Requests");
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(refused.headers.get("ratelimit-remaining")).toBe("0");
    expect(JSON.stringify(body)).not.toContain("personas");

    expect((await personas(b.secret)).status).toBe(200);
    expect((await personas(a.secret)).status).toBe(429);

    const db = await getDb();
    expect(await db.apiRateLimit.findUnique({ where: { tokenId: a.tokenId }, select: { count: true } })).toEqual({ count: 7 });
    expect(await db.apiRateLimit.findUnique({ where: { tokenId: b.tokenId }, select: { count: true } })).toEqual({ count: 1 });
  });

  it("counts concurrent requests exactly (one atomic upsert each), as several servers would", async () => {
    const c = await tokenFor("EXECUTIVE");
    const decisions = await Promise.all(Array.from({ length: 12 }, () => takeRateLimit(c.tokenId, { limit: 10, windowSeconds: 3600 })));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(10);
    expect(decisions.map((d) => d.remaining).sort((x, y) => x - y)).toEqual([0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("starts a new window with a fresh count", async () => {
    const c = await tokenFor("EXECUTIVE");
    const db = await getDb();
    for (let i = 0; i < 3; i++) await takeRateLimit(c.tokenId, { limit: 2, windowSeconds: 60 });
    expect((await takeRateLimit(c.tokenId, { limit: 2, windowSeconds: 60 })).allowed).toBe(false);
    // The stored window is an hour old: the next request opens a new one.
    await db.apiRateLimit.update({ where: { tokenId: c.tokenId }, data: { windowStart: new Date(Date.now() - 3_600_000) } });
    const next = await takeRateLimit(c.tokenId, { limit: 2, windowSeconds: 60 });
    expect(next).toMatchObject({ allowed: true, remaining: 1 });
    expect(next.resetSeconds).toBeGreaterThanOrEqual(1);
    expect(next.resetSeconds).toBeLessThanOrEqual(60);
  });

  it("does not count requests without a usable token", async () => {
    const db = await getDb();
    const before = await db.apiRateLimit.count();
    await expectProblem(await getPersonas(apiRequest("/personas", null), {}), 401, "UNAUTHENTICATED");
    expect(await db.apiRateLimit.count()).toBe(before);
  });
});
