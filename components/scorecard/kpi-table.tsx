import Link from "next/link";
import { Sparkline } from "@/components/charts/sparkline";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatDate, formatDateTime, formatDelta, formatPeriod, formatScore, formatShare, formatValue } from "@/lib/format";
import type { KpiLine, TargetView } from "@/lib/queries/persona-scorecard";

const DUE_TEXT = { OPEN: "not due yet", DUE: "due now", OVERDUE: "overdue" } as const;

function thresholdsText(line: KpiLine, t: TargetView): string {
  const v = (x: number | null) => formatValue(x, line);
  if (line.direction === "TARGET_RANGE") return `green ${v(t.green)}–${v(t.greenHigh)}, red ≤ ${v(t.red)} or ≥ ${v(t.redHigh)}`;
  if (line.direction === "LOWER_IS_BETTER") return `green ≤ ${v(t.green)}, red ≥ ${v(t.red)}`;
  return `green ≥ ${v(t.green)}, red ≤ ${v(t.red)}`;
}

function historyText(line: KpiLine): string {
  const points = line.history.filter((p) => p.score !== null);
  if (points.length === 0) return "No scored history.";
  return `Scores over the last ${line.history.length} ${line.frequency === "QUARTERLY" ? "quarters" : "months"}: ${points
    .map((p) => `${formatPeriod(p.period, line.frequency)} ${formatScore(p.score)}`)
    .join(", ")}.`;
}

