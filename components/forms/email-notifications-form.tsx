"use client";

import { ActionMessage } from "./action-message";
import { FieldError, fieldIds } from "./field";
import { SubmitButton } from "./submit-button";
import { useActionForm, type FormAction } from "./use-action-form";

/** My account: e-mail copies of notifications on or off (two radio buttons, then Save). */
export function EmailNotificationsForm({ action, enabled }: { action: FormAction<undefined>; enabled: boolean }) {
  const form = useActionForm(action);
  const ids = fieldIds("emailNotifications", "email-notifications");
  const errors = form.errors("emailNotifications");
  const current = form.value("emailNotifications", enabled ? "on" : "off");
  return (
    <form key={form.formKey} id={form.formId} action={form.formAction} noValidate className="space-y-4" aria-label="E-mail notifications">
      <fieldset aria-describedby={errors?.length ? `${ids.hint} ${ids.error}` : ids.hint}>
        <legend className="text-sm font-medium text-slate-800">Send me notifications by e-mail</legend>
        <p id={ids.hint} className="mt-1 text-sm text-slate-600">
          Escalations and reminders always appear in the app. Now: <strong>{enabled ? "by e-mail too" : "in the app only"}</strong>.
        </p>
        <div className="mt-2 flex flex-wrap gap-x-6 gap-y-2">
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" name="emailNotifications" value="on" defaultChecked={current === "on"} className="h-4 w-4" />
            Yes, by e-mail too
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" name="emailNotifications" value="off" defaultChecked={current === "off"} className="h-4 w-4" />
            No, in the app only
          </label>
        </div>
        <FieldError id={ids.error} errors={errors} />
      </fieldset>
      <ActionMessage state={form.state} id={form.messageId} />
      <SubmitButton pendingLabel="Saving…" pending={form.pending}>
        Save
      </SubmitButton>
    </form>
  );
}
