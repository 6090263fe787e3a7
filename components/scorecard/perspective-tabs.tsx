import Link from "next/link";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatCount, formatScore } from "@/lib/format";
import type { PerspectiveView } from "@/lib/queries/persona-scorecard";

// A scorecard with hundreds of KPIs shows its KPI rows one perspective at a time: every row costs
// server rendering, bytes and the reader's scrolling, and nobody reads 500 rows at once. The tabs
// keep every perspective's score in view; the CSV export holds every row.

/** Above this many KPI rows a persona scorecard shows one perspective's KPIs at a time. */
export const KPI_ROWS_ON_ONE_PAGE = 150;

export function kpiRowCount(perspectives: PerspectiveView[]): number {
  return perspectives.reduce((n, p) => n + p.otherKpis.length + p.objectives.reduce((m, o) => m + o.kpis.length, 0), 0);
}

/** The perspective whose KPIs to show: the one asked for, else the first. */
export function selectedPerspective(perspectives: PerspectiveView[], id: string | undefined): PerspectiveView | undefined {
  return perspectives.find((p) => p.id === id) ?? perspectives[0];
}

/** Links to each perspective's KPIs (`href(id)`), the shown one marked as the current page. */
export function PerspectiveTabs({ perspectives, selectedId, href }: { perspectives: PerspectiveView[]; selectedId: string; href: (perspectiveId: string) => string }) {
  return (
    <nav aria-label="KPIs by perspective" className="mb-4 print:hidden">
      <ul className="flex flex-wrap gap-2 text-sm">
        {perspectives.map((p) => {
          const current = p.id === selectedId;
          const count = kpiRowCount([p]);
          return (
            <li key={p.id}>
              <Link
                prefetch={false}
                href={href(p.id)}
                aria-current={current ? "page" : undefined}
                className={`flex flex-wrap items-center gap-2 rounded-md border px-3 py-1.5 ${current ? "border-brand-600 bg-brand-50 font-semibold text-brand-900" : "border-slate-300 bg-white text-slate-800 hover:bg-slate-50"}`}
              >
                <span>{p.name}</span>
                <span className="tabular-nums">{formatScore(p.result.score)}</span>
                <StatusBadge status={p.result.status} />
                <span className="text-xs font-normal text-slate-600">{count === 1 ? "1 KPI" : `${formatCount(count)} KPIs`}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
