import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { KpiTable } from "@/components/scorecard/kpi-table";
import { PeriodForm } from "@/components/scorecard/period-form";
import { KPI_ROWS_ON_ONE_PAGE, kpiRowCount, PerspectiveTabs, selectedPerspective } from "@/components/scorecard/perspective-tabs";
import { ScoreCell } from "@/components/scorecard/score-cell";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { PrintButton } from "@/components/ui/print-button";
import { Skeleton } from "@/components/ui/skeleton";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/session";
import { formatCount, formatDate, formatDelta, formatPeriod, formatScore } from "@/lib/format";
import type { PersonaScorecard } from "@/lib/queries/persona-scorecard";
import { cachedPersonaScorecard } from "@/lib/queries/read-cache";
import { departmentExists, scorecardExists, scoredPersonaExists } from "@/lib/queries/exists";

export const metadata: Metadata = { title: "Persona scorecard" };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function PersonaScorecardPage({
  params,
  searchParams,
}: {
  params: Promise<{ scorecardSlug: string; personaSlug: string }>;
  searchParams: Promise<Search>;
}) {
  const actor = await requirePermission("dashboard.read");
  const [{ scorecardSlug, personaSlug }, search] = await Promise.all([params, searchParams]);
  const department = one(search.department);
  const [cardFound, personaFound, departmentFound] = await Promise.all([
    scorecardExists(actor, scorecardSlug),
    scoredPersonaExists(actor, personaSlug),
    department ? departmentExists(actor, department) : true,
  ]);
  if (!cardFound || !personaFound || !departmentFound) notFound();
  return (
    <Suspense fallback={<Skeleton label="Loading the persona scorecard…" blocks={["h-24", "h-10", "h-96"]} />}>
      <PersonaView
        actor={actor}
        scorecardSlug={scorecardSlug}
        personaSlug={personaSlug}
        period={one(search.period)}
        department={one(search.department)}
        perspective={one(search.perspective)}
      />
    </Suspense>
  );
}

