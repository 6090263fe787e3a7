import "server-only";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { changeOwnPasswordSchema } from "@/lib/validation/users";
import { defineCommand, fail } from "../command";

/** Anyone changes their own password, proving the current one. Clears "must change password". */
export const changeOwnPassword = defineCommand({
  name: "account.password.change",
  action: "account.update",
  schema: changeOwnPasswordSchema,
  // The account changed is always the actor's own.
  resource: async (_input, _tx, actor) => ({ user: { id: actor.id } }),
  async run({ actor, input, tx, audit }) {
    const user = await tx.user.findUnique({
      where: { id: actor.id },
      select: { id: true, active: true, passwordHash: true, mustChangePassword: true },
    });
    if (!user || !user.active) fail("UNAUTHENTICATED", "Your session has ended. Sign in again.");
    if (!user.passwordHash) {
      fail("INVALID", "Your account signs in through single sign-on, so it has no password here.");
    }
    if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
      fail("INVALID", "Some fields need attention.", { currentPassword: ["That is not your current password."] });
    }
    await tx.user.update({
      where: { id: user.id },
      data: { passwordHash: await hashPassword(input.newPassword), mustChangePassword: false },
    });
    await audit({
      entityType: "User",
      entityId: user.id,
      before: { mustChangePassword: user.mustChangePassword },
      after: { mustChangePassword: false, passwordChanged: true },
    });
    return { user: { id: user.id } };
  },
});
