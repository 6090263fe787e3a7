import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import { getDb } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";

// Read models of the user administration screens (plain, serializable objects).
// They authorize again: a page query is never the only check, and never the missing one.

export interface UserRow {
  id: string;
  name: string;
  email: string;
  role: Role;
  department: string | null;
  active: boolean;
  mustChangePassword: boolean;
  hasPassword: boolean;
  lastSignInAt: string | null;
  /** Per-persona access: null when the user sees every persona, else how many personas they see. */
  personaAccessCount: number | null;
}

export interface DepartmentOption {
  value: string;
  label: string;
}

const SELECT = {
  id: true,
  name: true,
  email: true,
  role: true,
  active: true,
  mustChangePassword: true,
  passwordHash: true,
  lastSignInAt: true,
  departmentId: true,
  department: { select: { name: true } },
  personaScopeRestricted: true,
  _count: { select: { personaAccess: true } },
} as const;

function toRow(user: {
  id: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  mustChangePassword: boolean;
  passwordHash: string | null;
  lastSignInAt: Date | null;
  department: { name: string } | null;
  personaScopeRestricted: boolean;
  _count: { personaAccess: number };
}): UserRow {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    department: user.department?.name ?? null,
    active: user.active,
    mustChangePassword: user.mustChangePassword,
    hasPassword: user.passwordHash !== null,
    lastSignInAt: user.lastSignInAt?.toISOString() ?? null,
    personaAccessCount: user.personaScopeRestricted ? user._count.personaAccess : null,
  };
}

/** All users: active ones first, then by name. */
export async function listUsers(actor: Actor): Promise<UserRow[]> {
  authorize(actor, "user.manage");
  const db = await getDb();
  const users = await db.user.findMany({ select: SELECT, orderBy: [{ active: "desc" }, { name: "asc" }], take: 2000 });
  return users.map(toRow);
}

export async function getUserForAdmin(actor: Actor, id: string): Promise<(UserRow & { departmentId: string | null; activeAdmins: number }) | null> {
  authorize(actor, "user.manage");
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) return null;
  const db = await getDb();
  const user = await db.user.findUnique({ where: { id }, select: SELECT });
  if (!user) return null;
  const activeAdmins = await db.user.count({ where: { role: "ADMIN", active: true } });
  return { ...toRow(user), departmentId: user.departmentId, activeAdmins };
}

export async function departmentOptions(actor: Actor): Promise<DepartmentOption[]> {
  authorize(actor, "user.manage");
  const db = await getDb();
  const departments = await db.department.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
  return departments.map((d) => ({ value: d.id, label: d.name }));
}

export interface PersonaAccessView {
  /** True: the user sees only `personaIds`; false: every persona. */
  restricted: boolean;
  personaIds: string[];
  /** Every persona an admin may choose from (drafts and sunset ones included, labelled). */
  options: { id: string; slug: string; name: string; status: "DRAFT" | "ACTIVE" | "SUNSET" }[];
}

/** The per-persona access form of /admin/users/{id}: 2 reads. */
export async function getPersonaAccessForAdmin(actor: Actor, userId: string): Promise<PersonaAccessView | null> {
  authorize(actor, "user.manage");
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(userId)) return null;
  const db = await getDb();
  const [user, personas] = await Promise.all([
    db.user.findUnique({ where: { id: userId }, select: { personaScopeRestricted: true, personaAccess: { select: { personaId: true } } } }),
    db.persona.findMany({ orderBy: [{ status: "asc" }, { priority: "asc" }, { name: "asc" }], select: { id: true, slug: true, name: true, status: true }, take: 2000 }),
  ]);
  if (!user) return null;
  return { restricted: user.personaScopeRestricted, personaIds: user.personaAccess.map((a) => a.personaId), options: personas };
}
