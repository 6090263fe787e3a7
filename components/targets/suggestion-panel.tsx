import { FormMessage } from "@/components/forms/form-message";
import { formatPeriod, formatValue } from "@/lib/format";
import type { TargetSuggestion } from "@/lib/queries/kpi-targets";

// What "suggest from history" used and proposed: the window, the distribution (n, min,
// percentiles, max) and a small histogram of plain bars whose counts are written beside them.

export function SuggestionPanel({ suggestion }: { suggestion: TargetSuggestion }) {
  const { kpi, persona, distribution: d, histogram } = suggestion;
  const f = (n: number | undefined) => (n === undefined ? "–" : formatValue(n, kpi));
  const most = Math.max(1, ...histogram.map((b) => b.count));
  return (
    <section aria-labelledby="suggestion-heading" className="mt-4 space-y-4">
      <h3 id="suggestion-heading" className="text-sm font-semibold text-slate-900">
        {persona.name}&apos;s history
        {suggestion.window ? (
          <span className="font-normal text-slate-600">
            {" "}
            ({formatPeriod(suggestion.window.from, kpi.frequency)} – {formatPeriod(suggestion.window.to, kpi.frequency)})
          </span>
        ) : null}
      </h3>
      {suggestion.suggestion.ok ? (
        <FormMessage tone="info">
          Suggested: red {f(suggestion.suggestion.thresholds.red)}, green {f(suggestion.suggestion.thresholds.green)}, target {f(suggestion.suggestion.thresholds.target)}
          {suggestion.suggestion.thresholds.direction === "TARGET_RANGE"
            ? `, upper green ${f(suggestion.suggestion.thresholds.greenHigh)}, upper red ${f(suggestion.suggestion.thresholds.redHigh)}`
            : ""}
          ; baseline {f(suggestion.suggestion.baseline)} (the median). The form is prefilled: edit before saving if you disagree.
        </FormMessage>
      ) : (
        <FormMessage tone="info">{suggestion.suggestion.message}</FormMessage>
      )}
      {d ? (
        <>
          <dl className="grid grid-cols-3 gap-x-4 gap-y-2 text-sm sm:grid-cols-5">
            {(
              [
                ["Values (n)", String(d.n)],
                ["Minimum", f(d.min)],
                ["10th pct", f(d.p10)],
                ["25th pct", f(d.p25)],
                ["Median", f(d.p50)],
                ["75th pct", f(d.p75)],
                ["90th pct", f(d.p90)],
                ["Maximum", f(d.max)],
                ["Mean", f(d.mean)],
              ] as const
            ).map(([label, value]) => (
              <div key={label}>
                <dt className="text-xs text-slate-600">{label}</dt>
                <dd className="tabular-nums">{value}</dd>
              </div>
            ))}
          </dl>
          <div>
            <h4 id="histogram-heading" className="text-xs font-medium uppercase tracking-wide text-slate-600">
              How the values spread
            </h4>
            <ul aria-labelledby="histogram-heading" className="mt-1 space-y-1">
              {histogram.map((b) => (
                <li key={b.from} className="grid grid-cols-[minmax(0,9rem)_1fr_2rem] items-center gap-2 text-xs">
                  <span className="truncate tabular-nums text-slate-700">
                    {f(b.from)} – {f(b.to)}
                  </span>
                  <span aria-hidden="true" className="h-3 rounded-sm bg-brand-600" style={{ width: `${(b.count / most) * 100}%`, minWidth: b.count > 0 ? "2px" : 0 }} />
                  <span className="tabular-nums text-slate-900">
                    {b.count}
                    <span className="sr-only"> value{b.count === 1 ? "" : "s"}</span>
                  </span>
                </li>
              ))}
            </ul>
          </div>
        </>
      ) : (
        <p className="text-sm text-slate-600">No values of {persona.name} for this KPI yet.</p>
      )}
    </section>
  );
}
