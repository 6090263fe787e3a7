import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ScoreCell } from "@/components/scorecard/score-cell";
import { requireActor } from "@/lib/auth/session";
import { authorize } from "@/lib/auth/policy";
import { formatPeriod } from "@/lib/format";
import { getHomeData } from "@/lib/queries/home";

export const metadata: Metadata = { title: "Overview" };

export default async function HomePage() {
  const actor = await requireActor();
  authorize(actor, "dashboard.read");
  const data = await getHomeData();

  return (
    <>
      <PageHeader
        title="Overview"
        description="Each persona's overall score per scorecard in the latest reported month. Scores run 0–100: 67 and above is on track, 33 and below is off track."
      />

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
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">Overall score of each active persona per scorecard</caption>
              <thead className="bg-slate-50">
                <tr>
                  <th scope="col" className="px-4 py-3 text-left font-semibold text-slate-700">
                    Persona
                  </th>
                  {data.scorecards.map((card) => (
                    <th key={card.id} scope="col" className="px-4 py-3 text-left font-semibold text-slate-700">
                      {card.name}
                      {card.period ? <span className="block text-xs font-normal text-slate-500">{formatPeriod(card.period)}</span> : null}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {data.personas.map((persona) => (
                  <tr key={persona.id} data-testid={`persona-row-${persona.slug}`}>
                    <th scope="row" className="max-w-xs px-4 py-3 text-left align-top font-normal">
                      <span className="block font-medium text-slate-900">{persona.name}</span>
                      <span className="line-clamp-2 block text-xs text-slate-600">{persona.description}</span>
                    </th>
                    {persona.scores.map((result, i) => (
                      <td key={data.scorecards[i]!.id} className="px-4 py-3 align-top">
                        {result ? (
                          <ScoreCell result={result} label={`${persona.name}, ${data.scorecards[i]!.name}`} />
                        ) : (
                          <span className="text-slate-500">No data yet</span>
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
