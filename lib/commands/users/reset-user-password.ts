import "server-only";
import { hashPassword } from "@/lib/auth/password";
import { generateTemporaryPassword } from "@/lib/auth/temporary-password";
import { userRefSchema } from "@/lib/validation/users";
import { defineCommand } from "../command";
import { findUserOrFail, USER_SNAPSHOT_SELECT, userSnapshot } from "./shared";

/**
 * An admin issues a new temporary password (returned once). The user is asked to change it, and
 * a sign-in lock on their email (too many failures) is lifted.
 */
export const resetUserPassword = defineCommand({
  name: "user.password.reset",
  action: "user.manage",
  schema: userRefSchema,
  async run({ input, tx, audit }) {
    const before = await findUserOrFail(tx, input.userId);
    const temporaryPassword = generateTemporaryPassword();
    const after = await tx.user.update({
      where: { id: before.id },
      data: { passwordHash: await hashPassword(temporaryPassword), mustChangePassword: true },
      select: USER_SNAPSHOT_SELECT,
    });
    const cleared = await tx.signInAttempt.deleteMany({ where: { email: before.email, succeeded: false } });
    await audit({
      entityType: "User",
      entityId: after.id,
      before: { ...userSnapshot(before) },
      after: { ...userSnapshot(after), passwordReset: true, failedSignInsCleared: cleared.count },
    });
    return { user: { id: after.id, email: after.email, name: after.name }, temporaryPassword };
  },
});
