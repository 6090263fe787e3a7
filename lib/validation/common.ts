import { z } from "zod";
import type { FieldErrors } from "@/lib/errors";

// Building blocks shared by every input schema. Messages are plain language and name no
// internals: forms show them beside the field.

const emptyToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const emptyToNull = (value: unknown) => (value === undefined || (typeof value === "string" && value.trim() === "") ? null : value);

// Postgres text cannot hold a NUL byte, and other control characters in a name are invisible
// mischief (a pasted terminal escape, a spreadsheet artefact). Single-line fields refuse every
// C0 control and DEL; multi-line fields keep tab and line breaks.
const SINGLE_LINE_CONTROL = /[\u0000-\u001F\u007F]/;
const MULTI_LINE_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const controlMessage = (label: string) => `${label} contains an invisible control character; remove it and try again.`;

/** Required single-line text, trimmed. */
export function requiredText(label: string, max: number) {
  return z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} can be at most ${max} characters.`)
    .refine((value) => !SINGLE_LINE_CONTROL.test(value), controlMessage(label));
}

/** Optional text, possibly several lines: blank becomes null. */
export function optionalText(label: string, max: number) {
  return z.preprocess(
    emptyToNull,
    z
      .string({ error: `${label} must be text.` })
      .trim()
      .max(max, `${label} can be at most ${max} characters.`)
      .refine((value) => !MULTI_LINE_CONTROL.test(value), controlMessage(label))
      .nullable(),
  );
}

export const emailSchema = z
  .string({ error: "Email is required." })
  .trim()
  .toLowerCase()
  .min(1, "Email is required.")
  .max(320, "Email can be at most 320 characters.")
  .pipe(z.email("Enter an email address such as name@example.com."));

/** The id of a row (cuid), as sent by a form or an API client. */
export function idSchema(label = "Id") {
  return z
    .string({ error: `${label} is required.` })
    .trim()
    // abort: a blank id is only "required", not also "not valid" (one message per field).
    .min(1, { error: `${label} is required.`, abort: true })
    .max(64, `${label} is not valid.`)
    .regex(/^[A-Za-z0-9_-]+$/, `${label} is not valid.`);
}

/** An optional reference: blank ("none" in a select) becomes null. */
export function optionalIdSchema(label = "Id") {
  return z.preprocess(emptyToNull, idSchema(label).nullable());
}

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

/** A password someone chooses. Long rather than complicated (NIST SP 800-63B). */
export const newPasswordSchema = z
  .string({ error: "Enter a new password." })
  .min(PASSWORD_MIN, { error: `Use at least ${PASSWORD_MIN} characters.`, abort: true })
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`)
  .refine((value) => value.trim().length >= PASSWORD_MIN, "Use at least 12 characters that are not spaces.");

/** A page number from a query string; anything odd is page 1. */
export const pageSchema = z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(100_000).catch(1).default(1));

/** "2026-03-01" (a calendar date, read as UTC). */
export const isoDateSchema = z.iso.date("Enter a date as YYYY-MM-DD.");

/** Field errors keyed by dotted path ("" for errors about the whole input). */
export function fieldErrorsFrom(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".");
    const list = (out[key] ??= []);
    if (!list.includes(issue.message)) list.push(issue.message);
  }
  return out;
}

/** FormData -> plain object: repeated names become arrays, files are dropped. */
export function formDataToObject(formData: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string" || key.startsWith("$ACTION")) continue;
    const existing = out[key];
    if (existing === undefined) out[key] = value;
    else out[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}

/** The version of the row an edit screen showed (optimistic concurrency: the command refuses an edit of a newer version). */
export const editedVersionSchema = z.preprocess(
  (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim())) : v),
  z.number({ error: "Version is required." }).int("Version is not valid.").min(1, "Version is not valid.").max(2_000_000_000, "Version is not valid."),
);
