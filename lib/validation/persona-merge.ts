import { z } from "zod";
import { idSchema } from "./common";
import { RATIONALE_MAX, RATIONALE_MIN } from "./personas";

// Consolidating personas (issue 11): merging persona A into persona B, and reclassifying the
// values of chosen KPIs and periods from one persona to another. One schema per input, shared by
// the forms, the previews and the commands.

/**
 * What happens when both personas have a value for the same KPI and period:
 *   KEEP_TARGET  the destination's value stays; the source's is discarded (kept in the audit log);
 *   KEEP_SOURCE  the source's value replaces the destination's (a MeasurementRevision keeps it);
 *   AVERAGE      share × source + (1 − share) × destination (rounded to the KPI's precision);
 *   REFUSE       (reclassification only) nothing moves while such a conflict exists.
 */
export const CONFLICT_RULES = ["KEEP_TARGET", "KEEP_SOURCE", "AVERAGE"] as const;
export type ConflictRule = (typeof CONFLICT_RULES)[number];
export const RECLASSIFY_RULES = ["REFUSE", ...CONFLICT_RULES] as const;
export type ReclassifyRule = (typeof RECLASSIFY_RULES)[number];

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const blankToUndefined = (v: unknown) => {
  const x = one(v);
  return typeof x === "string" && x.trim() === "" ? undefined : x;
};

function intField(label: string, min: number, max: number) {
  return z.preprocess(
    (v) => {
      const x = blankToUndefined(v);
      return typeof x === "string" ? Number(x.trim()) : x;
    },
    z
      .number({ error: `${label} is required.` })
      .int(`${label} must be a whole number.`)
      .min(min, `${label} must be between ${min} and ${max}.`)
      .max(max, `${label} must be between ${min} and ${max}.`),
  );
}

const MULTI_LINE_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

function reasonText(label: string) {
  return z.preprocess(
    one,
    z
      .string({ error: `${label} is required.` })
      .trim()
      .min(1, { error: `${label} is required.`, abort: true })
      .min(RATIONALE_MIN, `${label} needs at least ${RATIONALE_MIN} characters: say why.`)
      .max(RATIONALE_MAX, `${label} can be at most ${RATIONALE_MAX} characters.`)
      .refine((value) => !MULTI_LINE_CONTROL.test(value), `${label} contains an invisible control character; remove it and try again.`),
  );
}

/** The source's share in an AVERAGE, in percent (0–100, at most 2 decimals); required for AVERAGE only. */
export const sharePercentSchema = z.preprocess(
  (v) => {
    const x = blankToUndefined(v);
    return typeof x === "string" ? Number(x.trim()) : x;
  },
  z
    .number({ error: "Enter the share of the merged persona's value, in percent (0–100)." })
    .finite("Enter the share of the merged persona's value, in percent (0–100).")
    .min(0, "The share must be between 0 and 100 percent.")
    .max(100, "The share must be between 0 and 100 percent.")
    .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, "The share can have at most 2 decimals.")
    .optional(),
);

/** "YYYY-MM" or "YYYY-MM-01" -> "YYYY-MM-01". */
const monthField = (label: string) =>
  z.preprocess(
    one,
    z
      .string({ error: `${label} is required.` })
      .trim()
      .min(1, { error: `${label} is required.`, abort: true })
      .regex(/^\d{4}-(0[1-9]|1[0-2])(-01)?$/, `Enter ${label.toLowerCase()} as YYYY-MM.`)
      .transform((v) => (v.length === 7 ? `${v}-01` : v)),
  );

const ruleFields = {
  share: sharePercentSchema,
};

function requireShare(input: { rule: string; share?: number | undefined }, ctx: z.RefinementCtx) {
  if (input.rule === "AVERAGE" && input.share === undefined) {
    ctx.addIssue({ code: "custom", path: ["share"], message: "Enter the share of the merged persona's value (0–100 %) for the weighted average." });
  }
}

