import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeleteForm, LinkForm, MovePerspectiveForm, ObjectiveForm, PerspectiveForm, RemoveLinkForm } from "@/components/strategy/strategy-forms";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/session";
import { formatShare } from "@/lib/format";
import { getStrategyEditor, type EditorObjective } from "@/lib/queries/strategy-editor";
import {
  addObjectiveLinkAction,
  createObjectiveAction,
  createPerspectiveAction,
  deleteObjectiveAction,
  deletePerspectiveAction,
  movePerspectiveAction,
  removeObjectiveLinkAction,
  updateObjectiveAction,
  updatePerspectiveAction,
} from "./actions";

export const metadata: Metadata = { title: "Strategy editor" };

const weightFormat = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 4 });

function plural(n: number, one: string, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

export default async function StrategyEditorPage({ params }: { params: Promise<{ scorecardSlug: string }> }) {
  const actor = await requirePermission("objective.write");
  const { scorecardSlug } = await params;
  const editor = await getStrategyEditor(actor, scorecardSlug);
  if (!editor) notFound();
  const base = `/scorecards/${editor.scorecard.slug}`;
  const perspectiveOptions = editor.perspectives.map((p) => ({ id: p.id, name: p.name }));
  const perspectiveName = new Map(editor.perspectives.map((p) => [p.id, p.name]));

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={base} className="text-brand-700 underline-offset-2 hover:underline">
          ← {editor.scorecard.name}
        </Link>
      </p>
      <PageHeader
        title={`Strategy: ${editor.scorecard.name}`}
        description="Perspectives and their weights, the strategic objectives in each, and the cause → effect links between objectives. The strategy map and every scorecard screen read what you save here."
      >
        <Link href={`${base}/map`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50">
          Strategy map
        </Link>
      </PageHeader>

      <div className="grid min-w-0 grid-cols-1 gap-6 xl:grid-cols-2">
        <Card className="min-w-0" title="Perspectives" description="Top to bottom as the heatmap's columns and the map's bands. Weights are normalised when scored: the share is what each counts.">
          {editor.perspectives.length === 0 ? (
            <EmptyState title="No perspectives yet">Add the first perspective below, such as Financial, Customer, Internal processes, Learning and growth.</EmptyState>
          ) : (
            <ol className="space-y-4">
              {editor.perspectives.map((p, i) => (
                <li key={p.id} className="rounded-md border border-slate-200 p-3">
                  <div className="flex flex-wrap items-start justify-between gap-2">
                    <div className="min-w-0">
                      <h3 className="text-sm font-semibold text-slate-900">
                        {i + 1}. {p.name}
                      </h3>
                      <p className="text-xs text-slate-600">
                        Weight {weightFormat.format(p.weight)}
                        {p.share !== null ? ` (${formatShare(p.share)} of the total)` : " (all weights are 0)"} · {plural(p.objectiveCount, "objective")} · {plural(p.kpiCount, "KPI")}
                      </p>
                      {p.description ? <p className="mt-1 text-sm text-slate-700">{p.description}</p> : null}
                    </div>
                    <MovePerspectiveForm action={movePerspectiveAction} perspective={p} first={i === 0} last={i === editor.perspectives.length - 1} />
                  </div>
                  <details className="mt-2">
                    <summary className="cursor-pointer text-sm font-medium text-brand-700">Edit {p.name}</summary>
                    <div className="mt-2">
                      <PerspectiveForm action={updatePerspectiveAction} perspective={p} />
                    </div>
                  </details>
                  <div className="mt-2">
                    {/* Delete only where the command would delete it; otherwise its reason, in the command's words. */}
                    {p.deleteRefusal === null ? (
                      <DeleteForm
                        action={deletePerspectiveAction}
                        idName="perspectiveId"
                        id={p.id}
                        label={p.name}
                        consequence="It holds no objectives or KPIs. The perspectives below it move up; the audit log keeps a record."
                      />
                    ) : (
                      <p className="text-xs text-slate-600">{p.deleteRefusal}</p>
                    )}
                  </div>
                </li>
              ))}
            </ol>
          )}
          <details className="mt-4 rounded-md border border-dashed border-slate-300 p-3" open={editor.perspectives.length === 0}>
            <summary className="cursor-pointer text-sm font-semibold text-slate-900">Add a perspective</summary>
            <div className="mt-3">
              <PerspectiveForm action={createPerspectiveAction} scorecardId={editor.scorecard.id} />
            </div>
          </details>
        </Card>

        <div className="min-w-0 space-y-6">
          <Card className="min-w-0" title="Cause → effect links" description="Each link says one objective drives another. Loops are refused: cause and effect run one way.">
            {editor.links.length === 0 ? (
              <p className="text-sm text-slate-600">No links yet. Add one below: which objective drives which?</p>
            ) : (
              <ul className="divide-y divide-slate-100">
                {editor.links.map((l) => (
                  <li key={l.id} className="flex items-start justify-between gap-3 py-2">
                    <div className="min-w-0 text-sm">
                      <p className="font-medium text-slate-900">
                        {l.cause} <span aria-label="drives">→</span> {l.effect}
                      </p>
                      {l.description ? <p className="text-slate-600">{l.description}</p> : null}
                    </div>
                    <RemoveLinkForm action={removeObjectiveLinkAction} link={l} />
                  </li>
                ))}
              </ul>
            )}
            <h3 className="mt-4 text-sm font-semibold text-slate-900">Add a link</h3>
            {editor.objectives.length < 2 ? (
              <p className="text-sm text-slate-600">A link needs two objectives: add them below first.</p>
            ) : (
              <div className="mt-2">
                <LinkForm action={addObjectiveLinkAction} objectives={editor.objectives.map((o) => ({ id: o.id, title: o.title, perspective: perspectiveName.get(o.perspectiveId) ?? "" }))} />
              </div>
            )}
          </Card>

          <Card className="min-w-0" title="Add an objective">
            {editor.perspectives.length === 0 ? (
              <p className="text-sm text-slate-600">An objective belongs to a perspective: add a perspective first.</p>
            ) : (
              <ObjectiveForm action={createObjectiveAction} perspectives={perspectiveOptions} owners={editor.owners} departments={editor.departments} />
            )}
          </Card>
        </div>
      </div>

      <div className="mt-6">
        <Card title="Objectives" description="By perspective. Edit one to change its owner or business units, or to move it (with its KPIs) to another perspective.">
          {editor.objectives.length === 0 ? (
            <p className="text-sm text-slate-600">No objectives yet. Add the first one above.</p>
          ) : (
            <div className="space-y-6">
              {editor.perspectives
                .filter((p) => editor.objectives.some((o) => o.perspectiveId === p.id))
                .map((p) => (
                  <section key={p.id} aria-labelledby={`objectives-${p.id}`}>
                    <h3 id={`objectives-${p.id}`} className="text-sm font-semibold uppercase tracking-wide text-slate-600">
                      {p.name}
                    </h3>
                    <ul className="mt-2 grid gap-3 lg:grid-cols-2">
                      {editor.objectives
                        .filter((o) => o.perspectiveId === p.id)
                        .map((o) => (
                          <ObjectiveItem key={o.id} objective={o} perspectives={perspectiveOptions} owners={editor.owners} departments={editor.departments} />
                        ))}
                    </ul>
                  </section>
                ))}
            </div>
          )}
        </Card>
      </div>
    </>
  );
}

function ObjectiveItem({
  objective: o,
  perspectives,
  owners,
  departments,
}: {
  objective: EditorObjective;
  perspectives: { id: string; name: string }[];
  owners: { id: string; name: string }[];
  departments: { id: string; name: string }[];
}) {
  return (
    <li className="min-w-0 rounded-md border border-slate-200 p-3">
      <h4 className="text-sm font-semibold text-slate-900">{o.title}</h4>
      <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-2 text-xs text-slate-700">
        <dt className="font-medium">Theme</dt>
        <dd>{o.strategicTheme ?? "—"}</dd>
        <dt className="font-medium">Owner</dt>
        <dd>{o.owner ? `${o.owner.name}${o.owner.active ? "" : " (deactivated)"}` : "No owner"}</dd>
        <dt className="font-medium">Shared by</dt>
        <dd>{o.departments.length > 0 ? o.departments.map((d) => d.name).join(", ") : "No business unit yet"}</dd>
        <dt className="font-medium">KPIs</dt>
        <dd>{o.kpiCodes.length > 0 ? o.kpiCodes.join(", ") : "None yet"}</dd>
        <dt className="font-medium">Pain points</dt>
        <dd>{o.painPointCount > 0 ? `Addresses ${plural(o.painPointCount, "persona pain point")}` : "None mapped"}</dd>
      </dl>
      <details className="mt-2">
        <summary className="cursor-pointer text-sm font-medium text-brand-700">Edit or move {o.title}</summary>
        <div className="mt-2">
          <ObjectiveForm
            action={updateObjectiveAction}
            perspectives={perspectives}
            owners={owners}
            departments={departments}
            kpiCount={o.kpiCodes.length}
            objective={{
              id: o.id,
              version: o.version,
              perspectiveId: o.perspectiveId,
              title: o.title,
              description: o.description,
              strategicTheme: o.strategicTheme,
              ownerId: o.owner?.id ?? null,
              departmentIds: o.departments.map((d) => d.id),
            }}
          />
        </div>
      </details>
      <div className="mt-2">
        {o.deleteRefusal === null ? (
          <DeleteForm
            action={deleteObjectiveAction}
            idName="objectiveId"
            id={o.id}
            label={o.title}
            consequence="No KPI measures it. Its cause → effect links and its pain point mappings are removed with it; the audit log keeps a record."
          />
        ) : (
          <p className="text-xs text-slate-600">{o.deleteRefusal}</p>
        )}
      </div>
    </li>
  );
}
