import { AppHeader } from "@/components/layout/app-header";
import { NAVIGATION } from "@/components/layout/navigation";
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
  const links = (group: "main" | "admin") => visible.filter((e) => e.group === group).map(({ href, label }) => ({ href, label, badge: badge(href) }));
  return (
    <>
      <AppHeader user={{ name: actor.name, role: actor.role }} main={links("main")} admin={links("admin")} unread={counts.unreadNotifications} />
      <main id="main" className="mx-auto max-w-7xl px-4 py-6 sm:px-6">
        {actor.mustChangePassword ? (
          <div className="mb-4">
            <MustChangePasswordNotice />
          </div>
        ) : null}
        {children}
      </main>
    </>
  );
}
