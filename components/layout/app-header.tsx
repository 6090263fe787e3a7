import Link from "next/link";
import { NavGroups, type NavGroup } from "./nav-groups";
import { NavLinks } from "./nav-links";

const ROLE_LABEL: Record<string, string> = {
  ADMIN: "Administrator",
  ANALYST: "Analyst",
  KPI_OWNER: "KPI owner",
  EXECUTIVE: "Executive",
};

/** The bell: unread notifications, linking to the list; its name says the count in words. */
function NotificationBell({ unread }: { unread: number }) {
  const label = unread === 0 ? "Notifications, none unread" : `${unread} unread notification${unread === 1 ? "" : "s"}`;
  return (
    <Link
      href="/notifications"
      aria-label={label}
      title={label}
      className="relative ml-auto inline-flex items-center rounded-md px-2 py-2 text-slate-700 hover:bg-slate-100 md:ml-0"
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {unread > 0 ? (
        <span aria-hidden="true" className="ml-0.5 min-w-5 rounded-full bg-status-red px-1.5 text-center text-xs font-semibold text-white">
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </Link>
  );
}

export function AppHeader({ user, groups, unread = 0 }: { user: { name: string; role: string }; groups: NavGroup[]; unread?: number }) {
  // /sign-out confirms and signs out through next-auth (a POST with its CSRF token).
  const signOut = (
    <Link href="/sign-out" className="rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100">
      Sign out
    </Link>
  );
  return (
    <header className="border-b border-slate-200 bg-white print:hidden">
      <div className="mx-auto flex max-w-[90rem] items-center gap-4 px-4 py-2 sm:px-6">
        <Link href="/" className="flex items-center gap-2 font-semibold text-brand-900">
          {/* eslint-disable-next-line @next/next/no-img-element -- a 24 px static SVG needs no optimisation */}
          <img src="/favicon.svg" alt="" width={24} height={24} />
          <span>Persona Scorecard</span>
        </Link>
        <div className="flex-1" />
        <NotificationBell unread={unread} />
        <div className="hidden items-center gap-2 md:flex">
          <Link href="/account" className="text-right text-sm leading-tight hover:underline">
            <span className="block font-medium text-slate-900">{user.name}</span>
            <span className="block text-xs text-slate-600">{ROLE_LABEL[user.role] ?? user.role}</span>
          </Link>
          {signOut}
        </div>
        {/* Below lg the sidebar folds into this menu, which opens with the keyboard and needs no JavaScript. */}
        <details className="group relative lg:hidden">
          <summary className="cursor-pointer list-none rounded-md border border-slate-300 px-3 py-2 text-sm font-medium text-slate-800 [&::-webkit-details-marker]:hidden">
            Menu <span aria-hidden="true">☰</span>
          </summary>
          <nav aria-label="Main" className="absolute right-0 z-20 mt-2 max-h-[80vh] w-64 overflow-y-auto rounded-lg border border-slate-200 bg-white p-2 shadow-lg">
            <NavGroups groups={groups} idPrefix="menu-group" />
            <div className="mt-3 border-t border-slate-100 pt-2 md:hidden">
              <p className="px-3 text-sm font-medium text-slate-900">{user.name}</p>
              <p className="px-3 pb-1 text-xs text-slate-600">{ROLE_LABEL[user.role] ?? user.role}</p>
              <NavLinks
                links={[
                  { href: "/notifications", label: "Notifications", badge: { count: unread, label: `${unread} unread` } },
                  { href: "/account", label: "My account" },
                  { href: "/sign-out", label: "Sign out" },
                ]}
                orientation="column"
              />
            </div>
          </nav>
        </details>
      </div>
    </header>
  );
}

/** The navigation on wide screens: headed sections in a column beside the page. */
export function AppSidebar({ groups }: { groups: NavGroup[] }) {
  return (
    <aside className="hidden w-52 shrink-0 print:hidden lg:block">
      <nav aria-label="Main" className="sticky top-4">
        <NavGroups groups={groups} idPrefix="sidebar-group" />
      </nav>
    </aside>
  );
}
