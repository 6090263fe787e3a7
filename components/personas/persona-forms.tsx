"use client";

import { ActionMessage } from "@/components/forms/action-message";
import { FieldError, SelectField, TextAreaField, TextField } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import {
  ATTRIBUTE_KINDS,
  PERSONA_DESCRIPTION_MAX,
  PERSONA_NAME_MAX,
  PERSONA_SLUG_MAX,
  PERSONA_TRANSITIONS,
  RATIONALE_MAX,
  REVIEW_NOTE_MAX,
  type AttributeKindValue,
  type PersonaStatusValue,
} from "@/lib/validation/personas";
import { KIND_LABELS, STATUS_WORDS } from "./labels";

// The persona editors: create, edit, a lifecycle step with its rationale, and "Mark reviewed".
// Each posts to a server action that runs the command; errors sit beside their field.

const PRIORITIES = [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: `${n}${n === 1 ? " (highest)" : n === 5 ? " (lowest)" : ""}` }));


export interface PersonaFormValues {
  id: string;
  slug: string;
  name: string;
  description: string;
  priority: number;
  revenueInfluencePercent: number | null;
  reviewCadenceMonths: number;
  version: number;
  painPoints: string[];
  attributes: Record<AttributeKindValue, { label: string; value: string }[]>;
}

function CommonFields({ form, formId, initial }: { form: ReturnType<typeof useActionForm<undefined>>; formId: string; initial?: PersonaFormValues }) {
  return (
    <>
      <TextField formId={formId} name="name" label="Name" required maxLength={PERSONA_NAME_MAX} defaultValue={form.value("name", initial?.name ?? "")} errors={form.errors("name")} />
      <TextField
        formId={formId}
        name="slug"
        label="Slug"
        required
        maxLength={PERSONA_SLUG_MAX}
        hint="Used in addresses, such as /personas/smb-owner: lower-case letters, digits and hyphens."
        defaultValue={form.value("slug", initial?.slug ?? "")}
        errors={form.errors("slug")}
      />
      <TextAreaField
        formId={formId}
        name="description"
        label="Description"
        maxLength={PERSONA_DESCRIPTION_MAX}
        hint="Who this customer is, in a few sentences."
        defaultValue={form.value("description", initial?.description ?? "")}
        errors={form.errors("description")}
      />
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField
          formId={formId}
          name="priority"
          label="Priority"
          options={PRIORITIES}
          defaultValue={form.value("priority", String(initial?.priority ?? 3))}
          errors={form.errors("priority")}
        />
        <TextField
          formId={formId}
          name="revenueInfluence"
          label="Revenue influence (%)"
          hint="Share of revenue it influences, 0–100. Blank if unknown."
          defaultValue={form.value("revenueInfluence", initial?.revenueInfluencePercent === null || !initial ? "" : String(initial.revenueInfluencePercent))}
          errors={form.errors("revenueInfluence")}
        />
        <TextField
          formId={formId}
          name="reviewCadenceMonths"
          label="Review every (months)"
          hint="1–24. The next review is due this many months after a review."
          defaultValue={form.value("reviewCadenceMonths", String(initial?.reviewCadenceMonths ?? 3))}
          errors={form.errors("reviewCadenceMonths")}
        />
      </div>
    </>
  );
}

export function CreatePersonaForm({ action }: { action: FormAction<undefined> }) {
  const form = useActionForm(action);
  return (
    <form key={form.formKey} id={form.formId} action={form.formAction} noValidate className="space-y-4" aria-label="Create a persona">
      <CommonFields form={form} formId="new-persona" />
      <p className="text-sm text-slate-600">A new persona starts as a draft: it is not scored until an analyst activates it with a rationale.</p>
      <ActionMessage state={form.state} id={form.messageId} />
      <SubmitButton pendingLabel="Creating…" pending={form.pending}>
        Create persona
      </SubmitButton>
    </form>
  );
}

