"use client";

import { ActionMessage } from "@/components/forms/action-message";
import { SelectField, TextField } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from "@/lib/validation/users";

const ROLE_OPTIONS = Object.entries(ROLE_LABELS).map(([value, label]) => ({ value, label }));

export function EditUserForm({
  action,
  user,
  departments,
  lastActiveAdmin,
}: {
  action: FormAction<{ changed: boolean }>;
  user: { id: string; name: string; role: string; departmentId: string | null };
  departments: { value: string; label: string }[];
  lastActiveAdmin: boolean;
}) {
  const form = useActionForm(action);
  return (
    <form key={form.formKey} id={form.formId} action={form.formAction} noValidate className="space-y-4" aria-label="Edit user">
      <input type="hidden" name="userId" value={user.id} />
      <TextField formId="edit-user" name="name" label="Name" required maxLength={120} defaultValue={form.value("name", user.name)} errors={form.errors("name")} />
      <SelectField
        formId="edit-user"
        name="role"
        label="Role"
        required
        options={ROLE_OPTIONS}
        defaultValue={form.value("role", user.role)}
        errors={form.errors("role")}
        hint={
          lastActiveAdmin ? (
            "This is the last active administrator: the role cannot change until another user is an administrator."
          ) : (
            <span className="block space-y-0.5">
              {Object.entries(ROLE_DESCRIPTIONS).map(([role, text]) => (
                <span key={role} className="block">
                  <strong className="font-medium">{ROLE_LABELS[role as keyof typeof ROLE_LABELS]}</strong>: {text}
                </span>
              ))}
            </span>
          )
        }
      />
      <SelectField
        formId="edit-user"
        name="departmentId"
        label="Department"
        options={[{ value: "", label: "No department" }, ...departments]}
        defaultValue={form.value("departmentId", user.departmentId ?? "")}
        errors={form.errors("departmentId")}
      />
      <ActionMessage state={form.state} id={form.messageId} />
      <SubmitButton pendingLabel="Saving…" pending={form.pending}>
        Save changes
      </SubmitButton>
    </form>
  );
}
