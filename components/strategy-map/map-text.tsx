import Link from "next/link";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatScore, formatShare } from "@/lib/format";
import type { MapLink, MapObjective, MapPerspective } from "@/lib/queries/strategy-map";
import { kpiHref } from "./kpi-href";

/**
 * The map as text, perspective by perspective: each objective's status and score, its causes
 * and effects in words, and its KPIs. Screen readers and print get everything the diagram shows.
 */
export function MapText({
  perspectives,
  objectives,
  links,
  personaSlug,
}: {
  perspectives: MapPerspective[];
  objectives: MapObjective[];
  links: MapLink[];
  personaSlug: string;
}) {
  const title = new Map(objectives.map((o) => [o.id, o.title]));
  return (
    <section id="map-text" aria-labelledby="map-text-heading" className="mt-8">
      <h2 id="map-text-heading" className="text-lg font-semibold text-slate-900">
        Objectives by perspective
      </h2>
      <p className="mt-1 text-sm text-slate-600">The map as text, from the top band to the bottom one.</p>
      <div className="mt-4 space-y-6">
        {perspectives.map((perspective) => {
          const own = objectives.filter((o) => o.perspectiveId === perspective.id);
          return (
            <section key={perspective.id} aria-labelledby={`perspective-${perspective.id}`} className="break-inside-avoid">
              <h3 id={`perspective-${perspective.id}`} className="border-b border-slate-200 pb-1 text-base font-semibold text-slate-900">
                {perspective.name}
              </h3>
              {own.length === 0 ? (
                <p className="mt-2 text-sm text-slate-600">No objectives in this perspective yet.</p>
              ) : (
                <ul className="mt-2 divide-y divide-slate-100">
                  {own.map((objective) => {
                    const causes = links.filter((l) => l.effectId === objective.id);
                    const effects = links.filter((l) => l.causeId === objective.id);
                    return (
                      <li key={objective.id} className="break-inside-avoid py-3" data-testid="map-text-objective">
                        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                          <h4 className="font-medium text-slate-900">{objective.title}</h4>
                          <StatusBadge status={objective.result.status} />
                          <span className="text-sm text-slate-700">
                            Score <span className="font-semibold tabular-nums text-slate-900">{formatScore(objective.result.score)}</span>
                          </span>
                          <span className="text-xs text-slate-600">{formatShare(objective.result.coverage)} of KPI weight reported</span>
                        </div>
                        {causes.length > 0 ? (
                          <p className="mt-1 text-sm text-slate-700">
                            <span className="font-medium">Driven by:</span> {causes.map((l) => title.get(l.causeId)).join("; ")}
                          </p>
                        ) : null}
                        {effects.length > 0 ? (
                          <ul className="mt-1 text-sm text-slate-700">
                            {effects.map((l) => (
                              <li key={l.effectId}>
                                <span className="font-medium">Drives:</span> {title.get(l.effectId)}
                                {l.description ? <span className="text-slate-600"> — {l.description}</span> : null}
                              </li>
                            ))}
                          </ul>
                        ) : null}
                        {objective.kpis.length === 0 ? (
                          <p className="mt-1 text-sm text-slate-600">No active KPIs measure this objective yet.</p>
                        ) : (
                          <ul className="mt-2 flex flex-wrap gap-2" aria-label={`KPIs of ${objective.title}`}>
                            {objective.kpis.map((kpi) => (
                              <li key={kpi.code} className="flex items-center gap-2 rounded-md border border-slate-200 bg-white px-2 py-1 text-sm">
                                <Link href={kpiHref(kpi.code, personaSlug)} className="text-brand-700 underline underline-offset-2 hover:text-brand-900">
                                  {kpi.name}
                                </Link>
                                <span className="tabular-nums text-slate-900">
                                  <span className="sr-only">Score </span>
                                  {formatScore(kpi.score)}
                                </span>
                                <StatusBadge status={kpi.status} />
                              </li>
                            ))}
                          </ul>
                        )}
                      </li>
                    );
                  })}
                </ul>
              )}
            </section>
          );
        })}
      </div>
    </section>
  );
}
