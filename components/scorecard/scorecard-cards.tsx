import Link from "next/link";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatPeriod } from "@/lib/format";
import type { HomeScorecard } from "@/lib/queries/home";
import { ScoreCell } from "./score-cell";

/** Each scorecard with its total across personas in its latest month; the name opens its heatmap. */
export function ScorecardCards({ scorecards }: { scorecards: HomeScorecard[] }) {
  return (
    <>
    {scorecards.length === 0 ? (
      <EmptyState title="No scorecards yet">
        An analyst or administrator creates scorecards with their perspectives and KPIs. To explore with demo data, run{" "}
        <code className="rounded bg-slate-100 px-1">npm run db:seed</code>.
      </EmptyState>
    ) : (
      <ul className="grid gap-4 md:grid-cols-2">
        {scorecards.map((card) => (
          <li key={card.id}>
            <Card className="h-full">
              <div className="flex flex-wrap items-start justify-between gap-3">
                <div className="min-w-0">
                  <h3 className="text-base font-semibold text-slate-900">
                    <Link href={`/scorecards/${card.slug}`} className="text-brand-700 underline-offset-2 hover:underline">
                      {card.name}
                    </Link>
                  </h3>
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
              {card.period !== null ? (
                <p className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-sm">
                  <Link href={`/scorecards/${card.slug}?period=${card.period.slice(0, 7)}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                    Open the persona heatmap<span className="sr-only"> of {card.name}</span>
                  </Link>
                  <Link href={`/scorecards/${card.slug}/map`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                    Strategy map<span className="sr-only"> of {card.name}</span>
                  </Link>
                </p>
              ) : null}
              {card.period === null ? (
                <p className="mt-3 text-sm text-slate-600">No values reported yet: KPI owners enter them per persona and period.</p>
              ) : null}
            </Card>
          </li>
        ))}
      </ul>
    )}
    </>
  );
}
