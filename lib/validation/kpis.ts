import { z } from "zod";
import { editedVersionSchema, idSchema, optionalIdSchema, optionalText, requiredText } from "./common";

// KPI definitions (issue 11): the editor's fields, a proposal with its evidence, a reviewer's
// decision, and a lifecycle step (retire / re-activate). One schema per input, shared by the
// forms and the commands. Rules that need the database (the objective belongs to the chosen
// perspective, the owner is an active user) are the commands' and name the same fields.

export const KPI_STATUSES = ["PROPOSED", "ACTIVE", "RETIRED", "REJECTED"] as const;
export type KpiStatusValue = (typeof KPI_STATUSES)[number];

export const KPI_TIMINGS = ["LEADING", "LAGGING"] as const;
export const KPI_MEASURE_TYPES = ["QUANTITATIVE", "QUALITATIVE"] as const;
export const KPI_UNITS = ["PERCENT", "RATIO", "COUNT", "CURRENCY", "DURATION", "SCORE"] as const;
export const KPI_DIRECTIONS = ["HIGHER_IS_BETTER", "LOWER_IS_BETTER", "TARGET_RANGE"] as const;
export const KPI_FREQUENCIES = ["MONTHLY", "QUARTERLY"] as const;
export const DURATION_UNITS = ["minutes", "hours", "days", "weeks", "months"] as const;
export const REVIEW_DECISIONS = ["APPROVE", "REJECT"] as const;

export const KPI_CODE_MAX = 40;
export const KPI_NAME_MAX = 120;
export const KPI_DESCRIPTION_MAX = 2000;
export const KPI_SOURCE_MAX = 200;
export const KPI_TRANSFORMATION_MAX = 2000;
export const KPI_WEIGHT_MAX = 1000;
export const JUSTIFICATION_MIN = 20;
export const JUSTIFICATION_MAX = 4000;
export const EVIDENCE_MAX = 2000;
export const KPI_RATIONALE_MIN = 10;
export const KPI_RATIONALE_MAX = 1000;
export const REVIEW_COMMENT_MIN = 10;
export const REVIEW_COMMENT_MAX = 2000;
export const PROPOSAL_PERSONAS_MAX = 50;

const MULTI_LINE_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Required text that may span lines, with a minimum length ("say why"). */
function requiredLongText(label: string, max: number, min = 1) {
  return z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, { error: `${label} is required.`, abort: true })
    .min(min, `${label} needs at least ${min} characters.`)
    .max(max, `${label} can be at most ${max} characters.`)
    .refine((value) => !MULTI_LINE_CONTROL.test(value), `${label} contains an invisible control character; remove it and try again.`);
}

const blankToNull = (v: unknown) => (v === undefined || v === null || (typeof v === "string" && v.trim() === "") ? null : v);

export const kpiCodeSchema = z
  .string({ error: "Code is required." })
  .trim()
  .toUpperCase()
  .min(1, { error: "Code is required.", abort: true })
  .max(KPI_CODE_MAX, `Code can be at most ${KPI_CODE_MAX} characters.`)
  .regex(/^[A-Z0-9]+(?:[-_][A-Z0-9]+)*$/, "Use capital letters, digits and single hyphens, such as “CS-ONBOARD-DAYS”.");

/** An optional decimal (a scale end): blank is null; at most 6 decimals, as the column stores. */
function optionalDecimal(label: string) {
  return z.preprocess(
    (v) => {
      const b = blankToNull(v);
      return typeof b === "string" ? Number(b.trim().replace(",", ".")) : b;
    },
    z
      .number({ error: `${label} must be a number.` })
      .finite(`${label} must be a number.`)
      .min(-1e12, `${label} is too large.`)
      .max(1e12, `${label} is too large.`)
      .refine((n) => Math.abs(Math.round(n * 1e6) - n * 1e6) < 1e-3, `${label} can have at most 6 decimals.`)
      .nullable(),
  );
}

