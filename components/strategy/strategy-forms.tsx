"use client";

import { ActionMessage } from "@/components/forms/action-message";
import { FieldError, SelectField, TextAreaField, TextField } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import {
  LINK_DESCRIPTION_MAX,
  OBJECTIVE_DESCRIPTION_MAX,
  OBJECTIVE_THEME_MAX,
  OBJECTIVE_TITLE_MAX,
  PERSPECTIVE_DESCRIPTION_MAX,
  PERSPECTIVE_NAME_MAX,
} from "@/lib/validation/strategy";

// The strategy editor's forms: perspectives (add, edit, move, delete), objectives (add, edit or
// move, delete) and cause -> effect links (add, remove). Each posts to a server action that runs
// the command; errors sit beside their field, refusals (a loop, a non-empty perspective) above
// the button.

type Option = { id: string; name: string };

export function PerspectiveForm({
  action,
  scorecardId,
  perspective,
}: {
  action: FormAction<undefined>;
  scorecardId?: string;
  perspective?: { id: string; name: string; description: string | null; weight: number; version: number };
}) {
  const form = useActionForm(action);
  const formId = perspective ? `perspective-${perspective.id}` : "new-perspective";
  return (
    <form
      key={form.formKey}
      id={form.formId}
      action={form.formAction}
      noValidate
      className="space-y-3"
      aria-label={perspective ? `Edit the perspective ${perspective.name}` : "Add a perspective"}
    >
      {perspective ? (
        <>
          <input type="hidden" name="perspectiveId" value={perspective.id} />
          <input type="hidden" name="version" value={perspective.version} />
        </>
      ) : (
        <input type="hidden" name="scorecardId" value={scorecardId} />
      )}
      <div className="grid gap-3 sm:grid-cols-[2fr_1fr]">
        <TextField formId={formId} name="name" label="Name" required maxLength={PERSPECTIVE_NAME_MAX} defaultValue={form.value("name", perspective?.name ?? "")} errors={form.errors("name")} />
        <TextField
          formId={formId}
          name="weight"
          label="Weight"
          required
          hint="0 or more; normalised when scored."
          defaultValue={form.value("weight", perspective ? String(perspective.weight) : "1")}
          errors={form.errors("weight")}
        />
      </div>
      <TextAreaField
        formId={formId}
        name="description"
        label="Description"
        maxLength={PERSPECTIVE_DESCRIPTION_MAX}
        defaultValue={form.value("description", perspective?.description ?? "")}
        errors={form.errors("description")}
      />
      <ActionMessage state={form.state} id={form.messageId} />
      <SubmitButton pendingLabel="Saving…" pending={form.pending} tone={perspective ? "secondary" : "primary"}>
        {perspective ? "Save perspective" : "Add perspective"}
      </SubmitButton>
    </form>
  );
}

/** Up and down: one form, the pressed button says which way. */
export function MovePerspectiveForm({ action, perspective, first, last }: { action: FormAction<undefined>; perspective: { id: string; name: string }; first: boolean; last: boolean }) {
  const form = useActionForm(action);
  const button = "rounded border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-800 hover:bg-slate-100 disabled:cursor-not-allowed disabled:text-slate-400";
  return (
    <form id={form.formId} action={form.formAction} className="flex items-center gap-1">
      <input type="hidden" name="perspectiveId" value={perspective.id} />
      <button type="submit" name="direction" value="up" disabled={first || form.pending} className={button} aria-label={`Move ${perspective.name} up`}>
        ↑ Up
      </button>
      <button type="submit" name="direction" value="down" disabled={last || form.pending} className={button} aria-label={`Move ${perspective.name} down`}>
        ↓ Down
      </button>
      <ActionMessage state={form.state} id={form.messageId} success={false} />
    </form>
  );
}

/** Delete behind a disclosure, with what happens said before the button. */
export function DeleteForm({
  action,
  idName,
  id,
  label,
  consequence,
}: {
  action: FormAction<undefined>;
  idName: string;
  id: string;
  label: string;
  consequence: string;
}) {
  const form = useActionForm(action);
  return (
    <form id={form.formId} action={form.formAction} className="space-y-2">
      <input type="hidden" name={idName} value={id} />
      <details className="rounded-md border border-slate-200 p-2">
        <summary className="cursor-pointer text-sm font-medium text-status-red">Delete {label}…</summary>
        <p className="mt-2 text-sm text-slate-700">{consequence}</p>
        <div className="mt-2">
          <SubmitButton tone="danger" pendingLabel="Deleting…" pending={form.pending}>
            Yes, delete {label}
          </SubmitButton>
        </div>
      </details>
      <ActionMessage state={form.state} id={form.messageId} success={false} />
    </form>
  );
}

export interface ObjectiveFormValues {
  id: string;
  /** The version the form edits (optimistic concurrency). */
  version: number;
  perspectiveId: string;
  title: string;
  description: string | null;
  strategicTheme: string | null;
  ownerId: string | null;
  departmentIds: string[];
}

