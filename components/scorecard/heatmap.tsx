"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { statusIcon, statusLabel, statusTone } from "@/components/ui/status-badge";
import { formatDelta, formatScore, formatShare } from "@/lib/format";
import type { OverviewCell, OverviewRow, ScorecardOverview } from "@/lib/queries/scorecard-overview";
import type { RollupResult } from "@/lib/scoring";

type SortKey = "persona" | "overall" | "weight" | "contribution" | `p:${string}`;

const weightFormat = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });

function sortValue(row: OverviewRow, key: SortKey): number | string | null {
  if (key === "persona") return row.persona.name;
  if (key === "overall") return row.overall.score;
  if (key === "weight") return row.weight;
  if (key === "contribution") return row.contribution;
  return row.cells.find((c) => c.perspectiveId === key.slice(2))?.result.score ?? null;
}

/** A score with its status in colour, shape and word; the change against the comparison month below. */
function HeatCell({ result, delta, comparing }: { result: RollupResult; delta: number | null; comparing: boolean }) {
  return (
    <div className={`flex min-w-24 flex-col rounded-md px-2 py-1.5 ring-1 ring-inset ${statusTone(result.status)}`}>
      <span className="text-lg font-semibold tabular-nums">{formatScore(result.score)}</span>
      <span className="text-xs font-medium whitespace-nowrap">
        <span aria-hidden="true">{statusIcon(result.status)}</span> {statusLabel(result.status)}
      </span>
      {comparing ? <span className="text-xs tabular-nums opacity-90">Δ {formatDelta(delta)}</span> : null}
    </div>
  );
}

function SortButton({ label, active, direction, onClick }: { label: React.ReactNode; active: boolean; direction: "ascending" | "descending"; onClick: () => void }) {
  return (
    <button type="button" onClick={onClick} className="inline-flex items-center gap-1 rounded px-1 text-left font-semibold text-slate-700 hover:bg-slate-100">
      {label}
      <span aria-hidden="true" className="text-xs text-slate-500">
        {active ? (direction === "ascending" ? "▲" : "▼") : "↕"}
      </span>
    </button>
  );
}

