import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { ComparisonLine } from "@/components/charts/comparison-line";
import { KpiHistoryChart } from "@/components/charts/kpi-history-chart";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { Skeleton } from "@/components/ui/skeleton";
import { StatusBadge } from "@/components/ui/status-badge";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/session";
import { formatDateTime, formatPeriod, formatScore, formatValue, unitLabel } from "@/lib/format";
import { chartPoints } from "@/lib/queries/band-history";
import { getKpiPageActions } from "@/lib/queries/kpi-actions";
import type { KpiDetail } from "@/lib/queries/kpi-detail";
import { cachedKpiDetail } from "@/lib/queries/read-cache";
import { kpiExists, scoredPersonaExists } from "@/lib/queries/exists";

export const metadata: Metadata = { title: "KPI" };

const DIRECTION_TEXT = { HIGHER_IS_BETTER: "higher is better", LOWER_IS_BETTER: "lower is better", TARGET_RANGE: "on target within a range" } as const;

export default async function KpiPage({ params, searchParams }: { params: Promise<{ kpiCode: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePermission("dashboard.read");
  const [{ kpiCode }, search] = await Promise.all([params, searchParams]);
  const persona = Array.isArray(search.persona) ? search.persona[0] : search.persona;
  const [kpiFound, personaFound] = await Promise.all([kpiExists(actor, decodeURIComponent(kpiCode)), persona ? scoredPersonaExists(actor, persona) : true]);
  if (!kpiFound || !personaFound) notFound();
  return (
    <Suspense fallback={<Skeleton label="Loading the KPI…" blocks={["h-24", "h-72", "h-64"]} />}>
      <KpiView actor={actor} code={decodeURIComponent(kpiCode)} persona={persona} />
    </Suspense>
  );
}

async function KpiView({ actor, code, persona }: { actor: Actor; code: string; persona?: string }) {
  const detail = await cachedKpiDetail(actor, { kpiCode: code, personaSlug: persona });
  if (!detail) notFound();
  const { kpi } = detail;
  // Role-dependent, so not part of the cached detail: a proposal also about personas outside the
  // actor's access offers no edit (the edit page would only give the refusal).
  const actions = await getKpiPageActions(actor, kpi);
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm print:hidden">
        <Link
          href={detail.persona ? `/scorecards/${kpi.scorecard.slug}/personas/${detail.persona.slug}` : `/scorecards/${kpi.scorecard.slug}`}
          className="text-brand-700 underline-offset-2 hover:underline"
        >
          ← {kpi.scorecard.name}
          {detail.persona ? `: ${detail.persona.name}` : ""}
        </Link>
      </nav>
      <PageHeader
        title={kpi.name}
        description={`${kpi.code} · ${kpi.perspective}${kpi.objective ? ` · ${kpi.objective}` : ""} · ${kpi.frequency === "QUARTERLY" ? "quarterly" : "monthly"}, ${DIRECTION_TEXT[kpi.direction]}, in ${unitLabel(kpi)}`}
      >
        <Link
          href={`/kpis/${encodeURIComponent(kpi.code)}/targets`}
          className="inline-flex rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 print:hidden"
        >
          Targets and thresholds
        </Link>
      </PageHeader>
      {kpi.status === "RETIRED" ? (
        <p className="mb-4 text-sm text-slate-700">This KPI is retired: it counts up to the month it was retired in and not after; its history stays.</p>
      ) : kpi.status !== "ACTIVE" ? (
        <p className="mb-4 text-sm text-slate-700">
          This KPI is {kpi.status === "PROPOSED" ? "a proposal" : "a rejected proposal"}: it is not scored.{" "}
          <Link href={`/kpis/${encodeURIComponent(kpi.code)}/review`} className="text-brand-700 underline underline-offset-2">
            Read the proposal
          </Link>
        </p>
      ) : null}
      {actions.canEdit ? (
        <p className="mb-4 text-sm print:hidden">
          <Link href={`/kpis/${encodeURIComponent(kpi.code)}/edit`} className="font-medium text-brand-700 underline underline-offset-2">
            Edit this KPI
          </Link>
        </p>
      ) : null}

      <nav aria-label="Personas" className="mb-4 print:hidden">
        <ul className="flex flex-wrap gap-2 text-sm">
          {detail.personas.map((p) => (
            <li key={p.slug}>
              {/* No prefetch: one link per persona (50 at benchmark size), each a page fetched on every view. */}
              <Link
                prefetch={false}
                href={`/kpis/${encodeURIComponent(kpi.code)}?persona=${p.slug}`}
                aria-current={p.slug === detail.persona?.slug ? "page" : undefined}
                className={`inline-block rounded-full border px-3 py-1 ${p.slug === detail.persona?.slug ? "border-brand-600 bg-brand-600 text-white" : "border-slate-300 bg-white text-slate-800 hover:bg-slate-50"}`}
              >
                {p.name}
                {p.status === "SUNSET" ? " (sunset)" : ""}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <div className="grid gap-4 lg:grid-cols-3">
        <div className="min-w-0 space-y-4 lg:col-span-2">
          <History detail={detail} />
          <Comparison detail={detail} />
        </div>
        <div className="min-w-0 space-y-4">
          <Facts detail={detail} />
          <Escalations detail={detail} />
          <Revisions detail={detail} />
        </div>
      </div>
    </>
  );
}

function History({ detail }: { detail: KpiDetail }) {
  const { kpi, history, scale } = detail;
  const points = history.filter((p) => p.value !== null || p.target !== null);
  if (!detail.persona || points.length === 0 || !scale) {
    return (
      <EmptyState title="No values yet">
        {kpi.owner ? `${kpi.owner.name} (the KPI owner)` : "The KPI owner"} enters values per persona and period; then the history appears here.
      </EmptyState>
    );
  }
  return (
    <Card title={`History for ${detail.persona.name}`} description="Values with the target (dashed) and the red, amber and green bands in force in each period.">
      {/* Only what the chart draws crosses to the client: comments, names and times stay here. */}
      <KpiHistoryChart points={chartPoints(history)} direction={kpi.direction} scale={scale} />
      <div className="relative mt-4 max-h-96 overflow-auto" tabIndex={0} role="region" aria-label="History table (scrolls)">
        <table className="min-w-[40rem] text-sm sm:min-w-full">
          <caption className="sr-only">Values, targets and scores per period for {detail.persona.name}</caption>
          <thead className="sticky top-0 bg-white text-left text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-2 py-1">Period</th>
              <th scope="col" className="px-2 py-1">Value</th>
              <th scope="col" className="px-2 py-1">Target</th>
              <th scope="col" className="px-2 py-1">Score</th>
              <th scope="col" className="px-2 py-1">Comment</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {[...history].reverse().map((p) => (
              <tr key={p.period}>
                <th scope="row" className="px-2 py-1 text-left font-normal whitespace-nowrap">{formatPeriod(p.period, kpi.frequency)}</th>
                <td className="px-2 py-1 tabular-nums whitespace-nowrap">
                  {p.notAvailableReason !== null ? "not available" : formatValue(p.value, kpi)}
                  {p.notAvailableReason !== null ? <span className="block max-w-48 whitespace-normal text-xs text-slate-600">{p.notAvailableReason}</span> : null}
                </td>
                <td className="px-2 py-1 tabular-nums whitespace-nowrap">
                  {p.target === null ? "none" : formatValue(p.target, kpi)}
                  {p.source ? <span className="block text-xs text-slate-500">{p.source === "PERSONA" ? "persona's own" : "KPI default"}</span> : null}
                </td>
                <td className="px-2 py-1 whitespace-nowrap">
                  <span className="mr-1 tabular-nums">{formatScore(p.score)}</span>
                  <StatusBadge status={p.status} />
                </td>
                <td className="px-2 py-1 text-xs text-slate-700">
                  {p.comment}
                  {p.enteredBy ? <span className="block text-slate-500">{p.enteredBy}{p.enteredAt ? `, ${formatDateTime(p.enteredAt)}` : ""}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

/** A persona's comparison line in words: its span, and its lowest, highest and latest value. */
function comparisonText(points: KpiDetail["comparison"][number]["points"], kpi: KpiDetail["kpi"]): string {
  const shown = points.filter((p) => p.value !== null);
  if (shown.length === 0) return "No values.";
  const values = shown.map((p) => p.value!);
  const span = `${formatPeriod(points[0]!.period, kpi.frequency)} to ${formatPeriod(points[points.length - 1]!.period, kpi.frequency)}`;
  const latest = shown[shown.length - 1]!;
  return `Values from ${span}: lowest ${formatValue(Math.min(...values), kpi)}, highest ${formatValue(Math.max(...values), kpi)}, latest ${formatValue(latest.value, kpi)} (${formatPeriod(latest.period, kpi.frequency)}).`;
}

function Comparison({ detail }: { detail: KpiDetail }) {
  const { kpi, scale } = detail;
  if (!scale || detail.comparison.length === 0) return null;
  return (
    <Card title="Every persona, same scale" description="The same KPI for each active persona, on one value scale, so the personas compare at a glance.">
      <ScrollRegion label="Latest value per persona">
      <table className="min-w-full text-sm">
        <caption className="sr-only">Latest value and status of {kpi.name} per persona</caption>
        <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-2 py-1">Persona</th>
            <th scope="col" className="px-2 py-1">Latest</th>
            <th scope="col" className="w-1/2 px-2 py-1">History</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {detail.comparison.map((c) => (
            <tr key={c.persona.slug}>
              <th scope="row" className="px-2 py-2 text-left font-normal">
                <Link prefetch={false} href={`/kpis/${encodeURIComponent(kpi.code)}?persona=${c.persona.slug}`} className="text-brand-700 underline-offset-2 hover:underline">
                  {c.persona.name}
                </Link>
              </th>
              <td className="px-2 py-2 whitespace-nowrap">
                {c.latest ? (
                  <>
                    <span className="font-medium tabular-nums">{formatValue(c.latest.value, kpi)}</span>{" "}
                    <span className="text-xs text-slate-500">{formatPeriod(c.latest.period, kpi.frequency)}</span>
                    <span className="block">
                      <StatusBadge status={c.latest.status} />
                    </span>
                  </>
                ) : (
                  "no data"
                )}
              </td>
              <td className="min-w-32 px-2 py-2">
                <ComparisonLine values={c.points.map((p) => p.value)} scale={scale} label={comparisonText(c.points, kpi)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      </ScrollRegion>
    </Card>
  );
}

function Facts({ detail }: { detail: KpiDetail }) {
  const { kpi } = detail;
  return (
    <Card title="About this KPI">
      {kpi.description ? <p className="mb-3 text-sm text-slate-700">{kpi.description}</p> : null}
      <dl className="space-y-2 text-sm">
        <div>
          <dt className="text-slate-500">Owner</dt>
          <dd>{kpi.owner ? `${kpi.owner.name} (${kpi.owner.email})` : "No owner: an analyst assigns one."}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Department</dt>
          <dd>{kpi.department ?? "None"}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Source system</dt>
          <dd>{kpi.sourceSystem ?? "Not recorded"}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Transformation</dt>
          <dd>{kpi.transformation ?? "Not recorded"}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Kind</dt>
          <dd>
            {kpi.timing === "LEADING" ? "Leading" : "Lagging"}, {kpi.measureType === "QUALITATIVE" ? "qualitative" : "quantitative"}, weight {kpi.weight}
          </dd>
        </div>
      </dl>
    </Card>
  );
}

function Escalations({ detail }: { detail: KpiDetail }) {
  return (
    <Card title="Open escalations">
      {detail.escalations.length === 0 ? (
        <p className="text-sm text-slate-600">None: no persona has breached this KPI&apos;s red threshold for the escalation streak.</p>
      ) : (
        <ul className="space-y-2 text-sm">
          {detail.escalations.map((e) => (
            <li key={e.id}>
              <Link href={`/escalations/${e.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                {e.persona}
              </Link>
              : level {e.level}, {e.status.toLowerCase()}, red for {e.streakLength} periods since{" "}
              {formatPeriod(e.since)}
              {e.assignee ? `, assigned to ${e.assignee}` : ""}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function Revisions({ detail }: { detail: KpiDetail }) {
  return (
    <Card title="Corrections" description={detail.persona ? `Earlier values of ${detail.persona.name}'s data, with who changed them and why.` : undefined}>
      {detail.revisions.length === 0 ? (
        <p className="text-sm text-slate-600">No value has been corrected.</p>
      ) : (
        <ul className="space-y-2 text-sm">
          {detail.revisions.map((r) => (
            <li key={`${r.period}-${r.version}`}>
              <span className="font-medium">{formatPeriod(r.period, detail.kpi.frequency)}</span>: was {formatValue(r.value, detail.kpi)} (version {r.version})
              <span className="block text-xs text-slate-600">
                {r.changedBy ?? "Someone"}, {formatDateTime(r.changedAt)}: {r.reason}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
