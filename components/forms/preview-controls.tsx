import type { ReactNode } from "react";
import { FormMessage } from "./form-message";

// What every "preview, then commit" form shares (the recalibration, a persona merge, moving
// misfiled values): the region focused after each answer, with the answer and the notice that
// the preview on screen no longer matches the form, and the button that asks for a preview.

/**
 * The form's answer and the stale-preview notice, in the region focused after each answer.
 * `showOk`: whether a successful answer's message is shown (the one of a now stale preview is not);
 * `preview` and `fresh`: whether a preview is on screen and still matches the form (else `stale` shows).
 */
export function PreviewMessages({
  form,
  showOk,
  okTone = "info",
  stale,
}: {
  form: { state: { ok: true; message: string } | { ok: false; message: string } | null; messageId: string; preview: unknown; fresh: boolean };
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

const INTENT_TONES = {
  preview: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-100",
  commit: "bg-brand-600 text-white hover:bg-brand-700",
  /** A commit that cannot be undone from the screen (a merge). */
  destructive: "bg-status-red text-white hover:opacity-90",
};

/** A submit button that tells the server what to do with the form (its `intent`). */
function IntentButton({ intent, pending, tone, children }: { intent: string; pending: boolean; tone: keyof typeof INTENT_TONES; children: ReactNode }) {
  return (
    <button
      type="submit"
      name="intent"
      value={intent}
      disabled={pending}
      aria-disabled={pending}
      className={`inline-flex items-center justify-center rounded-md ${INTENT_TONES[tone]} px-4 py-2 text-sm font-medium`}
    >
      {children}
    </button>
  );
}

/** Submits the form with intent=preview: the server answers with a preview and writes nothing. */
export function PreviewButton({ pending, label }: { pending: boolean; label: string }) {
  return (
    <IntentButton intent="preview" pending={pending} tone="preview">
      {pending ? "Working…" : label}
    </IntentButton>
  );
}

/** Commits what the preview showed (`intent`: the form's commit, such as "save" or "merge"). */
export function CommitButton({ intent, pending, destructive, children }: { intent: string; pending: boolean; destructive?: boolean; children: ReactNode }) {
  return (
    <IntentButton intent={intent} pending={pending} tone={destructive ? "destructive" : "commit"}>
      {children}
    </IntentButton>
  );
}
