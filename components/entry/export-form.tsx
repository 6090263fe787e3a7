import type { ExportChoices } from "@/lib/queries/export-choices";
import { MAX_IMPORT_ROWS } from "@/lib/validation/imports";

const fieldClass = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900";

/**
 * Saved values as a file in the import's columns (it re-imports as all "unchanged"), filtered by
 * KPI, persona and months. A plain GET form: the format's button picks the address.
 */
export function ExportForm({ choices }: { choices: ExportChoices }) {
  if (choices.kpis.length === 0 || !choices.months) {
    return <p className="text-sm text-slate-700">Nothing to export yet: values you save or import can be exported here.</p>;
  }
  const { first, last } = choices.months;
  return (
    <form method="get" action="/entry/export.csv" className="grid gap-3 sm:grid-cols-2 xl:grid-cols-[2fr_2fr_1fr_1fr_auto]" aria-label="Export saved values">
      <div>
        <label htmlFor="export-kpi" className="text-sm font-medium text-slate-800">
          KPI
        </label>
        <select id="export-kpi" name="kpi" defaultValue="" className={fieldClass}>
          <option value="">Every KPI ({choices.kpis.length})</option>
          {choices.kpis.map((k) => (
            <option key={k.code} value={k.code}>
              {k.code} · {k.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="export-persona" className="text-sm font-medium text-slate-800">
          Persona
        </label>
        <select id="export-persona" name="persona" defaultValue="" className={fieldClass}>
          <option value="">Every persona</option>
          {choices.personas.map((p) => (
            <option key={p.slug} value={p.slug}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="export-from" className="text-sm font-medium text-slate-800">
          From
        </label>
        <input id="export-from" type="month" name="from" min={first} max={last} placeholder="YYYY-MM" aria-describedby="export-months" className={fieldClass} />
      </div>
      <div>
        <label htmlFor="export-to" className="text-sm font-medium text-slate-800">
          To
        </label>
        <input id="export-to" type="month" name="to" min={first} max={last} placeholder="YYYY-MM" aria-describedby="export-months" className={fieldClass} />
      </div>
      <div className="flex items-end gap-2">
        <button type="submit" className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700">
          Download CSV
        </button>
        <button type="submit" formAction="/entry/export.xlsx" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100">
          Download Excel
        </button>
      </div>
      <p id="export-months" className="text-xs text-slate-600 sm:col-span-2 xl:col-span-5">
        Months as YYYY-MM, both included; leave them empty for every saved month ({first} to {last}). At most {MAX_IMPORT_ROWS.toLocaleString("en")} values per file, like an import.
      </p>
    </form>
  );
}
