import Link from "next/link";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { formatPeriod } from "@/lib/format";
import type { HomePersona, HomeScorecard } from "@/lib/queries/home";
import { ScoreCell } from "./score-cell";

/** Each active persona's overall score per scorecard. */
export function PersonaScores({ personas, scorecards }: { personas: HomePersona[]; scorecards: HomeScorecard[] }) {
  return (
      <>
      {/* Small screens: one card per persona; wider screens: a persona x scorecard table. */}
      <ul className="space-y-3 md:hidden">
        {personas.map((persona) => (
          <li key={persona.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid={`persona-card-${persona.slug}`}>
            <h3 className="font-medium text-slate-900">{persona.name}</h3>
            <p className="mt-1 line-clamp-2 text-xs text-slate-600">{persona.description}</p>
            <dl className="mt-3 space-y-3">
              {persona.scores.map((result, i) => (
                <div key={scorecards[i]!.id}>
                  <dt className="text-xs font-semibold text-slate-700">{scorecards[i]!.name}</dt>
                  <dd className="mt-1">
                    {result ? (
                      <PersonaLink scorecard={scorecards[i]!} persona={persona}>
                        <ScoreCell result={result} label={`${persona.name}, ${scorecards[i]!.name}`} />
                      </PersonaLink>
                    ) : (
                      <span className="text-sm text-slate-500">No data yet</span>
                    )}
                  </dd>
                </div>
              ))}
            </dl>
          </li>
        ))}
      </ul>
      <ScrollRegion label="Overall score per persona and scorecard" className="hidden md:block" boxClassName="rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">Overall score of each active persona per scorecard</caption>
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className="px-4 py-3 text-left font-semibold text-slate-700">
                Persona
              </th>
              {scorecards.map((card) => (
                <th key={card.id} scope="col" className="px-4 py-3 text-left font-semibold text-slate-700">
                  {card.name}
                  {card.period ? <span className="block text-xs font-normal text-slate-500">{formatPeriod(card.period)}</span> : null}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {personas.map((persona) => (
              <tr key={persona.id} data-testid={`persona-row-${persona.slug}`}>
                <th scope="row" className="max-w-xs px-4 py-3 text-left align-top font-normal">
                  <span className="block font-medium text-slate-900">{persona.name}</span>
                  <span className="line-clamp-2 block text-xs text-slate-600">{persona.description}</span>
                </th>
                {persona.scores.map((result, i) => (
                  <td key={scorecards[i]!.id} className="px-4 py-3 align-top">
                    {result ? (
                      <PersonaLink scorecard={scorecards[i]!} persona={persona}>
                        <ScoreCell result={result} label={`${persona.name}, ${scorecards[i]!.name}`} />
                      </PersonaLink>
                    ) : (
                      <span className="text-slate-500">No data yet</span>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      </>
  );
}

/** Opens the persona's scorecard in that scorecard's latest month. */
function PersonaLink({ scorecard, persona, children }: { scorecard: HomeScorecard; persona: HomePersona; children: React.ReactNode }) {
  const period = scorecard.period ? `?period=${scorecard.period.slice(0, 7)}` : "";
  return (
    <Link
      href={`/scorecards/${scorecard.slug}/personas/${persona.slug}${period}`}
      className="block rounded-md p-1 hover:bg-slate-50"
    >
      <span className="sr-only">{`${persona.name} on ${scorecard.name}: `}</span>
      {children}
    </Link>
  );
}
