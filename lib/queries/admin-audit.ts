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
  /** Changes recorded but not listed in `changes` (an import's cells past the first IMPORT_CHANGES_SHOWN). */
  moreChanges: number;
}

/** Changed cells of an import listed on the page; the rest are counted ("and M more"). */
export const IMPORT_CHANGES_SHOWN = 20;

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

/** A cell state in an import's audit event ([value, notAvailableReason, comment]) in words. */
function describeState(state: unknown): string | null {
  if (!Array.isArray(state)) return null;
  const [value, reason, comment] = state as [unknown, unknown, unknown];
  const main = value !== null && value !== undefined ? String(value) : `not available (${String(reason ?? "")})`;
  return comment !== null && comment !== undefined && comment !== "" ? `${main}; comment: ${String(comment)}` : main;
}

/**
 * An import's event (entityType MeasurementImport): its summary fields, then its first changed
 * cells as "KPI · persona · period" before -> after. The full list stays in the event; the
 * page never renders 100,000 lines.
 */
export function describeImport(head: unknown, first: unknown, total: number): Pick<AuditRow, "changes" | "moreChanges"> {
  const summary = isObject(head) ? head : {};
  const counts = summary.counts;
  const changes = describeChanges(null, {
    fileName: summary.fileName,
    source: summary.source,
    reason: summary.reason,
    // "46 rows: 0 new, 46 updated, 0 unchanged"
    counts: isObject(counts) ? `${String(counts.total)} rows: ${String(counts.insert)} new, ${String(counts.update)} updated, ${String(counts.unchanged)} unchanged` : counts,
  })
    .filter((c) => c.after !== null)
    .map((c) => ({ ...c, changed: false }));
  const listed = Array.isArray(first) ? first : [];
  for (const change of listed) {
    if (!Array.isArray(change)) continue;
    const [kpi, persona, period, before, after] = change as unknown[];
    changes.push({ field: `${String(kpi)} · ${String(persona)} · ${String(period).slice(0, 7)}`, before: describeState(before), after: describeState(after), changed: true });
  }
  return { changes, moreChanges: Math.max(0, total - listed.length) };
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
    select: { id: true, at: true, actorLabel: true, actorId: true, action: true, entityType: true, entityId: true },
  });
  // Payloads: an import's event lists every cell it changed (up to 100,000), so only its summary
  // and first changes are read; every other event whole.
  const importIds = events.filter((e) => e.entityType === "MeasurementImport").map((e) => e.id);
  const otherIds = events.filter((e) => e.entityType !== "MeasurementImport").map((e) => e.id);
  const payloads = new Map<string, Pick<AuditRow, "changes" | "moreChanges">>();
  if (otherIds.length > 0) {
    for (const e of await db.auditEvent.findMany({ where: { id: { in: otherIds } }, select: { id: true, before: true, after: true } })) {
      payloads.set(e.id, { changes: describeChanges(e.before, e.after), moreChanges: 0 });
    }
  }
  if (importIds.length > 0) {
    const rows = await db.$queryRawUnsafe<{ id: string; head: unknown; first: unknown; total: number }[]>(
      `SELECT id, after - 'changes' AS head,
              CASE WHEN jsonb_typeof(after -> 'changes') = 'array' THEN jsonb_path_query_array(after -> 'changes', '$[0 to ${IMPORT_CHANGES_SHOWN - 1}]') END AS first,
              CASE WHEN jsonb_typeof(after -> 'changes') = 'array' THEN jsonb_array_length(after -> 'changes') ELSE 0 END AS total
         FROM "AuditEvent" WHERE id = ANY($1::text[])`,
      importIds,
    );
    for (const r of rows) payloads.set(r.id, describeImport(r.head, r.first, Number(r.total)));
  }
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
      ...(payloads.get(e.id) ?? { changes: [], moreChanges: 0 }),
    })),
    total,
    page,
    pageCount,
    actors: actors.map((u) => ({ value: u.id, label: `${u.name} (${u.email})` })),
    entityTypes: types.map((t) => t.entityType),
  };
}
