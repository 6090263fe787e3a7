import { describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { changeOwnPassword } from "@/lib/commands/account/change-own-password";
import { getDb } from "@/lib/db";
import { actorOf, auditEventsFor, KNOWN_PASSWORD, makeUser, ROLES, snapshot } from "./fixtures";

describe("change my password", () => {
  it.each(ROLES)("works for a %s and clears 'must change password'", async (role) => {
    const db = await getDb();
    const user = await makeUser({ role });
    await db.user.update({ where: { id: user.id }, data: { mustChangePassword: true } });
    const result = await changeOwnPassword(actorOf(user), { currentPassword: KNOWN_PASSWORD, newPassword: "a brand new passphrase", confirmPassword: "a brand new passphrase" });
    expect(result).toEqual({ ok: true, data: { user: { id: user.id } } });
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.mustChangePassword).toBe(false);
    expect(await verifyPassword(stored.passwordHash!, "a brand new passphrase")).toBe(true);
    const [event] = await auditEventsFor(user.id);
    expect(event).toMatchObject({ actorId: user.id, action: "account.password.change", before: { mustChangePassword: true }, after: { mustChangePassword: false } });
    expect(JSON.stringify(event)).not.toContain("passphrase");
  });

  it("refuses a wrong current password beside that field, and writes nothing", async () => {
    const user = await makeUser();
    const before = await snapshot();
    const result = await changeOwnPassword(actorOf(user), { currentPassword: "wrong one", newPassword: "a brand new passphrase", confirmPassword: "a brand new passphrase" });
    expect(result).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { currentPassword: ["That is not your current password."] } });
    expect(await snapshot()).toEqual(before);
  });

  it("explains that single sign-on users have no password here", async () => {
    const user = await makeUser({ password: false });
    expect(await changeOwnPassword(actorOf(user), { currentPassword: "x", newPassword: "a brand new passphrase", confirmPassword: "a brand new passphrase" })).toMatchObject({
      ok: false,
      code: "INVALID",
      message: expect.stringMatching(/single sign-on/),
    });
  });

  it("a deactivated user cannot change it", async () => {
    const user = await makeUser({ active: false });
    expect(await changeOwnPassword(actorOf(user), { currentPassword: KNOWN_PASSWORD, newPassword: "a brand new passphrase", confirmPassword: "a brand new passphrase" })).toMatchObject({
      ok: false,
      code: "UNAUTHENTICATED",
    });
  });
});
