"use client";

import { ActionMessage } from "@/components/forms/action-message";
import { FieldError, fieldIds, SelectField, TextAreaField, TextField } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import {
  DURATION_UNITS,
  EVIDENCE_MAX,
  JUSTIFICATION_MAX,
  KPI_CODE_MAX,
  KPI_DESCRIPTION_MAX,
  KPI_NAME_MAX,
  KPI_RATIONALE_MAX,
  KPI_SOURCE_MAX,
  KPI_TRANSFORMATION_MAX,
  REVIEW_COMMENT_MAX,
} from "@/lib/validation/kpis";

// The KPI editors: propose a KPI, edit its definition, retire / re-activate it, and review a
// proposal. Each posts to a server action that runs the command; errors sit beside their field.

export interface KpiFormOptionsView {
  perspectives: { id: string; label: string }[];
  objectives: { id: string; label: string; perspectiveId: string }[];
  owners: { id: string; label: string }[];
  departments: { id: string; label: string }[];
  personas: { id: string; label: string }[];
}

export type KpiFieldValues = Partial<Record<
  | "code" | "name" | "description" | "perspectiveId" | "objectiveId" | "timing" | "measureType" | "scaleMin" | "scaleMax" | "unit"
  | "currencyCode" | "durationUnit" | "direction" | "frequency" | "weight" | "ownerId" | "departmentId" | "sourceSystem" | "transformation",
  string
>>;

const NONE = { value: "", label: "None" };

function DefinitionFields({ form, formId, options, initial }: { form: ReturnType<typeof useActionForm<undefined>>; formId: string; options: KpiFormOptionsView; initial: KpiFieldValues }) {
  const v = (name: keyof KpiFieldValues, fallback = "") => form.value(name, initial[name] ?? fallback);
  return (
    <>
      <fieldset className="space-y-4">
        <legend className="text-sm font-semibold text-slate-900">What it measures</legend>
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField formId={formId} name="code" label="Code" required maxLength={KPI_CODE_MAX} hint="Capital letters, digits, hyphens." defaultValue={v("code")} errors={form.errors("code")} />
          <div className="sm:col-span-2">
            <TextField formId={formId} name="name" label="Name" required maxLength={KPI_NAME_MAX} defaultValue={v("name")} errors={form.errors("name")} />
          </div>
        </div>
        <TextAreaField formId={formId} name="description" label="Description" maxLength={KPI_DESCRIPTION_MAX} defaultValue={v("description")} errors={form.errors("description")} />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField formId={formId} name="perspectiveId" label="Perspective" required options={options.perspectives.map((p) => ({ value: p.id, label: p.label }))} defaultValue={v("perspectiveId", options.perspectives[0]?.id)} errors={form.errors("perspectiveId")} />
          <SelectField
            formId={formId}
            name="objectiveId"
            label="Objective"
            hint="It must belong to the chosen perspective."
            options={[NONE, ...options.objectives.map((o) => ({ value: o.id, label: o.label }))]}
            defaultValue={v("objectiveId")}
            errors={form.errors("objectiveId")}
          />
        </div>
      </fieldset>
      <fieldset className="space-y-4">
        <legend className="text-sm font-semibold text-slate-900">How it is measured</legend>
        <div className="grid gap-4 sm:grid-cols-3">
          <SelectField formId={formId} name="timing" label="Leading or lagging" options={[{ value: "LEADING", label: "Leading" }, { value: "LAGGING", label: "Lagging" }]} defaultValue={v("timing", "LAGGING")} errors={form.errors("timing")} />
          <SelectField formId={formId} name="measureType" label="Kind" options={[{ value: "QUANTITATIVE", label: "Quantitative" }, { value: "QUALITATIVE", label: "Qualitative (a score on a scale)" }]} defaultValue={v("measureType", "QUANTITATIVE")} errors={form.errors("measureType")} />
          <SelectField
            formId={formId}
            name="direction"
            label="Direction"
            options={[
              { value: "HIGHER_IS_BETTER", label: "Higher is better" },
              { value: "LOWER_IS_BETTER", label: "Lower is better" },
              { value: "TARGET_RANGE", label: "On target within a range" },
            ]}
            defaultValue={v("direction", "HIGHER_IS_BETTER")}
            errors={form.errors("direction")}
          />
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField formId={formId} name="scaleMin" label="Scale minimum" hint="Qualitative only, such as 1 (or -100 for NPS)." defaultValue={v("scaleMin")} errors={form.errors("scaleMin")} />
          <TextField formId={formId} name="scaleMax" label="Scale maximum" hint="Qualitative only, such as 5 (or 100 for NPS)." defaultValue={v("scaleMax")} errors={form.errors("scaleMax")} />
        </div>
        <div className="grid gap-4 sm:grid-cols-3">
          <SelectField
            formId={formId}
            name="unit"
            label="Unit"
            options={[
              { value: "PERCENT", label: "Percent" },
              { value: "RATIO", label: "Ratio" },
              { value: "COUNT", label: "Count" },
              { value: "CURRENCY", label: "Currency" },
              { value: "DURATION", label: "Duration" },
              { value: "SCORE", label: "Score" },
            ]}
            defaultValue={v("unit", "PERCENT")}
            errors={form.errors("unit")}
          />
          <TextField formId={formId} name="currencyCode" label="Currency code" hint="Currency only: ISO 4217, such as EUR." defaultValue={v("currencyCode")} errors={form.errors("currencyCode")} />
          <SelectField
            formId={formId}
            name="durationUnit"
            label="Duration unit"
            hint="Duration only."
            options={[NONE, ...DURATION_UNITS.map((u) => ({ value: u, label: u }))]}
            defaultValue={v("durationUnit")}
            errors={form.errors("durationUnit")}
          />
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField formId={formId} name="frequency" label="Frequency" options={[{ value: "MONTHLY", label: "Monthly" }, { value: "QUARTERLY", label: "Quarterly" }]} defaultValue={v("frequency", "MONTHLY")} errors={form.errors("frequency")} />
          <TextField formId={formId} name="weight" label="Weight" required hint="Its weight within its perspective, more than 0." defaultValue={v("weight", "1")} errors={form.errors("weight")} />
        </div>
      </fieldset>
      <fieldset className="space-y-4">
        <legend className="text-sm font-semibold text-slate-900">Who answers for it, and where the number comes from</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField formId={formId} name="ownerId" label="Owner" hint="An active user: they answer for it (KPI owners and administrators enter values)." options={[NONE, ...options.owners.map((o) => ({ value: o.id, label: o.label }))]} defaultValue={v("ownerId")} errors={form.errors("ownerId")} />
          <SelectField formId={formId} name="departmentId" label="Department" options={[NONE, ...options.departments.map((d) => ({ value: d.id, label: d.label }))]} defaultValue={v("departmentId")} errors={form.errors("departmentId")} />
        </div>
        <TextField formId={formId} name="sourceSystem" label="Source system" maxLength={KPI_SOURCE_MAX} defaultValue={v("sourceSystem")} errors={form.errors("sourceSystem")} />
        <TextAreaField formId={formId} name="transformation" label="Transformation" hint="How the number is derived from the source." maxLength={KPI_TRANSFORMATION_MAX} defaultValue={v("transformation")} errors={form.errors("transformation")} />
      </fieldset>
    </>
  );
}