/** The KPIs of one objective (or of none) for one persona and period. */
export function KpiTable({ caption, lines, month, personaSlug }: { caption: string; lines: KpiLine[]; month: string; personaSlug: string }) {
  return (
    <>
      <KpiCards lines={lines} month={month} personaSlug={personaSlug} />
      <div className="relative hidden overflow-x-auto md:block print:block">
      <table className="min-w-full table-fixed text-sm">
        <caption className="sr-only">{caption}</caption>
        <colgroup>
          <col className="w-[27%]" />
          <col className="w-[17%]" />
          <col className="w-[22%]" />
          <col className="w-[12%]" />
          <col className="w-[10rem]" />
          <col />
        </colgroup>
        <thead>
          <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
            <th scope="col" className="px-2 py-2 font-semibold">KPI</th>
            <th scope="col" className="px-2 py-2 font-semibold">Value</th>
            <th scope="col" className="px-2 py-2 font-semibold">Target and thresholds</th>
            <th scope="col" className="px-2 py-2 font-semibold">Score</th>
            <th scope="col" className="px-2 py-2 font-semibold">Trend</th>
            <th scope="col" className="px-2 py-2 font-semibold">Previous</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {lines.map((line) => (
            <tr key={line.id} className="align-top">
              <th scope="row" className="max-w-64 px-2 py-2 text-left font-normal">
                <Link href={`/kpis/${encodeURIComponent(line.code)}?persona=${personaSlug}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                  {line.name}
                </Link>
                <span className="block text-xs text-slate-600">
                  {line.code} · weight {line.weight}
                  {line.owner ? ` · owner ${line.owner}` : " · no owner"}
                </span>
                {line.enteredAt ? (
                  <span className="block text-xs text-slate-500">
                    Updated {formatDateTime(line.enteredAt)}
                    {line.enteredBy ? ` by ${line.enteredBy}` : ""}
                  </span>
                ) : null}
              </th>
              <td className="px-2 py-2 whitespace-nowrap">
                <span className={`font-semibold tabular-nums ${line.value === null ? "text-slate-500" : "text-slate-900"}`}>
                  {line.notAvailableReason !== null ? "not available" : formatValue(line.value, line)}
                </span>
                {line.notAvailableReason !== null ? <span className="block max-w-56 whitespace-normal text-xs text-slate-600">{line.notAvailableReason}</span> : null}
                {line.value === null && line.due ? (
                  <span className={`block text-xs ${line.due === "OVERDUE" ? "font-semibold text-status-red" : "text-slate-600"}`}>
                    {formatPeriod(line.period, line.frequency)}: {DUE_TEXT[line.due]}
                  </span>
                ) : null}
                {line.frequency === "QUARTERLY" && line.period !== month ? (
                  <span className="block text-xs text-slate-600">quarterly: {formatPeriod(line.period, "QUARTERLY")} value</span>
                ) : null}
                {line.comment ? <span className="block max-w-56 whitespace-normal text-xs text-slate-600">“{line.comment}”</span> : null}
              </td>
              <td className="px-2 py-2">
                {line.target ? (
                  <>
                    <span className="font-medium tabular-nums">{formatValue(line.target.target, line)}</span>
                    <span className="block text-xs text-slate-600">{thresholdsText(line, line.target)}</span>
                    <span className="block text-xs text-slate-500">
                      {line.target.source === "PERSONA" ? "Persona's own target" : "KPI default target"} since {formatDate(line.target.effectiveFrom)}
                    </span>
                  </>
                ) : (
                  <span className="text-xs text-slate-600">No target in force: an analyst sets one.</span>
                )}
              </td>
              <td className="px-2 py-2 whitespace-nowrap">
                <span className="block font-semibold tabular-nums">{formatScore(line.score)}</span>
                <StatusBadge status={line.status} />
                {line.share > 0 ? <span className="block text-xs text-slate-500">{formatShare(line.share)} of overall</span> : null}
              </td>
              <td className="px-2 py-2">
                <Sparkline points={line.history} />
                <span className="sr-only">{historyText(line)}</span>
              </td>
              <td className="px-2 py-2 whitespace-nowrap text-xs text-slate-700">
                {line.previous ? (
                  <>
                    <span className="block">
                      {formatPeriod(line.previous.period, line.frequency)}: {formatValue(line.previous.value, line)}
                    </span>
                    <span className="block tabular-nums">Δ {formatDelta(line.valueDelta)}</span>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </>
  );
}

/** Small screens: one card per KPI with the same facts as the table. */
function KpiCards({ lines, month, personaSlug }: { lines: KpiLine[]; month: string; personaSlug: string }) {
  return (
    <ul className="space-y-3 md:hidden print:hidden">
      {lines.map((line) => (
        <li key={line.id} className="rounded-md border border-slate-200 p-3">
          <div className="flex items-start justify-between gap-2">
            <div className="min-w-0">
              <Link href={`/kpis/${encodeURIComponent(line.code)}?persona=${personaSlug}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                {line.name}
              </Link>
              <span className="block text-xs text-slate-600">
                {line.code}
                {line.owner ? ` · ${line.owner}` : ""}
              </span>
            </div>
            <div className="text-right">
              <span className="block font-semibold tabular-nums">{formatScore(line.score)}</span>
              <StatusBadge status={line.status} />
            </div>
          </div>
          <dl className="mt-2 grid grid-cols-2 gap-2 text-xs">
            <div>
              <dt className="text-slate-500">Value{line.frequency === "QUARTERLY" && line.period !== month ? ` (${formatPeriod(line.period, "QUARTERLY")})` : ""}</dt>
              <dd className="text-sm font-semibold tabular-nums">{line.notAvailableReason !== null ? "not available" : formatValue(line.value, line)}</dd>
              {line.notAvailableReason !== null ? <dd className="text-slate-600">{line.notAvailableReason}</dd> : null}
              {line.value === null && line.due ? <dd className={line.due === "OVERDUE" ? "font-semibold text-status-red" : "text-slate-600"}>{DUE_TEXT[line.due]}</dd> : null}
            </div>
            <div>
              <dt className="text-slate-500">Target{line.target ? (line.target.source === "PERSONA" ? " (persona's own)" : " (KPI default)") : ""}</dt>
              <dd className="text-sm tabular-nums">{line.target ? formatValue(line.target.target, line) : "none in force"}</dd>
              {line.target ? <dd className="text-slate-600">{thresholdsText(line, line.target)}</dd> : null}
            </div>
            {line.previous ? (
              <div>
                <dt className="text-slate-500">{formatPeriod(line.previous.period, line.frequency)}</dt>
                <dd className="tabular-nums">
                  {formatValue(line.previous.value, line)} · Δ {formatDelta(line.valueDelta)}
                </dd>
              </div>
            ) : null}
            <div>
              <dt className="text-slate-500">Trend</dt>
              <dd>
                <Sparkline points={line.history} />
                <span className="sr-only">{historyText(line)}</span>
              </dd>
            </div>
          </dl>
          {line.comment ? <p className="mt-2 text-xs text-slate-600">“{line.comment}”</p> : null}
        </li>
      ))}
    </ul>
  );
}
