"use client";

import type { ActionState } from "@/lib/commands/action-state";
import { TOKEN_NAME_MAX } from "@/lib/validation/tokens";
import { ActionMessage } from "./action-message";
import { TextField } from "./field";
import { FormMessage } from "./form-message";
import { SubmitButton } from "./submit-button";
import { useActionForm, type FormAction } from "./use-action-form";

export type CreatedTokenView = { name: string; prefix: string; secret: string };

/** Creates a token and shows it once, with a copy hint; it cannot be shown again. */
export function CreateApiTokenForm({ action }: { action: FormAction<CreatedTokenView> }) {
  const form = useActionForm(action);
  const created = form.state && form.state.ok ? form.state.data : null;
  return (
    <div className="space-y-4">
      <form key={form.formKey} id={form.formId} action={form.formAction} noValidate className="space-y-4" aria-label="Create an API token">
        <TextField
          formId="token"
          name="name"
          label="Name"
          required
          maxLength={TOKEN_NAME_MAX}
          hint="What the token is for, such as “Monthly report script”."
          defaultValue={form.value("name")}
          errors={form.errors("name")}
        />
        <TextField
          formId="token"
          name="expiresOn"
          type="date"
          label="Expires on"
          hint="Optional. The token stops working at 00:00 UTC on this date. Leave blank for no expiry."
          defaultValue={form.value("expiresOn")}
          errors={form.errors("expiresOn")}
        />
        {/* The region focus moves to after a submission: the refusal, or the new token (shown once). */}
        <div id={form.messageId} tabIndex={-1} className="outline-none empty:hidden">
          {form.state && !form.state.ok ? <FormMessage tone="error">{form.state.message}</FormMessage> : null}
          {created ? <NewTokenNotice token={created} /> : null}
        </div>
        <SubmitButton pendingLabel="Creating…" pending={form.pending}>
          Create token
        </SubmitButton>
      </form>
    </div>
  );
}

function NewTokenNotice({ token }: { token: CreatedTokenView }) {
  return (
    <FormMessage tone="success">
      <p>
        Token “{token.name}” created. Copy it now and keep it somewhere safe: it is shown only this once. Select the text and copy it
        (Ctrl+C or ⌘C).
      </p>
      <label className="mt-2 block text-xs font-medium" htmlFor="new-api-token">
        Your new token
      </label>
      <input
        id="new-api-token"
        readOnly
        value={token.secret}
        onFocus={(event) => event.currentTarget.select()}
        className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-xs text-slate-900"
      />
      <p className="mt-1 text-xs">Send it as the header: Authorization: Bearer &lt;token&gt;</p>
    </FormMessage>
  );
}

export function RevokeApiTokenButton({ action, tokenId, name }: { action: FormAction<undefined>; tokenId: string; name: string }) {
  const form = useActionForm(action);
  return (
    <form id={form.formId} action={form.formAction} aria-label={`Revoke token ${name}`}>
      <input type="hidden" name="tokenId" value={tokenId} />
      <SubmitButton tone="danger" pendingLabel="Revoking…" pending={form.pending}>
        Revoke<span className="sr-only"> {name}</span>
      </SubmitButton>
      <ActionMessage state={form.state as ActionState<undefined>} id={form.messageId} success={false} />
    </form>
  );
}