async function PersonaView(props: { actor: Actor; scorecardSlug: string; personaSlug: string; period?: string; department?: string; perspective?: string }) {
  const card = await cachedPersonaScorecard(props.actor, {
    scorecardSlug: props.scorecardSlug,
    personaSlug: props.personaSlug,
    period: props.period,
    departmentId: props.department || null,
  });
  if (!card || (props.department && !card.department)) notFound();
  const base = `/scorecards/${card.scorecard.slug}`;
  const month = card.period?.slice(0, 7);
  const personaBase = `${base}/personas/${card.persona.slug}`;
  // A large scorecard shows one perspective's KPI rows at a time (see PerspectiveTabs).
  const rows = card.period === null ? 0 : kpiRowCount(card.perspectives);
  const onePerspective = rows > KPI_ROWS_ON_ONE_PAGE ? selectedPerspective(card.perspectives, props.perspective) : undefined;
  const shown = onePerspective ? [onePerspective] : card.perspectives;
  const perspectiveHref = (id: string) => {
    const query = new URLSearchParams({ period: month ?? "" });
    if (card.department) query.set("department", card.department.id);
    query.set("perspective", id);
    return `${personaBase}?${query.toString()}`;
  };

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm print:hidden">
        <Link href={`${base}${month ? `?period=${month}` : ""}`} className="text-brand-700 underline-offset-2 hover:underline">
          ← {card.scorecard.name}: all personas
        </Link>
      </nav>
      <PageHeader
        title={`${card.persona.name} · ${card.scorecard.name}`}
        description={card.period ? `How ${card.scorecard.name} judges this persona in ${formatPeriod(card.period)}.` : undefined}
      >
        {card.period ? (
          <>
            <a
              href={`${personaBase}/export.csv?period=${month}`}
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 print:hidden"
              download
            >
              Download CSV
            </a>
            <PrintButton />
            <Link
              href={`${base}/map?persona=${card.persona.slug}&period=${month}`}
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 print:hidden"
            >
              Strategy map
            </Link>
          </>
        ) : null}
      </PageHeader>
      {card.periodMessage ? <Notice tone="warning">{card.periodMessage} Showing the latest month instead.</Notice> : null}

      <PersonaSwitcher card={card} />

      {card.period === null ? (
        <EmptyState title="No values reported yet">KPI owners enter values per persona and month; once they do, this persona&apos;s scores appear here.</EmptyState>
      ) : (
        <>
          <div className="mb-4 flex flex-wrap items-end gap-4">
            <PeriodForm action={personaBase} months={card.months} period={card.period} hidden={{ department: card.department?.id }} />
            <DepartmentForm card={card} action={personaBase} />
          </div>
          {card.persona.status === "SUNSET" ? (
            <Notice tone="warning">
              Sunset{card.persona.sunsetFrom ? ` since ${formatPeriod(card.persona.sunsetFrom)}` : ""}:{" "}
              {card.persona.counted ? "still counted in this month's total." : "not counted in the scorecard total."} {card.persona.statusRationale}
            </Notice>
          ) : null}
          {card.department ? (
            <Notice>
              Showing only KPIs of {card.department.name} (the KPI&apos;s department or its owner&apos;s). The scores above them count every KPI.
            </Notice>
          ) : null}
          <Summary card={card} />
          <OpenEscalations card={card} />
          <Changes card={card} />
          {onePerspective ? (
            <>
              {props.perspective && props.perspective !== onePerspective.id ? (
                <Notice tone="warning">This scorecard has no such perspective: showing {onePerspective.name}.</Notice>
              ) : null}
              <p className="mb-2 text-sm text-slate-600">
                {formatCount(rows)} KPIs: one perspective at a time. The perspective scores count every KPI; Download CSV holds every row.
              </p>
              <PerspectiveTabs perspectives={card.perspectives} selectedId={onePerspective.id} href={perspectiveHref} />
            </>
          ) : null}
          {shown.map((perspective) => (
            <section key={perspective.id} aria-labelledby={`perspective-${perspective.id}`} className="mb-6 break-inside-avoid-page">
              <div className="mb-2 flex flex-wrap items-end justify-between gap-3 border-b border-slate-200 pb-2">
                <h2 id={`perspective-${perspective.id}`} className="text-lg font-semibold text-slate-900">
                  {perspective.name}
                  <span className="ml-2 text-sm font-normal text-slate-500">weight {perspective.weight}</span>
                </h2>
                <ScoreCell result={perspective.result} label={`${perspective.name} perspective`} />
              </div>
              {perspective.objectives.map((objective) => (
                <div key={objective.id} className="mb-4 rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
                  <div className="mb-2 flex flex-wrap items-start justify-between gap-2">
                    <h3 className="font-semibold text-slate-900">
                      {objective.title}
                      {objective.owner ? <span className="block text-xs font-normal text-slate-600">Objective owner: {objective.owner}</span> : null}
                    </h3>
                    <ScoreCell result={objective.result} label={objective.title} />
                  </div>
                  {objective.kpis.length > 0 ? (
                    <KpiTable caption={`KPIs of the objective ${objective.title}`} lines={objective.kpis} month={card.period!} personaSlug={card.persona.slug} />
                  ) : (
                    <p className="text-sm text-slate-600">No active KPI measures this objective yet: an analyst can add one.</p>
                  )}
                </div>
              ))}
              {perspective.otherKpis.length > 0 ? (
                <div className="mb-4 rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
                  <h3 className="mb-2 font-semibold text-slate-900">KPIs without an objective</h3>
                  <KpiTable caption={`KPIs of ${perspective.name} without an objective`} lines={perspective.otherKpis} month={card.period!} personaSlug={card.persona.slug} />
                </div>
              ) : null}
            </section>
          ))}
        </>
      )}
    </>
  );
}

