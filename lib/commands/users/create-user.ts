import "server-only";
import { hashPassword } from "@/lib/auth/password";
import { generateTemporaryPassword } from "@/lib/auth/temporary-password";
import { createUserSchema } from "@/lib/validation/users";
import { defineCommand, fail } from "../command";
import { assertDepartmentExists, USER_SNAPSHOT_SELECT, userSnapshot } from "./shared";

/** An admin creates an account with a temporary password, returned once and never stored in clear. */
export const createUser = defineCommand({
  name: "user.create",
  action: "user.manage",
  schema: createUserSchema,
  async run({ input, tx, audit }) {
    const taken = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
    if (taken) fail("CONFLICT", "Some fields need attention.", { email: ["A user with this email already exists."] });
    await assertDepartmentExists(tx, input.departmentId);

    const temporaryPassword = generateTemporaryPassword();
    const user = await tx.user.create({
      data: {
        email: input.email,
        name: input.name,
        role: input.role,
        departmentId: input.departmentId,
        passwordHash: await hashPassword(temporaryPassword),
        mustChangePassword: true,
      },
      select: USER_SNAPSHOT_SELECT,
    });
    await audit({ entityType: "User", entityId: user.id, before: null, after: { ...userSnapshot(user) } });
    return { user: { id: user.id, email: user.email, name: user.name }, temporaryPassword };
  },
});
