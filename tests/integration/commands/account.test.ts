import { describe, expect, it, vi } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { THROTTLE } from "@/lib/auth/throttle";
import { changeOwnPassword } from "@/lib/commands/account/change-own-password";
import { getDb } from "@/lib/db";
import { actorOf, auditEventsFor, KNOWN_PASSWORD, makeUser, ROLES, snapshot } from "./fixtures";

// A test may run something right after the command has verified a password (outside its
// transaction), to place a concurrent write exactly between the check and the write: `run` once,
// after the next verification; `each` after every verification while it is set.
const afterVerify = vi.hoisted(() => ({ run: null as null | (() => Promise<void>), each: null as null | (() => Promise<void>) }));
vi.mock("@/lib/auth/password", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/auth/password")>();
  return {
    ...real,
    verifyPassword: async (hash: string, password: string) => {
      const ok = await real.verifyPassword(hash, password);
      const run = afterVerify.run;
      afterVerify.run = null;
      if (run) await run();
      if (afterVerify.each) await afterVerify.each();
      return ok;
    },
  };
});

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

  it("refuses a wrong current password beside that field, and writes nothing but the throttle record", async () => {
    const user = await makeUser();
    const before = await snapshot();
    const result = await changeOwnPassword(actorOf(user), { currentPassword: "wrong one", newPassword: "a brand new passphrase", confirmPassword: "a brand new passphrase" });
    expect(result).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { currentPassword: ["That is not your current password."] } });
    expect(await snapshot()).toEqual({ ...before, attempts: before.attempts + 1 });
    const db = await getDb();
    expect(await db.signInAttempt.findMany({ where: { email: user.email }, select: { succeeded: true } })).toEqual([{ succeeded: false }]);
  });

  it("throttles wrong current passwords like sign-in: the 5th locks, and then even the right one waits, with the wait named", async () => {
    const user = await makeUser();
    const actor = actorOf(user);
    const attempt = (currentPassword: string) => changeOwnPassword(actor, { currentPassword, newPassword: "a brand new passphrase", confirmPassword: "a brand new passphrase" });
    for (let i = 1; i < THROTTLE.maxFailures; i++) expect(await attempt(`wrong ${i}`)).toMatchObject({ ok: false, code: "INVALID" });
    const locking = await attempt("wrong 5");
    expect(locking).toMatchObject({ ok: false, code: "RATE_LIMITED", message: "Too many wrong passwords. Try again in 15 minutes." });
    expect(locking.ok || locking.fieldErrors.currentPassword).toEqual(["Too many wrong passwords: wait 15 minutes before trying again."]);
    const db = await getDb();
    const hashBefore = (await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash;
    const attemptsBefore = await db.signInAttempt.count({ where: { email: user.email } });
    expect(await attempt(KNOWN_PASSWORD)).toMatchObject({ ok: false, code: "RATE_LIMITED", message: expect.stringMatching(/Try again in 1[45] minutes/) });
    // Refused before verifying: nothing changed, nothing more recorded.
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(hashBefore);
    expect(await db.signInAttempt.count({ where: { email: user.email } })).toBe(attemptsBefore);
    // One limit with sign-in: the email is locked there too.
    expect(await signInWithPassword({ email: user.email, password: KNOWN_PASSWORD })).toMatchObject({ ok: false, reason: "locked" });
    const [locked] = await auditEventsFor(user.id);
    expect(locked).toMatchObject({ action: "account.password.locked", actorId: user.id });
  });

  it("counts sign-in failures too: an email locked at sign-in cannot change its password either", async () => {
    const user = await makeUser();
    for (let i = 0; i < THROTTLE.maxFailures; i++) await signInWithPassword({ email: user.email, password: `nope ${i}` });
    expect(await changeOwnPassword(actorOf(user), { currentPassword: KNOWN_PASSWORD, newPassword: "a brand new passphrase", confirmPassword: "a brand new passphrase" })).toMatchObject({
      ok: false,
      code: "RATE_LIMITED",
    });
  });

  it("refuses the second of two concurrent changes (the hash changed after it was verified), and keeps the first", async () => {
    const user = await makeUser();
    const actor = actorOf(user);
    // Both have verified the current password before either writes: placed there, not raced for
    // (a change that finished before the other read the hash would make that one INVALID instead).
    let verified = 0;
    let bothVerified!: () => void;
    const barrier = new Promise<void>((resolve) => (bothVerified = resolve));
    afterVerify.each = async () => {
      if (++verified === 2) bothVerified();
      await barrier;
    };
    const results = await Promise.all(
      ["first new passphrase", "second new passphrase"].map((newPassword) => changeOwnPassword(actor, { currentPassword: KNOWN_PASSWORD, newPassword, confirmPassword: newPassword })),
    ).finally(() => (afterVerify.each = null));
    expect(verified).toBe(2);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.find((r) => !r.ok);
    expect(refused).toMatchObject({ ok: false, code: "CONFLICT", message: expect.stringMatching(/changed meanwhile/) });
    const winner = results[0]!.ok ? "first new passphrase" : "second new passphrase";
    const db = await getDb();
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(stored.passwordHash!, winner)).toBe(true);
    expect((await auditEventsFor(user.id)).filter((e) => e.action === "account.password.change")).toHaveLength(1);
  });

  it("refuses when an administrator reset the password between the check and the write", async () => {
    const user = await makeUser();
    const db = await getDb();
    // The reset lands after this change verified the current password (outside the transaction)
    // and before it writes: placed there, not raced for.
    const reset = await hashPassword("reset by admin");
    afterVerify.run = async () => {
      await db.user.update({ where: { id: user.id }, data: { passwordHash: reset } });
    };
    const change = await changeOwnPassword(actorOf(user), { currentPassword: KNOWN_PASSWORD, newPassword: "a brand new passphrase", confirmPassword: "a brand new passphrase" });
    expect(afterVerify.run).toBeNull();
    expect(change).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await verifyPassword((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash!, "reset by admin")).toBe(true);
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
