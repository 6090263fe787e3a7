"use client";

import { startTransition, useActionState, useEffect, useId, useState, type FormEvent } from "react";
import { FieldError, fieldIds } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import type { ActionState } from "@/lib/commands/action-state";
import { RATIONALE_MAX } from "@/lib/validation/personas";

// What the merge and reclassification forms share: a "preview, then commit" form whose preview
// stays on screen after a refused commit and goes stale as soon as the choice changes, its
// message region and preview button, a persona picker, the rule for conflicting values, the
// weighted-average share and the required reason for the commit.

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
  return { state, pending, submit, messageId, preview, fresh: preview !== null && submittedKey === choiceKey, errors, ids, describe };
}

type Form = Pick<ReturnType<typeof usePreviewForm>, "errors" | "ids" | "describe">;

/**
 * The form's answer and the stale-preview notice, in the region focused after each answer.
 * `showOk`: whether a successful answer's message is shown (the one of a now stale preview is not).
 */
export function PreviewMessages({
  form,
  showOk,
  okTone = "info",
  stale,
}: {
  form: Pick<ReturnType<typeof usePreviewForm>, "state" | "messageId" | "preview" | "fresh">;
  showOk: boolean;
  okTone?: "info" | "success" | "error";
  stale: string;
}) {
  const { state, messageId, preview, fresh } = form;
  return (
    <div id={messageId} tabIndex={-1} className="outline-none empty:hidden">
      {state && !state.ok ? <FormMessage tone="error">{state.message}</FormMessage> : null}
      {state && state.ok && showOk ? <FormMessage tone={okTone}>{state.message}</FormMessage> : null}
      {preview && !fresh ? <FormMessage tone="info">{stale}</FormMessage> : null}
    </div>
  );
}

export function PreviewButton({ pending, label }: { pending: boolean; label: string }) {
  return (
    <button
      type="submit"
      name="intent"
      value="preview"
      disabled={pending}
      aria-disabled={pending}
      className="inline-flex items-center justify-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100"
    >
      {pending ? "Working…" : label}
    </button>
  );
}

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
  const ids = form.ids(name);
  return (
    <div hidden={hidden}>
      <label htmlFor={ids.input} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <p id={ids.hint} className="mt-0.5 text-xs text-slate-600">
        {hint}
      </p>
      <textarea
        id={ids.input}
        name={name}
        rows={rows}
        maxLength={RATIONALE_MAX}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={form.errors(name)?.length ? true : undefined}
        aria-describedby={form.describe(name, true)}
        className={previewInputClass}
      />
      <FieldError id={ids.error} errors={form.errors(name)} />
    </div>
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
  const ids = form.ids("targetPersonaId");
  return (
    <div>
      <label htmlFor={ids.input} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <p id={ids.hint} className="mt-0.5 text-xs text-slate-600">
        {hint}
      </p>
      <select
        id={ids.input}
        name="targetPersonaId"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={form.errors("targetPersonaId")?.length ? true : undefined}
        aria-describedby={form.describe("targetPersonaId", true)}
        className={previewInputClass}
      >
        <option value="">Choose a persona…</option>
        {personas.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      <FieldError id={ids.error} errors={form.errors("targetPersonaId")} />
    </div>
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
