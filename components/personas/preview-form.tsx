"use client";

import { startTransition, useActionState, useEffect, useId, useState, type FormEvent } from "react";
import { FieldError, FieldFrame, fieldIds } from "@/components/forms/field";
import type { ActionState } from "@/lib/commands/action-state";
import { RATIONALE_MAX } from "@/lib/validation/personas";

// What the merge and reclassification forms share: a "preview, then commit" form whose preview
// stays on screen after a refused commit and goes stale as soon as the choice changes (its
// message region and preview button, shared with the recalibration: components/forms/preview-controls),
// a persona picker, the rule for conflicting values, the weighted-average share and the required
// reason for the commit.

export const previewInputClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm focus:border-brand-600 aria-[invalid=true]:border-status-red";

export interface ConflictRuleOption {
  value: string;
  label: string;
  hint: string;
}

/**
 * State of a preview-then-commit form. `choiceKey` identifies the choice the preview was made for
 * (any change to it makes the preview stale); `previewOf` picks the preview out of a successful
 * answer (null: the answer carries none, e.g. after a commit).
 */
export function usePreviewForm<D, P>(
  action: (state: ActionState<D>, formData: FormData) => Promise<ActionState<D>>,
  { prefix, choiceKey, previewOf }: { prefix: string; choiceKey: string; previewOf: (data: D) => P | null },
) {
  const [state, formAction, pending] = useActionState(action, null);
  const [submittedKey, setSubmittedKey] = useState<string | null>(null);
  const messageId = `${useId()}-message`;
  // Submitted by hand rather than through <form action>, so React does not reset the form's
  // controlled fields (the chosen persona) after each answer.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const data = new FormData(event.currentTarget, submitter);
    setSubmittedKey(choiceKey);
    startTransition(() => formAction(data));
  };

  useEffect(() => {
    if (state) document.getElementById(messageId)?.focus();
  }, [state, messageId]);

  // The last preview stays on screen when a commit is refused (say, without a rationale).
  const [preview, setPreview] = useState<P | null>(null);
  const [seen, setSeen] = useState(state);
  if (state !== seen) {
    setSeen(state);
    if (state?.ok) setPreview(previewOf(state.data));
  }
  const errors = (name: string) => (state && !state.ok ? state.fieldErrors[name] : undefined);
  const ids = (name: string) => fieldIds(name, prefix);
  const describe = (name: string, hint?: boolean) => [hint ? ids(name).hint : null, errors(name)?.length ? ids(name).error : null].filter(Boolean).join(" ") || undefined;
  return { state, pending, submit, messageId, preview, fresh: preview !== null && submittedKey === choiceKey, prefix, errors, ids, describe };
}

type Form = Pick<ReturnType<typeof usePreviewForm>, "prefix" | "errors" | "ids" | "describe">;

/** The required reason a commit is recorded with (the merge's rationale, the move's reason). */
export function ReasonField({
  form,
  name,
  label,
  hint,
  rows,
  value,
  onChange,
  hidden,
}: {
  form: Form;
  name: string;
  label: string;
  hint: string;
  rows: number;
  value: string;
  onChange: (value: string) => void;
  hidden?: boolean;
}) {
  return (
    <FieldFrame
      name={name}
      label={label}
      formId={form.prefix}
      hint={hint}
      errors={form.errors(name)}
      hidden={hidden}
      control={(a11y) => (
        <textarea {...a11y} rows={rows} maxLength={RATIONALE_MAX} value={value} onChange={(e) => onChange(e.target.value)} className={previewInputClass} />
      )}
    />
  );
}

export function PersonaPicker({
  form,
  label,
  hint,
  personas,
  value,
  onChange,
}: {
  form: Form;
  label: string;
  hint: string;
  personas: { id: string; name: string }[];
  value: string;
  onChange: (id: string) => void;
}) {
  return (
    <FieldFrame
      name="targetPersonaId"
      label={label}
      formId={form.prefix}
      hint={hint}
      errors={form.errors("targetPersonaId")}
      control={(a11y) => (
        <select {...a11y} value={value} onChange={(e) => onChange(e.target.value)} className={previewInputClass}>
          <option value="">Choose a persona…</option>
          {personas.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      )}
    />
  );
}

/** The rule for a value both personas have, and the share when it is a weighted average. */
export function ConflictRuleFields({
  form,
  legend,
  rules,
  rule,
  onRule,
  share,
  onShare,
  shareLabel,
  shareHint,
}: {
  form: Form;
  legend: string;
  rules: readonly ConflictRuleOption[];
  rule: string;
  onRule: (rule: string) => void;
  share: string;
  onShare: (share: string) => void;
  shareLabel: string;
  shareHint?: string;
}) {
  const shareIds = form.ids("share");
  return (
    <>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">{legend}</legend>
        <div className="mt-2 space-y-2">
          {rules.map((r) => (
            <label key={r.value} className="flex gap-2 text-sm">
              <input type="radio" name="rule" value={r.value} checked={rule === r.value} onChange={() => onRule(r.value)} className="mt-1" />
              <span>
                <span className="font-medium text-slate-900">{r.label}</span>
                <span className="block text-xs text-slate-600">{r.hint}</span>
              </span>
            </label>
          ))}
        </div>
        <FieldError id={form.ids("rule").error} errors={form.errors("rule")} />
      </fieldset>
      {rule === "AVERAGE" ? (
        <div className="max-w-xs">
          <label htmlFor={shareIds.input} className="text-sm font-medium text-slate-800">
            {shareLabel}
          </label>
          {shareHint ? (
            <p id={shareIds.hint} className="mt-0.5 text-xs text-slate-600">
              {shareHint}
            </p>
          ) : null}
          <input
            id={shareIds.input}
            name="share"
            inputMode="decimal"
            value={share}
            onChange={(e) => onShare(e.target.value)}
            aria-invalid={form.errors("share")?.length ? true : undefined}
            aria-describedby={form.describe("share", Boolean(shareHint))}
            className={previewInputClass}
          />
          <FieldError id={shareIds.error} errors={form.errors("share")} />
        </div>
      ) : null}
    </>
  );
}
