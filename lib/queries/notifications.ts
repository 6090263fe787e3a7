import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { authorize, personaScope } from "@/lib/auth/policy";
import { notificationWhere, viaPersona } from "./persona-scope";
import { getDb } from "@/lib/db";

// The actor's in-app notifications (/notifications), newest first, a page at a time; and the two
// counts the app header shows on every page (unread notifications, open escalations). Only ever
// the actor's own notifications. Bounded: 3 reads for the list (page, total, unread), 2 for the
// header counts, each on an index ((userId, readAt, createdAt); (assigneeId, status) / (status, level)).

export const NOTIFICATIONS_PER_PAGE = 30;

export interface NotificationItem {
  id: string;
  kind: string;
  title: string;
  body: string;
  /** Where it leads: the escalation when there is one, else its own link. */
  href: string | null;
  read: boolean;
  createdAt: string;
}

export interface NotificationList {
  items: NotificationItem[];
  page: number;
  pages: number;
  total: number;
  unread: number;
}

export async function getNotifications(actor: Actor, page = 1): Promise<NotificationList> {
  authorize(actor, "notification.manage", { user: { id: actor.id } });
  const db = await getDb();
  // Notifications about escalations of personas outside the actor's scope are not shown.
  const where = { userId: actor.id, ...notificationWhere(personaScope(actor)) };
  const [total, unread] = await Promise.all([db.notification.count({ where }), db.notification.count({ where: { ...where, readAt: null } })]);
  const pages = Math.max(1, Math.ceil(total / NOTIFICATIONS_PER_PAGE));
  const current = Math.min(Math.max(1, page), pages);
  const rows = await db.notification.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (current - 1) * NOTIFICATIONS_PER_PAGE,
    take: NOTIFICATIONS_PER_PAGE,
    select: { id: true, kind: true, title: true, body: true, link: true, escalationId: true, readAt: true, createdAt: true },
  });
  return {
    items: rows.map((n) => ({
      id: n.id,
      kind: n.kind,
      title: n.title,
      body: n.body,
      href: n.escalationId ? `/escalations/${encodeURIComponent(n.escalationId)}` : n.link,
      read: n.readAt !== null,
      createdAt: n.createdAt.toISOString(),
    })),
    page: current,
    pages,
    total,
    unread,
  };
}

export interface HeaderCounts {
  unreadNotifications: number;
  /** OPEN (not yet acknowledged) escalations: a KPI owner's own, everyone else's all. */
  openEscalations: number;
  openEscalationsScope: "mine" | "all";
}

export async function getHeaderCounts(actor: Actor): Promise<HeaderCounts> {
  const db = await getDb();
  const scope = actor.role === "KPI_OWNER" ? "mine" : "all";
  const personas = personaScope(actor);
  const [unreadNotifications, openEscalations] = await Promise.all([
    db.notification.count({ where: { userId: actor.id, readAt: null, ...notificationWhere(personas) } }),
    db.escalation.count({ where: { ...(scope === "mine" ? { assigneeId: actor.id, status: "OPEN" } : { status: "OPEN" }), ...viaPersona(personas) } }),
  ]);
  return { unreadNotifications, openEscalations, openEscalationsScope: scope };
}
