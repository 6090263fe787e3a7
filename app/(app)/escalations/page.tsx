import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { EscalationStatusBadge, formatAge, LevelBadge } from "@/components/escalations/badges";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { Skeleton } from "@/components/ui/skeleton";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/session";
import { formatPeriod } from "@/lib/format";
import { getEscalationInbox, INBOX_LIMIT, parseInboxFilters, type EscalationInbox, type InboxFilters, type InboxRow } from "@/lib/queries/escalation-inbox";

export const metadata: Metadata = { title: "Escalations" };

type Search = Record<string, string | string[] | undefined>;

export default async function EscalationsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requirePermission("dashboard.read");
  const filters = parseInboxFilters(await searchParams);
  return (
    <>
      <PageHeader
        title="Escalations"
        description="KPIs that stayed red for a persona for several periods in a row. Yours (assigned to you) come first; open ones before acknowledged ones, higher levels first."
      />
      <Suspense key={JSON.stringify(filters)} fallback={<Skeleton label="Loading escalations…" blocks={["h-16", "h-64"]} />}>
        <Inbox actor={actor} filters={filters} />
      </Suspense>
    </>
  );
}

const STATUS_OPTIONS: { value: InboxFilters["status"]; label: string }[] = [
  { value: "unresolved", label: "Open or acknowledged" },
  { value: "OPEN", label: "Open (not acknowledged)" },
  { value: "ACKNOWLEDGED", label: "Acknowledged" },
  { value: "RESOLVED", label: "Resolved" },
  { value: "all", label: "All" },
];

const selectClass = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-2 text-sm text-slate-900";

