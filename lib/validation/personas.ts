import { z } from "zod";
import { idSchema, requiredText } from "./common";

// Personas and their weights (issue 11, first slice): the inputs of create/update, the lifecycle
// step, the periodic review and a weights recalibration. One schema per input, shared by the
// forms, the commands and (later) the REST API.

export const PERSONA_STATUSES = ["DRAFT", "ACTIVE", "SUNSET"] as const;
export type PersonaStatusValue = (typeof PERSONA_STATUSES)[number];

export const ATTRIBUTE_KINDS = ["DEMOGRAPHIC", "GEOGRAPHIC", "PSYCHOGRAPHIC", "BEHAVIOURAL"] as const;
export type AttributeKindValue = (typeof ATTRIBUTE_KINDS)[number];

export const REVIEW_OUTCOMES = ["STILL_VALID", "NEEDS_RESEGMENTATION"] as const;
export type ReviewOutcomeValue = (typeof REVIEW_OUTCOMES)[number];

/** The lifecycle: which status may follow which. */
export const PERSONA_TRANSITIONS: Record<PersonaStatusValue, readonly PersonaStatusValue[]> = {
  DRAFT: ["ACTIVE"],
  ACTIVE: ["SUNSET"],
  SUNSET: ["ACTIVE"],
};

export function isAllowedTransition(from: PersonaStatusValue, to: PersonaStatusValue): boolean {
  return PERSONA_TRANSITIONS[from].includes(to);
}

export const PERSONA_NAME_MAX = 120;
export const PERSONA_SLUG_MAX = 60;
export const PERSONA_DESCRIPTION_MAX = 2000;
export const ATTRIBUTE_LABEL_MAX = 60;
export const ATTRIBUTE_VALUE_MAX = 200;
export const ATTRIBUTES_PER_KIND_MAX = 20;
export const PAIN_POINT_MAX = 200;
export const PAIN_POINTS_MAX = 20;
export const RATIONALE_MAX = 1000;
export const RATIONALE_MIN = 10;
export const REVIEW_NOTE_MAX = 500;
export const WEIGHT_REASON_MAX = 500;
export const WEIGHT_MAX = 1_000_000;

const MULTI_LINE_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Required text that may span lines (tab and line breaks allowed, other controls refused). */
function requiredLongText(label: string, max: number, min = 1) {
  return z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, { error: `${label} is required.`, abort: true })
    .min(min, `${label} needs at least ${min} characters: say why.`)
    .max(max, `${label} can be at most ${max} characters.`)
    .refine((value) => !MULTI_LINE_CONTROL.test(value), `${label} contains an invisible control character; remove it and try again.`);
}

export const personaSlugSchema = z
  .string({ error: "Slug is required." })
  .trim()
  .toLowerCase()
  .min(1, { error: "Slug is required.", abort: true })
  .max(PERSONA_SLUG_MAX, `Slug can be at most ${PERSONA_SLUG_MAX} characters.`)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lower-case letters, digits and single hyphens, such as “smb-owner”.");

/** A whole number from a form field or JSON. */
function intField(label: string, min: number, max: number) {
  return z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim())) : v),
    z
      .number({ error: `${label} is required.` })
      .int(`${label} must be a whole number.`)
      .min(min, `${label} must be between ${min} and ${max}.`)
      .max(max, `${label} must be between ${min} and ${max}.`),
  );
}

/** Revenue influence in percent (0-100, at most 2 decimals); blank means unknown. Stored as a fraction. */
export const revenueInfluenceSchema = z.preprocess(
  (v) => (v === undefined || v === null || (typeof v === "string" && v.trim() === "") ? null : typeof v === "string" ? Number(v.trim()) : v),
  z
    .number({ error: "Revenue influence must be a number of percent, such as 35." })
    .finite("Revenue influence must be a number of percent, such as 35.")
    .min(0, "Revenue influence must be between 0 and 100 percent.")
    .max(100, "Revenue influence must be between 0 and 100 percent.")
    .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, "Revenue influence can have at most 2 decimals.")
    .nullable(),
);

export const attributeSchema = z.object({
  kind: z.enum(ATTRIBUTE_KINDS, { error: "Choose a kind: demographic, geographic, psychographic or behavioural." }),
  label: requiredText("Attribute label", ATTRIBUTE_LABEL_MAX),
  value: requiredText("Attribute value", ATTRIBUTE_VALUE_MAX),
});

export const personaFieldsSchema = z.object({
  name: requiredText("Name", PERSONA_NAME_MAX),
  slug: personaSlugSchema,
  description: requiredLongText("Description", PERSONA_DESCRIPTION_MAX),
  priority: intField("Priority", 1, 5),
  revenueInfluence: revenueInfluenceSchema,
  reviewCadenceMonths: intField("Review cadence", 1, 24),
});

export const createPersonaSchema = personaFieldsSchema;

