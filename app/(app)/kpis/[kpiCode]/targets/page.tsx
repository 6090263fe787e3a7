import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TargetForm, type TargetFormInitial } from "@/components/targets/target-form";
import { SuggestionPanel } from "@/components/targets/suggestion-panel";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { requirePermission } from "@/lib/auth/session";
import { formatDateTime, formatPeriod, formatValue, unitLabel } from "@/lib/format";
import { getKpiTargetsPage, getTargetSuggestion, type KpiTargetsPage, type TargetSuggestion } from "@/lib/queries/kpi-targets";
import { nextPeriod, periodStart } from "@/lib/scoring";
import { setKpiTargetAction } from "./actions";

export const metadata: Metadata = { title: "Targets and thresholds" };

const DIRECTION_TEXT = { HIGHER_IS_BETTER: "higher is better", LOWER_IS_BETTER: "lower is better", TARGET_RANGE: "on target within a range" } as const;

/** A suggested number as a form value: at most 6 decimals, no trailing zeros. */
const asInput = (n: number | null | undefined) => (n === null || n === undefined ? "" : String(Number(n.toFixed(6))));

function initialValues(page: KpiTargetsPage, suggestion: TargetSuggestion | null, now: Date): TargetFormInitial {
  const next = nextPeriod(periodStart(now, page.kpi.frequency), page.kpi.frequency).slice(0, 7);
  if (suggestion?.suggestion.ok) {
    const t = suggestion.suggestion.thresholds;
    return {
      personaId: suggestion.persona.id,
      effectiveFrom: next,
      baseline: asInput(suggestion.suggestion.baseline),
      target: asInput(t.target),
      green: asInput(t.green),
      red: asInput(t.red),
      greenHigh: asInput(t.greenHigh),
      redHigh: asInput(t.redHigh),
      rationale: `Suggested from ${suggestion.persona.name}'s own last ${suggestion.distribution?.n ?? 0} values (${formatPeriod(suggestion.window!.from, page.kpi.frequency)} – ${formatPeriod(suggestion.window!.to, page.kpi.frequency)}): percentiles of its history, no outside benchmark.`,
    };
  }
  return { personaId: suggestion?.persona.id ?? "", effectiveFrom: next, baseline: "", target: "", green: "", red: "", greenHigh: "", redHigh: "", rationale: "" };
}

