"use client";

import { useState } from "react";
import { FieldError } from "@/components/forms/field";
import { CommitButton, PreviewButton, PreviewMessages } from "@/components/forms/preview-controls";
import type { ActionState } from "@/lib/commands/action-state";
import { formatPeriod } from "@/lib/format";
import type { ReclassifyKpi, ReclassifyPreview } from "@/lib/queries/persona-merge";
import { ConflictTable } from "./merge-form";
import { ConflictRuleFields, PersonaPicker, ReasonField, previewInputClass, usePreviewForm } from "./preview-form";

// Reclassifying misfiled values: the KPIs (checkboxes) and months whose values were filed under
// this persona by mistake move to another; "Preview" counts them and lists the values the other
// persona already has, with how the chosen rule settles them; a reason and "Move" commit.

export type ReclassifyState = ActionState<{
  preview: ReclassifyPreview | null;
  moved: { count: number; destination: { slug: string; name: string } } | null;
}>;

const RULES = [
  { value: "REFUSE", label: "Refuse", hint: "Move nothing while the other persona already has a value for one of these KPIs and months." },
  { value: "KEEP_TARGET", label: "Keep the other persona's value", hint: "The misfiled value is discarded (its last state stays in the audit log)." },
  { value: "KEEP_SOURCE", label: "Keep the moved value", hint: "It replaces the other persona's value, which is kept as a revision with your reason." },
  { value: "AVERAGE", label: "Weighted average", hint: "Share × moved value + (1 − share) × the other persona's value." },
] as const;

