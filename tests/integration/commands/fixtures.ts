import type { Actor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { getDb } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";

// Rows for integration tests, created through Prisma on the file's own database.

export const ROLES: Role[] = ["ADMIN", "ANALYST", "KPI_OWNER", "EXECUTIVE"];
export const KNOWN_PASSWORD = "correct horse battery";

let knownHash: Promise<string> | undefined;
/** One argon2 hash per file: hashing costs ~50 ms each. */
export function knownPasswordHash(): Promise<string> {
  knownHash ??= hashPassword(KNOWN_PASSWORD);
  return knownHash;
}

let counter = 0;

export async function makeUser(options: { role?: Role; email?: string; name?: string; active?: boolean; departmentId?: string | null; password?: boolean } = {}) {
  const db = await getDb();
  counter++;
  const role = options.role ?? "EXECUTIVE";
  return db.user.create({
    data: {
      email: options.email ?? `${role.toLowerCase()}-${counter}-${Math.random().toString(36).slice(2, 8)}@example.test`,
      name: options.name ?? `${role} ${counter}`,
      role,
      active: options.active ?? true,
      departmentId: options.departmentId ?? null,
      passwordHash: options.password === false ? null : await knownPasswordHash(),
    },
  });
}

export function actorOf(user: { id: string; role: Role; departmentId: string | null; name: string; email: string }): Actor {
  return { id: user.id, role: user.role, departmentId: user.departmentId, name: user.name, email: user.email };
}

export async function makeActor(role: Role): Promise<Actor> {
  return actorOf(await makeUser({ role }));
}

export async function makeDepartment(name = `Dept ${++counter}`) {
  const db = await getDb();
  return db.department.create({ data: { name } });
}

/** Everything a command could change, as one comparable value. */
export async function snapshot() {
  const db = await getDb();
  const [users, departments, audits, attempts] = [
    await db.user.findMany({
      orderBy: { id: "asc" },
      select: { id: true, email: true, name: true, role: true, departmentId: true, active: true, mustChangePassword: true, passwordHash: true },
    }),
    await db.department.findMany({ orderBy: { id: "asc" }, select: { id: true, name: true, description: true } }),
    await db.auditEvent.count(),
    await db.signInAttempt.count(),
  ];
  return { users, departments, audits, attempts };
}

export async function auditEventsFor(entityId: string) {
  const db = await getDb();
  return db.auditEvent.findMany({ where: { entityId }, orderBy: { at: "asc" } });
}
