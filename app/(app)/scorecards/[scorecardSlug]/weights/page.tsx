import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PersonaStatusBadge } from "@/components/personas/persona-status";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { RecalibrationForm } from "@/components/weights/recalibration-form";
import { requirePermission } from "@/lib/auth/session";
import { formatPeriod, formatShare } from "@/lib/format";
import { getWeightsPage } from "@/lib/queries/persona-weights";
import { recalibrateAction } from "./actions";

export const metadata: Metadata = { title: "Persona weights" };

const weightFormat = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 4 });

export default async function WeightsPage({ params }: { params: Promise<{ scorecardSlug: string }> }) {
  const actor = await requirePermission("weight.write");
  const { scorecardSlug } = await params;
  const page = await getWeightsPage(actor, scorecardSlug);
  if (!page) notFound();

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/scorecards/${page.scorecard.slug}`} className="text-brand-700 underline-offset-2 hover:underline">
          ← {page.scorecard.name}
        </Link>
      </p>
      <PageHeader
        title={`Persona weights: ${page.scorecard.name}`}
        description="How much each persona counts in the scorecard total. A recalibration adds a new version from an effective month; earlier months keep scoring with the weights in force then."
      />
      {/* Restricted to some personas: the history only, and why there is no recalibration. */}
      {page.recalibrationRefusal !== null ? <Notice>{page.recalibrationRefusal}</Notice> : null}
      <div className={page.recalibrationRefusal !== null ? "grid min-w-0 max-w-3xl grid-cols-1 gap-6" : "grid min-w-0 grid-cols-1 gap-6 xl:grid-cols-[3fr_2fr]"}>
        {page.recalibrationRefusal !== null ? null : (
          <Card className="min-w-0" title="Recalibrate" description="Propose new weights, preview their effect on the total, then save with a reason.">
            {page.personas.length === 0 ? (
              <EmptyState title="No personas to weigh" action={{ href: "/personas/new", label: "Create a persona" }}>
                Weights are given to active and draft personas.
              </EmptyState>
            ) : (
              <RecalibrationForm
                action={recalibrateAction}
                scorecardId={page.scorecard.id}
                personas={page.personas}
                earliestEffectiveFrom={page.earliestEffectiveFrom}
              />
            )}
          </Card>
        )}
        <Card className="min-w-0" title="History" description="Each version with the months it was in force, its reason and who set it; newest first.">
          {page.versions.length === 0 ? (
            <p className="text-sm text-slate-600">No weights yet: every persona counts 0 until the first version is saved.</p>
          ) : (
            <ol className="space-y-5">
              {page.versions.map((v) => (
                <li key={v.effectiveFrom}>
                  <h3 className="flex flex-wrap items-center gap-x-2 text-sm font-semibold text-slate-900">
                    {formatPeriod(v.effectiveFrom)} – {v.until ? formatPeriod(v.until) : "now"}
                    {v.until === null ? <span className="rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-800">In force</span> : null}
                  </h3>
                  <p className="text-xs text-slate-600">
                    Set by {v.setBy.join(", ")}. {v.reasonsWithheld ? "The reason is not shown: it may name personas outside your access." : v.reasons.join(" ")}
                  </p>
                  <ScrollRegion label={`Weights from ${formatPeriod(v.effectiveFrom)}`} className="mt-1">
                  <table className="w-full text-left text-sm">
                    <caption className="sr-only">Weights from {formatPeriod(v.effectiveFrom)}</caption>
                    <thead>
                      <tr className="border-b border-slate-200 text-slate-700">
                        <th scope="col" className="py-1 pr-3 font-medium">Persona</th>
                        <th scope="col" className="py-1 pr-3 text-right font-medium">Weight</th>
                        <th scope="col" className="py-1 text-right font-medium">Share</th>
                      </tr>
                    </thead>
                    <tbody>
                      {v.rows.map((r) => (
                        <tr key={r.personaId} className="border-b border-slate-100">
                          <th scope="row" className="py-1 pr-3 font-normal text-slate-900">
                            <span className="flex flex-wrap items-center gap-2">
                              {r.name}
                              {r.status !== "ACTIVE" ? <PersonaStatusBadge status={r.status} /> : null}
                              {r.changed ? null : <span className="text-xs text-slate-600">(carried over)</span>}
                            </span>
                          </th>
                          <td className="py-1 pr-3 text-right tabular-nums">{weightFormat.format(r.weight)}</td>
                          <td className="py-1 text-right tabular-nums">{formatShare(r.share)}</td>
                        </tr>
                      ))}
                      {v.otherPersonas !== null ? (
                        <tr className="border-b border-slate-100" data-testid="other-personas">
                          <th scope="row" className="py-1 pr-3 font-normal text-slate-700">
                            Other personas
                            <span className="block text-xs text-slate-600">
                              {v.otherPersonas.count} {v.otherPersonas.count === 1 ? "persona" : "personas"} outside your access
                            </span>
                          </th>
                          <td className="py-1 pr-3 text-right tabular-nums">{weightFormat.format(v.otherPersonas.weight)}</td>
                          <td className="py-1 text-right tabular-nums">{formatShare(v.otherPersonas.share)}</td>
                        </tr>
                      ) : null}
                    </tbody>
                  </table>
                  </ScrollRegion>
                </li>
              ))}
            </ol>
          )}
        </Card>
      </div>
    </>
  );
}
