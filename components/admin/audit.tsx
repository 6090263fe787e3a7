import Link from "next/link";
import { ScrollRegion } from "@/components/ui/scroll-region";
import type { AuditFilter } from "@/lib/validation/audit";

// The audit page's pieces. Plain HTML (a GET form, links, <details>): they work with the
// keyboard and without JavaScript (the before/after tables' scroll hint alone needs it).

interface AuditRowView {
  id: string;
  at: string;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string;
  changes: { field: string; before: string | null; after: string | null; changed: boolean }[];
  /** Changes recorded but not listed (an import's cells past the first ones). */
  moreChanges: number;
}

const count = new Intl.NumberFormat("en");

const timestamp = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

const control = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";

export function AuditFilters({ filter, actors, entityTypes }: { filter: AuditFilter; actors: { value: string; label: string }[]; entityTypes: string[] }) {
  return (
    <form method="get" action="/admin/audit" aria-label="Filter the audit log" className="mb-6 grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-5">
      <div className="lg:col-span-2">
        <label htmlFor="audit-actor" className="block text-sm font-medium text-slate-800">
          Changed by
        </label>
        <select id="audit-actor" name="actor" defaultValue={filter.actor ?? ""} className={control}>
          <option value="">Anyone</option>
          {actors.map((a) => (
            <option key={a.value} value={a.value}>
              {a.label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="audit-entity" className="block text-sm font-medium text-slate-800">
          What changed
        </label>
        <select id="audit-entity" name="entity" defaultValue={filter.entity ?? ""} className={control}>
          <option value="">Anything</option>
          {entityTypes.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="audit-from" className="block text-sm font-medium text-slate-800">
          From
        </label>
        <input id="audit-from" name="from" type="date" defaultValue={filter.from ?? ""} className={control} />
      </div>
      <div>
        <label htmlFor="audit-to" className="block text-sm font-medium text-slate-800">
          To (included)
        </label>
        <input id="audit-to" name="to" type="date" defaultValue={filter.to ?? ""} className={control} />
      </div>
      <div className="flex flex-wrap gap-2 sm:col-span-2 lg:col-span-5">
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          Apply filters
        </button>
        <Link href="/admin/audit" className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100">
          Clear
        </Link>
      </div>
    </form>
  );
}

export function AuditEventList({ rows }: { rows: AuditRowView[] }) {
  return (
    <ol className="space-y-2" aria-label="Audit events, newest first">
      {rows.map((row) => {
        const changed = row.changes.filter((c) => c.changed).length + row.moreChanges;
        const at = timestamp.format(new Date(row.at));
        return (
          <li key={row.id} className="rounded-lg border border-slate-200 bg-white">
            <details>
              <summary className="flex cursor-pointer flex-col gap-1 px-4 py-3 sm:flex-row sm:items-baseline sm:gap-4">
                <time dateTime={row.at} className="shrink-0 text-xs text-slate-600 tabular-nums sm:w-44">
                  {at}
                </time>
                <span className="min-w-0 flex-1">
                  <span className="font-medium text-slate-900">{row.action}</span>{" "}
                  <span className="text-slate-600">
                    on {row.entityType} <code className="break-all text-xs">{row.entityId}</code>
                  </span>
                  <span className="block break-all text-xs text-slate-600">by {row.actorLabel}</span>
                </span>
                <span className="shrink-0 text-xs text-slate-600">
                  {count.format(changed)} {row.entityType === "MeasurementImport" ? (changed === 1 ? "value" : "values") : changed === 1 ? "field" : "fields"} · show
                  before/after
                </span>
              </summary>
              <div className="border-t border-slate-100 px-4 py-3">
                {row.changes.length === 0 ? (
                  <p className="text-sm text-slate-600">No values were recorded for this event.</p>
                ) : (
                  <ScrollRegion label={`Before and after: ${row.action} on ${row.entityType}, ${at}`}>
                    <table className="min-w-full text-sm">
                      <caption className="sr-only">Values before and after {row.action}</caption>
                      <thead className="text-left text-xs uppercase tracking-wide text-slate-600">
                        <tr>
                          <th scope="col" className="py-1 pr-4">
                            Field
                          </th>
                          <th scope="col" className="py-1 pr-4">
                            Before
                          </th>
                          <th scope="col" className="py-1">
                            After
                          </th>
                        </tr>
                      </thead>
                      <tbody className="divide-y divide-slate-100 align-top">
                        {row.changes.map((c) => (
                          <tr key={c.field} className={c.changed ? "bg-brand-50/60" : ""}>
                            <th scope="row" className="py-1 pr-4 text-left font-medium text-slate-800">
                              {c.field}
                              {c.changed ? <span className="ml-1 text-xs font-normal text-brand-700">(changed)</span> : null}
                            </th>
                            <td className="max-w-xs break-all py-1 pr-4 font-mono text-xs">{c.before ?? <span className="text-slate-500">—</span>}</td>
                            <td className="max-w-xs break-all py-1 font-mono text-xs">{c.after ?? <span className="text-slate-500">—</span>}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </ScrollRegion>
                )}
                {row.moreChanges > 0 ? (
                  <p className="mt-2 text-sm text-slate-600">
                    …and {count.format(row.moreChanges)} more {row.moreChanges === 1 ? "change" : "changes"}, kept in this event (and each in its value&apos;s revisions)
                    but not listed here.
                  </p>
                ) : null}
              </div>
            </details>
          </li>
        );
      })}
    </ol>
  );
}

function pageHref(filter: AuditFilter, page: number): string {
  const params = new URLSearchParams();
  if (filter.actor) params.set("actor", filter.actor);
  if (filter.entity) params.set("entity", filter.entity);
  if (filter.from) params.set("from", filter.from);
  if (filter.to) params.set("to", filter.to);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/admin/audit?${query}` : "/admin/audit";
}

export function AuditPagination({ filter, page, pageCount }: { filter: AuditFilter; page: number; pageCount: number }) {
  if (pageCount <= 1) return null;
  const link = "rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100";
  return (
    <nav aria-label="Audit log pages" className="mt-4 flex flex-wrap items-center justify-between gap-2">
      {page > 1 ? (
        <Link href={pageHref(filter, page - 1)} className={link} rel="prev">
          ← Newer
        </Link>
      ) : (
        <span />
      )}
      <span className="text-sm text-slate-600">
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <Link href={pageHref(filter, page + 1)} className={link} rel="next">
          Older →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
