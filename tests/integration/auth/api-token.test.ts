import { describe, expect, it } from "vitest";
import { actorFromBearer, LAST_USED_RESOLUTION_MS } from "@/lib/auth/api-token";
import { createApiToken } from "@/lib/commands/tokens/create-api-token";
import { revokeApiToken } from "@/lib/commands/tokens/revoke-api-token";
import { getDb } from "@/lib/db";
import { actorOf, makeUser } from "../commands/fixtures";

// actorFromBearer: a valid token is its active user's Actor; anything else is null.

const request = (authorization?: string) =>
  new Request("http://localhost/api/v1/scorecards", { headers: authorization === undefined ? {} : { authorization } });

async function issue(role: "ADMIN" | "EXECUTIVE" = "EXECUTIVE", expiresOn: string | null = null) {
  const user = await makeUser({ role });
  const actor = actorOf(user);
  const result = await createApiToken(actor, { name: "Test", expiresOn });
  if (!result.ok) throw new Error(result.message);
  return { user, actor, secret: result.data.secret, id: result.data.token.id };
}

describe("actorFromBearer", () => {
  it("resolves a valid token to the Actor of its user", async () => {
    const { actor, secret } = await issue("ADMIN");
    expect(await actorFromBearer(request(`Bearer ${secret}`))).toEqual({ ...actor, restrictedToPersonaIds: null });
    expect(await actorFromBearer(request(`bearer   ${secret}`))).toEqual({ ...actor, restrictedToPersonaIds: null });
  });

  it("is null without a header, with another scheme, a malformed or an unknown token", async () => {
    const { secret } = await issue();
    expect(await actorFromBearer(request())).toBeNull();
    expect(await actorFromBearer(request(`Basic ${secret}`))).toBeNull();
    expect(await actorFromBearer(request("Bearer"))).toBeNull();
    expect(await actorFromBearer(request(`Bearer ${secret}x`))).toBeNull();
    expect(await actorFromBearer(request(`Bearer psk_${"A".repeat(43)}`))).toBeNull();
  });

  it("is null for a revoked token", async () => {
    const { actor, secret, id } = await issue();
    expect(await revokeApiToken(actor, { tokenId: id })).toMatchObject({ ok: true });
    expect(await actorFromBearer(request(`Bearer ${secret}`))).toBeNull();
  });

  it("is null once the token has expired", async () => {
    // Two days ahead, not tomorrow: run just before midnight UTC, "tomorrow" would be today by the
    // time the command checks it is in the future, or by the time the token is read without a clock.
    const expiresOn = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const { actor, secret } = await issue("EXECUTIVE", expiresOn);
    expect(await actorFromBearer(request(`Bearer ${secret}`))).toEqual({ ...actor, restrictedToPersonaIds: null });
    const expiry = new Date(`${expiresOn}T00:00:00.000Z`);
    expect(await actorFromBearer(request(`Bearer ${secret}`), new Date(expiry.getTime() - 1))).toEqual({ ...actor, restrictedToPersonaIds: null });
    expect(await actorFromBearer(request(`Bearer ${secret}`), expiry)).toBeNull();
  });

  it("is null when the token's user is deactivated", async () => {
    const { user, secret } = await issue();
    const db = await getDb();
    await db.user.update({ where: { id: user.id }, data: { active: false } });
    expect(await actorFromBearer(request(`Bearer ${secret}`))).toBeNull();
  });

  it("records lastUsedAt at most once a minute", async () => {
    const { secret, id } = await issue();
    const db = await getDb();
    const lastUsed = async () => (await db.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt;
    expect(await lastUsed()).toBeNull();
    const t0 = new Date("2030-01-01T12:00:00.000Z");
    await actorFromBearer(request(`Bearer ${secret}`), t0);
    expect(await lastUsed()).toEqual(t0);
    await actorFromBearer(request(`Bearer ${secret}`), new Date(t0.getTime() + LAST_USED_RESOLUTION_MS - 1));
    expect(await lastUsed()).toEqual(t0);
    const t1 = new Date(t0.getTime() + LAST_USED_RESOLUTION_MS);
    await actorFromBearer(request(`Bearer ${secret}`), t1);
    expect(await lastUsed()).toEqual(t1);
  });
});
