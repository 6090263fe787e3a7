import "server-only";
import type { DbClient } from "@/lib/db";
import { fail } from "../command";

export function departmentSnapshot(department: { name: string; description: string | null }) {
  return { name: department.name, description: department.description };
}

/** Department names are unique regardless of case ("Sales" and "sales" are one department). */
export async function assertNameFree(tx: DbClient, name: string, exceptId: string | null): Promise<void> {
  const clash = await tx.department.findFirst({
    where: { name: { equals: name, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) fail("CONFLICT", "Some fields need attention.", { name: ["A department with this name already exists."] });
}

export async function findDepartmentOrFail(tx: DbClient, departmentId: string) {
  const department = await tx.department.findUnique({ where: { id: departmentId } });
  if (!department) fail("NOT_FOUND", "That department no longer exists. Reload the page.");
  return department;
}