export function EditPersonaForm({ action, persona }: { action: FormAction<undefined>; persona: PersonaFormValues }) {
  const form = useActionForm(action);
  const formId = "edit-persona";
  return (
    <form key={`${form.formKey}-${persona.version}`} id={form.formId} action={form.formAction} noValidate className="space-y-4" aria-label="Edit the persona">
      <input type="hidden" name="personaId" value={persona.id} />
      <input type="hidden" name="version" value={persona.version} />
      <input type="hidden" name="currentSlug" value={persona.slug} />
      <CommonFields form={form} formId={formId} initial={persona} />
      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-slate-900">Attributes by kind</legend>
        <p className="text-xs text-slate-600">One attribute per line, written “Label: value”, such as “Company size: 10–49 employees”.</p>
        <div className="grid gap-4 md:grid-cols-2">
          {ATTRIBUTE_KINDS.map((kind) => (
            <TextAreaField
              key={kind}
              formId={formId}
              name={`attributes_${kind}`}
              label={KIND_LABELS[kind]}
              defaultValue={form.value(`attributes_${kind}`, persona.attributes[kind].map((a) => `${a.label}: ${a.value}`).join("\n"))}
              errors={form.errors(`attributes_${kind}`)}
            />
          ))}
        </div>
      </fieldset>
      <TextAreaField
        formId={formId}
        name="painPoints"
        label="Pain points"
        hint="One per line. A line you reword in place keeps the objectives mapped to it; a line you delete loses them."
        defaultValue={form.value("painPoints", persona.painPoints.join("\n"))}
        errors={form.errors("painPoints")}
      />
      <ActionMessage state={form.state} id={form.messageId} />
      <SubmitButton pendingLabel="Saving…" pending={form.pending}>
        Save changes
      </SubmitButton>
    </form>
  );
}

const STEP_LABELS: Record<PersonaStatusValue, string> = { DRAFT: "Back to draft", ACTIVE: "Activate", SUNSET: "Sunset" };

export function StatusChangeForm({ action, personaId, version, status }: { action: FormAction<undefined>; personaId: string; version: number; status: PersonaStatusValue }) {
  const form = useActionForm(action);
  const next = PERSONA_TRANSITIONS[status];
  const to = next[0]!;
  const label = status === "SUNSET" ? "Revive (make active again)" : STEP_LABELS[to];
  return (
    <form key={`${form.formKey}-${version}`} id={form.formId} action={form.formAction} noValidate className="space-y-3" aria-label="Change the status">
      <input type="hidden" name="personaId" value={personaId} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="toStatus" value={to} />
      <p className="text-sm text-slate-700">
        Now <strong>{STATUS_WORDS[status]}</strong>. Next step: <strong>{STATUS_WORDS[to]}</strong>
        {to === "SUNSET" ? " (it keeps counting in the months before its sunset, and stops counting from this month on)." : to === "ACTIVE" ? " (it counts on scorecards from then on, with its weight)." : "."}
      </p>
      <TextAreaField
        formId="status"
        name="rationale"
        label="Rationale"
        maxLength={RATIONALE_MAX}
        hint="Required: why this change, in a sentence or two. Kept in the timeline with your name and the date."
        defaultValue={form.value("rationale")}
        errors={form.errors("rationale") ?? form.errors("toStatus")}
      />
      <ActionMessage state={form.state} id={form.messageId} />
      <SubmitButton pendingLabel="Saving…" pending={form.pending} tone={to === "SUNSET" ? "danger" : "primary"}>
        {label}
      </SubmitButton>
    </form>
  );
}

