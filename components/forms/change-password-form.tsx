"use client";

import { PASSWORD_MIN } from "@/lib/validation/common";
import { ActionMessage } from "./action-message";
import { TextField } from "./field";
import { SubmitButton } from "./submit-button";
import { useActionForm, type FormAction } from "./use-action-form";

export function ChangePasswordForm({ action, email }: { action: FormAction<undefined>; email: string }) {
  const form = useActionForm(action);
  return (
    <form key={form.formKey} id={form.formId} action={form.formAction} noValidate className="space-y-4" aria-label="Change my password">
      {/* Lets password managers tie the new password to the account. */}
      <input type="email" name="username" value={email} autoComplete="username" hidden readOnly />
      <TextField formId="account" name="currentPassword" type="password" label="Current password" required autoComplete="current-password" errors={form.errors("currentPassword")} />
      <TextField
        formId="account"
        name="newPassword"
        type="password"
        label="New password"
        required
        autoComplete="new-password"
        hint={`At least ${PASSWORD_MIN} characters. A few unrelated words make a strong password that is easy to remember.`}
        errors={form.errors("newPassword")}
      />
      <TextField formId="account" name="confirmPassword" type="password" label="New password again" required autoComplete="new-password" errors={form.errors("confirmPassword")} />
      <ActionMessage state={form.state} id={form.messageId} />
      <SubmitButton pendingLabel="Changing…" pending={form.pending}>
        Change password
      </SubmitButton>
    </form>
  );
}
