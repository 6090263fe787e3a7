import Form from "next/form";
import { formatPeriod } from "@/lib/format";
import type { MapPersonaOption } from "@/lib/queries/strategy-map";

/** Persona and month of the map, carried in the URL (?persona=…&period=YYYY-MM). */
export function MapPicker({
  action,
  personas,
  persona,
  periods,
  period,
}: {
  action: string;
  personas: MapPersonaOption[];
  persona: string;
  periods: string[];
  period: string | null;
}) {
  const months = period && !periods.includes(period) ? [period, ...periods] : periods;
  const select = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-2 text-sm text-slate-900 sm:w-64";
  return (
    <Form action={action} className="mb-4 flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm sm:flex-row sm:items-end print:hidden">
      <div>
        <label htmlFor="map-persona" className="text-sm font-medium text-slate-800">
          Persona
        </label>
        <select id="map-persona" name="persona" defaultValue={persona} className={select}>
          {personas.map((p) => (
            <option key={p.slug} value={p.slug}>
              {p.status === "SUNSET" ? `${p.name} (sunset)` : p.name}
            </option>
          ))}
        </select>
      </div>
      {months.length > 0 ? (
        <div>
          <label htmlFor="map-period" className="text-sm font-medium text-slate-800">
            Month
          </label>
          <select id="map-period" name="period" defaultValue={period?.slice(0, 7)} className={select}>
            {months.map((m) => (
              <option key={m} value={m.slice(0, 7)}>
                {formatPeriod(m)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
        Show map
      </button>
    </Form>
  );
}