export const kpiWeightSchema = z.preprocess(
  (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim().replace(",", "."))) : v),
  z
    .number({ error: "Weight is required: a number more than 0, such as 1." })
    .finite("Weight must be a number more than 0, such as 1.")
    .gt(0, "Weight must be more than 0 (retire a KPI that should no longer count).")
    .max(KPI_WEIGHT_MAX, `Weight can be at most ${KPI_WEIGHT_MAX}.`)
    .refine((n) => Math.abs(Math.round(n * 10_000) - n * 10_000) < 1e-6, "Weight can have at most 4 decimals."),
);

/** Currencies this runtime knows (ISO 4217), e.g. EUR, USD. */
const CURRENCIES: ReadonlySet<string> = new Set(typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("currency") : []);

export function isIsoCurrency(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && (CURRENCIES.size === 0 || CURRENCIES.has(code));
}

/** Every field of a KPI definition (the editor and a proposal share them). */
const kpiFieldsObject = z.object({
  code: kpiCodeSchema,
  name: requiredText("Name", KPI_NAME_MAX),
  description: optionalText("Description", KPI_DESCRIPTION_MAX),
  perspectiveId: idSchema("Perspective"),
  objectiveId: optionalIdSchema("Objective"),
  timing: z.enum(KPI_TIMINGS, { error: "Choose leading or lagging." }),
  measureType: z.enum(KPI_MEASURE_TYPES, { error: "Choose quantitative or qualitative." }),
  scaleMin: optionalDecimal("Scale minimum"),
  scaleMax: optionalDecimal("Scale maximum"),
  unit: z.enum(KPI_UNITS, { error: "Choose a unit: percent, ratio, count, currency, duration or score." }),
  currencyCode: z.preprocess((v) => (typeof v === "string" ? v.trim().toUpperCase() : v), z.string({ error: "Currency must be text." }).max(3, "Currency is a 3-letter ISO 4217 code, such as EUR.").optional()),
  durationUnit: z.preprocess((v) => (typeof v === "string" ? v.trim().toLowerCase() : v), z.string({ error: "Duration unit must be text." }).max(20, "Choose a duration unit.").optional()),
  direction: z.enum(KPI_DIRECTIONS, { error: "Choose a direction: higher is better, lower is better, or a target range." }),
  frequency: z.enum(KPI_FREQUENCIES, { error: "Choose monthly or quarterly." }),
  weight: kpiWeightSchema,
  ownerId: optionalIdSchema("Owner"),
  departmentId: optionalIdSchema("Department"),
  sourceSystem: optionalText("Source system", KPI_SOURCE_MAX),
  transformation: optionalText("Transformation", KPI_TRANSFORMATION_MAX),
});

type KpiFields = z.output<typeof kpiFieldsObject>;

/** The rules between fields; irrelevant unit details are dropped (stored as null). */
function kpiFieldRules<T extends KpiFields>(input: T, ctx: z.RefinementCtx): void {
  if (input.measureType === "QUALITATIVE") {
    if (input.scaleMin === null) ctx.addIssue({ code: "custom", path: ["scaleMin"], message: "A qualitative KPI needs a scale: enter its minimum, such as 1." });
    if (input.scaleMax === null) ctx.addIssue({ code: "custom", path: ["scaleMax"], message: "A qualitative KPI needs a scale: enter its maximum, such as 5." });
    if (input.scaleMin !== null && input.scaleMax !== null && !(input.scaleMin < input.scaleMax)) {
      ctx.addIssue({ code: "custom", path: ["scaleMax"], message: "Scale maximum must be more than the scale minimum." });
    }
  }
  if (input.unit === "CURRENCY") {
    if (!input.currencyCode) ctx.addIssue({ code: "custom", path: ["currencyCode"], message: "A currency KPI needs its ISO 4217 currency code, such as EUR or USD." });
    else if (!isIsoCurrency(input.currencyCode)) ctx.addIssue({ code: "custom", path: ["currencyCode"], message: `“${input.currencyCode}” is not an ISO 4217 currency code; use one such as EUR or USD.` });
  }
  if (input.unit === "DURATION") {
    if (!input.durationUnit) ctx.addIssue({ code: "custom", path: ["durationUnit"], message: "A duration KPI needs its unit: minutes, hours, days, weeks or months." });
    else if (!(DURATION_UNITS as readonly string[]).includes(input.durationUnit)) {
      ctx.addIssue({ code: "custom", path: ["durationUnit"], message: "Choose a duration unit: minutes, hours, days, weeks or months." });
    }
  }
}

