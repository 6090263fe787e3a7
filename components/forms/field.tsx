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

/**
 * The frame every control shares: label (with "required" for the eye), optional hint, the
 * control itself, and the error region. `control` receives the attributes that tie them together.
 * `hintBelow` puts the hint under the control: in a row of fields where only some have a hint,
 * the controls then stay level. `hidden` hides the whole field (it is still sent with the form).
 */
export function FieldFrame({
  name,
  label,
  formId,
  hint,
  hintBelow,
  errors,
  required,
  hidden,
  control,
}: BaseProps & {
  required?: boolean;
  hidden?: boolean;
  control: (a11y: { id: string; name: string; className: string; "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode;
}) {
  const ids = fieldIds(name, formId);
  return (
    <div hidden={hidden}>
      <div className="flex items-baseline gap-1">
        <label htmlFor={ids.input} className="text-sm font-medium text-slate-800">
          {label}
        </label>
        {/* The required attribute tells assistive technology; the words are for the eye (outside the label, so its name stays the label). */}
        {required ? <span aria-hidden="true" className="text-sm text-slate-500">(required)</span> : null}
      </div>
      {hint && !hintBelow ? (
        <p id={ids.hint} className="mt-0.5 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {control({
        id: ids.input,
        name,
        className: inputClass,
        "aria-invalid": errors?.length ? true : undefined,
        "aria-describedby": describedBy(ids, Boolean(hint), errors),
      })}
      {hint && hintBelow ? (
        <p id={ids.hint} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      <FieldError id={ids.error} errors={errors} />
    </div>
  );
}

interface BaseProps {
  name: string;
  label: string;
  formId?: string;
  hint?: ReactNode;
  /** The hint under the control instead of above it. */
  hintBelow?: boolean;
  errors?: readonly string[];
}

export function TextField({
  type = "text",
  defaultValue,
  required,
  autoComplete,
  maxLength,
  inputMode,
  ...frame
}: BaseProps & {
  type?: "text" | "email" | "password" | "date";
  defaultValue?: string;
  required?: boolean;
  autoComplete?: string;
  maxLength?: number;
  inputMode?: "text" | "email";
}) {
  return (
    <FieldFrame
      {...frame}
      required={required}
      control={(a11y) => (
        <input
          {...a11y}
          type={type}
          defaultValue={defaultValue}
          required={required}
          autoComplete={autoComplete}
          maxLength={maxLength}
          inputMode={inputMode}
        />
      )}
    />
  );
}

export function TextAreaField({ defaultValue, maxLength, required, ...frame }: BaseProps & { defaultValue?: string; maxLength?: number; required?: boolean }) {
  return (
    <FieldFrame {...frame} required={required} control={(a11y) => <textarea {...a11y} rows={3} defaultValue={defaultValue} maxLength={maxLength} required={required} />} />
  );
}

export function SelectField({
  options,
  defaultValue,
  required,
  ...frame
}: BaseProps & { options: readonly { value: string; label: string }[]; defaultValue?: string; required?: boolean }) {
  return (
    <FieldFrame
      {...frame}
      required={required}
      control={(a11y) => (
        <select {...a11y} defaultValue={defaultValue} required={required}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}
