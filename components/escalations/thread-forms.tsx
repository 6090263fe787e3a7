"use client";

import { ActionMessage } from "@/components/forms/action-message";
import { SelectField, TextAreaField, TextField } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { ACTION_WHAT_MAX, NOTE_MAX } from "@/lib/validation/escalations";

// The forms of an escalation's thread. Each posts to a server action that calls its command
// (lib/commands/escalations); errors sit beside their fields, the result in a focusable message.

export interface UserOption {
  id: string;
  name: string;
}

type Action = FormAction<undefined>;

function PlanFields({ form, users, defaultOwnerId, optional }: { form: ReturnType<typeof useActionForm<undefined>>; users: UserOption[]; defaultOwnerId: string; optional: boolean }) {
  const prefix = optional ? "ack" : "plan";
  return (
    <>
      <TextField
        formId={prefix}
        name="actionWhat"
        label="What will be done"
        required={!optional}
        maxLength={ACTION_WHAT_MAX}
        hint={optional ? "Optional: fill in what, who and by when to record an action plan with the acknowledgement." : undefined}
        defaultValue={form.value("actionWhat")}
        errors={form.errors("actionWhat")}
      />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField
          formId={prefix}
          name="actionOwnerId"
          label="Who"
          required={!optional}
          options={[{ value: "", label: optional ? "No action plan" : "Choose someone" }, ...users.map((u) => ({ value: u.id, label: u.name }))]}
          defaultValue={form.value("actionOwnerId", optional ? "" : defaultOwnerId)}
          errors={form.errors("actionOwnerId")}
        />
        <TextField formId={prefix} name="actionDue" type="date" label="By when" required={!optional} defaultValue={form.value("actionDue")} errors={form.errors("actionDue")} />
      </div>
    </>
  );
}

export function AcknowledgeForm({ action, escalationId, users, defaultOwnerId }: { action: Action; escalationId: string; users: UserOption[]; defaultOwnerId: string }) {
  const form = useActionForm(action);
  return (
    <form key={form.formKey} id={form.formId} action={form.formAction} noValidate className="space-y-3" aria-label="Acknowledge the escalation">
      <input type="hidden" name="escalationId" value={escalationId} />
      <TextAreaField
        formId="ack"
        name="note"
        label="Note"
        required
        maxLength={NOTE_MAX}
        hint="What you know about the cause, for everyone who reads this escalation."
        defaultValue={form.value("note")}
        errors={form.errors("note")}
      />
      <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium text-slate-800">Action plan (optional)</legend>
        <PlanFields form={form} users={users} defaultOwnerId={defaultOwnerId} optional />
      </fieldset>
      <ActionMessage state={form.state} id={form.messageId} />
      <SubmitButton pendingLabel="Acknowledging…" pending={form.pending}>
        Acknowledge
      </SubmitButton>
    </form>
  );
}

export function ActionPlanForm({ action, escalationId, users, defaultOwnerId }: { action: Action; escalationId: string; users: UserOption[]; defaultOwnerId: string }) {
  const form = useActionForm(action);
  return (
    <form key={form.formKey} id={form.formId} action={form.formAction} noValidate className="space-y-3" aria-label="Add an action plan">
      <input type="hidden" name="escalationId" value={escalationId} />
      <PlanFields form={form} users={users} defaultOwnerId={defaultOwnerId} optional={false} />
      <TextAreaField formId="plan" name="note" label="Note" maxLength={NOTE_MAX} hint="Optional." defaultValue={form.value("note")} errors={form.errors("note")} />
      <ActionMessage state={form.state} id={form.messageId} />
      <SubmitButton pendingLabel="Adding…" pending={form.pending} tone="secondary">
        Add action plan
      </SubmitButton>
    </form>
  );
}

export function CommentForm({ action, escalationId }: { action: Action; escalationId: string }) {
  const form = useActionForm(action);
  return (
    <form key={form.formKey} id={form.formId} action={form.formAction} noValidate className="space-y-3" aria-label="Comment on the escalation">
      <input type="hidden" name="escalationId" value={escalationId} />
      <TextAreaField formId="comment" name="note" label="Comment" required maxLength={NOTE_MAX} defaultValue={form.value("note")} errors={form.errors("note")} />
      <ActionMessage state={form.state} id={form.messageId} />
      <SubmitButton pendingLabel="Posting…" pending={form.pending} tone="secondary">
        Post comment
      </SubmitButton>
    </form>
  );
}

export function ReassignForm({ action, escalationId, users, currentId }: { action: Action; escalationId: string; users: UserOption[]; currentId: string | null }) {
  const form = useActionForm(action);
  return (
    <form key={form.formKey} id={form.formId} action={form.formAction} noValidate className="space-y-3" aria-label="Reassign the escalation">
      <input type="hidden" name="escalationId" value={escalationId} />
      <SelectField
        formId="reassign"
        name="assigneeId"
        label="New assignee"
        required
        hint="They are notified, and the escalation is open again until they acknowledge it."
        options={[{ value: "", label: "Choose someone" }, ...users.filter((u) => u.id !== currentId).map((u) => ({ value: u.id, label: u.name }))]}
        defaultValue={form.value("assigneeId")}
        errors={form.errors("assigneeId")}
      />
      <TextAreaField formId="reassign" name="note" label="Note" maxLength={NOTE_MAX} hint="Optional: why, for the new assignee." defaultValue={form.value("note")} errors={form.errors("note")} />
      <ActionMessage state={form.state} id={form.messageId} />
      <SubmitButton pendingLabel="Reassigning…" pending={form.pending} tone="secondary">
        Reassign
      </SubmitButton>
    </form>
  );
}
