"use client";

import Link from "next/link";
import { useEffect, useRef } from "react";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatScore, formatShare } from "@/lib/format";
import type { MapObjective } from "@/lib/queries/strategy-map";
import { kpiHref } from "./kpi-href";

export interface PanelObjective extends MapObjective {
  perspectiveName: string;
  causes: string[];
  effects: string[];
}

/**
 * The KPIs behind one objective, in a modal dialog: the focus moves into it, Escape or the
 * Close button closes it, and the browser returns the focus to the objective that opened it.
 *
 * Whether it is open is the dialog element's own state, never mirrored in React: its close event
 * comes a moment after it closes (a queued task), and a press handled in that moment (a quick
 * keyboard user, a loaded page) would find a mirrored state still "open" and open nothing. So
 * each press is a new `request` that opens the dialog, and closing it changes no React state: the
 * map does not re-render, and the last objective stays in the closed (hidden) dialog.
 */
export function ObjectivePanel({
  objective,
  request,
  personaName,
  personaSlug,
}: {
  objective: PanelObjective | null;
  /** A new object for each press of an objective; its identity, not its content, opens the dialog. */
  request: object | null;
  personaName: string;
  personaSlug: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (request && dialog && !dialog.open) dialog.showModal();
  }, [request]);

  return (
    <dialog
      ref={ref}
      aria-labelledby="objective-panel-title"
      // A click on the backdrop (the dialog element itself, outside its content) closes it.
      onClick={(event) => {
        if (event.target === event.currentTarget) event.currentTarget.close();
      }}
      className="m-auto max-h-[85vh] w-[min(36rem,calc(100vw-2rem))] rounded-lg bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50"
    >
      {objective ? (
        <div className="p-5">
          <div className="flex items-start justify-between gap-4">
            <div className="min-w-0">
              <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">{objective.perspectiveName}</p>
              <h2 id="objective-panel-title" className="mt-1 text-lg font-semibold">
                {objective.title}
              </h2>
            </div>
            <button
              type="button"
              onClick={() => ref.current?.close()}
              className="shrink-0 rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100"
            >
              Close
            </button>
          </div>
          <p className="mt-3 flex flex-wrap items-center gap-2 text-sm text-slate-700">
            <span>
              {personaName}: score <span className="font-semibold tabular-nums text-slate-900">{formatScore(objective.result.score)}</span>
            </span>
            <StatusBadge status={objective.result.status} />
            <span className="text-slate-600">{formatShare(objective.result.coverage)} of KPI weight reported</span>
          </p>

          <h3 className="mt-5 text-sm font-semibold text-slate-900">KPIs</h3>
          {objective.kpis.length === 0 ? (
            <p className="mt-1 text-sm text-slate-600">No active KPIs measure this objective yet: an analyst links KPIs to it.</p>
          ) : (
            <ul className="mt-2 divide-y divide-slate-100 rounded-md border border-slate-200" data-testid="objective-kpis">
              {objective.kpis.map((kpi) => (
                <li key={kpi.code} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
                  <Link href={kpiHref(kpi.code, personaSlug)} className="min-w-0 text-sm font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900">
                    {kpi.name}
                    <span className="sr-only"> ({kpi.code})</span>
                  </Link>
                  <span className="flex items-center gap-2 text-sm">
                    <span className="tabular-nums text-slate-900">
                      <span className="sr-only">Score </span>
                      {formatScore(kpi.score)}
                    </span>
                    <StatusBadge status={kpi.status} />
                  </span>
                </li>
              ))}
            </ul>
          )}

          {objective.causes.length > 0 || objective.effects.length > 0 ? (
            <dl className="mt-5 space-y-2 text-sm">
              {objective.causes.length > 0 ? (
                <div>
                  <dt className="font-semibold text-slate-900">Driven by</dt>
                  <dd className="text-slate-700">{objective.causes.join("; ")}</dd>
                </div>
              ) : null}
              {objective.effects.length > 0 ? (
                <div>
                  <dt className="font-semibold text-slate-900">Drives</dt>
                  <dd className="text-slate-700">{objective.effects.join("; ")}</dd>
                </div>
              ) : null}
            </dl>
          ) : null}
        </div>
      ) : null}
    </dialog>
  );
}
