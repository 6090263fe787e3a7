import { z } from "zod";

// Response bodies of the analyst endpoints (personas, weights, targets, suggestions): the
// OpenAPI document describes them, the handlers are type-checked against them and the
// integration tests parse real answers with them.

const periodKey = z.string().regex(/^\d{4}-\d{2}-01$/).meta({ description: "A period: the first day of its month or quarter (YYYY-MM-DD)." });
const decimalText = z.string().regex(/^-?\d+(\.\d+)?$/).meta({ description: "An exact decimal as stored (plain notation)." });
const personaStatus = z.enum(["DRAFT", "ACTIVE", "SUNSET"]);
const direction = z.enum(["HIGHER_IS_BETTER", "LOWER_IS_BETTER", "TARGET_RANGE"]);
const frequency = z.enum(["MONTHLY", "QUARTERLY"]);

export const apiPersonaSchema = z.object({
  persona: z.object({
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    status: personaStatus,
    statusRationale: z.string().nullable(),
    priority: z.number().int(),
    revenueInfluence: z.number().nullable().meta({ description: "Percent (0-100), or null when unknown." }),
    reviewCadenceMonths: z.number().int(),
    nextReviewOn: z.string().nullable(),
    version: z.number().int().meta({ description: "Send it back with PATCH to refuse overwriting someone else's change." }),
    attributes: z.array(z.object({ kind: z.enum(["DEMOGRAPHIC", "GEOGRAPHIC", "PSYCHOGRAPHIC", "BEHAVIOURAL"]), label: z.string(), value: z.string() })),
    painPoints: z.array(z.string()),
  }),
});
export type ApiPersonaJson = z.infer<typeof apiPersonaSchema>;

export const apiWeightsSchema = z.object({
  scorecard: z.object({ slug: z.string(), name: z.string() }),
  versions: z
    .array(
      z.object({
        effectiveFrom: periodKey,
        until: periodKey.nullable().meta({ description: "Last month in force; null for the version in force now." }),
        reasons: z.array(z.string()).meta({ description: "Empty for a caller restricted to some personas: the reasons are free text that may name other personas." }),
        setBy: z.array(z.string()),
        weights: z.array(z.object({ persona: z.string().meta({ description: "Slug." }), name: z.string(), weight: z.number(), share: z.number().meta({ description: "weight / sum of weights in force." }), changed: z.boolean() })),
        otherPersonas: z
          .object({ count: z.number().int(), weight: z.number(), share: z.number() })
          .nullable()
          .meta({ description: "For a caller restricted to some personas: the other personas with a weight in force, summed into one line without names; null otherwise." }),
      }),
    )
    .meta({ description: "Newest first." }),
});
export type ApiWeightsJson = z.infer<typeof apiWeightsSchema>;

const targetRow = z.object({
  persona: z.string().nullable().meta({ description: "The persona's slug; null for the KPI default." }),
  effectiveFrom: periodKey,
  baseline: decimalText.nullable(),
  target: decimalText,
  green: decimalText,
  red: decimalText,
  greenHigh: decimalText.nullable(),
  redHigh: decimalText.nullable(),
  rationale: z.string().nullable(),
  setBy: z.string().nullable(),
  setAt: z.string(),
});

export const apiTargetsSchema = z.object({
  kpi: z.object({ code: z.string(), name: z.string(), direction, frequency }),
  targets: z.array(targetRow).meta({ description: "Every row, newest effective period first." }),
  inForce: z
    .array(
      z.object({
        persona: z.string(),
        periods: z.array(z.object({ period: periodKey, source: z.enum(["PERSONA", "DEFAULT"]).nullable(), since: periodKey.nullable(), target: z.number().nullable() })),
      }),
    )
    .meta({ description: "For each persona on the scorecards, the row in force in each of the last 12 periods: its own, else the KPI default." }),
});
export type ApiTargetsJson = z.infer<typeof apiTargetsSchema>;

export const apiSetTargetResultSchema = z.object({ target: targetRow, replaced: z.boolean(), pairsQueued: z.number().int() });
export type ApiSetTargetResultJson = z.infer<typeof apiSetTargetResultSchema>;

const distribution = z.object({ n: z.number().int(), min: z.number(), p10: z.number(), p25: z.number(), p50: z.number(), p75: z.number(), p90: z.number(), max: z.number(), mean: z.number() });

export const apiSuggestionSchema = z.object({
  kpi: z.object({ code: z.string(), direction, frequency }),
  persona: z.object({ slug: z.string(), name: z.string(), status: personaStatus }),
  window: z.object({ from: periodKey, to: periodKey, periods: z.number().int() }).nullable().meta({ description: "The last 24 periods up to the persona's newest value; null without values." }),
  history: z.array(z.object({ period: periodKey, value: z.number() })),
  distribution: distribution.nullable(),
  histogram: z.array(z.object({ from: z.number(), to: z.number(), count: z.number().int() })),
  minimumHistory: z.number().int(),
  suggestion: z.union([
    z.object({
      ok: z.literal(true),
      baseline: z.number(),
      thresholds: z.object({ direction, target: z.number(), green: z.number(), red: z.number(), greenHigh: z.number().optional(), redHigh: z.number().optional() }),
    }),
    z.object({ ok: z.literal(false), reason: z.enum(["INSUFFICIENT_HISTORY", "NO_SPREAD"]), n: z.number().int(), message: z.string() }),
  ]),
});
export type ApiSuggestionJson = z.infer<typeof apiSuggestionSchema>;