export function ObjectiveForm({
  action,
  perspectives,
  owners,
  departments,
  objective,
  kpiCount = 0,
}: {
  action: FormAction<undefined>;
  perspectives: Option[];
  owners: Option[];
  departments: Option[];
  objective?: ObjectiveFormValues;
  kpiCount?: number;
}) {
  const form = useActionForm(action);
  const formId = objective ? `objective-${objective.id}` : "new-objective";
  // After a refusal the ticked boxes come back as one comma-separated value (the action adds it).
  const chosen = new Set(form.state && !form.state.ok ? form.value("departmentIdsList", "").split(",").filter(Boolean) : (objective?.departmentIds ?? []));
  const departmentErrors = form.errors("departmentIds");
  const ownerOptions = [{ value: "", label: "No owner" }, ...owners.map((o) => ({ value: o.id, label: o.name }))];
  if (objective?.ownerId && !owners.some((o) => o.id === objective.ownerId)) ownerOptions.push({ value: objective.ownerId, label: "A deactivated user (keep)" });
  return (
    <form
      key={form.formKey}
      id={form.formId}
      action={form.formAction}
      noValidate
      className="space-y-3"
      aria-label={objective ? `Edit the objective ${objective.title}` : "Add an objective"}
    >
      {objective ? (
        <>
          <input type="hidden" name="objectiveId" value={objective.id} />
          <input type="hidden" name="version" value={objective.version} />
        </>
      ) : null}
      <TextField formId={formId} name="title" label="Title" required maxLength={OBJECTIVE_TITLE_MAX} defaultValue={form.value("title", objective?.title ?? "")} errors={form.errors("title")} />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField
          formId={formId}
          name="perspectiveId"
          label="Perspective"
          required
          hint={objective && kpiCount > 0 ? `Moving it takes its ${kpiCount} KPI${kpiCount === 1 ? "" : "s"} along.` : undefined}
          options={[...(objective ? [] : [{ value: "", label: "Choose a perspective…" }]), ...perspectives.map((p) => ({ value: p.id, label: p.name }))]}
          defaultValue={form.value("perspectiveId", objective?.perspectiveId ?? "")}
          errors={form.errors("perspectiveId")}
        />
        <TextField
          formId={formId}
          name="strategicTheme"
          label="Strategic theme"
          maxLength={OBJECTIVE_THEME_MAX}
          hint="Optional, such as “Customer retention”."
          defaultValue={form.value("strategicTheme", objective?.strategicTheme ?? "")}
          errors={form.errors("strategicTheme")}
        />
      </div>
      <SelectField formId={formId} name="ownerId" label="Owner" options={ownerOptions} defaultValue={form.value("ownerId", objective?.ownerId ?? "")} errors={form.errors("ownerId")} />
      <TextAreaField
        formId={formId}
        name="description"
        label="Description"
        maxLength={OBJECTIVE_DESCRIPTION_MAX}
        defaultValue={form.value("description", objective?.description ?? "")}
        errors={form.errors("description")}
      />
      <fieldset aria-describedby={departmentErrors?.length ? `${formId}-departmentIds-error` : undefined}>
        <legend className="text-sm font-medium text-slate-800">Business units that share it</legend>
        <div className="mt-1 grid gap-x-4 gap-y-1 sm:grid-cols-2">
          {departments.map((d) => (
            <label key={d.id} className="flex items-center gap-2 text-sm text-slate-800">
              <input type="checkbox" name="departmentIds" value={d.id} defaultChecked={chosen.has(d.id)} className="h-4 w-4" />
              {d.name}
            </label>
          ))}
        </div>
        <FieldError id={`${formId}-departmentIds-error`} errors={departmentErrors} />
      </fieldset>
      <ActionMessage state={form.state} id={form.messageId} />
      <SubmitButton pendingLabel="Saving…" pending={form.pending} tone={objective ? "secondary" : "primary"}>
        {objective ? "Save objective" : "Add objective"}
      </SubmitButton>
    </form>
  );
}

export function LinkForm({ action, objectives }: { action: FormAction<undefined>; objectives: { id: string; title: string; perspective: string }[] }) {
  const form = useActionForm(action);
  const options = [{ value: "", label: "Choose an objective…" }, ...objectives.map((o) => ({ value: o.id, label: `${o.title} (${o.perspective})` }))];
  return (
    <form key={form.formKey} id={form.formId} action={form.formAction} noValidate className="space-y-3" aria-label="Add a cause and effect link">
      <div className="grid gap-3 md:grid-cols-2">
        <SelectField formId="new-link" name="causeId" label="Cause" required options={options} defaultValue={form.value("causeId", "")} errors={form.errors("causeId")} />
        <SelectField formId="new-link" name="effectId" label="Effect" required options={options} defaultValue={form.value("effectId", "")} errors={form.errors("effectId")} />
      </div>
      <TextField
        formId="new-link"
        name="description"
        label="Why the cause drives the effect"
        maxLength={LINK_DESCRIPTION_MAX}
        hint="Optional, one sentence; shown on the strategy map."
        defaultValue={form.value("description", "")}
        errors={form.errors("description")}
      />
      <ActionMessage state={form.state} id={form.messageId} />
      <SubmitButton pendingLabel="Adding…" pending={form.pending}>
        Add link
      </SubmitButton>
    </form>
  );
}

export function RemoveLinkForm({ action, link }: { action: FormAction<undefined>; link: { id: string; cause: string; effect: string } }) {
  const form = useActionForm(action);
  return (
    <form id={form.formId} action={form.formAction} className="shrink-0">
      <input type="hidden" name="linkId" value={link.id} />
      <SubmitButton tone="secondary" pendingLabel="Removing…" pending={form.pending}>
        <span className="sr-only">
          Remove the link {link.cause} → {link.effect}
        </span>
        <span aria-hidden="true">Remove</span>
      </SubmitButton>
      <ActionMessage state={form.state} id={form.messageId} success={false} />
    </form>
  );
}
