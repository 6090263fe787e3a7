import { NavLinks, type NavLink } from "./nav-links";

export interface NavGroup {
  id: string;
  label: string;
  links: NavLink[];
}

/** The navigation's headed sections, one list per group (the sidebar and the small-screen menu). */
export function NavGroups({ groups, idPrefix }: { groups: NavGroup[]; idPrefix: string }) {
  return (
    <div className="flex flex-col gap-4">
      {groups.map((group) => (
        <section key={group.id} aria-labelledby={`${idPrefix}-${group.id}`}>
          <h2 id={`${idPrefix}-${group.id}`} className="px-3 pb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">
            {group.label}
          </h2>
          <NavLinks links={group.links} orientation="column" />
        </section>
      ))}
    </div>
  );
}