export function ProposeKpiForm({ action, options }: { action: FormAction<undefined>; options: KpiFormOptionsView }) {
  const form = useActionForm(action);
  const formId = "propose-kpi";
  const chosen = new Set(form.value("personaIds").split(",").filter(Boolean));
  const personaIds = fieldIds("personaIds", formId);
  const personaErrors = form.errors("personaIds");
  return (
    <form key={form.formKey} id={form.formId} action={form.formAction} noValidate className="space-y-6" aria-label="Propose a KPI">
      <DefinitionFields form={form} formId={formId} options={options} initial={{}} />
      <fieldset className="space-y-4">
        <legend className="text-sm font-semibold text-slate-900">The case for it</legend>
        <p className="text-xs text-slate-600">A proposal names its objective (above), the personas it is about and the evidence. Another analyst or an administrator reviews it.</p>
        <fieldset aria-describedby={personaErrors?.length ? personaIds.error : undefined}>
          <legend className="text-sm font-medium text-slate-800">Personas <span className="text-slate-500">(required, at least one)</span></legend>
          <ul className="mt-1 grid gap-1 sm:grid-cols-2">
            {options.personas.map((p) => (
              <li key={p.id}>
                <label className="flex items-center gap-2 text-sm">
                  <input type="checkbox" name="personaIds" value={p.id} defaultChecked={chosen.has(p.id)} className="h-4 w-4" />
                  {p.label}
                </label>
              </li>
            ))}
          </ul>
          <FieldError id={personaIds.error} errors={personaErrors} />
        </fieldset>
        <TextAreaField formId={formId} name="justification" label="Justification" required maxLength={JUSTIFICATION_MAX} hint="Why this KPI, for these personas: what it would show that the scorecard cannot today (at least 20 characters)." defaultValue={form.value("justification")} errors={form.errors("justification")} />
        <TextAreaField formId={formId} name="evidence" label="Evidence" required maxLength={EVIDENCE_MAX} hint="A link to the analysis, or the finding in a few words." defaultValue={form.value("evidence")} errors={form.errors("evidence")} />
      </fieldset>
      <ActionMessage state={form.state} id={form.messageId} />
      <SubmitButton pendingLabel="Proposing…" pending={form.pending}>
        Propose KPI
      </SubmitButton>
    </form>
  );
}

