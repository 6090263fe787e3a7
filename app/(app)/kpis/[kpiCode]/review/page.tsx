import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ReviewProposalForm } from "@/components/kpis/kpi-forms";
import { KpiStatusBadge } from "@/components/kpis/kpi-status";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/policy";
import { requirePermission } from "@/lib/auth/session";
import { formatAge, formatDateTime, formatPersonaNames } from "@/lib/format";
import { getProposal } from "@/lib/queries/kpi-catalogue";
import { reviewKpiProposalAction } from "../../actions";

export const metadata: Metadata = { title: "KPI proposal" };

function isLink(text: string): boolean {
  return /^https?:\/\/\S+$/.test(text.trim());
}

export default async function ReviewPage({ params, searchParams }: { params: Promise<{ kpiCode: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePermission("dashboard.read");
  const [{ kpiCode }, search] = await Promise.all([params, searchParams]);
  const p = await getProposal(actor, decodeURIComponent(kpiCode));
  if (!p) notFound();
  const reviewer = can(actor, "kpi.review");
  // Free text about personas outside the viewer's access is not shown (issue 13): say so, in words.
  const withheld = (
    <span className="italic text-slate-600">
      Withheld: this proposal is {p.personas.length > 0 ? "also " : ""}about personas outside your access.
    </span>
  );
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/kpis/proposals" className="text-brand-700 underline-offset-2 hover:underline">
          ← All proposals
        </Link>
      </p>
      <PageHeader title={`Proposal: ${p.name}`} description={`${p.code} · ${p.scorecard}: ${p.perspective}`}>
        <KpiStatusBadge status={p.status} />
      </PageHeader>
      {search.proposed ? <Notice tone="info">Proposal recorded. Another analyst or an administrator reviews it; it is not scored until approved.</Notice> : null}
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="min-w-0 lg:col-span-2">
          <Card title="The case for it">
            <dl className="space-y-3 text-sm">
              <div>
                <dt className="text-slate-500">Objective</dt>
                <dd>{p.objective ?? "None named"}</dd>
              </div>
              <div>
                <dt className="text-slate-500">Personas</dt>
                <dd>{formatPersonaNames(p.personas, p.otherPersonas, "None named")}</dd>
              </div>
              <div>
                <dt className="text-slate-500">Justification</dt>
                <dd className="whitespace-pre-line">{p.textWithheld ? withheld : (p.justification ?? "None recorded")}</dd>
              </div>
              <div>
                <dt className="text-slate-500">Evidence</dt>
                <dd className="whitespace-pre-line break-words">
                  {p.textWithheld ? (
                    withheld
                  ) : p.evidence === null ? (
                    "None recorded"
                  ) : isLink(p.evidence) ? (
                    <a href={p.evidence.trim()} rel="noopener noreferrer nofollow" className="text-brand-700 underline underline-offset-2">
                      {p.evidence.trim()}
                    </a>
                  ) : (
                    p.evidence
                  )}
                </dd>
              </div>
              {p.description ? (
                <div>
                  <dt className="text-slate-500">Description</dt>
                  <dd>{p.description}</dd>
                </div>
              ) : null}
              <div>
                <dt className="text-slate-500">Proposed</dt>
                <dd>
                  by {p.proposedBy?.name ?? "someone no longer here"}, {formatAge(p.proposedAt)} ({formatDateTime(p.proposedAt)})
                </dd>
              </div>
            </dl>
            <p className="mt-4 text-sm">
              <Link href={`/kpis/${encodeURIComponent(p.code)}`} className="text-brand-700 underline underline-offset-2">
                See its definition
              </Link>
              {p.canEdit ? (
                <>
                  {" · "}
                  <Link href={`/kpis/${encodeURIComponent(p.code)}/edit`} className="text-brand-700 underline underline-offset-2">
                    Edit the definition
                  </Link>
                </>
              ) : null}
            </p>
          </Card>
        </div>
        <div className="min-w-0 space-y-4">
          <Card title="Decision">
            {p.status !== "PROPOSED" ? (
              <p className="text-sm text-slate-700">
                {p.status === "REJECTED" ? "Rejected" : p.status === "ACTIVE" ? "Approved" : `Now ${p.status.toLowerCase()}`}
                {p.reviewedBy ? ` by ${p.reviewedBy}` : ""}
                {p.reviewedAt ? ` on ${formatDateTime(p.reviewedAt)}` : ""}
                {p.reviewComment ? `: “${p.reviewComment}”` : "."}
                {p.textWithheld ? <span className="mt-1 block">{withheld}</span> : null}
              </p>
            ) : p.canReview ? (
              <ReviewProposalForm action={reviewKpiProposalAction} kpiId={p.id} version={p.version} />
            ) : p.own ? (
              <p className="text-sm text-slate-700">You proposed this KPI, so you cannot approve or reject it: another analyst or an administrator reviews it.</p>
            ) : p.reviewRefusal ? (
              <p className="text-sm text-slate-700">{p.reviewRefusal}</p>
            ) : (
              <p className="text-sm text-slate-700">{reviewer ? "You cannot review this proposal." : "Waiting for an analyst or an administrator to review it."}</p>
            )}
          </Card>
        </div>
      </div>
    </>
  );
}
