import type { Metadata } from "next";
import Link from "next/link";
import { KpiStatusBadge } from "@/components/kpis/kpi-status";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterPills } from "@/components/ui/filter-pills";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { requirePermission } from "@/lib/auth/session";
import { formatPeriod } from "@/lib/format";
import { getKpiCatalogue } from "@/lib/queries/kpi-catalogue";
import type { KpiStatusValue } from "@/lib/validation/kpis";

export const metadata: Metadata = { title: "KPIs" };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

const FILTERS: { value: KpiStatusValue | null; label: string }[] = [
  { value: null, label: "All" },
  { value: "ACTIVE", label: "Active" },
  { value: "PROPOSED", label: "Proposed" },
  { value: "RETIRED", label: "Retired" },
  { value: "REJECTED", label: "Rejected" },
];

function href(status: KpiStatusValue | null, scorecard: string | null) {
  const params = new URLSearchParams();
  if (status) params.set("status", status.toLowerCase());
  if (scorecard) params.set("scorecard", scorecard);
  const q = params.toString();
  return q ? `/kpis?${q}` : "/kpis";
}

export default async function KpisPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requirePermission("dashboard.read");
  const search = await searchParams;
  const list = await getKpiCatalogue(actor, { status: one(search.status), scorecard: one(search.scorecard) });
  const total = list.counts.ACTIVE + list.counts.PROPOSED + list.counts.RETIRED + list.counts.REJECTED;

  return (
    <>
      <PageHeader title="KPIs" description="Every KPI of every scorecard: active ones are scored; proposals wait for a second reviewer; retired ones count up to the month they were retired in.">
        <div className="flex flex-wrap gap-2">
          <Link href="/kpis/proposals" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50">
            Proposals ({list.counts.PROPOSED})
          </Link>
          {list.canPropose ? (
            <Link href="/kpis/new" className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700">
              Propose a KPI
            </Link>
          ) : null}
        </div>
      </PageHeader>
      {list.filterMessage ? <Notice tone="warning">{list.filterMessage}</Notice> : null}

      <div className="mb-4 flex flex-wrap items-end gap-4">
        <FilterPills
          label="Filter by status"
          pills={FILTERS.map((f) => ({ label: f.label, count: f.value ? list.counts[f.value] : total, href: href(f.value, list.scorecard), current: f.value === list.status }))}
        />
        <form action="/kpis" className="flex flex-wrap items-end gap-2">
          {list.status ? <input type="hidden" name="status" value={list.status.toLowerCase()} /> : null}
          <div>
            <label htmlFor="kpi-scorecard" className="block text-sm font-medium text-slate-800">
              Scorecard
            </label>
            <select id="kpi-scorecard" name="scorecard" defaultValue={list.scorecard ?? ""} className="mt-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">
              <option value="">All scorecards</option>
              {list.scorecards.map((s) => (
                <option key={s.slug} value={s.slug}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100">
            Show
          </button>
        </form>
      </div>

      {list.rows.length === 0 ? (
        <EmptyState title={list.status || list.scorecard ? "No KPIs match these filters" : "No KPIs yet"} action={list.canPropose ? { href: "/kpis/new", label: "Propose a KPI" } : undefined}>
          {list.status || list.scorecard ? "Choose another status or scorecard, or All." : "An analyst proposes KPIs; once another analyst or an administrator approves them they are scored."}
        </EmptyState>
      ) : (
        <ScrollRegion label="KPIs" boxClassName="rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">KPIs{list.status ? `, status ${list.status.toLowerCase()}` : ""}</caption>
            <thead>
              <tr className="border-b border-slate-200 text-slate-700">
                <th scope="col" className="px-3 py-2 font-medium">KPI</th>
                <th scope="col" className="px-3 py-2 font-medium">Status</th>
                <th scope="col" className="px-3 py-2 font-medium">Perspective and objective</th>
                <th scope="col" className="px-3 py-2 font-medium">Owner</th>
                <th scope="col" className="px-3 py-2 font-medium">Frequency</th>
                {list.canEdit ? <th scope="col" className="px-3 py-2 font-medium"><span className="sr-only">Actions</span></th> : null}
              </tr>
            </thead>
            <tbody>
              {list.rows.map((k) => (
                <tr key={k.code} className="border-b border-slate-100 align-top last:border-0">
                  <th scope="row" className="px-3 py-2 font-medium">
                    <Link href={`/kpis/${encodeURIComponent(k.code)}`} className="text-brand-700 underline-offset-2 hover:underline">
                      {k.name}
                    </Link>
                    <span className="block text-xs font-normal text-slate-600">{k.code}</span>
                  </th>
                  <td className="px-3 py-2">
                    <KpiStatusBadge status={k.status} />
                    {k.retiredIn ? <span className="mt-1 block text-xs text-slate-600">counts up to {formatPeriod(k.retiredIn, k.frequency)}</span> : null}
                  </td>
                  <td className="px-3 py-2">
                    {k.scorecard}: {k.perspective}
                    <span className="block text-xs text-slate-600">{k.objective ?? "No objective"}</span>
                  </td>
                  <td className="px-3 py-2">{k.owner ?? "No owner"}</td>
                  <td className="px-3 py-2">{k.frequency === "QUARTERLY" ? "Quarterly" : "Monthly"}</td>
                  {list.canEdit ? (
                    <td className="px-3 py-2 whitespace-nowrap">
                      {k.status === "PROPOSED" ? (
                        <Link href={`/kpis/${encodeURIComponent(k.code)}/review`} className="text-brand-700 underline underline-offset-2">
                          Review<span className="sr-only"> {k.code}</span>
                        </Link>
                      ) : k.status !== "REJECTED" ? (
                        <Link href={`/kpis/${encodeURIComponent(k.code)}/edit`} className="text-brand-700 underline underline-offset-2">
                          Edit<span className="sr-only"> {k.code}</span>
                        </Link>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </>
  );
}