export function ReviewForm({ action, personaId, version, cadence }: { action: FormAction<undefined>; personaId: string; version: number; cadence: number }) {
  const form = useActionForm(action);
  return (
    <form key={`${form.formKey}-${version}`} id={form.formId} action={form.formAction} noValidate className="space-y-3" aria-label="Mark reviewed">
      <input type="hidden" name="personaId" value={personaId} />
      <input type="hidden" name="version" value={version} />
      <SelectField
        formId="review"
        name="outcome"
        label="Outcome"
        options={[
          { value: "STILL_VALID", label: "Still valid" },
          { value: "NEEDS_RESEGMENTATION", label: "Needs re-segmentation" },
        ]}
        defaultValue={form.value("outcome", "STILL_VALID")}
        errors={form.errors("outcome")}
      />
      <TextAreaField
        formId="review"
        name="note"
        label="Note"
        maxLength={REVIEW_NOTE_MAX}
        hint={`A short note. The next review will be due ${cadence} month${cadence === 1 ? "" : "s"} from today.`}
        defaultValue={form.value("note")}
        errors={form.errors("note")}
      />
      <ActionMessage state={form.state} id={form.messageId} />
      <SubmitButton pendingLabel="Saving…" pending={form.pending} tone="secondary">
        Mark reviewed
      </SubmitButton>
    </form>
  );
}

export interface ObjectiveOption {
  id: string;
  title: string;
  scorecardName: string;
  perspective: string;
}

/** Map one more objective to a pain point: objectives grouped by scorecard, those already mapped left out. */
export function MapPainPointForm({
  action,
  painPoint,
  options,
}: {
  action: FormAction<undefined>;
  painPoint: { id: string; text: string; objectiveIds: string[] };
  options: ObjectiveOption[];
}) {
  const form = useActionForm(action);
  const available = options.filter((o) => !painPoint.objectiveIds.includes(o.id));
  const groups = [...new Set(available.map((o) => o.scorecardName))];
  const ids = { select: `${form.formId}-objective`, error: `${form.formId}-objective-error` };
  const errors = form.errors("objectiveId");
  if (available.length === 0) return <p className="text-xs text-slate-600">Every objective already addresses this pain point.</p>;
  return (
    <form key={form.formKey} id={form.formId} action={form.formAction} noValidate className="mt-2 space-y-2" aria-label={`Map an objective to “${painPoint.text}”`}>
      <input type="hidden" name="painPointId" value={painPoint.id} />
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1 basis-56">
          <label htmlFor={ids.select} className="text-xs font-medium text-slate-700">
            Objective that addresses it
          </label>
          <select
            id={ids.select}
            name="objectiveId"
            defaultValue={form.value("objectiveId", "")}
            aria-invalid={errors?.length ? true : undefined}
            aria-describedby={errors?.length ? ids.error : undefined}
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900"
          >
            <option value="">Choose an objective…</option>
            {groups.map((g) => (
              <optgroup key={g} label={g}>
                {available
                  .filter((o) => o.scorecardName === g)
                  .map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.title} ({o.perspective})
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </div>
        <SubmitButton pendingLabel="Mapping…" pending={form.pending} tone="secondary">
          Map
        </SubmitButton>
      </div>
      <FieldError id={ids.error} errors={errors} />
      <ActionMessage state={form.state} id={form.messageId} />
    </form>
  );
}

/** Unmap: a small button beside the objective it removes. */
export function UnmapPainPointForm({ action, painPointId, objective }: { action: FormAction<undefined>; painPointId: string; objective: { id: string; title: string } }) {
  const form = useActionForm(action);
  return (
    <form id={form.formId} action={form.formAction} className="inline">
      <input type="hidden" name="painPointId" value={painPointId} />
      <input type="hidden" name="objectiveId" value={objective.id} />
      <button
        type="submit"
        disabled={form.pending}
        aria-label={`Unmap “${objective.title}”`}
        className="ml-2 rounded border border-slate-300 px-1.5 py-0.5 text-xs text-slate-700 hover:bg-slate-100"
      >
        {form.pending ? "Unmapping…" : "Unmap"}
      </button>
      <ActionMessage state={form.state} id={form.messageId} success={false} />
    </form>
  );
}
