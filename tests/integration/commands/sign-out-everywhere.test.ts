import { describe, expect, it } from "vitest";
import { actorFromBearer } from "@/lib/auth/api-token";
import { signOutEverywhere } from "@/lib/commands/account/sign-out-everywhere";
import { createApiToken } from "@/lib/commands/tokens/create-api-token";
import { getDb } from "@/lib/db";
import { auditEventsFor, makeActor, snapshot } from "./fixtures";

// "Sign out everywhere" (issue 13): sessions that began before it stop counting (see
// tests/integration/auth/session.test.ts) and every API token of the user is revoked, at once,
// in one audited transaction; oneself, or anyone by an admin.

const resolveApiToken = (token: string) => actorFromBearer(new Request("http://app.test/api/v1/scorecards", { headers: { authorization: `Bearer ${token}` } }));

async function tokenOf(actor: Awaited<ReturnType<typeof makeActor>>) {
  const created = await createApiToken(actor, { name: "script", expiresOn: "" });
  if (!created.ok) throw new Error(created.message);
  return created.data.secret;
}

describe("signOutEverywhere", () => {
  it("marks the moment sessions must begin after and revokes every token, audited", async () => {
    const actor = await makeActor("KPI_OWNER");
    const [first, second] = [await tokenOf(actor), await tokenOf(actor)];
    expect(await resolveApiToken(first)).not.toBeNull();
    const before = Date.now();
    const result = await signOutEverywhere(actor, { userId: actor.id });
    expect(result).toMatchObject({ ok: true, data: { apiTokensRevoked: 2 } });

    const db = await getDb();
    const user = await db.user.findUniqueOrThrow({ where: { id: actor.id } });
    expect(user.sessionsValidFrom!.getTime()).toBeGreaterThanOrEqual(before);
    expect(await resolveApiToken(first)).toBeNull();
    expect(await resolveApiToken(second)).toBeNull();
    const audits = await auditEventsFor(actor.id);
    expect(audits.at(-1)).toMatchObject({ action: "user.sessions.revoke", actorId: actor.id, entityType: "User" });
    expect(audits.at(-1)!.after).toMatchObject({ apiTokensRevoked: 2 });
  });

  it("lets an admin sign anyone out, and nobody else sign out another user", async () => {
    const admin = await makeActor("ADMIN");
    const owner = await makeActor("KPI_OWNER");
    const analyst = await makeActor("ANALYST");
    const token = await tokenOf(owner);

    const before = await snapshot();
    const refused = await signOutEverywhere(analyst, { userId: owner.id });
    expect(refused).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await snapshot()).toEqual(before);
    expect(await resolveApiToken(token)).not.toBeNull();

    expect(await signOutEverywhere(admin, { userId: owner.id })).toMatchObject({ ok: true, data: { apiTokensRevoked: 1 } });
    expect(await resolveApiToken(token)).toBeNull();
    expect(await signOutEverywhere(admin, { userId: "no-such-user" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });
});
