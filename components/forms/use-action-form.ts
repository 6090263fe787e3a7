"use client";

import { useActionState, useEffect, useId } from "react";
import type { ActionState } from "@/lib/commands/action-state";

export type FormAction<T> = (state: ActionState<T>, formData: FormData) => Promise<ActionState<T>>;

interface Tracked<T> {
  result: ActionState<T>;
  /** Counts submissions: the form's key, so each answer remounts it with that answer's values. */
  submission: number;
}

/**
 * useActionState plus what every form here needs: errors of a field (by name), the values to
 * show again after a refusal, a key that remounts the form so those values become its
 * defaults, and focus moved to the first invalid field (or to the message) after a submission.
 */
export function useActionForm<T>(action: FormAction<T>) {
  const [tracked, formAction, pending] = useActionState<Tracked<T>, FormData>(
    async (previous, formData) => ({ result: await action(previous.result, formData), submission: previous.submission + 1 }),
    { result: null, submission: 0 },
  );
  const state = tracked.result;
  // Elements are found by id rather than refs, so the returned object is plain render data.
  const formId = useId();
  const messageId = `${formId}-message`;

  useEffect(() => {
    if (!state) return;
    if (!state.ok) {
      const first = Object.keys(state.fieldErrors).find((name) => name !== "");
      const form = document.getElementById(formId);
      const field = first ? form?.querySelector<HTMLElement>(`[name="${CSS.escape(first)}"]`) : null;
      (field ?? document.getElementById(messageId))?.focus();
    } else {
      document.getElementById(messageId)?.focus();
    }
  }, [state, formId, messageId]);

  const errors = (name: string) => (state && !state.ok ? state.fieldErrors[name] : undefined);
  const value = (name: string, fallback = "") => (state && !state.ok ? (state.values[name] ?? fallback) : fallback);
  return { state, formAction, pending, formId, messageId, errors, value, formKey: `submission-${tracked.submission}` };
}
