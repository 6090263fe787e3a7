"use client";

import { ActionMessage } from "@/components/forms/action-message";
import { TextAreaField, TextField } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";

/** Create (no department given) or edit a department. */
export function DepartmentForm({
  action,
  department,
  submitLabel,
  pendingLabel,
}: {
  action: FormAction<undefined>;
  department?: { id: string; name: string; description: string | null };
  submitLabel: string;
  pendingLabel: string;
}) {
  const form = useActionForm(action);
  const formId = department ? "edit-department" : "new-department";
  return (
    <form key={form.formKey} id={form.formId} action={form.formAction} noValidate className="space-y-4" aria-label={submitLabel}>
      {department ? <input type="hidden" name="departmentId" value={department.id} /> : null}
      <TextField formId={formId} name="name" label="Name" required maxLength={100} defaultValue={form.value("name", department?.name ?? "")} errors={form.errors("name")} />
      <TextAreaField
        formId={formId}
        name="description"
        label="Description"
        hint="Optional. What the department does, in a sentence."
        maxLength={500}
        defaultValue={form.value("description", department?.description ?? "")}
        errors={form.errors("description")}
      />
      <ActionMessage state={form.state} id={form.messageId} />
      <SubmitButton pendingLabel={pendingLabel} pending={form.pending}>
        {submitLabel}
      </SubmitButton>
    </form>
  );
}

export function DeleteDepartmentForm({ action, department }: { action: FormAction<undefined>; department: { id: string; name: string } }) {
  const form = useActionForm(action);
  return (
    <form id={form.formId} action={form.formAction} className="space-y-3">
      <input type="hidden" name="departmentId" value={department.id} />
      <ActionMessage state={form.state} id={form.messageId} success={false} />
      <details className="rounded-md border border-slate-200 p-3">
        <summary className="cursor-pointer text-sm font-medium text-status-red">Delete {department.name}…</summary>
        <p className="mt-2 text-sm text-slate-700">It has no users or KPIs. Deleting it cannot be undone; the audit log keeps a record.</p>
        <div className="mt-3">
          <SubmitButton tone="danger" pendingLabel="Deleting…" pending={form.pending}>
            Yes, delete {department.name}
          </SubmitButton>
        </div>
      </details>
    </form>
  );
}
