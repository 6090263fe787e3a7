"use client";

import { ActionMessage } from "@/components/forms/action-message";
import { SelectField, TextAreaField, TextField } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { TARGET_RATIONALE_MAX } from "@/lib/validation/targets";

// Setting a target: the KPI default or one persona's override, from an effective period, with
// the thresholds and a rationale. Prefilled from "suggest from history" when the analyst asked
// for one; every field stays editable before saving. Errors sit beside the field they name; hints
// sit under their field, so the controls of a row stay level whether or not a field has a hint.

export interface TargetFormInitial {
  personaId: string;
  effectiveFrom: string;
  baseline: string;
  target: string;
  green: string;
  red: string;
  greenHigh: string;
  redHigh: string;
  rationale: string;
}

const DIRECTION_HINTS = {
  HIGHER_IS_BETTER: "Higher is better: red < green ≤ target. At or below red is a breach; at or above green is on track.",
  LOWER_IS_BETTER: "Lower is better: red > green ≥ target. At or above red is a breach; at or below green is on track.",
  TARGET_RANGE: "On target within a range: red < green ≤ target ≤ upper green < upper red. Outside the red bounds is a breach.",
} as const;

export function TargetForm({
  action,
  kpiId,
  direction,
  frequency,
  personas,
  initial,
}: {
  action: FormAction<undefined>;
  kpiId: string;
  direction: keyof typeof DIRECTION_HINTS;
  frequency: "MONTHLY" | "QUARTERLY";
  personas: { id: string; name: string; status: string }[];
  initial: TargetFormInitial;
}) {
  const form = useActionForm(action);
  const id = form.formId;
  const range = direction === "TARGET_RANGE";
  const options = [
    { value: "", label: "KPI default (every persona without its own)" },
    ...personas.map((p) => ({ value: p.id, label: `${p.name}${p.status === "ACTIVE" ? "" : ` (${p.status.toLowerCase()})`}` })),
  ];
  return (
    <form id={id} key={form.formKey} action={form.formAction} className="space-y-4" noValidate>
      <ActionMessage state={form.state} id={form.messageId} />
      <input type="hidden" name="kpiId" value={kpiId} />
      <p className="text-sm text-slate-700">{DIRECTION_HINTS[direction]}</p>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField formId={id} name="personaId" label="Applies to" options={options} defaultValue={form.value("personaId", initial.personaId)} errors={form.errors("personaId")} />
        <TextField
          formId={id}
          name="effectiveFrom"
          label="Effective from"
          required
          hint={frequency === "QUARTERLY" ? "First month of a quarter, as YYYY-MM (January, April, July or October)." : "A month, as YYYY-MM."}
          hintBelow
          defaultValue={form.value("effectiveFrom", initial.effectiveFrom)}
          errors={form.errors("effectiveFrom")}
        />
      </div>
      {/* Two per row until the page is wide enough for four: beside the suggestion panel (xl) the form has half the width. */}
      <div className={`grid gap-4 sm:grid-cols-2 ${range ? "2xl:grid-cols-3" : "2xl:grid-cols-4"}`}>
        <TextField formId={id} name="baseline" label="Baseline" hint="Where it stands today (optional)." hintBelow defaultValue={form.value("baseline", initial.baseline)} errors={form.errors("baseline")} />
        <TextField formId={id} name="red" label={range ? "Red (lower)" : "Red"} required defaultValue={form.value("red", initial.red)} errors={form.errors("red")} />
        <TextField formId={id} name="green" label={range ? "Green (lower)" : "Green"} required defaultValue={form.value("green", initial.green)} errors={form.errors("green")} />
        <TextField formId={id} name="target" label="Target" required defaultValue={form.value("target", initial.target)} errors={form.errors("target")} />
        {range ? (
          <>
            <TextField formId={id} name="greenHigh" label="Green (upper)" required defaultValue={form.value("greenHigh", initial.greenHigh)} errors={form.errors("greenHigh")} />
            <TextField formId={id} name="redHigh" label="Red (upper)" required defaultValue={form.value("redHigh", initial.redHigh)} errors={form.errors("redHigh")} />
          </>
        ) : null}
      </div>
      <TextAreaField
        formId={id}
        name="rationale"
        label="Rationale"
        required
        maxLength={TARGET_RATIONALE_MAX}
        hint="Why this target: the evidence or decision behind it. Kept with the row."
        hintBelow
        defaultValue={form.value("rationale", initial.rationale)}
        errors={form.errors("rationale")}
      />
      <div>
        <div className="flex items-start gap-2">
          <input
            id={`${id}-replace`}
            type="checkbox"
            name="replace"
            value="true"
            defaultChecked={form.value("replace") === "true"}
            aria-describedby={`${id}-replace-hint ${id}-replace-error`}
            className="mt-1 h-4 w-4 shrink-0 rounded border-slate-300"
          />
          <label htmlFor={`${id}-replace`} className="text-sm text-slate-800">
            Replace an existing row for the same persona and period
          </label>
        </div>
        <p id={`${id}-replace-hint`} className="ml-6 text-xs text-slate-600">
          Without it, a second row for the same period is refused; the audit log keeps the replaced one.
        </p>
        <div id={`${id}-replace-error`} aria-live="polite" className="ml-6 text-sm text-status-red">
          {form.errors("replace")?.map((m) => (
            <p key={m} className="mt-1 flex gap-1">
              <span aria-hidden="true">⚠</span>
              <span>{m}</span>
            </p>
          ))}
        </div>
      </div>
      <SubmitButton pending={form.pending} pendingLabel="Saving…">Save target</SubmitButton>
    </form>
  );
}