function Filters({ inbox }: { inbox: EscalationInbox }) {
  const f = inbox.filters;
  return (
    <form method="get" action="/escalations" aria-label="Filter escalations" className="mb-4 grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-2 lg:grid-cols-[minmax(11rem,1.3fr)_repeat(3,minmax(0,1fr))_auto_auto] lg:items-end">
      <div>
        <label htmlFor="f-status" className="text-sm font-medium text-slate-800">Status</label>
        <select id="f-status" name="status" defaultValue={f.status} className={selectClass}>
          {STATUS_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>{o.label}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="f-level" className="text-sm font-medium text-slate-800">Level</label>
        <select id="f-level" name="level" defaultValue={f.level === null ? "" : String(f.level)} className={selectClass}>
          <option value="">Any level</option>
          <option value="1">Level 1</option>
          <option value="2">Level 2</option>
          <option value="3">Level 3</option>
        </select>
      </div>
      <div>
        <label htmlFor="f-scorecard" className="text-sm font-medium text-slate-800">Scorecard</label>
        <select id="f-scorecard" name="scorecard" defaultValue={f.scorecard ?? ""} className={selectClass}>
          <option value="">Every scorecard</option>
          {inbox.options.scorecards.map((s) => (
            <option key={s.slug} value={s.slug}>{s.name}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="f-persona" className="text-sm font-medium text-slate-800">Persona</label>
        <select id="f-persona" name="persona" defaultValue={f.persona ?? ""} className={selectClass}>
          <option value="">Every persona</option>
          {inbox.options.personas.map((p) => (
            <option key={p.slug} value={p.slug}>{p.name}</option>
          ))}
        </select>
      </div>
      <div className="flex items-center gap-2 lg:pb-2">
        <input id="f-mine" type="checkbox" name="mine" value="1" defaultChecked={f.mine} className="h-4 w-4" />
        <label htmlFor="f-mine" className="text-sm font-medium text-slate-800">Only assigned to me</label>
      </div>
      <div className="flex gap-2">
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">Apply</button>
        <Link href="/escalations" className="rounded-md border border-slate-300 px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100">Reset</Link>
      </div>
    </form>
  );
}

function isFiltered(f: InboxFilters): boolean {
  return f.status !== "unresolved" || f.level !== null || f.scorecard !== null || f.persona !== null || f.mine;
}

async function Inbox({ actor, filters }: { actor: Actor; filters: InboxFilters }) {
  const inbox = await getEscalationInbox(actor, filters);
  const { rows } = inbox;
  return (
    <>
      <Filters inbox={inbox} />
      <p className="mb-3 text-sm text-slate-700" role="status">
        {rows.length === 0
          ? "No escalations match."
          : `${rows.length} escalation${rows.length === 1 ? "" : "s"}${inbox.mineCount > 0 ? `, ${inbox.mineCount} assigned to you` : ", none assigned to you"}.`}
        {inbox.truncated ? ` Showing the first ${INBOX_LIMIT} of each group: narrow the filters to see the rest.` : ""}
      </p>
      {rows.length === 0 ? (
        isFiltered(filters) ? (
          <EmptyState title="No escalation matches these filters" action={{ href: "/escalations", label: "Show all open escalations" }}>
            Nothing is escalated with this status, level, scorecard or persona. Widen the filters, or choose “All” to include resolved escalations.
          </EmptyState>
        ) : (
          <EmptyState title="No open escalations">
            No KPI has been red for a persona for the number of periods in a row that opens an escalation (3 by default, a scorecard setting). The
            escalation job checks every night; resolved escalations are under Status “Resolved”.
          </EmptyState>
        )
      ) : (
        <>
          <Table rows={rows} />
          <Cards rows={rows} />
        </>
      )}
    </>
  );
}

function Assignee({ row }: { row: InboxRow }) {
  if (!row.assignee) return <span className="text-slate-600">Nobody</span>;
  return (
    <>
      {row.assignee.name}
      {row.mine ? <span className="ml-1 rounded bg-brand-50 px-1.5 py-0.5 text-xs font-medium text-brand-900">you</span> : null}
    </>
  );
}

function Age({ row }: { row: InboxRow }) {
  return <>{row.status === "RESOLVED" ? `resolved after ${formatAge(row.ageDays)}` : formatAge(row.ageDays)}</>;
}

function Table({ rows }: { rows: InboxRow[] }) {
  return (
    <ScrollRegion label="Escalations" className="hidden md:block" boxClassName="rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Escalations, yours first</caption>
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">KPI</th>
            <th scope="col" className="px-3 py-2">Persona</th>
            <th scope="col" className="px-3 py-2">Level</th>
            <th scope="col" className="px-3 py-2">Streak</th>
            <th scope="col" className="px-3 py-2">First breached</th>
            <th scope="col" className="px-3 py-2">Assignee</th>
            <th scope="col" className="px-3 py-2">Age</th>
            <th scope="col" className="px-3 py-2">Status</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.id} className={r.mine ? "bg-brand-50/40" : undefined}>
              <th scope="row" className="px-3 py-2 text-left font-normal">
                <Link href={`/escalations/${r.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                  {r.kpi.name}
                </Link>
                <span className="block text-xs text-slate-600">{r.kpi.code} · {r.scorecard.name}</span>
              </th>
              <td className="px-3 py-2">{r.persona.name}</td>
              <td className="px-3 py-2"><LevelBadge level={r.level} /></td>
              <td className="px-3 py-2 whitespace-nowrap tabular-nums">{r.streakLength} {r.kpi.frequency === "QUARTERLY" ? "quarters" : "months"}</td>
              <td className="px-3 py-2 whitespace-nowrap">{formatPeriod(r.firstBreachedPeriod, r.kpi.frequency)}</td>
              <td className="px-3 py-2"><Assignee row={r} /></td>
              <td className="px-3 py-2 whitespace-nowrap"><Age row={r} /></td>
              <td className="px-3 py-2"><EscalationStatusBadge status={r.status} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** Below md: one card per escalation, the same facts as the table's row. */
function Cards({ rows }: { rows: InboxRow[] }) {
  return (
    <ul className="space-y-3 md:hidden" aria-label="Escalations, yours first">
      {rows.map((r) => (
        <li key={r.id} className={`rounded-lg border bg-white p-3 ${r.mine ? "border-brand-600/40" : "border-slate-200"}`}>
          <div className="flex flex-wrap items-start justify-between gap-2">
            <Link href={`/escalations/${r.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
              {r.kpi.name}
            </Link>
            <EscalationStatusBadge status={r.status} />
          </div>
          <p className="text-xs text-slate-600">{r.kpi.code} · {r.persona.name}</p>
          <dl className="mt-2 grid grid-cols-2 gap-x-3 gap-y-1 text-sm">
            <dt className="text-slate-600">Level</dt>
            <dd><LevelBadge level={r.level} /></dd>
            <dt className="text-slate-600">Streak</dt>
            <dd>{r.streakLength} {r.kpi.frequency === "QUARTERLY" ? "quarters" : "months"}</dd>
            <dt className="text-slate-600">First breached</dt>
            <dd>{formatPeriod(r.firstBreachedPeriod, r.kpi.frequency)}</dd>
            <dt className="text-slate-600">Assignee</dt>
            <dd><Assignee row={r} /></dd>
            <dt className="text-slate-600">Age</dt>
            <dd><Age row={r} /></dd>
          </dl>
        </li>
      ))}
    </ul>
  );
}