/** What the merge preview needs: who merges into whom, and the conflict rule to show. */
export const mergePreviewSchema = z
  .object({
    personaId: z.preprocess(one, idSchema("Persona to merge")),
    targetPersonaId: z.preprocess(one, idSchema("Persona to merge into")),
    rule: z.preprocess((v) => blankToUndefined(v) ?? "KEEP_TARGET", z.enum(CONFLICT_RULES, { error: "Choose how to settle conflicting values." })),
    ...ruleFields,
  })
  .superRefine(requireShare)
  .superRefine((input, ctx) => {
    if (input.personaId === input.targetPersonaId) ctx.addIssue({ code: "custom", path: ["targetPersonaId"], message: "Choose another persona: a persona cannot be merged into itself." });
  });

export const mergePersonasSchema = z
  .object({
    personaId: z.preprocess(one, idSchema("Persona to merge")),
    version: intField("Version", 1, 2_000_000_000),
    targetPersonaId: z.preprocess(one, idSchema("Persona to merge into")),
    targetVersion: intField("Version of the persona to merge into", 1, 2_000_000_000),
    rule: z.preprocess(blankToUndefined, z.enum(CONFLICT_RULES, { error: "Choose how to settle conflicting values." })),
    ...ruleFields,
    rationale: reasonText("Rationale"),
    /** The preview's counts ("measurements:conflicts:targets:weights:escalations"); when sent, a different plan is refused. */
    expected: z.preprocess(blankToUndefined, z.string().max(200).optional()),
  })
  .superRefine(requireShare)
  .superRefine((input, ctx) => {
    if (input.personaId === input.targetPersonaId) ctx.addIssue({ code: "custom", path: ["targetPersonaId"], message: "Choose another persona: a persona cannot be merged into itself." });
  });

const kpiIdsSchema = z.preprocess(
  (v) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v]),
  z.array(idSchema("KPI"), { error: "Choose the KPIs whose values move." }).min(1, "Choose at least one KPI whose values move.").max(500, "Too many KPIs."),
);

const reclassifyFields = {
  personaId: z.preprocess(one, idSchema("Persona the values are filed under")),
  targetPersonaId: z.preprocess(one, idSchema("Persona the values belong to")),
  kpiIds: kpiIdsSchema,
  fromPeriod: monthField("First month"),
  toPeriod: monthField("Last month"),
  rule: z.preprocess((v) => blankToUndefined(v) ?? "REFUSE", z.enum(RECLASSIFY_RULES, { error: "Choose how to handle values the other persona already has." })),
  ...ruleFields,
};

function checkRange(input: { personaId: string; targetPersonaId: string; fromPeriod: string; toPeriod: string }, ctx: z.RefinementCtx) {
  if (input.personaId === input.targetPersonaId) ctx.addIssue({ code: "custom", path: ["targetPersonaId"], message: "Choose another persona: the values are already filed under this one." });
  if (input.fromPeriod > input.toPeriod) ctx.addIssue({ code: "custom", path: ["toPeriod"], message: "The last month must not come before the first month." });
}

export const reclassifyPreviewSchema = z.object(reclassifyFields).superRefine(requireShare).superRefine(checkRange);

export const reclassifyMeasurementsSchema = z
  .object({
    ...reclassifyFields,
    reason: reasonText("Reason"),
    expected: z.preprocess(blankToUndefined, z.string().max(200).optional()),
  })
  .superRefine(requireShare)
  .superRefine(checkRange);

export type MergePersonasInput = z.input<typeof mergePersonasSchema>;
export type ReclassifyMeasurementsInput = z.input<typeof reclassifyMeasurementsSchema>;

/** A share in percent -> the fraction used in SQL, as an exact decimal string (4 decimals). */
export function shareFraction(percent: number | undefined): string {
  return ((Math.round((percent ?? 0) * 100) / 10_000).toFixed(4));
}

export const RULE_LABELS: Record<ReclassifyRule, string> = {
  REFUSE: "Refuse: move nothing while the other persona already has a value",
  KEEP_TARGET: "Keep the destination's value (the moved value is discarded, kept in the audit log)",
  KEEP_SOURCE: "Keep the moved value (the destination's is kept as a revision)",
  AVERAGE: "Weighted average of both",
};
