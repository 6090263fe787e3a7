"use client";

import { useActionState, useEffect, useId, useState } from "react";
import { FieldError, FieldFrame, fieldIds } from "@/components/forms/field";
import { CommitButton, PreviewButton, PreviewMessages } from "@/components/forms/preview-controls";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { StatusBadge } from "@/components/ui/status-badge";
import type { ActionState } from "@/lib/commands/action-state";
import { formatDelta, formatPeriod, formatScore, formatShare } from "@/lib/format";
import type { RecalibrationPreview } from "@/lib/queries/persona-weights";
import { rollupShares } from "@/lib/scoring";
import { WEIGHT_REASON_MAX, type PersonaStatusValue } from "@/lib/validation/personas";

// The recalibration editor: current and proposed weights side by side with their normalised
// shares (live), then "Preview effect" scores the last 6 months on the server with the proposed
// weights (writing nothing); "Save recalibration" appears once the preview matches the form.

export type RecalibrationState = ActionState<{ preview: RecalibrationPreview | null; saved: boolean }>;

export interface EditorPersona {
  id: string;
  name: string;
  status: PersonaStatusValue;
  currentWeight: number | null;
}

const weightFormat = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 4 });
const STATUS = { DRAFT: "Draft (not scored)", ACTIVE: "Active", SUNSET: "Sunset" } as const;

const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 shadow-sm focus:border-brand-600 aria-[invalid=true]:border-status-red";

