import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { Heatmap } from "@/components/scorecard/heatmap";
import { PeriodForm } from "@/components/scorecard/period-form";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { can } from "@/lib/auth/policy";
import { requirePermission } from "@/lib/auth/session";
import type { Actor } from "@/lib/auth/actor";
import { formatPeriod } from "@/lib/format";
import { cachedScorecardOverview } from "@/lib/queries/read-cache";
import { scorecardExists } from "@/lib/queries/exists";

export const metadata: Metadata = { title: "Scorecard" };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function ScorecardPage({ params, searchParams }: { params: Promise<{ scorecardSlug: string }>; searchParams: Promise<Search> }) {
  const actor = await requirePermission("dashboard.read");
  const [{ scorecardSlug }, search] = await Promise.all([params, searchParams]);
  if (!(await scorecardExists(actor, scorecardSlug))) notFound();
  return (
    <Suspense fallback={<Skeleton label="Loading the scorecard…" blocks={["h-12", "h-10", "h-80"]} />}>
      <Overview actor={actor} slug={scorecardSlug} period={one(search.period)} compare={one(search.compare)} showSunset={one(search.sunset) === "show"} />
    </Suspense>
  );
}

async function Overview({ actor, slug, period, compare, showSunset }: { actor: Actor; slug: string; period?: string; compare?: string; showSunset: boolean }) {
  const overview = await cachedScorecardOverview(actor, { scorecardSlug: slug, period, compareWith: compare, showSunset });
  if (!overview) notFound();
  const base = `/scorecards/${overview.scorecard.slug}`;
  const query = (extra: Record<string, string | undefined>) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries({ period: overview.period?.slice(0, 7), compare: overview.compareWith?.slice(0, 7), ...extra })) if (v) params.set(k, v);
    return `?${params.toString()}`;
  };
  const firstActive = overview.rows.find((r) => r.persona.status === "ACTIVE");

  return (
    <>
      <p className="mb-2 text-sm print:hidden">
        <Link href="/scorecards" className="text-brand-700 underline-offset-2 hover:underline">
          ← All scorecards
        </Link>
      </p>
      <PageHeader
        title={overview.scorecard.name}
        description={
          overview.period
            ? `Each persona's score per perspective in ${formatPeriod(overview.period)}${overview.compareWith ? `, with the change since ${formatPeriod(overview.compareWith)}` : ""}. Scores run 0–100: 67 and above is on track, 33 and below is off track.`
            : overview.scorecard.description ?? undefined
        }
      >
        {firstActive ? (
          <Link
            href={`${base}/map?persona=${firstActive.persona.slug}${overview.period ? `&period=${overview.period.slice(0, 7)}` : ""}`}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
          >
            Strategy map
          </Link>
        ) : null}
        {can(actor, "weight.write") ? (
          <Link
            href={`${base}/weights`}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
          >
            Persona weights
          </Link>
        ) : null}
        {can(actor, "objective.write") ? (
          <Link
            href={`${base}/strategy`}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
          >
            Edit strategy
          </Link>
        ) : null}
      </PageHeader>
      {overview.periodMessage ? <Notice tone="warning">{overview.periodMessage} Showing the latest month instead.</Notice> : null}

      {overview.period === null ? (
        <EmptyState title="No values reported yet">
          This scorecard has {overview.perspectives.length} perspectives but no KPI values for any persona yet. KPI owners enter values per persona and
          month; an administrator can import them.
        </EmptyState>
      ) : (
        <>
          <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
            <PeriodForm
              action={base}
              months={overview.months}
              period={overview.period}
              compareWith={overview.compareWith}
              compare
              hidden={{ sunset: showSunsetParam(overview.rows.some((r) => r.persona.status === "SUNSET")) }}
            />
            {overview.hiddenSunset.count > 0 || overview.rows.some((r) => r.persona.status === "SUNSET") ? (
              <Link
                href={`${base}${query({ sunset: overview.rows.some((r) => r.persona.status === "SUNSET") ? undefined : "show" })}`}
                className="text-sm text-brand-700 underline-offset-2 hover:underline print:hidden"
              >
                {overview.rows.some((r) => r.persona.status === "SUNSET")
                  ? "Hide sunset personas"
                  : `Show ${overview.hiddenSunset.count} sunset ${overview.hiddenSunset.count === 1 ? "persona" : "personas"}`}
              </Link>
            ) : null}
          </div>
          {overview.rows.length === 0 ? (
            <EmptyState title="No active personas">
              Scores are computed per persona. An analyst activates a persona once its description and weights are agreed.
            </EmptyState>
          ) : (
            <Heatmap overview={overview} />
          )}
          <p className="mt-3 text-sm text-slate-600">
            The total is not an average of the rows: each persona counts with its weight in force in {formatPeriod(overview.period)} (its share of
            the weight of the personas with data), so the contributions add up to the total.{" "}
            {overview.draftCount > 0 ? `${overview.draftCount} draft ${overview.draftCount === 1 ? "persona is" : "personas are"} never counted.` : ""}
          </p>
        </>
      )}
    </>
  );
}

function showSunsetParam(showing: boolean): string | undefined {
  return showing ? "show" : undefined;
}