function normalise<T extends KpiFields>(input: T) {
  const qualitative = input.measureType === "QUALITATIVE";
  return {
    ...input,
    scaleMin: qualitative ? input.scaleMin : null,
    scaleMax: qualitative ? input.scaleMax : null,
    currencyCode: input.unit === "CURRENCY" ? (input.currencyCode ?? null) : null,
    durationUnit: input.unit === "DURATION" ? (input.durationUnit ?? null) : null,
  };
}

/** Edits the definition of an existing KPI, naming the version the editor showed. */
export const updateKpiSchema = kpiFieldsObject
  .extend({ kpiId: idSchema("KPI"), version: editedVersionSchema })
  .superRefine(kpiFieldRules)
  .transform(normalise);

const personaIdsSchema = z.preprocess(
  (v) => (v === undefined || v === null || v === "" ? [] : typeof v === "string" ? [v] : v),
  z
    .array(idSchema("Persona"), { error: "Personas must be a list." })
    .min(1, "Name at least one persona the evidence is about.")
    .max(PROPOSAL_PERSONAS_MAX, `At most ${PROPOSAL_PERSONAS_MAX} personas.`)
    .transform((ids) => [...new Set(ids)]),
);

/** A new KPI, proposed with its evidence-based case: which personas, which objective, what evidence. */
export const proposeKpiSchema = kpiFieldsObject
  .extend({
    objectiveId: z.preprocess(blankToNull, z.string({ error: "Choose the objective this KPI serves: a proposal names its objective." }).pipe(idSchema("Objective"))),
    personaIds: personaIdsSchema,
    justification: requiredLongText("Justification", JUSTIFICATION_MAX, JUSTIFICATION_MIN),
    evidence: requiredLongText("Evidence", EVIDENCE_MAX),
  })
  .superRefine(kpiFieldRules)
  .transform(normalise);

/** A reviewer approves (-> ACTIVE) or rejects (-> REJECTED) a proposal, always with a comment. */
export const reviewKpiProposalSchema = z.object({
  kpiId: idSchema("KPI"),
  version: editedVersionSchema,
  decision: z.enum(REVIEW_DECISIONS, { error: "Choose approve or reject." }),
  comment: requiredLongText("Comment", REVIEW_COMMENT_MAX, REVIEW_COMMENT_MIN),
});

/** "YYYY-MM" (a month input) or "YYYY-MM-01" -> "YYYY-MM-01"; blank: null (the current month). */
const retiredInSchema = z.preprocess(
  blankToNull,
  z
    .string({ error: "Enter the month as YYYY-MM." })
    .trim()
    .regex(/^\d{4}-(0[1-9]|1[0-2])(-01)?$/, "Enter the month as YYYY-MM.")
    .transform((v) => (v.length === 7 ? `${v}-01` : v))
    .refine((v) => v >= "2000-01-01", "Enter a month from 2000 on.")
    .nullable(),
);

/**
 * Retire (ACTIVE -> RETIRED, from the period after `retiredIn`, default the current month) or
 * re-activate (RETIRED -> ACTIVE), each with a written rationale.
 */
export const changeKpiStatusSchema = z.object({
  kpiId: idSchema("KPI"),
  version: editedVersionSchema,
  toStatus: z.enum(["RETIRED", "ACTIVE"], { error: "Choose retire or re-activate." }),
  rationale: requiredLongText("Rationale", KPI_RATIONALE_MAX, KPI_RATIONALE_MIN),
  retiredIn: retiredInSchema.optional(),
});

export type UpdateKpiInput = z.input<typeof updateKpiSchema>;
export type ProposeKpiInput = z.input<typeof proposeKpiSchema>;