export function RecalibrationForm({
  action,
  scorecardId,
  personas,
  earliestEffectiveFrom,
}: {
  action: (state: RecalibrationState, formData: FormData) => Promise<RecalibrationState>;
  scorecardId: string;
  personas: EditorPersona[];
  earliestEffectiveFrom: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const [effectiveFrom, setEffectiveFrom] = useState(earliestEffectiveFrom.slice(0, 7));
  const [reason, setReason] = useState("");
  const [weights, setWeights] = useState<Record<string, string>>(() =>
    Object.fromEntries(personas.map((p) => [p.id, p.currentWeight === null ? "0" : String(p.currentWeight)])),
  );
  const [submittedKey, setSubmittedKey] = useState<string | null>(null);
  const messageId = `${useId()}-message`;
  const key = JSON.stringify({ effectiveFrom, weights });

  useEffect(() => {
    if (state) document.getElementById(messageId)?.focus();
  }, [state, messageId]);

  const errors = (name: string) => (state && !state.ok ? state.fieldErrors[name] : undefined);
  const preview = state && state.ok ? state.data.preview : null;
  const saved = Boolean(state && state.ok && state.data.saved);
  const fresh = preview !== null && submittedKey === key;

  const numbers = personas.map((p) => {
    const n = Number(weights[p.id]);
    return Number.isFinite(n) && n >= 0 ? n : 0;
  });
  const sharesOf = (ws: number[]) => rollupShares(personas.map((p, i) => ({ weight: ws[i]!, score: p.status === "ACTIVE" ? 1 : null })));
  const currentShares = sharesOf(personas.map((p) => p.currentWeight ?? 0));
  const proposedShares = sharesOf(numbers);

  const ids = (name: string) => fieldIds(name, "recal");
  const describe = (name: string, hint?: boolean) =>
    [hint ? ids(name).hint : null, errors(name)?.length ? ids(name).error : null].filter(Boolean).join(" ") || undefined;

  return (
    <form action={formAction} onSubmit={() => setSubmittedKey(key)} noValidate className="space-y-5" aria-label="Recalibrate persona weights">
      <input type="hidden" name="scorecardId" value={scorecardId} />
      <div className="grid gap-4 sm:grid-cols-2">
        <FieldFrame
          name="effectiveFrom"
          label="Effective from (month)"
          formId="recal"
          hint={<>The new weights count from this month on; earlier months keep the weights in force then. Earliest: {formatPeriod(earliestEffectiveFrom)}.</>}
          errors={errors("effectiveFrom")}
          control={(a11y) => (
            <input
              {...a11y}
              type="month"
              required
              min={earliestEffectiveFrom.slice(0, 7)}
              value={effectiveFrom}
              onChange={(e) => setEffectiveFrom(e.target.value)}
              className={`mt-1 ${inputClass}`}
            />
          )}
        />
      </div>

      <div>
        <p id="weights-help" className="mb-2 text-sm text-slate-700">
          Weights are 0 or more, at least one above 0. They are <strong>normalised when scored</strong>: each active persona&apos;s share is its weight divided by the
          sum of the active personas&apos; weights (a persona without data in a month is left out and the others&apos; shares grow). Drafts are never scored.
        </p>
        <ScrollRegion label="Current and proposed weights">
          <table className="w-full min-w-[30rem] text-left text-sm">
            <caption className="sr-only">Current and proposed weights with their normalised shares</caption>
            <thead>
              <tr className="border-b border-slate-200 text-slate-700">
                <th scope="col" className="py-2 pr-3 font-medium">Persona</th>
                <th scope="col" className="py-2 pr-3 text-right font-medium">Current weight</th>
                <th scope="col" className="py-2 pr-3 text-right font-medium">Current share</th>
                <th scope="col" className="py-2 pr-3 font-medium">Proposed weight</th>
                <th scope="col" className="py-2 text-right font-medium">Proposed share</th>
              </tr>
            </thead>
            <tbody>
              {personas.map((p, i) => {
                const name = `weights.${p.id}`;
                return (
                  <tr key={p.id} className="border-b border-slate-100 align-top">
                    <th scope="row" className="py-2 pr-3 font-medium text-slate-900">
                      {p.name}
                      <span className="block text-xs font-normal text-slate-600">{STATUS[p.status]}</span>
                    </th>
                    <td className="py-2 pr-3 text-right tabular-nums">{p.currentWeight === null ? "none" : weightFormat.format(p.currentWeight)}</td>
                    <td className="py-2 pr-3 text-right tabular-nums">{p.status === "ACTIVE" ? formatShare(currentShares[i]!) : "–"}</td>
                    <td className="py-2 pr-3">
                      <label htmlFor={ids(name).input} className="sr-only">
                        Proposed weight for {p.name}
                      </label>
                      <input
                        id={ids(name).input}
                        name={name}
                        inputMode="decimal"
                        value={weights[p.id] ?? ""}
                        onChange={(e) => setWeights((w) => ({ ...w, [p.id]: e.target.value }))}
                        aria-invalid={errors(name)?.length ? true : undefined}
                        aria-describedby={describe(name)}
                        className={`w-28 ${inputClass}`}
                      />
                      <FieldError id={ids(name).error} errors={errors(name)} />
                    </td>
                    <td className="py-2 text-right tabular-nums">{p.status === "ACTIVE" ? formatShare(proposedShares[i]!) : "–"}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollRegion>
        {errors("weights")?.length ? <FieldError id="recal-weights-error" errors={errors("weights")} /> : null}
      </div>

      <FieldFrame
        name="reason"
        label="Reason"
        formId="recal"
        hint="Required to save: why the weights change, such as “Q1 recalibration after the revenue review”."
        errors={errors("reason")}
        control={(a11y) => (
          <textarea {...a11y} rows={2} maxLength={WEIGHT_REASON_MAX} value={reason} onChange={(e) => setReason(e.target.value)} className={`mt-1 ${inputClass}`} />
        )}
      />

      {/* Once saved, the preview is what was saved: never stale. */}
      <PreviewMessages
        form={{ state, messageId, preview: saved ? null : preview, fresh }}
        showOk={fresh || saved}
        okTone={saved ? "success" : "info"}
        stale="The weights or month changed since the preview: preview again before saving."
      />

      {preview && (fresh || saved) ? <PreviewTable preview={preview} /> : null}

      <div className="flex flex-wrap gap-3">
        <PreviewButton pending={pending} label="Preview effect" />
        {fresh && !saved ? (
          <CommitButton intent="save" pending={pending}>
            Save recalibration
          </CommitButton>
        ) : null}
      </div>
    </form>
  );
}

function PreviewTable({ preview }: { preview: RecalibrationPreview }) {
  if (preview.months.length === 0) {
    return <p className="text-sm text-slate-600">This scorecard has no values yet, so there is no total to compare. The shares above still apply once values arrive.</p>;
  }
  return (
    <section aria-labelledby="preview-heading" className="rounded-md border border-slate-200 p-3">
      <h3 id="preview-heading" className="text-sm font-semibold text-slate-900">
        Effect on the scorecard total, last {preview.months.length} months
      </h3>
      <p className="mb-2 text-xs text-slate-600">
        “With proposed weights” scores each month as if the proposal had been in force then. Only months from {formatPeriod(preview.effectiveFrom)} on change when you save.
      </p>
      <ScrollRegion label="Scorecard total per month">
        <table className="w-full min-w-[32rem] text-left text-sm">
          <caption className="sr-only">Scorecard total per month: current weights, proposed weights, change and the total after saving</caption>
          <thead>
            <tr className="border-b border-slate-200 text-slate-700">
              <th scope="col" className="py-2 pr-3 font-medium">Month</th>
              <th scope="col" className="py-2 pr-3 text-right font-medium">Current total</th>
              <th scope="col" className="py-2 pr-3 text-right font-medium">With proposed weights</th>
              <th scope="col" className="py-2 pr-3 text-right font-medium">Change</th>
              <th scope="col" className="py-2 font-medium">After saving</th>
            </tr>
          </thead>
          <tbody>
            {preview.months.map((m) => (
              <tr key={m.month} className="border-b border-slate-100">
                <th scope="row" className="py-2 pr-3 font-medium text-slate-900">{formatPeriod(m.month)}</th>
                <td className="py-2 pr-3 text-right tabular-nums">{formatScore(m.current.score)}</td>
                <td className="py-2 pr-3 text-right tabular-nums">{formatScore(m.proposed.score)}</td>
                <td className="py-2 pr-3 text-right tabular-nums">{m.change === null ? "–" : formatDelta(m.change)}</td>
                <td className="py-2">
                  <span className="inline-flex items-center gap-2">
                    <span className="tabular-nums">{formatScore(m.afterSaving.score)}</span>
                    <StatusBadge status={m.afterSaving.status} />
                    <span className="text-xs text-slate-600">{m.affected ? "new weights" : "unchanged"}</span>
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}
