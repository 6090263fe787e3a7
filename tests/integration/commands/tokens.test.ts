import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/commands/tokens/create-api-token";
import { revokeApiToken } from "@/lib/commands/tokens/revoke-api-token";
import { getDb } from "@/lib/db";
import { actorOf, auditEventsFor, makeActor, makeUser, snapshot } from "./fixtures";

// API tokens (issue 10): created for oneself, shown once, stored as a sha-256; revoked by their
// owner or an admin; every change audited in the same transaction.

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe("createApiToken", () => {
  it("creates a token for the actor, returns it once and stores only its sha-256 and prefix", async () => {
    const actor = await makeActor("EXECUTIVE");
    const expiresOn = isoDay(30); // once: a second reading of the clock could fall on the next day
    const result = await createApiToken(actor, { name: "  Monthly report  ", expiresOn });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { secret, token } = result.data;
    expect(secret).toMatch(/^psk_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret.slice(4), "base64url")).toHaveLength(32);
    expect(token.prefix).toBe(secret.slice(0, 12));
    expect(token.name).toBe("Monthly report");
    expect(token.expiresAt).toBe(`${expiresOn}T00:00:00.000Z`);

    const db = await getDb();
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.userId).toBe(actor.id);
    expect(row.tokenHash).toBe(sha256(secret));
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    // The token itself is nowhere: not in the row, not in the audit event.
    expect(JSON.stringify(row)).not.toContain(secret.slice(12));
    const audits = await auditEventsFor(token.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: "token.create", actorId: actor.id, entityType: "ApiToken" });
    expect(audits[0]!.after).toMatchObject({ userId: actor.id, name: "Monthly report", prefix: token.prefix });
    expect(JSON.stringify(audits[0])).not.toContain(secret.slice(12));
    expect(JSON.stringify(audits[0])).not.toContain(row.tokenHash);
  });

  it("gives each token a different secret; no expiry when the date is blank", async () => {
    const actor = await makeActor("KPI_OWNER");
    const a = await createApiToken(actor, { name: "A", expiresOn: "" });
    const b = await createApiToken(actor, { name: "B" });
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.data.secret).not.toBe(b.data.secret);
    expect(a.data.token.expiresAt).toBeNull();
  });

  it("refuses an expiry today or in the past, a bad date, and a blank or too long name, writing nothing", async () => {
    const actor = await makeActor("ANALYST");
    const before = await snapshot();
    for (const expiresOn of [isoDay(0), isoDay(-1), "2020-01-01"]) {
      const result = await createApiToken(actor, { name: "Old", expiresOn });
      expect(result).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { expiresOn: ["Choose a date after today, or leave it blank for no expiry."] } });
    }
    expect(await createApiToken(actor, { name: "Bad", expiresOn: "31/12/2099" })).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { expiresOn: ["Enter a date as YYYY-MM-DD."] } });
    expect(await createApiToken(actor, { name: " " })).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { name: ["Name is required."] } });
    expect(await createApiToken(actor, { name: "x".repeat(81) })).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { name: ["Name can be at most 80 characters."] } });
    expect(await createApiToken(actor, { name: "x".repeat(80) })).toMatchObject({ ok: true });
    const after = await snapshot();
    expect(after.apiTokens).toHaveLength(before.apiTokens.length + 1);
  });

  it("ignores a user id in the input: the token is always the actor's", async () => {
    const actor = await makeActor("EXECUTIVE");
    const other = await makeUser({ role: "ADMIN" });
    const result = await createApiToken(actor, { name: "Sneaky", userId: other.id });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const db = await getDb();
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: result.data.token.id } })).userId).toBe(actor.id);
  });
});

describe("revokeApiToken", () => {
  async function tokenOf(actor: Awaited<ReturnType<typeof makeActor>>) {
    const result = await createApiToken(actor, { name: "Script" });
    if (!result.ok) throw new Error(result.message);
    return result.data.token.id;
  }

  it("lets the owner revoke their token, audited; revoking again changes nothing", async () => {
    const owner = await makeActor("KPI_OWNER");
    const tokenId = await tokenOf(owner);
    const result = await revokeApiToken(owner, { tokenId });
    expect(result).toMatchObject({ ok: true, data: { changed: true } });
    const db = await getDb();
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: tokenId } })).revokedAt).toBeInstanceOf(Date);
    const audits = await auditEventsFor(tokenId);
    expect(audits.map((a) => a.action)).toEqual(["token.create", "token.revoke"]);
    expect(audits[1]).toMatchObject({ actorId: owner.id, before: expect.objectContaining({ revokedAt: null }) });

    expect(await revokeApiToken(owner, { tokenId })).toMatchObject({ ok: true, data: { changed: false } });
    expect(await auditEventsFor(tokenId)).toHaveLength(2);
  });

  it("refuses another user's token to a non-admin, and changes nothing", async () => {
    const owner = await makeActor("ANALYST");
    const tokenId = await tokenOf(owner);
    for (const role of ["ANALYST", "KPI_OWNER", "EXECUTIVE"] as const) {
      const stranger = await makeActor(role);
      const before = await snapshot();
      expect(await revokeApiToken(stranger, { tokenId })).toMatchObject({ ok: false, code: "FORBIDDEN", message: "You can only manage your own API tokens." });
      expect(await snapshot()).toEqual(before);
    }
  });

  it("lets an admin revoke anyone's token, audited with the admin as actor", async () => {
    const owner = await makeActor("EXECUTIVE");
    const admin = actorOf(await makeUser({ role: "ADMIN" }));
    const tokenId = await tokenOf(owner);
    expect(await revokeApiToken(admin, { tokenId })).toMatchObject({ ok: true, data: { changed: true } });
    const audits = await auditEventsFor(tokenId);
    expect(audits.at(-1)).toMatchObject({ action: "token.revoke", actorId: admin.id, after: expect.objectContaining({ userId: owner.id }) });
  });

  it("answers NOT_FOUND for an unknown token", async () => {
    const actor = await makeActor("ADMIN");
    expect(await revokeApiToken(actor, { tokenId: "no-such-token" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });
});