function PersonaSwitcher({ card }: { card: PersonaScorecard }) {
  const month = card.period ? `?period=${card.period.slice(0, 7)}` : "";
  return (
    <nav aria-label="Other personas" className="mb-4 print:hidden">
      <ul className="flex flex-wrap gap-2 text-sm">
        {card.personas.map((p) => (
          <li key={p.slug}>
            {/* No prefetch: a scorecard may have 50 personas, each link a page fetched on every view. */}
            <Link
              prefetch={false}
              href={`/scorecards/${card.scorecard.slug}/personas/${p.slug}${month}`}
              aria-current={p.slug === card.persona.slug ? "page" : undefined}
              className={`inline-block rounded-full border px-3 py-1 ${p.slug === card.persona.slug ? "border-brand-600 bg-brand-600 text-white" : "border-slate-300 bg-white text-slate-800 hover:bg-slate-50"}`}
            >
              {p.name}
              {p.status === "SUNSET" ? " (sunset)" : ""}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function DepartmentForm({ card, action }: { card: PersonaScorecard; action: string }) {
  if (card.departments.length === 0) return null;
  return (
    <form action={action} method="get" className="flex flex-wrap items-end gap-3 print:hidden" aria-label="Filter by department">
      <input type="hidden" name="period" value={card.period!.slice(0, 7)} />
      <div className="flex flex-col text-sm">
        <label htmlFor="department-select" className="font-medium text-slate-700">
          Department
        </label>
        <select id="department-select" name="department" defaultValue={card.department?.id ?? ""} className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm">
          <option value="">All departments</option>
          {card.departments.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50">
        Filter
      </button>
    </form>
  );
}

function Summary({ card }: { card: PersonaScorecard }) {
  return (
    <Card className="mb-4">
      <div className="flex flex-wrap items-start gap-x-10 gap-y-4">
        <div>
          <p className="text-sm font-medium text-slate-600">Overall</p>
          <ScoreCell result={card.overall} label={`${card.persona.name} overall`} size="lg" />
        </div>
        <dl className="grid grid-cols-2 gap-x-8 gap-y-2 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-slate-500">Change since {formatPeriod(card.previousPeriod!)}</dt>
            <dd className="font-medium tabular-nums">{formatDelta(card.changes.change)}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Persona weight</dt>
            <dd className="font-medium">{card.persona.weight === null ? "none in force" : card.persona.weight}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Missing values</dt>
            <dd className="font-medium">
              {card.missing.overdue} overdue, {card.missing.due} due
              {card.missing.open > 0 ? `, ${card.missing.open} not due yet` : ""}
            </dd>
          </div>
        </dl>
      </div>
    </Card>
  );
}

function Changes({ card }: { card: PersonaScorecard }) {
  const { change, lines, smaller, residual } = card.changes;
  return (
    <section aria-labelledby="changes-heading" className="mb-6 break-inside-avoid-page">
      <h2 id="changes-heading" className="mb-1 text-lg font-semibold text-slate-900">
        What changed since {formatPeriod(card.previousPeriod!)}
      </h2>
      {change === null ? (
        <p className="text-sm text-slate-600">No comparison: the persona has no overall score in one of the two months.</p>
      ) : lines.length === 0 ? (
        <p className="text-sm text-slate-600">No KPI score moved: the overall score changed by {formatDelta(change)} points.</p>
      ) : (
        <>
          <p className="mb-2 text-sm text-slate-600">
            The overall score moved {formatDelta(change)} points. Each KPI&apos;s part is its share of the overall score × its score change, largest
            first.
          </p>
          <ol className="max-w-2xl divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
            {lines.map((line) => (
              <li key={line.code} className="flex items-center justify-between gap-3 px-3 py-1.5">
                <span>
                  {line.name} <span className="text-xs text-slate-500">({formatScore(line.previousScore)} → {formatScore(line.currentScore)})</span>
                </span>
                <span className={`font-semibold whitespace-nowrap tabular-nums ${line.contribution < 0 ? "text-status-red" : "text-status-green"}`}>
                  {line.contribution < 0 ? "▼" : "▲"} {formatDelta(line.contribution)}
                </span>
              </li>
            ))}
            {smaller.count > 0 ? (
              <li className="flex items-center justify-between gap-3 px-3 py-1.5 text-xs text-slate-600">
                <span>and {formatCount(smaller.count)} smaller changes</span>
                <span className="tabular-nums">{formatDelta(smaller.contribution)}</span>
              </li>
            ) : null}
            {residual !== null && Math.abs(residual) >= 0.05 ? (
              <li className="flex items-center justify-between gap-3 px-3 py-1.5 text-slate-700">
                <span>KPIs that started or stopped reporting, and shifted shares</span>
                <span className="font-semibold tabular-nums">{formatDelta(residual)}</span>
              </li>
            ) : null}
          </ol>
        </>
      )}
    </section>
  );
}

function OpenEscalations({ card }: { card: PersonaScorecard }) {
  if (card.escalations.length === 0) return null;
  return (
    <section aria-labelledby="escalations-heading" className="mb-6 break-inside-avoid-page">
      <h2 id="escalations-heading" className="mb-1 text-lg font-semibold text-slate-900">
        Open escalations
      </h2>
      <p className="mb-2 text-sm text-slate-600">KPIs off track for {card.persona.name} for several periods in a row; their owners have been asked to act.</p>
      <ul className="max-w-3xl divide-y divide-slate-100 rounded-lg border border-status-red/30 bg-white text-sm">
        {card.escalations.map((e) => (
          <li key={e.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
            <span>
              <span aria-hidden="true" className="text-status-red">
                ■{" "}
              </span>
              <Link href={`/kpis/${encodeURIComponent(e.kpiCode)}?persona=${card.persona.slug}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                {e.kpiName}
              </Link>
              : off track for {e.streakLength} periods since {formatPeriod(e.since)}
            </span>
            <span className="text-xs text-slate-700">
              Level {e.level} · {e.status === "ACKNOWLEDGED" ? <><span aria-hidden="true">✓ </span>acknowledged{e.acknowledged?.by ? ` by ${e.acknowledged.by}` : ""}</> : "open, not yet acknowledged"}
              {e.assignee ? ` · ${e.assignee}` : ""} ·{" "}
              <Link href={`/escalations/${e.id}`} className="text-brand-700 underline underline-offset-2">
                Escalation thread
              </Link>
            </span>
            {e.plan ? (
              <span className="w-full text-xs text-slate-700">
                Action plan: {e.plan.what} ({e.plan.owner ?? "someone"}
                {e.plan.due ? `, by ${formatDate(`${e.plan.due}T00:00:00Z`)}` : ""})
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
