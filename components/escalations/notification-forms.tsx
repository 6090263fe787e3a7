"use client";

import { ActionMessage } from "@/components/forms/action-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";

/** "Mark read" for one notification; its accessible name says which. */
export function MarkReadButton({ action, notificationId, title }: { action: FormAction<undefined>; notificationId: string; title: string }) {
  const form = useActionForm(action);
  return (
    <form id={form.formId} action={form.formAction} aria-label={`Mark “${title}” read`}>
      <input type="hidden" name="notificationId" value={notificationId} />
      <SubmitButton tone="secondary" pendingLabel="Marking…" pending={form.pending}>
        Mark read<span className="sr-only">: {title}</span>
      </SubmitButton>
      <ActionMessage state={form.state} id={form.messageId} success={false} />
    </form>
  );
}

export function MarkAllReadButton({ action }: { action: FormAction<undefined> }) {
  const form = useActionForm(action);
  return (
    <form id={form.formId} action={form.formAction} aria-label="Mark all notifications read" className="space-y-2">
      <SubmitButton tone="secondary" pendingLabel="Marking…" pending={form.pending}>
        Mark all read
      </SubmitButton>
      <ActionMessage state={form.state} id={form.messageId} />
    </form>
  );
}
