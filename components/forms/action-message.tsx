"use client";

import type { ActionState } from "@/lib/commands/action-state";
import { FormMessage } from "./form-message";

/** The result of the last submission, in a focusable region forms move focus to. */
export function ActionMessage<T>({ state, id, success = true }: { state: ActionState<T>; id: string; success?: boolean }) {
  return (
    <div id={id} tabIndex={-1} className="outline-none empty:hidden">
      {state && !state.ok ? <FormMessage tone="error">{state.message}</FormMessage> : null}
      {state && state.ok && success ? <FormMessage tone="success">{state.message}</FormMessage> : null}
    </div>
  );
}