export function EditKpiForm({ action, options, values }: { action: FormAction<undefined>; options: KpiFormOptionsView; values: KpiFieldValues & { id: string; version: number } }) {
  const form = useActionForm(action);
  return (
    <form key={`${form.formKey}-${values.version}`} id={form.formId} action={form.formAction} noValidate className="space-y-6" aria-label="Edit the KPI">
      <input type="hidden" name="kpiId" value={values.id} />
      <input type="hidden" name="version" value={values.version} />
      <input type="hidden" name="currentCode" value={values.code} />
      <DefinitionFields form={form} formId="edit-kpi" options={options} initial={values} />
      <ActionMessage state={form.state} id={form.messageId} />
      <SubmitButton pendingLabel="Saving…" pending={form.pending}>
        Save changes
      </SubmitButton>
    </form>
  );
}

export function KpiStatusForm({ action, kpiId, version, status, currentMonth }: { action: FormAction<undefined>; kpiId: string; version: number; status: "ACTIVE" | "RETIRED"; currentMonth: string }) {
  const form = useActionForm(action);
  const retire = status === "ACTIVE";
  return (
    <form key={`${form.formKey}-${version}`} id={form.formId} action={form.formAction} noValidate className="space-y-3" aria-label={retire ? "Retire the KPI" : "Re-activate the KPI"}>
      <input type="hidden" name="kpiId" value={kpiId} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="toStatus" value={retire ? "RETIRED" : "ACTIVE"} />
      <p className="text-sm text-slate-700">
        {retire
          ? "Retiring keeps its values, targets and history. It still counts in the month it was retired in (its quarter for a quarterly KPI) and stops counting from the next period."
          : "Re-activating makes it count again in every period; the months it was retired show no data unless values are entered for them."}
      </p>
      {retire ? (
        <TextField formId="kpi-status" name="retiredIn" label="Retired in (month)" hint="YYYY-MM, at the latest the current month. The last period it counts." defaultValue={form.value("retiredIn", currentMonth)} errors={form.errors("retiredIn")} />
      ) : null}
      <TextAreaField formId="kpi-status" name="rationale" label="Rationale" required maxLength={KPI_RATIONALE_MAX} hint="Required: why, in a sentence or two (at least 10 characters). Kept in the audit log." defaultValue={form.value("rationale")} errors={form.errors("rationale") ?? form.errors("toStatus")} />
      <ActionMessage state={form.state} id={form.messageId} />
      <SubmitButton pendingLabel="Saving…" pending={form.pending} tone={retire ? "danger" : "primary"}>
        {retire ? "Retire KPI" : "Re-activate KPI"}
      </SubmitButton>
    </form>
  );
}

export function ReviewProposalForm({ action, kpiId, version }: { action: FormAction<undefined>; kpiId: string; version: number }) {
  const form = useActionForm(action);
  const decision = form.value("decision", "APPROVE");
  return (
    <form key={`${form.formKey}-${version}`} id={form.formId} action={form.formAction} noValidate className="space-y-3" aria-label="Review the proposal">
      <input type="hidden" name="kpiId" value={kpiId} />
      <input type="hidden" name="version" value={version} />
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Decision</legend>
        <div className="mt-1 flex flex-wrap gap-4 text-sm">
          <label className="flex items-center gap-2">
            <input type="radio" name="decision" value="APPROVE" defaultChecked={decision === "APPROVE"} className="h-4 w-4" />
            Approve (it becomes active and is scored)
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="decision" value="REJECT" defaultChecked={decision === "REJECT"} className="h-4 w-4" />
            Reject (kept as a record, never scored)
          </label>
        </div>
        <FieldError id="review-decision-error" errors={form.errors("decision")} />
      </fieldset>
      <TextAreaField formId="review" name="comment" label="Comment" required maxLength={REVIEW_COMMENT_MAX} hint="Required: what you weighed (at least 10 characters). The proposer sees it." defaultValue={form.value("comment")} errors={form.errors("comment")} />
      <ActionMessage state={form.state} id={form.messageId} />
      <SubmitButton pendingLabel="Saving…" pending={form.pending}>
        Record decision
      </SubmitButton>
    </form>
  );
}
