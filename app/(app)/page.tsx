import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { PersonaScores } from "@/components/scorecard/persona-scores";
import { ScorecardCards } from "@/components/scorecard/scorecard-cards";
import { requirePermission } from "@/lib/auth/session";
import { formatDate } from "@/lib/format";
import { requireActor } from "@/lib/auth/session";
import { getHomeData } from "@/lib/queries/home";

export const metadata: Metadata = { title: "Overview" };

export default async function HomePage() {
  // Authorize before anything streams, so a refusal keeps its HTTP status.
  await requirePermission("dashboard.read");
  return (
    <>
      <PageHeader
        title="Overview"
        description="Each persona's overall score per scorecard in the latest reported month. Scores run 0–100: 67 and above is on track, 33 and below is off track."
      />
      <Suspense fallback={<OverviewSkeleton />}>
        <Overview />
      </Suspense>
    </>
  );
}

function OverviewSkeleton() {
  return (
    <div role="status" aria-live="polite" className="animate-pulse space-y-4">
      <span className="sr-only">Loading scores…</span>
      <div className="grid gap-4 md:grid-cols-2">
        <div className="h-40 rounded-lg bg-slate-200" />
        <div className="h-40 rounded-lg bg-slate-200" />
      </div>
      <div className="h-64 rounded-lg bg-slate-200" />
    </div>
  );
}

async function Overview() {
  const data = await getHomeData(await requireActor());
  return (
    <>
      {data.overdueReviews.length > 0 ? (
        <section aria-labelledby="reviews-heading" className="mb-8 rounded-lg border border-amber-300 bg-amber-50 p-4">
          <h2 id="reviews-heading" className="flex items-center gap-2 text-base font-semibold text-amber-900">
            <span aria-hidden="true">⚠</span>
            {data.overdueReviews.length} {data.overdueReviews.length === 1 ? "persona is" : "personas are"} overdue for review
          </h2>
          <ul className="mt-2 space-y-1 text-sm text-amber-900">
            {data.overdueReviews.map((p) => (
              <li key={p.slug}>
                <Link href={`/personas/${p.slug}`} className="font-medium underline underline-offset-2">
                  {p.name}
                </Link>{" "}
                ({p.status === "DRAFT" ? "draft" : "active"}): review was due {formatDate(p.nextReviewOn)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="scorecards-heading" className="mb-8">
        <h2 id="scorecards-heading" className="mb-3 text-lg font-semibold text-slate-900">
          Scorecards
        </h2>
        <ScorecardCards scorecards={data.scorecards} />
      </section>

      <section aria-labelledby="personas-heading">
        <h2 id="personas-heading" className="mb-1 text-lg font-semibold text-slate-900">
          Active personas
        </h2>
        <p className="mb-3 text-sm text-slate-600">
          {data.draftPersonaCount} draft and {data.sunsetPersonaCount} sunset {data.draftPersonaCount + data.sunsetPersonaCount === 1 ? "persona is" : "personas are"} not scored.
        </p>
        {data.personas.length === 0 ? (
          <EmptyState title="No active personas">
            Scores are computed per persona. An analyst activates a persona once its description and weights are agreed.
          </EmptyState>
        ) : (
          <PersonaScores personas={data.personas} scorecards={data.scorecards} />
        )}
      </section>
    </>
  );
}
