"use client";

import { ActionMessage } from "@/components/forms/action-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";

/**
 * "Sign out everywhere" with a confirmation step: ends every session of the user (on every
 * device, this one included when it is one's own) and revokes all their API tokens.
 */
export function SignOutEverywhereForm({ action, user, self }: { action: FormAction<undefined>; user: { id: string; name: string }; self: boolean }) {
  const form = useActionForm(action);
  return (
    <div className="space-y-3">
      <ActionMessage state={form.state} id={form.messageId} />
      <form id={form.formId} action={form.formAction}>
        <input type="hidden" name="userId" value={user.id} />
        <details className="rounded-md border border-slate-200 p-3">
          <summary className="cursor-pointer text-sm font-medium text-status-red">{self ? "Sign out everywhere…" : `Sign ${user.name} out everywhere…`}</summary>
          <p className="mt-2 text-sm text-slate-700">
            {self
              ? "Ends your sessions on every device, this one included, and revokes all your API tokens. Use it after losing a device or if you think someone else used your account. You sign in again at once."
              : `Ends ${user.name}'s sessions on every device and revokes all their API tokens. They can sign in again with their password.`}
          </p>
          <div className="mt-3">
            <SubmitButton tone="danger" pendingLabel="Signing out…" pending={form.pending}>
              {self ? "Yes, sign me out everywhere" : `Yes, sign ${user.name} out everywhere`}
            </SubmitButton>
          </div>
        </details>
      </form>
    </div>
  );
}
