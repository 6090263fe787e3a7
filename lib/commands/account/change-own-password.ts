import "server-only";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { lockAttemptsOf, recentFailures } from "@/lib/auth/sign-in";
import { lockedUntil, minutesUntil, THROTTLE } from "@/lib/auth/throttle";
import { getDb } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { changeOwnPasswordSchema } from "@/lib/validation/users";
import { defineCommand, fail } from "../command";

// Anyone changes their own password, proving the current one. Clears "must change password".
// argon2 (verifying the current password, hashing the new one: about 80 ms each) runs in
// `prepare`, outside the transaction, so it never holds a database connection (the embedded
// database has only one). The transaction then writes only if the password hash is still the
// one verified against: a change made meanwhile (another tab, an admin's reset) refuses this one.
//
// Wrong current passwords are throttled like sign-in (lib/auth/throttle.ts): each is recorded as
// a failed SignInAttempt of the account's email, under the same per-email advisory lock, so
// sign-in failures and /account failures add up to one limit. Those records are bookkeeping of a
// refused command (tests/integration/commands/properties.test.ts allows them), not its write.

const wrongPassword = () => fail("INVALID", "Some fields need attention.", { currentPassword: ["That is not your current password."] });

function lockedOut(minutes: number): never {
  const wait = `${minutes} minute${minutes === 1 ? "" : "s"}`;
  fail("RATE_LIMITED", `Too many wrong passwords. Try again in ${wait}.`, {
    currentPassword: [`Too many wrong passwords: wait ${wait} before trying again.`],
  });
}

export const changeOwnPassword = defineCommand({
  name: "account.password.change",
  action: "account.update",
  schema: changeOwnPasswordSchema,
  // The account changed is always the actor's own.
  resource: async (_input, _tx, actor) => ({ user: { id: actor.id } }),
  async prepare({ actor, input }) {
    const db = await getDb();
    const user = await db.user.findUnique({ where: { id: actor.id }, select: { email: true, active: true, passwordHash: true } });
    if (!user || !user.active) fail("UNAUTHENTICATED", "Your session has ended. Sign in again.");
    if (!user.passwordHash) fail("INVALID", "Your account signs in through single sign-on, so it has no password here.");

    // Locked (by sign-in failures or by these)? Then no verification at all.
    const now = new Date();
    const locked = lockedUntil(await recentFailures(db, user.email, now), now);
    if (locked) lockedOut(minutesUntil(locked, now));

    if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
      // Record the failure (its own short transaction, serialised per email like sign-in's), and
      // say so when it is the one that locks the account.
      const at = new Date();
      const nowLocked = await db.$transaction(async (tx) => {
        await lockAttemptsOf(tx, user.email);
        const failures = await recentFailures(tx, user.email, at);
        await tx.signInAttempt.create({ data: { email: user.email, succeeded: false, ip: null, createdAt: at } });
        const until = lockedUntil([...failures, at], at);
        if (until && !lockedUntil(failures, at)) {
          await tx.auditEvent.create({
            data: {
              actorId: actor.id,
              actorLabel: `${actor.name} <${actor.email}>`,
              action: "account.password.locked",
              entityType: "User",
              entityId: actor.id,
              after: {
                reason: `${THROTTLE.maxFailures} wrong passwords within ${THROTTLE.windowMs / 60_000} minutes`,
                lockedUntil: until.toISOString(),
              } satisfies Prisma.InputJsonObject,
              at,
            },
          });
        }
        return until;
      });
      if (nowLocked) lockedOut(minutesUntil(nowLocked, at));
      wrongPassword();
    }
    return { verifiedHash: user.passwordHash, newHash: await hashPassword(input.newPassword) };
  },
  async run({ actor, tx, audit, prepared }) {
    const user = await tx.user.findUnique({
      where: { id: actor.id },
      select: { id: true, active: true, passwordHash: true, mustChangePassword: true },
    });
    if (!user || !user.active) fail("UNAUTHENTICATED", "Your session has ended. Sign in again.");
    // Compare-and-set: write only over the hash the current password was verified against.
    const { count } = await tx.user.updateMany({
      where: { id: user.id, active: true, passwordHash: prepared.verifiedHash },
      data: { passwordHash: prepared.newHash, mustChangePassword: false },
    });
    if (count !== 1) {
      fail("CONFLICT", "Your password was changed meanwhile (in another window, or by an administrator). Sign in again with the new one, then try again.");
    }
    await audit({
      entityType: "User",
      entityId: user.id,
      before: { mustChangePassword: user.mustChangePassword },
      after: { mustChangePassword: false, passwordChanged: true },
    });
    return { user: { id: user.id } };
  },
});
