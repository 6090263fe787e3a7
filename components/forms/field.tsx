import type { ReactNode } from "react";

// Labelled form controls whose errors sit beside them: the control points at its hint and
// error with aria-describedby and says aria-invalid; the error has an icon and words, not only red.

export function fieldIds(name: string, formId = "f") {
  const base = `${formId}-${name}`;
  return { input: base, hint: `${base}-hint`, error: `${base}-error` };
}

function describedBy(ids: ReturnType<typeof fieldIds>, hint: boolean, errors: readonly string[] | undefined) {
  const list = [hint ? ids.hint : null, errors?.length ? ids.error : null].filter(Boolean);
  return list.length ? list.join(" ") : undefined;
}

export function FieldError({ id, errors }: { id: string; errors?: readonly string[] }) {
  // Always rendered, so assistive technology announces the errors when they appear.
  return (
    <div id={id} aria-live="polite" className="text-sm text-status-red">
      {errors?.map((message) => (
        <p key={message} className="mt-1 flex gap-1">
          <span aria-hidden="true">⚠</span>
          <span>{message}</span>
        </p>
      ))}
    </div>
  );
}

const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 focus:border-brand-600 aria-[invalid=true]:border-status-red";

interface BaseProps {
  name: string;
  label: string;
  formId?: string;
  hint?: ReactNode;
  errors?: readonly string[];
}

export function TextField({
  name,
  label,
  formId,
  hint,
  errors,
  type = "text",
  defaultValue,
  required,
  autoComplete,
  maxLength,
  inputMode,
}: BaseProps & {
  type?: "text" | "email" | "password" | "date";
  defaultValue?: string;
  required?: boolean;
  autoComplete?: string;
  maxLength?: number;
  inputMode?: "text" | "email";
}) {
  const ids = fieldIds(name, formId);
  return (
    <div>
      <label htmlFor={ids.input} className="block text-sm font-medium text-slate-800">
        {label}
        {/* The required attribute tells assistive technology; the words are for the eye. */}
        {required ? <span aria-hidden="true" className="text-slate-500"> (required)</span> : null}
      </label>
      {hint ? (
        <p id={ids.hint} className="mt-0.5 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      <input
        id={ids.input}
        name={name}
        type={type}
        defaultValue={defaultValue}
        required={required}
        autoComplete={autoComplete}
        maxLength={maxLength}
        inputMode={inputMode}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(ids, Boolean(hint), errors)}
        className={inputClass}
      />
      <FieldError id={ids.error} errors={errors} />
    </div>
  );
}

export function TextAreaField({ name, label, formId, hint, errors, defaultValue, maxLength }: BaseProps & { defaultValue?: string; maxLength?: number }) {
  const ids = fieldIds(name, formId);
  return (
    <div>
      <label htmlFor={ids.input} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {hint ? (
        <p id={ids.hint} className="mt-0.5 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      <textarea
        id={ids.input}
        name={name}
        rows={3}
        defaultValue={defaultValue}
        maxLength={maxLength}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(ids, Boolean(hint), errors)}
        className={inputClass}
      />
      <FieldError id={ids.error} errors={errors} />
    </div>
  );
}

export function SelectField({
  name,
  label,
  formId,
  hint,
  errors,
  options,
  defaultValue,
  required,
}: BaseProps & { options: readonly { value: string; label: string }[]; defaultValue?: string; required?: boolean }) {
  const ids = fieldIds(name, formId);
  return (
    <div>
      <label htmlFor={ids.input} className="block text-sm font-medium text-slate-800">
        {label}
        {/* The required attribute tells assistive technology; the words are for the eye. */}
        {required ? <span aria-hidden="true" className="text-slate-500"> (required)</span> : null}
      </label>
      {hint ? (
        <p id={ids.hint} className="mt-0.5 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      <select
        id={ids.input}
        name={name}
        defaultValue={defaultValue}
        required={required}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(ids, Boolean(hint), errors)}
        className={inputClass}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldError id={ids.error} errors={errors} />
    </div>
  );
}
