import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { authorize, EVERY_PERSONA, refusal } from "@/lib/auth/policy";
import { getDb } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AUDIT_PAGE_SIZE, type AuditFilter } from "@/lib/validation/audit";

// The audit page: one page of events (newest first) matching the filters, their total, and
// the choices of the filter form. Dates are calendar days in UTC, both ends included.

export interface AuditRow {
  id: string;
  at: string;
  actorLabel: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  /** Changed fields first; JSON values rendered as text. */
  changes: { field: string; before: string | null; after: string | null; changed: boolean }[];
}

export interface AuditPage {
  rows: AuditRow[];
  total: number;
  page: number;
  pageCount: number;
  actors: { value: string; label: string }[];
  entityTypes: string[];
}

function display(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === "string" ? value : JSON.stringify(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function describeChanges(before: unknown, after: unknown): AuditRow["changes"] {
  if (!isObject(before) && !isObject(after)) {
    if (before === null && after === null) return [];
    return [{ field: "value", before: display(before), after: display(after), changed: display(before) !== display(after) }];
  }
  const b = isObject(before) ? before : {};
  const a = isObject(after) ? after : {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const rows = fields.map((field) => {
    const bv = display(b[field]);
    const av = display(a[field]);
    return { field, before: isObject(before) ? bv : null, after: isObject(after) ? av : null, changed: bv !== av || !isObject(before) || !isObject(after) };
  });
  return rows.sort((x, y) => Number(y.changed) - Number(x.changed));
}

function dayStart(iso: string): Date {
  return new Date(`${iso}T00:00:00.000Z`);
}

/**
 * Why the actor may not read the audit log, or null. Its events carry every persona's values,
 * names and comments (and merges, imports and recalibrations touch many at once), so an
 * administrator restricted to some personas is refused it as a whole rather than shown a
 * filtered log that could still leak through a multi-persona event.
 */
export function auditLogRefusal(actor: Actor): string | null {
  return refusal(actor, "audit.read", EVERY_PERSONA);
}

export async function getAuditPage(actor: Actor, filter: AuditFilter): Promise<AuditPage> {
  authorize(actor, "audit.read", EVERY_PERSONA);
  const db = await getDb();
  const where: Prisma.AuditEventWhereInput = {};
  if (filter.actor) where.actorId = filter.actor;
  if (filter.entity) where.entityType = filter.entity;
  if (filter.from || filter.to) {
    where.at = {
      ...(filter.from ? { gte: dayStart(filter.from) } : {}),
      ...(filter.to ? { lt: new Date(dayStart(filter.to).getTime() + 86_400_000) } : {}),
    };
  }
  const total = await db.auditEvent.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const page = Math.min(filter.page, pageCount);
  const events = await db.auditEvent.findMany({
    where,
    orderBy: [{ at: "desc" }, { id: "desc" }],
    skip: (page - 1) * AUDIT_PAGE_SIZE,
    take: AUDIT_PAGE_SIZE,
  });
  const actors = await db.user.findMany({ select: { id: true, name: true, email: true }, orderBy: { name: "asc" }, take: 2000 });
  const types = await db.auditEvent.groupBy({ by: ["entityType"], orderBy: { entityType: "asc" } });
  return {
    rows: events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      actorLabel: e.actorLabel,
      actorId: e.actorId,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      changes: describeChanges(e.before, e.after),
    })),
    total,
    page,
    pageCount,
    actors: actors.map((u) => ({ value: u.id, label: `${u.name} (${u.email})` })),
    entityTypes: types.map((t) => t.entityType),
  };
}
