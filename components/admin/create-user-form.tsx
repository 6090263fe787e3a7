"use client";

import { ActionMessage } from "@/components/forms/action-message";
import { SelectField, TextField } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { ROLE_LABELS } from "@/lib/validation/users";
import { TemporaryPassword } from "./temporary-password";

type Issued = { user: { id: string; email: string; name: string }; temporaryPassword: string };

const ROLE_OPTIONS = Object.entries(ROLE_LABELS).map(([value, label]) => ({ value, label }));

export function CreateUserForm({ action, departments }: { action: FormAction<Issued>; departments: { value: string; label: string }[] }) {
  const form = useActionForm(action);
  return (
    <div>
      <form key={form.formKey} id={form.formId} action={form.formAction} noValidate className="grid gap-4 sm:grid-cols-2" aria-label="Create a user">
        <TextField formId="new-user" name="name" label="Name" required autoComplete="off" maxLength={120} defaultValue={form.value("name")} errors={form.errors("name")} />
        <TextField
          formId="new-user"
          name="email"
          type="email"
          inputMode="email"
          label="Email"
          required
          autoComplete="off"
          maxLength={320}
          defaultValue={form.value("email")}
          errors={form.errors("email")}
        />
        <SelectField
          formId="new-user"
          name="role"
          label="Role"
          required
          options={ROLE_OPTIONS}
          defaultValue={form.value("role", "EXECUTIVE")}
          errors={form.errors("role")}
        />
        <SelectField
          formId="new-user"
          name="departmentId"
          label="Department"
          options={[{ value: "", label: "No department" }, ...departments]}
          defaultValue={form.value("departmentId")}
          errors={form.errors("departmentId")}
        />
        <div className="sm:col-span-2">
          <SubmitButton pendingLabel="Creating…" pending={form.pending}>
            Create user
          </SubmitButton>
        </div>
      </form>
      <div className="mt-4">
        <ActionMessage state={form.state} id={form.messageId} />
        {form.state?.ok ? <TemporaryPassword email={form.state.data.user.email} password={form.state.data.temporaryPassword} /> : null}
      </div>
    </div>
  );
}
