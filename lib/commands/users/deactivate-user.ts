import "server-only";
import { userRefSchema } from "@/lib/validation/users";
import { defineCommand, fail } from "../command";
import { assertNotLastActiveAdmin, findUserOrFail, lockActiveAdmins, USER_SNAPSHOT_SELECT, userSnapshot } from "./shared";

/** An admin deactivates a user: they can no longer sign in and their open sessions stop working. */
export const deactivateUser = defineCommand({
  name: "user.deactivate",
  action: "user.manage",
  schema: userRefSchema,
  async run({ actor, input, tx, audit, unchanged }) {
    if (input.userId === actor.id) fail("CONFLICT", "You cannot deactivate your own account. Ask another administrator.");
    await lockActiveAdmins(tx);
    const before = await findUserOrFail(tx, input.userId);
    if (!before.active) {
      unchanged();
      return { user: { id: before.id }, changed: false };
    }
    if (before.role === "ADMIN") await assertNotLastActiveAdmin(tx, before.id, "deactivate");
    const after = await tx.user.update({ where: { id: before.id }, data: { active: false }, select: USER_SNAPSHOT_SELECT });
    await audit({ entityType: "User", entityId: after.id, before: { ...userSnapshot(before) }, after: { ...userSnapshot(after) } });
    return { user: { id: after.id }, changed: true };
  },
});
