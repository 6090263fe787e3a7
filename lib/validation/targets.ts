import { z } from "zod";
import { idSchema, optionalIdSchema } from "./common";

// Targets and thresholds per KPI (issue 11): the KPI default (no persona) and each persona's
// override, from an effective period on. One schema shared by the form, the command and the API.
// The ordering rules of the thresholds depend on the KPI's direction, which only the database
// knows: the command checks them with lib/scoring's validateThresholds and names the field.

export const TARGET_RATIONALE_MIN = 10;
export const TARGET_RATIONALE_MAX = 1000;
/** Largest magnitude a threshold may have (the column is numeric(20, 6)). */
export const THRESHOLD_MAX_ABS = 1e13;

const MULTI_LINE_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

function toNumber(v: unknown): unknown {
  if (typeof v !== "string") return v;
  const text = v.trim().replace(/,/g, "");
  return text === "" ? undefined : Number(text);
}

function numberSchema(label: string) {
  return z
    .number({ error: `${label} must be a number, such as 42 or 0.85.` })
    .finite(`${label} must be a number, such as 42 or 0.85.`)
    .min(-THRESHOLD_MAX_ABS, `${label} is too large.`)
    .max(THRESHOLD_MAX_ABS, `${label} is too large.`)
    // Stored with 6 decimals (numeric(20, 6)): rounded here, so the rules are checked on what is stored.
    .transform((n) => Number(n.toFixed(6)));
}

/** A required threshold from a form field or JSON. */
function requiredNumber(label: string) {
  return z.preprocess(toNumber, numberSchema(label));
}

/** An optional number: blank or absent becomes null. */
function optionalNumber(label: string) {
  return z.preprocess((v) => (blank(v) ? null : toNumber(v)), numberSchema(label).nullable());
}

/** "YYYY-MM" or "YYYY-MM-01" -> "YYYY-MM-01"; whether it starts a period of the KPI is the command's check. */
export const effectivePeriodSchema = z
  .string({ error: "Effective period is required." })
  .trim()
  .min(1, { error: "Effective period is required.", abort: true })
  .regex(/^\d{4}-(0[1-9]|1[0-2])(-01)?$/, "Enter the first month of the period as YYYY-MM.")
  .transform((v) => (v.length === 7 ? `${v}-01` : v))
  .refine((v) => v >= "2000-01-01" && v <= "2999-12-01", "Enter a month between 2000 and 2999.");

const booleanField = z.preprocess((v) => v === true || v === "true" || v === "on" || v === "1", z.boolean());

export const setKpiTargetSchema = z.object({
  kpiId: idSchema("KPI"),
  /** Blank or absent: the KPI default, which applies to every persona without its own row. */
  personaId: optionalIdSchema("Persona").optional().transform((v) => v ?? null),
  effectiveFrom: effectivePeriodSchema,
  baseline: optionalNumber("Baseline"),
  target: requiredNumber("Target"),
  green: requiredNumber("Green threshold"),
  red: requiredNumber("Red threshold"),
  greenHigh: optionalNumber("Upper green threshold"),
  redHigh: optionalNumber("Upper red threshold"),
  rationale: z
    .string({ error: "Rationale is required: say why this target." })
    .trim()
    .min(1, { error: "Rationale is required: say why this target.", abort: true })
    .min(TARGET_RATIONALE_MIN, `Rationale needs at least ${TARGET_RATIONALE_MIN} characters: say why this target.`)
    .max(TARGET_RATIONALE_MAX, `Rationale can be at most ${TARGET_RATIONALE_MAX} characters.`)
    .refine((v) => !MULTI_LINE_CONTROL.test(v), "Rationale contains an invisible control character; remove it and try again."),
  /** A row already exists for this KPI, persona and period: replace it (true) or refuse (false, the default). */
  replace: booleanField.optional().transform((v) => v ?? false),
});

export type SetKpiTargetInput = z.input<typeof setKpiTargetSchema>;
