import { AppHeader, AppSidebar } from "@/components/layout/app-header";
import { NAV_GROUPS, NAVIGATION } from "@/components/layout/navigation";
import { MustChangePasswordNotice } from "@/components/forms/must-change-password-notice";
import { can } from "@/lib/auth/policy";
import { requireActor } from "@/lib/auth/session";
import { getHeaderCounts } from "@/lib/queries/notifications";

export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  const visible = NAVIGATION.filter((entry) => can(actor, entry.action));
  const counts = await getHeaderCounts(actor);
  const badge = (href: string) =>
    href === "/escalations"
      ? { count: counts.openEscalations, label: `${counts.openEscalations} open${counts.openEscalationsScope === "mine" ? " assigned to you" : ""}` }
      : undefined;
  const groups = NAV_GROUPS.map(({ id, label }) => ({
    id,
    label,
    links: visible.filter((e) => e.group === id).map(({ href, label: linkLabel }) => ({ href, label: linkLabel, badge: badge(href) })),
  })).filter((group) => group.links.length > 0);
  return (
    <>
      <AppHeader user={{ name: actor.name, role: actor.role }} groups={groups} unread={counts.unreadNotifications} />
      <div className="mx-auto flex max-w-[90rem] gap-6 px-4 py-6 sm:px-6">
        <AppSidebar groups={groups} />
        <main id="main" className="min-w-0 flex-1">
          {actor.mustChangePassword ? (
            <div className="mb-4">
              <MustChangePasswordNotice />
            </div>
          ) : null}
          {children}
        </main>
      </div>
    </>
  );
}
