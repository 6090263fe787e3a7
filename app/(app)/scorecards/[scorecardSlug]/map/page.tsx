import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { DiagramUnavailable } from "@/components/strategy-map/diagram-boundary";
import { layoutStrategyMap, type MapLayout } from "@/components/strategy-map/layout";
import { MapLegend } from "@/components/strategy-map/map-legend";
import { MapPicker } from "@/components/strategy-map/map-picker";
import { MapText } from "@/components/strategy-map/map-text";
import { MapView } from "@/components/strategy-map/map-view";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { formatPeriod } from "@/lib/format";
import { findMapSubject, getStrategyMap, type MapSubject, type StrategyMapData } from "@/lib/queries/strategy-map";
import { addPeriods } from "@/lib/scoring";

export const metadata: Metadata = { title: "Strategy map" };

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;

export default async function StrategyMapPage({ params, searchParams }: { params: Promise<{ scorecardSlug: string }>; searchParams: Promise<SearchParams> }) {
  // Authorize, and answer 404 for an unknown scorecard or persona, before anything streams.
  const actor = await requirePermission("dashboard.read");
  const [{ scorecardSlug }, query] = await Promise.all([params, searchParams]);
  const period = first(query.period);
  let subject: MapSubject;
  try {
    subject = await findMapSubject(actor, { scorecardSlug, personaSlug: first(query.persona) });
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const { scorecard, persona } = subject;

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm print:hidden">
        <Link href={`/scorecards/${encodeURIComponent(scorecard.slug)}`} className="text-brand-700 underline-offset-2 hover:underline">
          ← {scorecard.name}: all personas
        </Link>
      </nav>
      <PageHeader
        title={`Strategy map: ${scorecard.name}`}
        description="How each objective stands for one persona in one month, and which objectives drive which. Every objective carries its status as a word and a symbol, and its score from 0 to 100."
      />
      {persona === null ? (
        <EmptyState title="No active personas yet">
          The map shows each objective&apos;s status for one persona. An analyst activates a persona once its description and weights are agreed.
        </EmptyState>
      ) : (
        <Suspense key={`${persona.slug}|${period ?? ""}`} fallback={<Skeleton label="Loading the strategy map…" blocks={["h-16", "h-[420px]", "h-40"]} />}>
          <StrategyMap actor={actor} scorecardSlug={scorecard.slug} personaSlug={persona.slug} period={period} />
        </Suspense>
      )}
    </>
  );
}

async function StrategyMap({ actor, scorecardSlug, personaSlug, period }: { actor: Actor; scorecardSlug: string; personaSlug: string; period?: string }) {
  const data = await getStrategyMap(actor, { scorecardSlug, personaSlug, period });
  const path = `/scorecards/${encodeURIComponent(data.scorecard.slug)}/map`;

  let layout: MapLayout | null = null;
  if (data.objectives.length > 0) {
    try {
      layout = await layoutStrategyMap(data);
    } catch (error) {
      // The text version below still carries the whole map.
      console.error("strategy map layout failed", error);
    }
  }

  return (
    <>
      <MapPicker action={path} personas={data.personas} persona={data.persona.slug} periods={data.periods} period={data.period} />
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h2 className="text-lg font-semibold text-slate-900">
          {data.persona.name}
          {data.period ? <span className="font-normal text-slate-700"> in {formatPeriod(data.period)}</span> : null}
        </h2>
        <Link
          href={`/scorecards/${encodeURIComponent(data.scorecard.slug)}/personas/${encodeURIComponent(data.persona.slug)}${data.period ? `?period=${data.period.slice(0, 7)}` : ""}`}
          className="text-sm text-brand-700 underline underline-offset-2 hover:text-brand-900 print:hidden"
        >
          {data.persona.name}&apos;s scorecard, KPI by KPI
        </Link>
      </div>
      <Notices data={data} path={path} />
      {data.objectives.length === 0 ? (
        <EmptyState title="No objectives yet">
          An analyst adds objectives to this scorecard&apos;s perspectives and links the ones that cause others; the map then draws them here,
          with each persona&apos;s status.
        </EmptyState>
      ) : (
        <>
          <MapLegend />
          {layout ? (
            <MapView layout={layout} perspectives={data.perspectives} objectives={data.objectives} links={data.links} persona={data.persona} />
          ) : (
            <DiagramUnavailable />
          )}
          <p className="mt-2 hidden text-sm text-slate-600 print:block">The interactive diagram is left out of the printout; the list below has the same content.</p>
          <MapText perspectives={data.perspectives} objectives={data.objectives} links={data.links} personaSlug={data.persona.slug} />
        </>
      )}
    </>
  );
}

function Notices({ data, path }: { data: StrategyMapData; path: string }) {
  const { persona, period } = data;
  const lastTracked = persona.sunsetFrom ? addPeriods(persona.sunsetFrom, "MONTHLY", -1) : null;
  return (
    <>
      {data.periodMessage ? <Notice tone="warning">{data.periodMessage} The latest month with data is shown instead.</Notice> : null}
      {period === null ? (
        <Notice>No values have been reported for this scorecard yet, so every objective shows No data. KPI owners enter values per persona and month.</Notice>
      ) : null}
      {persona.status === "SUNSET" && persona.sunsetFrom && lastTracked && period !== null && period >= persona.sunsetFrom ? (
        <Notice>
          {persona.name} is a sunset persona, no longer tracked from {formatPeriod(persona.sunsetFrom)}.{" "}
          <Link href={`${path}?persona=${encodeURIComponent(persona.slug)}&period=${lastTracked.slice(0, 7)}`} className="underline underline-offset-2">
            Show {formatPeriod(lastTracked)}, its last tracked month
          </Link>
          .
        </Notice>
      ) : null}
    </>
  );
}
