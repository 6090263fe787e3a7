import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/session";
import { formatAge, formatDate, formatPersonaNames } from "@/lib/format";
import { getProposalQueue } from "@/lib/queries/kpi-catalogue";
import { can } from "@/lib/auth/policy";

export const metadata: Metadata = { title: "KPI proposals" };

export default async function ProposalsPage() {
  const actor = await requirePermission("dashboard.read");
  const proposals = await getProposalQueue(actor);
  const now = new Date();
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/kpis" className="text-brand-700 underline-offset-2 hover:underline">
          ← All KPIs
        </Link>
      </p>
      <PageHeader title="KPI proposals" description="Proposed KPIs waiting for a decision, oldest first. An administrator or an analyst other than the proposer approves or rejects each, with a comment.">
        {can(actor, "kpi.propose") ? (
          <Link href="/kpis/new" className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700">
            Propose a KPI
          </Link>
        ) : null}
      </PageHeader>
      {proposals.length === 0 ? (
        <EmptyState title="No proposals waiting" action={can(actor, "kpi.propose") ? { href: "/kpis/new", label: "Propose a KPI" } : undefined}>
          Every proposal has been decided. Approved ones are in the catalogue as active KPIs.
        </EmptyState>
      ) : (
        <ul className="space-y-3">
          {proposals.map((p) => (
            <li key={p.id} className="relative rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="text-base font-semibold text-slate-900">
                  <Link href={`/kpis/${encodeURIComponent(p.code)}/review`} className="text-brand-700 underline-offset-2 hover:underline">
                    {p.name}
                  </Link>{" "}
                  <span className="text-sm font-normal text-slate-600">{p.code}</span>
                </h2>
                <p className="text-sm text-slate-700">
                  Waiting <time dateTime={p.proposedAt} title={formatDate(p.proposedAt)}>{formatAge(p.proposedAt, now).replace(/ ago$/, "")}</time>
                  <span className="sr-only"> (proposed {formatAge(p.proposedAt, now)})</span>
                </p>
              </div>
              <p className="mt-1 text-sm text-slate-700">
                {p.scorecard}: {p.perspective} · {p.objective ?? "no objective"} · for {formatPersonaNames(p.personas, p.otherPersonas, "no persona named")}
              </p>
              <p className="mt-1 text-sm text-slate-600">
                Proposed by {p.proposedBy?.name ?? "someone no longer here"} {formatAge(p.proposedAt, now)}.
              </p>
              <p className="mt-2 text-sm">
                <Link href={`/kpis/${encodeURIComponent(p.code)}/review`} className="font-medium text-brand-700 underline underline-offset-2">
                  {p.canReview ? "Review" : "Read"} the proposal<span className="sr-only"> {p.code}</span>
                </Link>
                {p.own ? <span className="ml-2 text-slate-600">(yours: another analyst or an administrator reviews it)</span> : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