export function ReclassifyForm({
  action,
  persona,
  destinations,
  kpis,
  range,
}: {
  action: (state: ReclassifyState, formData: FormData) => Promise<ReclassifyState>;
  persona: { id: string; name: string };
  destinations: { id: string; name: string }[];
  kpis: ReclassifyKpi[];
  range: { first: string; last: string };
}) {
  const [target, setTarget] = useState("");
  const [chosen, setChosen] = useState<string[]>([]);
  const [fromPeriod, setFrom] = useState(range.first.slice(0, 7));
  const [toPeriod, setTo] = useState(range.last.slice(0, 7));
  const [rule, setRule] = useState<string>("REFUSE");
  const [share, setShare] = useState("50");
  const [reason, setReason] = useState("");
  const choiceKey = JSON.stringify({ target, chosen: [...chosen].sort(), fromPeriod, toPeriod, rule, share: rule === "AVERAGE" ? share : "" });
  // A move answers without a preview, which clears the last one.
  const form = usePreviewForm(action, { prefix: "reclassify", choiceKey, previewOf: (data) => data.preview });
  const { state, pending, submit, preview, fresh, errors, ids, describe } = form;
  const moved = state && state.ok ? state.data.moved : null;
  const blocked = preview !== null && preview.plan.conflicts > 0 && rule === "REFUSE";

  return (
    <form onSubmit={submit} noValidate className="space-y-5" aria-label={`Move values filed under ${persona.name}`}>
      <input type="hidden" name="personaId" value={persona.id} />
      <PersonaPicker form={form} label="Move them to" hint="The active persona these values belong to." personas={destinations} value={target} onChange={setTarget} />

      <fieldset aria-describedby={errors("kpiIds")?.length ? ids("kpiIds").error : undefined}>
        <legend className="text-sm font-medium text-slate-800">KPIs whose values move</legend>
        <p className="mt-0.5 text-xs text-slate-600">The KPIs {persona.name} has values for, with how many and since when.</p>
        <div className="mt-2 grid max-h-72 gap-1 overflow-y-auto rounded-md border border-slate-200 p-2 sm:grid-cols-2">
          {kpis.map((k) => (
            <label key={k.id} className="flex gap-2 text-sm">
              <input
                type="checkbox"
                name="kpiIds"
                value={k.id}
                checked={chosen.includes(k.id)}
                onChange={(e) => setChosen((c) => (e.target.checked ? [...c, k.id] : c.filter((x) => x !== k.id)))}
                className="mt-1"
              />
              <span>
                <span className="text-slate-900">{k.name}</span>{" "}
                <span className="block text-xs text-slate-600">
                  {k.code} · {k.count} value{k.count === 1 ? "" : "s"}, {formatPeriod(k.first, k.frequency)} – {formatPeriod(k.last, k.frequency)}
                </span>
              </span>
            </label>
          ))}
        </div>
        <FieldError id={ids("kpiIds").error} errors={errors("kpiIds")} />
      </fieldset>

      <div className="grid gap-4 sm:grid-cols-2">
        {(
          [
            ["fromPeriod", "First month", fromPeriod, setFrom],
            ["toPeriod", "Last month", toPeriod, setTo],
          ] as const
        ).map(([name, label, value, set]) => (
          <div key={name}>
            <label htmlFor={ids(name).input} className="text-sm font-medium text-slate-800">
              {label}
            </label>
            <input
              id={ids(name).input}
              name={name}
              type="month"
              value={value}
              onChange={(e) => set(e.target.value)}
              aria-invalid={errors(name)?.length ? true : undefined}
              aria-describedby={describe(name)}
              className={previewInputClass}
            />
            <FieldError id={ids(name).error} errors={errors(name)} />
          </div>
        ))}
      </div>
      <p className="-mt-3 text-xs text-slate-600">Both months included; a quarterly KPI&apos;s value moves when its quarter starts within them.</p>

      <ConflictRuleFields
        form={form}
        legend="When the other persona already has a value there"
        rules={RULES}
        rule={rule}
        onRule={setRule}
        share={share}
        onShare={setShare}
        shareLabel="Share of the moved value (%)"
      />

      <PreviewMessages
        form={form}
        showOk={fresh || moved !== null}
        okTone={moved ? "success" : blocked ? "error" : "info"}
        stale="The choice changed since the preview: preview again before moving."
      />

      <PreviewButton pending={pending} label="Preview move" />

      {preview && fresh ? (
        <>
          <section aria-labelledby="reclassify-preview" className="rounded-md border border-slate-200 p-3">
            <h3 id="reclassify-preview" className="text-sm font-semibold text-slate-900">
              What moves from {preview.source.name} to {preview.destination.name}
            </h3>
            <ul className="mt-1 list-disc space-y-1 pl-5 text-sm text-slate-800">
              <li>
                <strong>{preview.plan.total}</strong> value{preview.plan.total === 1 ? "" : "s"} of {preview.kpiCodes.join(", ") || "the chosen KPIs"}: {preview.plan.moving} move as they are (with{" "}
                {preview.plan.revisionsMoving} earlier revision{preview.plan.revisionsMoving === 1 ? "" : "s"}, kept).
              </li>
              <li>
                {preview.plan.conflicts} conflict{preview.plan.conflicts === 1 ? "" : "s"} with values {preview.destination.name} already has
                {preview.plan.conflicts > 0 ? (rule === "REFUSE" ? ": with “Refuse”, nothing moves." : `: ${preview.plan.overwritten} of its values change (each keeps a revision).`) : "."}
              </li>
              <li>The escalations of both personas for these KPIs are judged again after the move.</li>
            </ul>
            {preview.plan.conflictRows.length > 0 ? (
              <ConflictTable rows={preview.plan.conflictRows} total={preview.plan.conflicts} sourceName={preview.source.name} destinationName={preview.destination.name} />
            ) : null}
          </section>
          <input type="hidden" name="expected" value={preview.expected} />
          <ReasonField
            form={form}
            name="reason"
            label="Reason"
            hint="Required: the classification error found upstream, such as “CRM tagged these accounts to the wrong segment until March”. Kept with every moved value."
            rows={2}
            value={reason}
            onChange={setReason}
            hidden={blocked}
          />
          {blocked ? null : (
            <CommitButton intent="move" pending={pending}>
              Move {preview.plan.total} value{preview.plan.total === 1 ? "" : "s"} to {preview.destination.name}
            </CommitButton>
          )}
        </>
      ) : null}
    </form>
  );
}
