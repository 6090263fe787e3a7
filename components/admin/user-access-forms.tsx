"use client";

import { ActionMessage } from "@/components/forms/action-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { TemporaryPassword } from "./temporary-password";

type Issued = { user: { id: string; email: string; name: string }; temporaryPassword: string };

/** Deactivate (with a confirmation step) or reactivate a user. */
export function UserActiveForm({ action, user, self }: { action: FormAction<undefined>; user: { id: string; name: string; active: boolean }; self: boolean }) {
  const form = useActionForm(action);
  if (self && user.active) {
    return <p className="text-sm text-slate-600">You cannot deactivate your own account. Another administrator can.</p>;
  }
  return (
    <div className="space-y-3">
      <ActionMessage state={form.state} id={form.messageId} />
      <form id={form.formId} action={form.formAction}>
        <input type="hidden" name="userId" value={user.id} />
        <input type="hidden" name="active" value={user.active ? "false" : "true"} />
        {user.active ? (
          <details className="rounded-md border border-slate-200 p-3">
            <summary className="cursor-pointer text-sm font-medium text-status-red">Deactivate {user.name}…</summary>
            <p className="mt-2 text-sm text-slate-700">
              They will not be able to sign in, and any session they have open stops working. Their history stays. You can reactivate them later.
            </p>
            <div className="mt-3">
              <SubmitButton tone="danger" pendingLabel="Deactivating…" pending={form.pending}>
                Yes, deactivate {user.name}
              </SubmitButton>
            </div>
          </details>
        ) : (
          <SubmitButton tone="secondary" pendingLabel="Reactivating…" pending={form.pending}>
            Reactivate {user.name}
          </SubmitButton>
        )}
      </form>
    </div>
  );
}

/** Issue a new temporary password, shown once. */
export function ResetPasswordForm({ action, user }: { action: FormAction<Issued>; user: { id: string; name: string } }) {
  const form = useActionForm(action);
  return (
    <div className="space-y-3">
      <form id={form.formId} action={form.formAction}>
        <input type="hidden" name="userId" value={user.id} />
        <p className="mb-3 text-sm text-slate-700">
          Gives {user.name} a new temporary password and lifts a sign-in lock after too many failed attempts. Their current password stops working.
        </p>
        <SubmitButton tone="secondary" pendingLabel="Resetting…" pending={form.pending}>
          Reset password
        </SubmitButton>
      </form>
      <ActionMessage state={form.state} id={form.messageId} />
      {form.state?.ok ? <TemporaryPassword email={form.state.data.user.email} password={form.state.data.temporaryPassword} /> : null}
    </div>
  );
}
