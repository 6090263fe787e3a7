import Link from "next/link";

export interface FilterPill {
  label: string;
  count: number;
  href: string;
  current: boolean;
}

/** A row of links that filter a list (e.g. by status), each with its count; the chosen one is marked for every reader, not by colour alone. */
export function FilterPills({ label, pills, className }: { label: string; pills: FilterPill[]; className?: string }) {
  return (
    <nav aria-label={label} className={className}>
      <ul className="flex flex-wrap gap-2">
        {pills.map((p) => (
          <li key={p.label}>
            <Link
              href={p.href}
              aria-current={p.current ? "page" : undefined}
              className={`inline-block rounded-full border px-3 py-1 text-sm ${p.current ? "border-brand-600 bg-brand-50 font-semibold text-brand-800 underline underline-offset-4" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50"}`}
            >
              {p.label} ({p.count})
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
