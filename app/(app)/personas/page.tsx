import type { Metadata } from "next";
import Link from "next/link";
import { OverdueFlag, PersonaStatusBadge } from "@/components/personas/persona-status";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterPills } from "@/components/ui/filter-pills";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { requirePermission } from "@/lib/auth/session";
import { formatDate, formatShare } from "@/lib/format";
import { getPersonaList } from "@/lib/queries/personas";
import type { PersonaStatusValue } from "@/lib/validation/personas";

export const metadata: Metadata = { title: "Personas" };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

const FILTERS: { value: PersonaStatusValue | null; label: string }[] = [
  { value: null, label: "All" },
  { value: "ACTIVE", label: "Active" },
  { value: "DRAFT", label: "Draft" },
  { value: "SUNSET", label: "Sunset" },
];

export default async function PersonasPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requirePermission("dashboard.read");
  const search = await searchParams;
  const list = await getPersonaList(actor, { status: one(search.status) });
  const total = list.counts.ACTIVE + list.counts.DRAFT + list.counts.SUNSET;

  return (
    <>
      <PageHeader
        title="Personas"
        description="The customer personas every KPI is measured for. Only active personas count on scorecards; drafts are being prepared and sunset ones count only in the months before their sunset."
      >
        {list.canEdit ? (
          <Link href="/personas/new" className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700">
            New persona
          </Link>
        ) : null}
      </PageHeader>
      {list.statusMessage ? <Notice tone="warning">{list.statusMessage}</Notice> : null}
      {list.overdueCount > 0 ? (
        <Notice tone="warning">
          {list.overdueCount} {list.overdueCount === 1 ? "persona is" : "personas are"} overdue for review
          {list.canEdit ? ": open it and mark it reviewed." : "."}
        </Notice>
      ) : null}

      <FilterPills
        label="Filter by status"
        className="mb-4"
        pills={FILTERS.map((f) => ({ label: f.label, count: f.value ? list.counts[f.value] : total, href: f.value ? `/personas?status=${f.value.toLowerCase()}` : "/personas", current: f.value === list.status }))}
      />

      {list.rows.length === 0 ? (
        <EmptyState title={list.status ? "No personas with this status" : "No personas yet"} action={list.canEdit ? { href: "/personas/new", label: "Create a persona" } : undefined}>
          {list.status ? "Choose another status above, or All." : "An analyst creates personas; they start as drafts."}
        </EmptyState>
      ) : (
        <ScrollRegion label="Personas" boxClassName="rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Personas{list.status ? `, status ${list.status.toLowerCase()}` : ""}</caption>
            <thead>
              <tr className="border-b border-slate-200 text-slate-700">
                <th scope="col" className="px-3 py-2 font-medium">Persona</th>
                <th scope="col" className="px-3 py-2 font-medium">Status</th>
                <th scope="col" className="px-3 py-2 font-medium">Priority</th>
                <th scope="col" className="px-3 py-2 font-medium">Revenue influence</th>
                <th scope="col" className="px-3 py-2 font-medium">Next review</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((p) => (
                <tr key={p.id} className="border-b border-slate-100 align-top last:border-0">
                  <th scope="row" className="px-3 py-2 font-medium">
                    <Link href={`/personas/${p.slug}`} className="text-brand-700 underline-offset-2 hover:underline">
                      {p.name}
                    </Link>
                    {p.overdue ? (
                      <span className="mt-1 block sm:hidden">
                        <OverdueFlag />
                      </span>
                    ) : null}
                  </th>
                  <td className="px-3 py-2">
                    <PersonaStatusBadge status={p.status} />
                  </td>
                  <td className="px-3 py-2">{p.priority}</td>
                  <td className="px-3 py-2">{p.revenueInfluence === null ? "Unknown" : formatShare(p.revenueInfluence)}</td>
                  <td className="px-3 py-2">
                    {p.status === "SUNSET" ? (
                      <span className="text-slate-600">Not reviewed (sunset)</span>
                    ) : p.nextReviewOn ? (
                      <span className="flex flex-wrap items-center gap-2">
                        {formatDate(p.nextReviewOn)}
                        {p.overdue ? <OverdueFlag /> : null}
                      </span>
                    ) : (
                      "Not scheduled"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </>
  );
}
