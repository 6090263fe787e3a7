import type { Metadata } from "next";
import { Suspense } from "react";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { PersonaScores } from "@/components/scorecard/persona-scores";
import { ScoreCell } from "@/components/scorecard/score-cell";
import { requirePermission } from "@/lib/auth/session";
import { formatPeriod } from "@/lib/format";
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
  const data = await getHomeData();
  return (
    <>

      <section aria-labelledby="scorecards-heading" className="mb-8">
        <h2 id="scorecards-heading" className="mb-3 text-lg font-semibold text-slate-900">
          Scorecards
        </h2>
        {data.scorecards.length === 0 ? (
          <EmptyState title="No scorecards yet">
            An analyst or administrator creates scorecards with their perspectives and KPIs. To explore with demo data, run{" "}
            <code className="rounded bg-slate-100 px-1">npm run db:seed</code>.
          </EmptyState>
        ) : (
          <ul className="grid gap-4 md:grid-cols-2">
            {data.scorecards.map((card) => (
              <li key={card.id}>
                <Card className="h-full">
                  <div className="flex flex-wrap items-start justify-between gap-3">
                    <div className="min-w-0">
                      <h3 className="text-base font-semibold text-slate-900">{card.name}</h3>
                      {card.description ? <p className="mt-1 text-sm text-slate-600">{card.description}</p> : null}
                    </div>
                    {card.total ? <ScoreCell result={card.total} label={`${card.name}, all personas`} size="lg" /> : null}
                  </div>
                  <dl className="mt-4 grid grid-cols-3 gap-2 text-sm">
                    <div>
                      <dt className="text-slate-500">Perspectives</dt>
                      <dd className="font-medium text-slate-900">{card.perspectiveCount}</dd>
                    </div>
                    <div>
                      <dt className="text-slate-500">Active KPIs</dt>
                      <dd className="font-medium text-slate-900">{card.activeKpiCount}</dd>
                    </div>
                    <div>
                      <dt className="text-slate-500">Latest data</dt>
                      <dd className="font-medium text-slate-900">{card.period ? formatPeriod(card.period) : "None yet"}</dd>
                    </div>
                  </dl>
                  {card.period === null ? (
                    <p className="mt-3 text-sm text-slate-600">No values reported yet: KPI owners enter them per persona and period.</p>
                  ) : null}
                </Card>
              </li>
            ))}
          </ul>
        )}
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