export default async function KpiTargetsRoute({ params, searchParams }: { params: Promise<{ kpiCode: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePermission("dashboard.read");
  const [{ kpiCode }, search] = await Promise.all([params, searchParams]);
  const code = decodeURIComponent(kpiCode);
  const now = new Date();
  const page = await getKpiTargetsPage(actor, code, now);
  if (!page) notFound();
  const suggestFor = Array.isArray(search.suggest) ? search.suggest[0] : search.suggest;
  const suggestion = page.canEdit && suggestFor ? await getTargetSuggestion(actor, code, suggestFor) : null;
  const { kpi } = page;
  const href = `/kpis/${encodeURIComponent(kpi.code)}`;

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href={href} className="text-brand-700 underline-offset-2 hover:underline">
          ← {kpi.name}
        </Link>
      </nav>
      <PageHeader
        title={`Targets: ${kpi.name}`}
        description={`${kpi.code} · ${kpi.frequency === "QUARTERLY" ? "quarterly" : "monthly"}, ${DIRECTION_TEXT[kpi.direction]}, in ${unitLabel(kpi)}. The KPI default applies to every persona without its own row; a persona's own row overrides it from its effective period on.`}
      />
      <div className="space-y-6">
        <AppliesGrid page={page} />
        {page.editRefusal ? (
          <Card title="Set a target">
            <p className="text-sm text-slate-700">{page.editRefusal}</p>
          </Card>
        ) : null}
        {page.canEdit ? (
          <div className="grid min-w-0 grid-cols-1 gap-6 xl:grid-cols-2">
            <Card className="min-w-0" title="Suggest from history" description="Thresholds from one persona's own last 24 periods of this KPI: percentiles of its history, never an outside benchmark.">
              <form method="get" className="flex flex-wrap items-end gap-3">
                <div className="min-w-0 grow">
                  <label htmlFor="suggest-persona" className="text-sm font-medium text-slate-800">
                    Persona
                  </label>
                  <select
                    id="suggest-persona"
                    name="suggest"
                    defaultValue={suggestion?.persona.slug ?? page.personas[0]?.slug}
                    className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900"
                  >
                    {page.personas.map((p) => (
                      <option key={p.id} value={p.slug}>
                        {p.name}
                        {p.status === "ACTIVE" ? "" : ` (${p.status.toLowerCase()})`}
                      </option>
                    ))}
                  </select>
                </div>
                <button type="submit" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100">
                  Suggest thresholds
                </button>
              </form>
              {suggestFor && !suggestion ? <p className="mt-3 text-sm text-status-red">No persona “{suggestFor}”: choose one from the list.</p> : null}
              {suggestion ? <SuggestionPanel suggestion={suggestion} /> : null}
            </Card>
            <Card className="min-w-0" title="Set a target" description={suggestion?.suggestion.ok ? "Prefilled with the suggestion: check it, edit what you disagree with, then save." : "For the KPI default or one persona, from an effective period on."}>
              <TargetForm
                key={suggestion?.persona.slug ?? "manual"}
                action={setKpiTargetAction}
                kpiId={kpi.id}
                direction={kpi.direction}
                frequency={kpi.frequency}
                personas={page.personas}
                initial={initialValues(page, suggestion, now)}
              />
            </Card>
          </div>
        ) : null}
        <Rows page={page} />
      </div>
    </>
  );
}

function AppliesGrid({ page }: { page: KpiTargetsPage }) {
  const { kpi } = page;
  if (page.grid.length === 0) {
    return (
      <EmptyState title="No personas on the scorecard yet" action={{ href: "/personas", label: "Go to personas" }}>
        Once a persona is active, this shows which target applies to it in each period.
      </EmptyState>
    );
  }
  return (
    <Card title="Which target applies" description={`For each persona and each of the last ${page.periods.length} periods, newest first: the target in force, whether it is the persona's own or the KPI default, and since when.`}>
      <ScrollRegion label="Targets in force per persona and period">
        <table className="min-w-max text-sm">
          <caption className="sr-only">Target in force for each persona (rows) in each period (columns); “own” is the persona&apos;s own row, “default” the KPI default.</caption>
          <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="sticky left-0 z-10 bg-white px-2 py-1">Persona</th>
              {[...page.periods].reverse().map((p) => (
                <th key={p} scope="col" className="px-2 py-1 whitespace-nowrap">
                  {formatPeriod(p, kpi.frequency)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {page.grid.map((row) => (
              <tr key={row.persona.id}>
                <th scope="row" className="sticky left-0 z-10 max-w-[8.5rem] bg-white px-2 py-1 text-left font-normal sm:max-w-none sm:whitespace-nowrap">
                  {row.persona.name}
                  {row.persona.status === "SUNSET" ? <span className="text-xs text-slate-500"> (sunset)</span> : null}
                </th>
                {[...row.cells].reverse().map((c, i, cells) => {
                  // Newest first: "since" on the newest cell of each run of the same row.
                  const starts = c.since !== null && (i === 0 || cells[i - 1]!.since !== c.since || cells[i - 1]!.source !== c.source);
                  return (
                    <td key={c.period} className={`px-2 py-1 align-top whitespace-nowrap ${c.source === "PERSONA" ? "bg-brand-50" : ""}`}>
                      {c.source === null ? (
                        <span className="text-slate-500">none</span>
                      ) : (
                        <>
                          <span className="tabular-nums">{formatValue(c.target, kpi)}</span>
                          <span className="block text-xs text-slate-600">
                            {c.source === "PERSONA" ? "own" : "default"}
                            {starts ? `, since ${formatPeriod(c.since!, kpi.frequency)}` : ""}
                          </span>
                        </>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </Card>
  );
}

function Rows({ page }: { page: KpiTargetsPage }) {
  const { kpi } = page;
  const range = kpi.direction === "TARGET_RANGE";
  const v = (text: string | null) => (text === null ? "–" : formatValue(Number(text), kpi));
  return (
    <Card title="Target rows" description="Every row of this KPI, newest effective period first, with who set it, when and why.">
      {page.rows.length === 0 ? (
        <p className="text-sm text-slate-600">No targets yet: without a target the KPI is not scored. {page.canEdit ? "Set the KPI default above." : "An analyst sets them."}</p>
      ) : (
        <ScrollRegion label="Target rows">
          <table className="w-full min-w-[48rem] text-sm">
            <caption className="sr-only">Target rows of {kpi.name}</caption>
            <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-2 py-1">Applies to</th>
                <th scope="col" className="px-2 py-1">From</th>
                <th scope="col" className="px-2 py-1 text-right">Baseline</th>
                <th scope="col" className="px-2 py-1 text-right">Red</th>
                <th scope="col" className="px-2 py-1 text-right">Green</th>
                <th scope="col" className="px-2 py-1 text-right">Target</th>
                {range ? (
                  <>
                    <th scope="col" className="px-2 py-1 text-right">Green (upper)</th>
                    <th scope="col" className="px-2 py-1 text-right">Red (upper)</th>
                  </>
                ) : null}
                <th scope="col" className="px-2 py-1">Rationale</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row" className="px-2 py-1 text-left font-normal">
                    {r.persona ? r.persona.name : <span className="font-medium">KPI default</span>}
                  </th>
                  <td className="px-2 py-1 whitespace-nowrap">{formatPeriod(r.effectiveFrom, kpi.frequency)}</td>
                  <td className="px-2 py-1 text-right tabular-nums">{v(r.baseline)}</td>
                  <td className="px-2 py-1 text-right tabular-nums">{v(r.red)}</td>
                  <td className="px-2 py-1 text-right tabular-nums">{v(r.green)}</td>
                  <td className="px-2 py-1 text-right tabular-nums font-medium">{v(r.target)}</td>
                  {range ? (
                    <>
                      <td className="px-2 py-1 text-right tabular-nums">{v(r.greenHigh)}</td>
                      <td className="px-2 py-1 text-right tabular-nums">{v(r.redHigh)}</td>
                    </>
                  ) : null}
                  <td className="max-w-md px-2 py-1 text-xs text-slate-700">
                    {r.rationale ?? "No rationale recorded."}
                    <span className="block text-slate-500">
                      {r.setBy ?? "Set at seeding"}, {formatDateTime(r.setAt)}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </Card>
  );
}
