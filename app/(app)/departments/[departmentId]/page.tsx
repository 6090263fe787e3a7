import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { Skeleton } from "@/components/ui/skeleton";
import { statusIcon, statusLabel, statusTone } from "@/components/ui/status-badge";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/session";
import { formatPeriod, formatScore } from "@/lib/format";
import { getDepartmentView, type DepartmentScorecard, type DepartmentView } from "@/lib/queries/department-view";
import { departmentExists } from "@/lib/queries/exists";

export const metadata: Metadata = { title: "Department" };

export default async function DepartmentPage({
  params,
  searchParams,
}: {
  params: Promise<{ departmentId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePermission("dashboard.read");
  const [{ departmentId }, search] = await Promise.all([params, searchParams]);
  const period = Array.isArray(search.period) ? search.period[0] : search.period;
  if (!(await departmentExists(actor, departmentId))) notFound();
  return (
    <Suspense fallback={<Skeleton label="Loading the department…" blocks={["h-12", "h-80"]} />}>
      <Department actor={actor} departmentId={departmentId} period={period} />
    </Suspense>
  );
}

async function Department({ actor, departmentId, period }: { actor: Actor; departmentId: string; period?: string }) {
  const view = await getDepartmentView(actor, { departmentId, period });
  if (!view) notFound();
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/departments?all" className="text-brand-700 underline-offset-2 hover:underline">
          ← All departments
        </Link>
      </nav>
      <PageHeader
        title={view.department.name}
        description="The KPIs this department answers for — its own, or owned by its people — for every active persona in the latest reported month."
      />
      {view.periodMessage ? <Notice tone="warning">{view.periodMessage} Showing the latest month instead.</Notice> : null}
      {view.scorecards.length === 0 ? (
        <EmptyState title="No KPIs here yet">No active KPI belongs to this department or to its people. An analyst assigns KPIs to departments and owners.</EmptyState>
      ) : (
        view.scorecards.map((card) => <ScorecardBlock key={card.slug} card={card} view={view} />)
      )}
    </>
  );
}

function ScorecardBlock({ card, view }: { card: DepartmentScorecard; view: DepartmentView }) {
  return (
    <section aria-labelledby={`card-${card.slug}`} className="mb-8">
      <h2 id={`card-${card.slug}`} className="mb-2 text-lg font-semibold">
        <Link href={`/scorecards/${card.slug}`} className="text-brand-700 underline-offset-2 hover:underline">
          {card.name}
        </Link>
        {card.period ? <span className="ml-2 text-sm font-normal text-slate-600">{formatPeriod(card.period)}</span> : null}
      </h2>
      <ScrollRegion label={`${card.name}: KPIs per persona`} boxClassName="rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="min-w-full border-separate border-spacing-0 text-sm">
          <caption className="sr-only">Score and status of each KPI of {view.department.name} per persona</caption>
          <thead className="bg-slate-50 text-left">
            <tr>
              <th scope="col" className="sticky left-0 z-10 bg-slate-50 px-3 py-2 font-semibold">KPI</th>
              {view.personas.map((p) => (
                <th key={p.slug} scope="col" className="px-3 py-2 font-semibold">
                  <Link href={`/scorecards/${card.slug}/personas/${p.slug}${card.period ? `?period=${card.period.slice(0, 7)}` : ""}`} className="text-brand-700 underline-offset-2 hover:underline">
                    {p.name}
                  </Link>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {card.kpis.map((kpi) => (
              <tr key={kpi.code}>
                <th scope="row" className="sticky left-0 z-10 max-w-56 border-t border-slate-100 bg-white px-3 py-2 text-left font-normal">
                  <Link href={`/kpis/${encodeURIComponent(kpi.code)}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                    {kpi.name}
                  </Link>
                  <span className="block text-xs text-slate-600">
                    {kpi.code} · {kpi.via === "KPI" ? "department KPI" : `owned by ${kpi.owner}`}
                  </span>
                </th>
                {kpi.cells.length === 0 ? (
                  <td colSpan={view.personas.length} className="border-t border-slate-100 px-3 py-2 text-slate-600">No values yet</td>
                ) : (
                  kpi.cells.map((c) => (
                    <td key={c.personaSlug} className="border-t border-slate-100 px-3 py-2">
                      <span className={`inline-flex min-w-20 flex-col rounded-md px-2 py-1 ring-1 ring-inset ${statusTone(c.status)}`}>
                        <span className="font-semibold tabular-nums">{formatScore(c.score)}</span>
                        <span className="text-xs whitespace-nowrap">
                          <span aria-hidden="true">{statusIcon(c.status)}</span> {statusLabel(c.status)}
                        </span>
                      </span>
                    </td>
                  ))
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}
