import { formatPeriod } from "@/lib/format";

/**
 * A GET form that puts the period (and optionally a comparison month) in the URL, so every
 * view is shareable. Works without JavaScript: choose, then "Show".
 */
export function PeriodForm({
  action,
  months,
  period,
  compareWith,
  compare = false,
  hidden = {},
}: {
  action: string;
  /** 'YYYY-MM-01' keys, newest first. */
  months: string[];
  period: string | null;
  compareWith?: string | null;
  /** Offer "compare with". */
  compare?: boolean;
  /** Other query parameters to keep. */
  hidden?: Record<string, string | undefined>;
}) {
  if (months.length === 0) return null;
  return (
    <form action={action} method="get" className="flex flex-wrap items-end gap-3 print:hidden" aria-label="Choose the period">
      {Object.entries(hidden).map(([name, value]) => (value === undefined ? null : <input key={name} type="hidden" name={name} value={value} />))}
      <div className="flex flex-col text-sm">
        <label htmlFor="period-select" className="font-medium text-slate-700">
          Period
        </label>
        <select id="period-select" name="period" defaultValue={period?.slice(0, 7)} className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm">
          {months.map((m) => (
            <option key={m} value={m.slice(0, 7)}>
              {formatPeriod(m)}
            </option>
          ))}
        </select>
      </div>
      {compare ? (
        <div className="flex flex-col text-sm">
          <label htmlFor="compare-select" className="font-medium text-slate-700">
            Compare with
          </label>
          <select id="compare-select" name="compare" defaultValue={compareWith?.slice(0, 7) ?? ""} className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm">
            <option value="">No comparison</option>
            {months.map((m) => (
              <option key={m} value={m.slice(0, 7)}>
                {formatPeriod(m)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
        Show
      </button>
    </form>
  );
}
