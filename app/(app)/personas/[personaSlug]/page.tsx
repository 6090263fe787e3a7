import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { KIND_LABELS, STATUS_WORDS } from "@/components/personas/labels";
import { EditPersonaForm, MapPainPointForm, ReviewForm, StatusChangeForm, UnmapPainPointForm } from "@/components/personas/persona-forms";
import { OverdueFlag, PersonaStatusBadge } from "@/components/personas/persona-status";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/session";
import { formatDate, formatDateTime, formatPeriod } from "@/lib/format";
import { getPersonaDetail, type TimelineEntry } from "@/lib/queries/personas";
import { ATTRIBUTE_KINDS } from "@/lib/validation/personas";
import { changePersonaStatusAction, mapPainPointAction, reviewPersonaAction, unmapPainPointAction, updatePersonaAction } from "../actions";

export const metadata: Metadata = { title: "Persona" };

type Search = Record<string, string | string[] | undefined>;

const weightFormat = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 4 });

export default async function PersonaPage({ params, searchParams }: { params: Promise<{ personaSlug: string }>; searchParams: Promise<Search> }) {
  const actor = await requirePermission("dashboard.read");
  const [{ personaSlug }, search] = await Promise.all([params, searchParams]);
  const persona = await getPersonaDetail(actor, personaSlug);
  if (!persona) notFound();
  const unaddressed = persona.painPoints.filter((p) => p.objectives.length === 0).length;
  const since = persona.statusChangedAt ? formatDate(persona.statusChangedAt) : null;

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/personas" className="text-brand-700 underline-offset-2 hover:underline">
          ← All personas
        </Link>
      </p>
      <PageHeader title={persona.name} description={persona.description}>
        <PersonaStatusBadge status={persona.status} />
        {persona.overdue ? <OverdueFlag /> : null}
      </PageHeader>
      {search.created ? <Notice>Persona created as a draft. Add its attributes and pain points below, then activate it with a rationale.</Notice> : null}

      {persona.status === "DRAFT" ? (
        <Notice tone="warning">
          Not on any scorecard: this persona is a draft{since ? ` (since ${since})` : ""}. {persona.statusRationale ? `Why: ${persona.statusRationale}` : ""} Drafts are never
          scored; an analyst activates it with a rationale.
        </Notice>
      ) : null}
      {search.merged && persona.mergedInto ? <Notice>Merge done: {persona.name}&apos;s values, targets and weight now belong to {persona.mergedInto.name}.</Notice> : null}
      {persona.mergedInto ? (
        <Notice tone="warning">
          Merged into{" "}
          <Link href={`/personas/${persona.mergedInto.slug}`} className="font-medium underline underline-offset-2">
            {persona.mergedInto.name}
          </Link>
          {since ? ` on ${since}` : ""}: sunset, its history now counts as {persona.mergedInto.name}&apos;s.
        </Notice>
      ) : null}
      {persona.status === "SUNSET" && !persona.mergedInto ? (
        <Notice tone="warning">
          Kept off scorecards: sunset{since ? ` since ${since}` : ""}. {persona.statusRationale ? `Why: ${persona.statusRationale}` : ""} Its history still counts in the
          months before its sunset.
        </Notice>
      ) : null}
      {persona.overdue && persona.nextReviewOn ? (
        <Notice tone="warning">
          Overdue for review since {formatDate(persona.nextReviewOn)}.{persona.canEdit ? " Review it below: still valid, or needs re-segmentation?" : ""}
        </Notice>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
        <div className="space-y-6">
          <Card title="Profile">
            <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
              <div>
                <dt className="font-medium text-slate-700">Status</dt>
                <dd>
                  {STATUS_WORDS[persona.status]}
                  {since ? `, since ${since}` : ""}
                </dd>
              </div>
              <div>
                <dt className="font-medium text-slate-700">Priority</dt>
                <dd>{persona.priority} (1 is highest)</dd>
              </div>
              <div>
                <dt className="font-medium text-slate-700">Revenue influence</dt>
                <dd>{persona.revenueInfluencePercent === null ? "Unknown" : `${persona.revenueInfluencePercent}%`}</dd>
              </div>
              <div>
                <dt className="font-medium text-slate-700">Review</dt>
                <dd>
                  Every {persona.reviewCadenceMonths} month{persona.reviewCadenceMonths === 1 ? "" : "s"}
                  {persona.status !== "SUNSET" && persona.nextReviewOn ? `; next due ${formatDate(persona.nextReviewOn)}` : ""}
                </dd>
              </div>
            </dl>
            <h3 className="mt-4 text-sm font-semibold text-slate-900">Weight on each scorecard (in force this month)</h3>
            <ul className="mt-1 space-y-1 text-sm">
              {persona.weights.map((w) => (
                <li key={w.scorecardSlug}>
                  {persona.status === "ACTIVE" ? (
                    <Link href={`/scorecards/${w.scorecardSlug}/personas/${persona.slug}`} className="text-brand-700 underline underline-offset-2">
                      {w.scorecardName}
                    </Link>
                  ) : (
                    w.scorecardName
                  )}
                  :{" "}
                  {w.weight === null
                    ? "no weight yet (it does not count in the total)"
                    : `${weightFormat.format(w.weight)} since ${formatPeriod(w.effectiveFrom!)}${w.weight === 0 ? " (it does not count in the total)" : ""}`}
                  {persona.canEdit ? (
                    <>
                      {" · "}
                      <Link href={`/scorecards/${w.scorecardSlug}/weights`} className="text-brand-700 underline underline-offset-2">
                        Weights
                      </Link>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          </Card>

          <Card title="Attributes">
            <div className="grid gap-4 sm:grid-cols-2">
              {ATTRIBUTE_KINDS.map((kind) => (
                <section key={kind} aria-labelledby={`kind-${kind}`}>
                  <h3 id={`kind-${kind}`} className="text-sm font-semibold text-slate-900">
                    {KIND_LABELS[kind]}
                  </h3>
                  {persona.attributes[kind].length === 0 ? (
                    <p className="text-sm text-slate-600">None recorded.</p>
                  ) : (
                    <dl className="mt-1 space-y-1 text-sm">
                      {persona.attributes[kind].map((a) => (
                        <div key={a.label}>
                          <dt className="inline font-medium text-slate-700">{a.label}: </dt>
                          <dd className="inline">{a.value}</dd>
                        </div>
                      ))}
                    </dl>
                  )}
                </section>
              ))}
            </div>
          </Card>

          <Card
            title="Pain points and the objectives that address them"
            description={
              unaddressed > 0
                ? `${unaddressed} of ${persona.painPoints.length} pain points ${unaddressed === 1 ? "is" : "are"} not addressed by any objective.`
                : persona.painPoints.length > 0
                  ? "Every pain point is addressed by at least one strategic objective."
                  : undefined
            }
          >
            {persona.painPoints.length === 0 ? (
              <p className="text-sm text-slate-600">None recorded.{persona.canEdit ? " Add them in “Edit persona” below, one per line." : ""}</p>
            ) : (
              <ul className="space-y-4">
                {persona.painPoints.map((p) => (
                  <li key={p.id} className="border-b border-slate-100 pb-3 last:border-0 last:pb-0">
                    <p className="text-sm font-medium text-slate-900">{p.text}</p>
                    {p.objectives.length === 0 ? (
                      <p className="mt-1 flex gap-1.5 rounded-md bg-status-amber-bg px-2 py-1 text-sm text-slate-900">
                        <span aria-hidden="true">⚠</span>
                        <span>
                          <strong>Not addressed by any objective:</strong> a candidate for a new objective, or absorbed by an existing one.
                        </span>
                      </p>
                    ) : (
                      <ul className="mt-1 space-y-1 text-sm" aria-label={`Objectives that address “${p.text}”`}>
                        {p.objectives.map((o) => (
                          <li key={o.id} className="flex flex-wrap items-center gap-x-1 text-slate-700">
                            <span aria-hidden="true">→</span>
                            {persona.status === "DRAFT" ? (
                              <span className="text-slate-900">{o.title}</span>
                            ) : (
                              <Link href={`/scorecards/${o.scorecardSlug}/map?persona=${persona.slug}`} className="text-brand-700 underline underline-offset-2">
                                {o.title}
                              </Link>
                            )}
                            <span className="text-xs text-slate-600">
                              ({o.scorecardName} · {o.perspective})
                            </span>
                            {persona.canEdit ? <UnmapPainPointForm action={unmapPainPointAction} painPointId={p.id} objective={{ id: o.id, title: o.title }} /> : null}
                          </li>
                        ))}
                      </ul>
                    )}
                    {persona.canEdit ? (
                      <MapPainPointForm action={mapPainPointAction} painPoint={{ id: p.id, text: p.text, objectiveIds: p.objectives.map((o) => o.id) }} options={persona.objectiveOptions} />
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </Card>

          <Card title="Timeline" description="Lifecycle changes with their rationale, and reviews; newest first.">
            {persona.timeline.length === 0 ? (
              <p className="text-sm text-slate-600">No lifecycle changes or reviews recorded yet.</p>
            ) : (
              <ol className="space-y-3 border-l-2 border-slate-200 pl-4">
                {persona.timeline.map((entry, i) => (
                  <TimelineItem key={i} entry={entry} />
                ))}
              </ol>
            )}
          </Card>
        </div>

        {persona.canEdit ? (
          <div className="space-y-6">
            <Card title="Lifecycle">
              <StatusChangeForm action={changePersonaStatusAction} personaId={persona.id} version={persona.version} status={persona.status} />
            </Card>
            <Card title="Consolidate" description="When this persona turns out to be another, or values were filed under it by mistake.">
              <ul className="space-y-2 text-sm">
                {persona.status !== "SUNSET" ? (
                  <li>
                    <Link href={`/personas/${persona.slug}/merge`} className="font-medium text-brand-700 underline underline-offset-2">
                      Merge into another persona
                    </Link>
                    <span className="block text-xs text-slate-600">Preview how alike they are and what moves, then merge with a rationale.</span>
                  </li>
                ) : null}
                <li>
                  <Link href={`/personas/${persona.slug}/reclassify`} className="font-medium text-brand-700 underline underline-offset-2">
                    Move misfiled values to another persona
                  </Link>
                  <span className="block text-xs text-slate-600">Chosen KPIs and months, with a reason; each value keeps its history.</span>
                </li>
              </ul>
            </Card>
            {persona.status !== "SUNSET" ? (
              <Card title="Review">
                <ReviewForm action={reviewPersonaAction} personaId={persona.id} version={persona.version} cadence={persona.reviewCadenceMonths} />
              </Card>
            ) : null}
          </div>
        ) : null}
      </div>

      {persona.canEdit ? (
        <div className="mt-6">
          <Card title="Edit persona" description="Saved as a new version; if someone else saved meanwhile, your save is refused and says who.">
            <EditPersonaForm
              action={updatePersonaAction}
              persona={{
                id: persona.id,
                slug: persona.slug,
                name: persona.name,
                description: persona.description,
                priority: persona.priority,
                revenueInfluencePercent: persona.revenueInfluencePercent,
                reviewCadenceMonths: persona.reviewCadenceMonths,
                version: persona.version,
                painPoints: persona.painPoints.map((p) => p.text),
                attributes: persona.attributes,
              }}
            />
          </Card>
        </div>
      ) : null}
    </>
  );
}

const OUTCOMES = { STILL_VALID: "still valid", NEEDS_RESEGMENTATION: "needs re-segmentation" } as const;

function TimelineItem({ entry }: { entry: TimelineEntry }) {
  return (
    <li className="relative">
      <span aria-hidden="true" className="absolute -left-[1.42rem] top-1 h-3 w-3 rounded-full border-2 border-white bg-brand-600" />
      <p className="text-sm font-medium text-slate-900">
        {entry.kind === "status"
          ? entry.from
            ? `${STATUS_WORDS[entry.from]} → ${STATUS_WORDS[entry.to]}`
            : `Created (${STATUS_WORDS[entry.to].toLowerCase()})`
          : `Reviewed: ${OUTCOMES[entry.outcome]}`}
      </p>
      <p className="text-xs text-slate-600">
        {formatDateTime(entry.at)} · {entry.by ?? "a former user or the system"}
        {entry.kind === "review" ? ` · next review ${formatDate(entry.nextReviewOn)}` : ""}
      </p>
      <p className="mt-1 whitespace-pre-line text-sm text-slate-800">{entry.kind === "status" ? entry.rationale : entry.note}</p>
    </li>
  );
}
