"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export interface NavLink {
  href: string;
  label: string;
  /** A count beside the label (e.g. open escalations), with its meaning for screen readers. */
  badge?: { count: number; label: string };
}

function matches(pathname: string, href: string): boolean {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}

/** The link of the current page: the longest href the path falls under (/entry/import over /entry). */
function currentHref(pathname: string, links: NavLink[]): string | null {
  return links.filter((l) => matches(pathname, l.href)).reduce<string | null>((best, l) => (best === null || l.href.length > best.length ? l.href : best), null);
}

/** Links of one navigation group; the current page is marked for screen readers too. */
export function NavLinks({ links, orientation }: { links: NavLink[]; orientation: "row" | "column" }) {
  const pathname = usePathname();
  const currentLink = currentHref(pathname, links);
  return (
    <ul className={orientation === "row" ? "flex items-center gap-1" : "flex flex-col gap-1"}>
      {links.map((link) => {
        const current = link.href === currentLink;
        return (
          <li key={link.href}>
            <Link
              href={link.href}
              aria-current={current ? "page" : undefined}
              className={`block rounded-md px-3 py-2 text-sm font-medium ${
                current ? "bg-brand-50 text-brand-700 underline decoration-2 underline-offset-4" : "text-slate-700 hover:bg-slate-100 hover:text-slate-900"
              }`}
            >
              {link.label}
              {link.badge && link.badge.count > 0 ? (
                <>
                  <span aria-hidden="true" className="ml-1.5 inline-block min-w-5 rounded-full bg-status-red px-1.5 text-center text-xs font-semibold text-white">
                    {link.badge.count}
                  </span>
                  <span className="sr-only"> ({link.badge.label})</span>
                </>
              ) : null}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
