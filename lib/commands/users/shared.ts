import "server-only";
import type { DbClient } from "@/lib/db";
import { fail } from "../command";

// Pieces the user commands share: what an audit event shows of a user (never the password
// hash), and the last-admin rule.

export const USER_SNAPSHOT_SELECT = {
  id: true,
  email: true,
  name: true,
  role: true,
  departmentId: true,
  active: true,
  mustChangePassword: true,
} as const;

export interface UserSnapshot {
  email: string;
  name: string;
  role: string;
  departmentId: string | null;
  active: boolean;
  mustChangePassword: boolean;
}

export function userSnapshot(user: UserSnapshot): UserSnapshot {
  return {
    email: user.email,
    name: user.name,
    role: user.role,
    departmentId: user.departmentId,
    active: user.active,
    mustChangePassword: user.mustChangePassword,
  };
}

/**
 * Serialises the commands that can take away an active admin (demote, deactivate), so two
 * admins demoting each other at the same moment cannot both succeed. Take it before reading
 * the user the command changes.
 */
export async function lockActiveAdmins(tx: DbClient): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('persona-scorecard:active-admins'))`;
}

/** Fails with CONFLICT when `userId` is the only active admin. Call after lockActiveAdmins. */
export async function assertNotLastActiveAdmin(tx: DbClient, userId: string, what: string): Promise<void> {
  const others = await tx.user.count({ where: { role: "ADMIN", active: true, id: { not: userId } } });
  if (others === 0) {
    fail("CONFLICT", `You cannot ${what} the last active administrator. Make another user an administrator first.`, {
      ...(what === "demote" ? { role: ["The last active administrator must stay an administrator."] } : {}),
    });
  }
}

export async function assertDepartmentExists(tx: DbClient, departmentId: string | null): Promise<void> {
  if (departmentId === null) return;
  const department = await tx.department.findUnique({ where: { id: departmentId }, select: { id: true } });
  if (!department) fail("INVALID", "Some fields need attention.", { departmentId: ["That department no longer exists. Choose another."] });
}

export async function findUserOrFail(tx: DbClient, userId: string) {
  const user = await tx.user.findUnique({ where: { id: userId }, select: USER_SNAPSHOT_SELECT });
  if (!user) fail("NOT_FOUND", "That user no longer exists. Reload the page.");
  return user;
}
