import "server-only";
import { updateUserSchema } from "@/lib/validation/users";
import { defineCommand } from "../command";
import { assertDepartmentExists, assertNotLastActiveAdmin, findUserOrFail, lockActiveAdmins, USER_SNAPSHOT_SELECT, userSnapshot } from "./shared";

/** An admin changes a user's name, role and department. The last active admin cannot be demoted. */
export const updateUser = defineCommand({
  name: "user.update",
  action: "user.manage",
  schema: updateUserSchema,
  async run({ input, tx, audit, unchanged }) {
    if (input.role !== "ADMIN") await lockActiveAdmins(tx);
    const before = await findUserOrFail(tx, input.userId);
    if (before.role === "ADMIN" && before.active && input.role !== "ADMIN") await assertNotLastActiveAdmin(tx, before.id, "demote");
    await assertDepartmentExists(tx, input.departmentId);

    if (before.name === input.name && before.role === input.role && before.departmentId === input.departmentId) {
      unchanged();
      return { user: { id: before.id }, changed: false };
    }
    const after = await tx.user.update({
      where: { id: before.id },
      data: { name: input.name, role: input.role, departmentId: input.departmentId },
      select: USER_SNAPSHOT_SELECT,
    });
    await audit({ entityType: "User", entityId: after.id, before: { ...userSnapshot(before) }, after: { ...userSnapshot(after) } });
    return { user: { id: after.id }, changed: true };
  },
});
