"use client";

import { useState } from "react";
import { ActionMessage } from "@/components/forms/action-message";
import { FieldError, fieldIds } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import type { PersonaAccessView } from "@/lib/queries/admin-users";

const STATUS_NOTE = { DRAFT: " (draft)", ACTIVE: "", SUNSET: " (sunset)" } as const;

/** /admin/users/{id}: "sees all personas" or only the ticked ones (per-persona access). */
export function PersonaAccessForm({ action, userId, access }: { action: FormAction<{ changed: boolean }>; userId: string; access: PersonaAccessView }) {
  const form = useActionForm(action);
  const [scope, setScope] = useState(form.value("scope", access.restricted ? "restricted" : "all"));
  const scopeIds = fieldIds("scope", "persona-access");
  const listIds = fieldIds("personaIds", "persona-access");
  const listErrors = form.errors("personaIds");
  const chosen = new Set(access.personaIds);
  return (
    <form key={form.formKey} id={form.formId} action={form.formAction} noValidate className="space-y-4" aria-label="Persona access">
      <input type="hidden" name="userId" value={userId} />
      <fieldset aria-describedby={scopeIds.hint}>
        <legend className="text-sm font-medium text-slate-800">Which personas&apos; data this user sees</legend>
        <p id={scopeIds.hint} className="mt-1 text-sm text-slate-600">
          A restricted user sees only the chosen personas&apos; scorecards, values, comments, escalations and exports, and enters values only for them.
          Totals across personas stay visible, with the other personas folded into one line. Applies on their next page or API call.
        </p>
        <div className="mt-2 flex flex-col gap-2">
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" name="scope" value="all" defaultChecked={scope === "all"} onChange={() => setScope("all")} className="h-4 w-4" />
            Sees all personas
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" name="scope" value="restricted" defaultChecked={scope === "restricted"} onChange={() => setScope("restricted")} className="h-4 w-4" />
            Only the personas chosen below
          </label>
        </div>
        <FieldError id={scopeIds.error} errors={form.errors("scope")} />
      </fieldset>
      <fieldset disabled={scope !== "restricted"} aria-describedby={listErrors?.length ? listIds.error : undefined} className="disabled:opacity-60">
        <legend className="text-sm font-medium text-slate-800">Personas</legend>
        {access.options.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">There are no personas yet: create one on the Personas screen first.</p>
        ) : (
          <ul className="mt-2 grid gap-2 sm:grid-cols-2">
            {access.options.map((p) => (
              <li key={p.id}>
                <label className="flex items-start gap-2 text-sm">
                  <input type="checkbox" name="personaIds" value={p.id} defaultChecked={chosen.has(p.id)} className="mt-0.5 h-4 w-4" />
                  <span>
                    {p.name}
                    <span className="text-slate-600">{STATUS_NOTE[p.status]}</span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        )}
        <FieldError id={listIds.error} errors={listErrors} />
      </fieldset>
      <ActionMessage state={form.state} id={form.messageId} />
      <SubmitButton pendingLabel="Saving…" pending={form.pending}>
        Save persona access
      </SubmitButton>
    </form>
  );
}
