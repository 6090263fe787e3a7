import type { Metadata } from "next";
import Link from "next/link";
import { MarkAllReadButton, MarkReadButton } from "@/components/escalations/notification-forms";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { getNotifications } from "@/lib/queries/notifications";
import { pageSchema } from "@/lib/validation/common";
import { markAllReadAction, markReadAction } from "./actions";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePermission("notification.manage");
  const search = await searchParams;
  const list = await getNotifications(actor, pageSchema.parse(Array.isArray(search.page) ? search.page[0] : search.page));
  return (
    <>
      <PageHeader
        title="Notifications"
        description={list.total === 0 ? "Messages for you about escalations and reminders." : `${list.unread} unread of ${list.total}. Newest first.`}
      >
        {list.unread > 0 ? <MarkAllReadButton action={markAllReadAction} /> : null}
      </PageHeader>
      {list.items.length === 0 ? (
        <EmptyState title="No notifications" action={{ href: "/escalations", label: "Open the escalation inbox" }}>
          You are told here when an escalation is opened or raised on a KPI you own, when one is assigned to you, or when someone gives you an action.
        </EmptyState>
      ) : (
        <ul className="max-w-4xl space-y-2">
          {list.items.map((n) => (
            <li key={n.id} className={`flex flex-col gap-2 rounded-lg border p-3 sm:flex-row sm:items-start ${n.read ? "border-slate-200 bg-white" : "border-brand-600/40 bg-brand-50"}`}>
              <div className="min-w-0 flex-1">
                <p className="text-xs text-slate-600">
                  {n.read ? (
                    <span>Read</span>
                  ) : (
                    <span className="font-semibold text-brand-900">
                      <span aria-hidden="true">● </span>
                      <span>Unread</span>
                    </span>
                  )}{" "}
                  · <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>
                </p>
                <p className={`mt-0.5 break-words ${n.read ? "text-slate-800" : "font-semibold text-slate-900"}`}>
                  {n.href ? (
                    <Link href={n.href} className="text-brand-700 underline-offset-2 hover:underline">
                      {n.title}
                    </Link>
                  ) : (
                    n.title
                  )}
                </p>
                <p className="mt-0.5 break-words text-sm text-slate-700">{n.body}</p>
              </div>
              {n.read ? null : <MarkReadButton action={markReadAction} notificationId={n.id} title={n.title} />}
            </li>
          ))}
        </ul>
      )}
      {list.pages > 1 ? (
        <nav aria-label="Pages" className="mt-4 flex gap-3 text-sm">
          {list.page > 1 ? <Link href={`/notifications?page=${list.page - 1}`} className="text-brand-700 underline">Newer</Link> : null}
          <span>
            Page {list.page} of {list.pages}
          </span>
          {list.page < list.pages ? <Link href={`/notifications?page=${list.page + 1}`} className="text-brand-700 underline">Older</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
