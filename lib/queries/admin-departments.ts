import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import { getDb } from "@/lib/db";

export interface DepartmentRow {
  id: string;
  name: string;
  description: string | null;
  users: number;
  kpis: number;
}

export async function listDepartments(actor: Actor): Promise<DepartmentRow[]> {
  authorize(actor, "department.manage");
  const db = await getDb();
  const rows = await db.department.findMany({
    select: { id: true, name: true, description: true, _count: { select: { users: true, kpis: true } } },
    orderBy: { name: "asc" },
  });
  return rows.map((d) => ({ id: d.id, name: d.name, description: d.description, users: d._count.users, kpis: d._count.kpis }));
}

export async function getDepartment(actor: Actor, id: string): Promise<DepartmentRow | null> {
  authorize(actor, "department.manage");
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) return null;
  const db = await getDb();
  const d = await db.department.findUnique({
    where: { id },
    select: { id: true, name: true, description: true, _count: { select: { users: true, kpis: true } } },
  });
  return d ? { id: d.id, name: d.name, description: d.description, users: d._count.users, kpis: d._count.kpis } : null;
}
