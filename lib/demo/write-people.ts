import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { DbClient, PrismaClient } from "@/lib/db";
import { DEMO_PASSWORD, DEPARTMENTS, USERS } from "./catalogue";
import { idOf, type Ids } from "./ids";

// Departments and the demo's users, upserted by name and email.

/** argon2 costs ~80 ms a call: keep a stored hash that still verifies, so re-seeding stays quick and stable. */
export async function demoPasswordHashes(db: PrismaClient): Promise<Map<string, string>> {
  const emails = USERS.filter((u) => u.canSignIn).map((u) => u.email);
  const stored = await db.user.findMany({ where: { email: { in: emails } }, select: { email: true, passwordHash: true } });
  const byEmail = new Map(stored.map((u) => [u.email, u.passwordHash]));
  const entries = await Promise.all(
    emails.map(async (email): Promise<[string, string]> => {
      const current = byEmail.get(email);
      if (current && (await verifyPassword(current, DEMO_PASSWORD))) return [email, current];
      return [email, await hashPassword(DEMO_PASSWORD)];
    }),
  );
  return new Map(entries);
}

export async function writeDepartments(tx: DbClient): Promise<Ids> {
  const ids: Ids = new Map();
  for (const d of DEPARTMENTS) {
    const row = await tx.department.upsert({
      where: { name: d.name },
      create: { name: d.name, description: d.description },
      update: { description: d.description },
      select: { id: true },
    });
    ids.set(d.name, row.id);
  }
  return ids;
}

/** Only users who can sign in get a password (from `demoPasswordHashes`); the other KPI owners get none. */
export async function writeUsers(tx: DbClient, departments: Ids, passwordHashes: Map<string, string>): Promise<Ids> {
  const ids: Ids = new Map();
  for (const u of USERS) {
    const data = {
      name: u.name,
      role: u.role,
      departmentId: idOf(departments, u.department, "department"),
      active: true,
      mustChangePassword: false,
      passwordHash: u.canSignIn ? (passwordHashes.get(u.email) ?? null) : null,
      personaScopeRestricted: u.personas !== undefined,
    };
    const row = await tx.user.upsert({ where: { email: u.email }, create: { email: u.email, ...data }, update: data, select: { id: true } });
    ids.set(u.email, row.id);
  }
  return ids;
}

/** Per-persona access of the demo users: the catalogue's list for a restricted user, none otherwise. */
export async function writePersonaAccess(tx: DbClient, users: Ids, personas: Ids): Promise<void> {
  const userIds = USERS.map((u) => idOf(users, u.email, "user"));
  await tx.userPersonaAccess.deleteMany({ where: { userId: { in: userIds } } });
  const rows = USERS.flatMap((u) => (u.personas ?? []).map((slug) => ({ userId: idOf(users, u.email, "user"), personaId: idOf(personas, slug, "persona") })));
  if (rows.length > 0) await tx.userPersonaAccess.createMany({ data: rows });
}
