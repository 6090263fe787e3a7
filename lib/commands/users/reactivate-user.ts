import "server-only";
import { userRefSchema } from "@/lib/validation/users";
import { defineCommand } from "../command";
import { findUserOrFail, USER_SNAPSHOT_SELECT, userSnapshot } from "./shared";

/** An admin reactivates a deactivated user (with the role and department they had). */
export const reactivateUser = defineCommand({
  name: "user.reactivate",
  action: "user.manage",
  schema: userRefSchema,
  async run({ input, tx, audit, unchanged }) {
    const before = await findUserOrFail(tx, input.userId);
    if (before.active) {
      unchanged();
      return { user: { id: before.id }, changed: false };
    }
    const after = await tx.user.update({ where: { id: before.id }, data: { active: true }, select: USER_SNAPSHOT_SELECT });
    await audit({ entityType: "User", entityId: after.id, before: { ...userSnapshot(before) }, after: { ...userSnapshot(after) } });
    return { user: { id: after.id }, changed: true };
  },
});
