import type { Metadata } from "next";
import Link from "next/link";
import { EntryGrid } from "@/components/entry/entry-grid";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/session";
import { formatPeriod } from "@/lib/format";
import { overdueAfterDays } from "@/lib/queries/grace";
import { entryMonthFrom, getEntryGrid, MAX_GRID_KPIS } from "@/lib/queries/entry-grid";
import { neighbourMonths } from "@/lib/queries/period-input";
import { periodStart } from "@/lib/scoring/periods";
import { saveEntryCellAction } from "./actions";

export const metadata: Metadata = { title: "Enter values" };

type SearchParams = Promise<{ period?: string | string[]; owner?: string | string[] }>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
const monthParam = (key: string) => key.slice(0, 7);

export default async function EntryPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePermission("measurement.enter");
  const params = await searchParams;
  const now = new Date();
  const { month, clamped } = entryMonthFrom(first(params.period), now);
  const data = await getEntryGrid(actor, { month, ownerId: first(params.owner), now });
  const ownerQuery = data.owners && data.owner.id !== actor.id ? `&owner=${encodeURIComponent(data.owner.id)}` : "";
  const { previous, next } = neighbourMonths(month, data.currentMonth);
  const hasQuarterly = data.kpis.some((k) => k.rules.frequency === "QUARTERLY");

  return (
    <>
      <PageHeader
        title="Enter values"
        description={
          data.owners
            ? `The values of ${data.owner.id === actor.id ? "your" : `${data.owner.name}'s`} KPIs for each active persona. As an administrator you can enter them for any owner.`
            : "The values of your KPIs for each active persona. A value that is off track needs a comment; changing a saved value needs a reason."
        }
      >
        <Link href="/entry/import" className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700">
          Import a file
        </Link>
        <a
          href={`/entry/export.csv?from=${monthParam(month)}&to=${monthParam(month)}`}
          className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100"
        >
          Export {formatPeriod(month)} (CSV)
        </a>
        <a
          href={`/entry/export.xlsx?from=${monthParam(month)}&to=${monthParam(month)}`}
          className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100"
        >
          Export {formatPeriod(month)} (XLSX)
        </a>
      </PageHeader>

      <div className="mb-4 flex flex-col gap-3 lg:flex-row lg:items-end lg:justify-between">
        <form method="get" action="/entry" className="flex flex-wrap items-end gap-3" aria-label="Choose the period">
          <div>
            <label htmlFor="entry-period" className="block text-sm font-medium text-slate-800">
              Month
            </label>
            <input
              id="entry-period"
              type="month"
              name="period"
              defaultValue={monthParam(month)}
              max={monthParam(data.currentMonth)}
              className="mt-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
            />
          </div>
          {data.owners ? (
            <div>
              <label htmlFor="entry-owner" className="block text-sm font-medium text-slate-800">
                Owner
              </label>
              <select id="entry-owner" name="owner" defaultValue={data.owner.id} className="mt-1 max-w-[16rem] rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">
                {data.owners.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                    {o.id === actor.id ? " (you)" : ""}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <button type="submit" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100">
            Show
          </button>
        </form>
        <nav aria-label="Months" className="flex gap-2 text-sm">
          <Link href={`/entry?period=${monthParam(previous)}${ownerQuery}`} className="rounded-md border border-slate-300 bg-white px-3 py-2 font-medium text-slate-800 hover:bg-slate-100">
            <span aria-hidden="true">← </span>
            {formatPeriod(previous)}
          </Link>
          {next ? (
            <Link href={`/entry?period=${monthParam(next)}${ownerQuery}`} className="rounded-md border border-slate-300 bg-white px-3 py-2 font-medium text-slate-800 hover:bg-slate-100">
              {formatPeriod(next)}
              <span aria-hidden="true"> →</span>
            </Link>
          ) : null}
        </nav>
      </div>

      <h2 className="mb-2 text-lg font-semibold text-slate-900">{formatPeriod(month)}</h2>
      <div className="mb-3 space-y-1 text-sm text-slate-600">
        {clamped ? <p role="status">Values can be entered up to the current month, so this shows {formatPeriod(month)}.</p> : null}
        {hasQuarterly ? (
          <p>
            Quarterly KPIs take one value per quarter: here, the value of {formatPeriod(periodStart(month, "QUARTERLY"), "QUARTERLY")}, the quarter that contains{" "}
            {formatPeriod(month)}.
          </p>
        ) : null}
        <p>
          <strong className="font-medium text-slate-800">Keyboard:</strong> arrow keys and Tab move between cells, Enter saves and moves down, Escape
          restores the saved value, Alt+N marks a value not available. Paste a column copied from a spreadsheet to fill the cells below. A value is due
          when its period has ended and overdue {overdueAfterDays()} days later.
        </p>
      </div>

      {data.kpis.length === 0 ? (
        <EmptyState title={data.owners ? "No KPIs to enter" : "You own no active KPIs"}>
          {data.owners ? "Nobody owns an active KPI yet." : "Values are entered by the owner of each KPI. Ask an analyst or an administrator to make you the owner of one."}
        </EmptyState>
      ) : data.personas.length === 0 ? (
        <EmptyState title="No active personas">Values are entered per active persona; there is none yet.</EmptyState>
      ) : (
        <>
          <EntryGrid key={`${month}|${data.owner.id}`} data={data} save={saveEntryCellAction} />
          {data.truncated ? <p className="mt-2 text-sm text-slate-600">Showing the first {MAX_GRID_KPIS} KPIs.</p> : null}
        </>
      )}
    </>
  );
}