export const updatePersonaSchema = personaFieldsSchema
  .extend({
    personaId: idSchema("Persona"),
    version: intField("Version", 1, 2_000_000_000),
    attributes: z.array(attributeSchema, { error: "Attributes must be a list." }).max(ATTRIBUTES_PER_KIND_MAX * ATTRIBUTE_KINDS.length, "Too many attributes."),
    painPoints: z
      .array(requiredText("Pain point", PAIN_POINT_MAX), { error: "Pain points must be a list." })
      .max(PAIN_POINTS_MAX, `At most ${PAIN_POINTS_MAX} pain points.`),
  })
  .superRefine((input, ctx) => {
    const seen = new Set<string>();
    input.attributes.forEach((a, i) => {
      const key = `${a.kind}|${a.label.toLowerCase()}`;
      if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["attributes", i, "label"], message: `The attribute “${a.label}” appears twice.` });
      seen.add(key);
    });
    const painPoints = new Set<string>();
    input.painPoints.forEach((text, i) => {
      if (painPoints.has(text.toLowerCase())) ctx.addIssue({ code: "custom", path: ["painPoints", i], message: `The pain point “${text}” appears twice.` });
      painPoints.add(text.toLowerCase());
    });
    for (const kind of ATTRIBUTE_KINDS) {
      if (input.attributes.filter((a) => a.kind === kind).length > ATTRIBUTES_PER_KIND_MAX) {
        ctx.addIssue({ code: "custom", path: ["attributes"], message: `At most ${ATTRIBUTES_PER_KIND_MAX} attributes of one kind.` });
      }
    }
  });

export const changePersonaStatusSchema = z.object({
  personaId: idSchema("Persona"),
  version: intField("Version", 1, 2_000_000_000),
  toStatus: z.enum(PERSONA_STATUSES, { error: "Choose a status: draft, active or sunset." }),
  rationale: requiredLongText("Rationale", RATIONALE_MAX, RATIONALE_MIN),
});

export const reviewPersonaSchema = z.object({
  personaId: idSchema("Persona"),
  version: intField("Version", 1, 2_000_000_000),
  outcome: z.enum(REVIEW_OUTCOMES, { error: "Choose an outcome: still valid, or needs re-segmentation." }),
  note: requiredLongText("Note", REVIEW_NOTE_MAX),
});

/** "YYYY-MM" (a form's month input) or "YYYY-MM-01" -> "YYYY-MM-01". */
export const effectiveMonthSchema = z
  .string({ error: "Effective month is required." })
  .trim()
  .min(1, { error: "Effective month is required.", abort: true })
  .regex(/^\d{4}-(0[1-9]|1[0-2])(-01)?$/, "Enter a month as YYYY-MM.")
  .transform((v) => (v.length === 7 ? `${v}-01` : v))
  .refine((v) => v >= "2000-01-01" && v <= "2999-12-01", "Enter a month between 2000 and 2999.");

/** One persona weight: a non-negative number with at most 4 decimals. */
export const weightSchema = z.preprocess(
  (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim())) : v),
  z
    .number({ error: "Enter a weight (0 or more)." })
    .finite("Enter a weight (0 or more).")
    .min(0, "A weight cannot be negative.")
    .max(WEIGHT_MAX, `A weight can be at most ${WEIGHT_MAX.toLocaleString("en")}.`)
    .refine((n) => Math.abs(Math.round(n * 10_000) - n * 10_000) < 1e-6, "A weight can have at most 4 decimals."),
);

const weightsMapSchema = z
  .record(idSchema("Persona"), weightSchema, { error: "Weights must map personas to numbers." })
  .refine((w) => Object.keys(w).length > 0, "Give a weight to at least one persona.")
  .refine((w) => Object.keys(w).length <= 500, "Too many personas.")
  .refine((w) => Object.values(w).some((n) => n > 0), "At least one weight must be more than 0.");

/** The weights of a proposed recalibration (preview and commit share it). */
export const proposedWeightsSchema = z.object({
  scorecardId: idSchema("Scorecard"),
  effectiveFrom: effectiveMonthSchema,
  weights: weightsMapSchema,
});

export const recalibrateWeightsSchema = proposedWeightsSchema.extend({
  reason: requiredLongText("Reason", WEIGHT_REASON_MAX),
});

export type CreatePersonaInput = z.input<typeof createPersonaSchema>;
export type UpdatePersonaInput = z.input<typeof updatePersonaSchema>;
export type RecalibrateWeightsInput = z.input<typeof recalibrateWeightsSchema>;

/** Adds whole months to a calendar date (UTC), keeping the day or the month's last day. */
export function addMonthsToDate(date: Date, months: number): Date {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + months;
  const target = new Date(Date.UTC(y, m, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return target;
}

/** Today as a UTC calendar date (00:00). */
export function todayUtcDate(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/**
 * A form's attribute textarea ("Label: value" per line) -> attributes of that kind. Lines
 * without a colon are returned as errors (1-based line numbers) so the form can name them.
 */
export function parseAttributeLines(kind: AttributeKindValue, text: string): { attributes: z.input<typeof attributeSchema>[]; badLines: number[] } {
  const attributes: z.input<typeof attributeSchema>[] = [];
  const badLines: number[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "") return;
    const at = line.indexOf(":");
    if (at <= 0) badLines.push(i + 1);
    else attributes.push({ kind, label: line.slice(0, at).trim(), value: line.slice(at + 1).trim() });
  });
  return { attributes, badLines };
}

/** A textarea with one item per line -> the non-blank lines, trimmed. */
export function parseLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");
}