export function Heatmap({ overview }: { overview: ScorecardOverview }) {
  const [sort, setSort] = useState<{ key: SortKey; direction: "ascending" | "descending" }>({ key: "persona", direction: "ascending" });
  const comparing = overview.compareWith !== null;
  const period = overview.period!.slice(0, 7);

  const rows = useMemo(() => {
    const sorted = [...overview.rows];
    sorted.sort((a, b) => {
      const x = sortValue(a, sort.key);
      const y = sortValue(b, sort.key);
      // Rows without a number sort last whatever the direction.
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
      const order = typeof x === "string" ? x.localeCompare(String(y)) : x - (y as number);
      return sort.direction === "ascending" ? order : -order;
    });
    return sorted;
  }, [overview.rows, sort]);

  const header = (key: SortKey, label: React.ReactNode, className = "") => {
    const active = sort.key === key;
    return (
      <th scope="col" aria-sort={active ? sort.direction : "none"} className={`px-3 py-2 text-left align-bottom ${className}`}>
        <SortButton
          label={label}
          active={active}
          direction={sort.direction}
          onClick={() => setSort({ key, direction: active && sort.direction === "descending" ? "ascending" : active ? "descending" : key === "persona" ? "ascending" : "descending" })}
        />
      </th>
    );
  };

  const cellOf = (cells: OverviewCell[], perspectiveId: string) => cells.find((c) => c.perspectiveId === perspectiveId)!;

  return (
    // The persona column stays (sticky) while the rest scrolls: the fade is on the right only.
    <ScrollRegion label="Scores per persona and perspective" boxClassName="rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full border-separate border-spacing-0 text-sm">
        <caption className="sr-only">
          Score and status of each persona per perspective for the period, with each persona&apos;s weight and contribution to the total. Column headers sort the table.
        </caption>
        <thead className="bg-slate-50">
          <tr>
            {header("persona", "Persona", "sticky left-0 z-10 bg-slate-50")}
            {overview.perspectives.map((p) =>
              header(`p:${p.id}`, (
                <span>
                  {p.name}
                  <span className="block text-xs font-normal text-slate-500">weight {weightFormat.format(p.weight)}</span>
                </span>
              )),
            )}
            {header("overall", "Overall")}
            {header("weight", "Persona weight")}
            {header("contribution", (
              <span>
                Contribution
                <span className="block text-xs font-normal text-slate-500">share × score</span>
              </span>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.persona.id} className="border-t border-slate-100">
              <th scope="row" className="sticky left-0 z-10 max-w-48 border-t border-slate-100 bg-white px-3 py-2 text-left align-top font-normal">
                <Link
                  href={`/scorecards/${overview.scorecard.slug}/personas/${row.persona.slug}?period=${period}`}
                  className="font-medium text-brand-700 underline-offset-2 hover:underline"
                >
                  {row.persona.name}
                </Link>
                {row.persona.status === "SUNSET" ? (
                  <span className="block text-xs text-slate-600">Sunset{row.counted ? " later: still counted this month" : ": not counted"}</span>
                ) : null}
              </th>
              {overview.perspectives.map((p) => {
                const cell = cellOf(row.cells, p.id);
                return (
                  <td key={p.id} className="border-t border-slate-100 px-3 py-2 align-top">
                    <HeatCell result={cell.result} delta={cell.delta} comparing={comparing} />
                  </td>
                );
              })}
              <td className="border-t border-slate-100 px-3 py-2 align-top">
                <HeatCell result={row.overall} delta={row.overallDelta} comparing={comparing} />
                <span className="mt-1 block text-xs text-slate-600">{formatShare(row.overall.coverage)} reported</span>
              </td>
              <td className="border-t border-slate-100 px-3 py-2 align-top tabular-nums">
                {weightFormat.format(row.weight)}
                <span className="block text-xs text-slate-600">{row.counted ? `${formatShare(row.share)} of total` : "not counted"}</span>
              </td>
              <td className="border-t border-slate-100 px-3 py-2 align-top tabular-nums">{row.contribution === null ? "–" : formatScore2(row.contribution)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot className="bg-slate-50">
          {overview.hiddenSunset.countedContribution !== null ? (
            <tr>
              <th scope="row" className="sticky left-0 z-10 bg-slate-50 px-3 py-2 text-left font-normal text-slate-700">
                Hidden sunset personas
              </th>
              <td colSpan={overview.perspectives.length + 1} className="px-3 py-2 text-xs text-slate-600">
                Still counted this month: show sunset personas to see their rows.
              </td>
              <td className="px-3 py-2 tabular-nums">{formatShare(overview.hiddenSunset.countedShare)} of total</td>
              <td className="px-3 py-2 tabular-nums">{formatScore2(overview.hiddenSunset.countedContribution)}</td>
            </tr>
          ) : null}
          {overview.otherPersonas !== null ? (
            <tr data-testid="other-personas">
              <th scope="row" className="sticky left-0 z-10 bg-slate-50 px-3 py-2 text-left font-normal text-slate-700">
                Other personas
                <span className="block text-xs text-slate-600">
                  {overview.otherPersonas.count} {overview.otherPersonas.count === 1 ? "persona" : "personas"} outside your access
                </span>
              </th>
              <td colSpan={overview.perspectives.length + 1} className="px-3 py-2 text-xs text-slate-600">
                Counted in the totals below; their detail is not shown to you.
              </td>
              <td className="px-3 py-2 tabular-nums">{formatShare(overview.otherPersonas.share)} of total</td>
              <td className="px-3 py-2 tabular-nums">{formatScore2(overview.otherPersonas.contribution)}</td>
            </tr>
          ) : null}
          <tr>
            <th scope="row" className="sticky left-0 z-10 border-t-2 border-slate-300 bg-slate-50 px-3 py-2 text-left font-semibold">
              All personas
              <span className="block text-xs font-normal text-slate-600">weighted by persona weights in force</span>
            </th>
            {overview.perspectives.map((p) => {
              const cell = cellOf(overview.perspectiveTotals, p.id);
              return (
                <td key={p.id} className="border-t-2 border-slate-300 px-3 py-2 align-top">
                  <HeatCell result={cell.result} delta={cell.delta} comparing={comparing} />
                </td>
              );
            })}
            <td className="border-t-2 border-slate-300 px-3 py-2 align-top">
              <HeatCell result={overview.total} delta={overview.totalDelta} comparing={comparing} />
            </td>
            <td className="border-t-2 border-slate-300 px-3 py-2 align-top text-xs text-slate-600">100% of total</td>
            <td className="border-t-2 border-slate-300 px-3 py-2 align-top tabular-nums font-semibold">
              {formatScore2(overview.total.score)}
              <span className="block text-xs font-normal text-slate-600">sum of contributions</span>
            </td>
          </tr>
        </tfoot>
      </table>
    </ScrollRegion>
  );
}

const score2 = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
function formatScore2(value: number | null): string {
  return value === null ? "–" : score2.format(value);
}
