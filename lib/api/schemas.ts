import { z } from "zod";
import { PROBLEM_CODES } from "./problem";

// Response bodies of the REST API (/api/v1) as zod schemas: the OpenAPI document describes them
// (lib/api/openapi, io "output"), the route handlers are type-checked against them
// (`satisfies ...`), and the integration tests parse real responses with them. Request query
// schemas live in lib/validation/api.ts.

const periodKey = z.string().regex(/^\d{4}-\d{2}-01$/).meta({ description: "A period: the first day of its month or quarter (YYYY-MM-DD).", examples: ["2026-10-01"] });
const decimalText = z.string().regex(/^-?\d+(\.\d+)?$/).meta({ description: "An exact decimal as stored (plain notation).", examples: ["87.5"] });
const status = z.enum(["GREEN", "AMBER", "RED", "NO_DATA"]);
const unit = z.enum(["PERCENT", "RATIO", "COUNT", "CURRENCY", "DURATION", "SCORE"]);
const direction = z.enum(["HIGHER_IS_BETTER", "LOWER_IS_BETTER", "TARGET_RANGE"]);
const frequency = z.enum(["MONTHLY", "QUARTERLY"]);
const person = z.object({ name: z.string(), email: z.string() });

export const problemSchema = z
  .object({
    type: z.string().meta({ description: 'Always "about:blank": the status and `code` carry the meaning (RFC 9457).' }),
    title: z.string().meta({ description: "The HTTP status's reason phrase." }),
    status: z.number().int().min(100).max(599),
    detail: z.string().meta({ description: "What went wrong and what to do, in plain language." }),
    code: z.enum(PROBLEM_CODES).meta({ description: "Stable code a client can branch on." }),
    errors: z
      .record(z.string(), z.array(z.string()))
      .optional()
      .meta({ description: "Per field or parameter (dotted path; a header by its name): the messages about it.", examples: [{ period: ["period must be a month written YYYY-MM, such as 2026-10."] }] }),
    details: z
      .record(z.string(), z.unknown())
      .optional()
      .meta({ description: "Facts a client needs to act on the refusal; for a version conflict (409), `current`: the value saved meanwhile, its version, who saved it and when." }),
  })
  .meta({ description: "An RFC 9457 problem details object (application/problem+json)." });

export const scorecardListSchema = z.object({
  scorecards: z.array(z.object({ slug: z.string(), name: z.string(), perspectives: z.number().int().min(0) })),
});

export const personaListSchema = z.object({
  personas: z.array(z.object({ slug: z.string(), name: z.string(), status: z.enum(["DRAFT", "ACTIVE", "SUNSET"]) })),
});

const thresholdsText = z.object({
  effectiveFrom: periodKey.meta({ description: "The row is in force from this period on." }),
  target: decimalText,
  green: decimalText,
  red: decimalText,
  greenHigh: decimalText.nullable().meta({ description: "TARGET_RANGE only: upper edge of the green band." }),
  redHigh: decimalText.nullable().meta({ description: "TARGET_RANGE only: upper breach bound." }),
});

export const kpiListSchema = z.object({
  period: periodKey.meta({ description: "The month asked for." }),
  kpis: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      description: z.string().nullable(),
      scorecard: z.object({ slug: z.string(), name: z.string() }),
      perspective: z.string(),
      objective: z.string().nullable(),
      timing: z.enum(["LEADING", "LAGGING"]),
      measureType: z.enum(["QUANTITATIVE", "QUALITATIVE"]),
      unit,
      currencyCode: z.string().nullable(),
      durationUnit: z.string().nullable(),
      scale: z.object({ min: decimalText, max: decimalText }).nullable().meta({ description: "A qualitative KPI's score scale." }),
      direction,
      frequency,
      weight: decimalText,
      owner: person.nullable(),
      department: z.object({ name: z.string() }).nullable(),
      lineage: z.object({ sourceSystem: z.string().nullable(), transformation: z.string().nullable() }),
      period: periodKey.meta({ description: "The KPI's period holding the month: the month, or its quarter for a quarterly KPI." }),
      defaultThresholds: thresholdsText.nullable().meta({ description: "The KPI default in force in `period`." }),
      thresholds: z
        .array(
          z.object({
            persona: z.string().meta({ description: "The persona's slug." }),
            thresholds: thresholdsText
              .extend({ source: z.enum(["PERSONA", "DEFAULT"]).meta({ description: "PERSONA: the persona's own row; DEFAULT: the KPI default." }) })
              .nullable()
              .meta({ description: "In force in `period` for this persona; null: none, so the value is not scored." }),
          }),
        )
        .meta({ description: "One entry per persona on the scorecards (ACTIVE and SUNSET), or only the persona asked for." }),
    }),
  ),
});

export const measurementSchema = z.object({
  kpi: z.string().meta({ description: "The KPI's code." }),
  persona: z.string().meta({ description: "The persona's slug." }),
  period: periodKey,
  value: decimalText.nullable().meta({ description: "The value as stored; null when it is not available." }),
  notAvailableReason: z.string().nullable().meta({ description: "Why there is no value, when the owner marked it not available." }),
  comment: z.string().nullable(),
  source: z.enum(["MANUAL", "IMPORT", "API", "SEED"]),
  version: z.number().int().min(1).meta({ description: "Bumped by every change; send it back to change the value." }),
  updatedAt: z.iso.datetime().meta({ description: "When the value was last saved." }),
  updatedBy: person.nullable().meta({ description: "Who saved it last (null: the seed or a deleted user)." }),
});

export const measurementPageSchema = z.object({
  measurements: z.array(measurementSchema),
  nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last page." }),
});

const rollup = z.object({ score: z.number().nullable(), status, coverage: z.number().min(0).max(1) });
const kpiLine = z.object({
  code: z.string(),
  name: z.string(),
  period: periodKey,
  value: z.number().nullable(),
  valueText: decimalText.nullable(),
  notAvailableReason: z.string().nullable(),
  unit,
  direction,
  frequency,
  target: z
    .object({
      source: z.enum(["PERSONA", "DEFAULT"]),
      effectiveFrom: periodKey,
      target: decimalText,
      green: decimalText,
      red: decimalText,
      greenHigh: decimalText.nullable(),
      redHigh: decimalText.nullable(),
    })
    .nullable(),
  score: z.number().nullable(),
  status,
  weight: z.number(),
});

export const personaScorecardSchema = z.object({
  scorecard: z.object({ slug: z.string(), name: z.string() }),
  persona: z.object({ slug: z.string(), name: z.string(), status: z.enum(["DRAFT", "ACTIVE", "SUNSET"]), counted: z.boolean(), weight: z.number().nullable() }),
  period: periodKey.nullable(),
  previousPeriod: periodKey.nullable(),
  overall: rollup,
  previousOverall: rollup.nullable(),
  perspectives: z.array(
    z.object({
      name: z.string(),
      weight: z.number(),
      result: rollup,
      objectives: z.array(z.object({ title: z.string(), result: rollup, kpis: z.array(kpiLine) })),
      otherKpis: z.array(kpiLine),
    }),
  ),
  missing: z.object({ due: z.number().int(), overdue: z.number().int(), open: z.number().int() }),
});

export type KpiListJson = z.output<typeof kpiListSchema>;
export type MeasurementPageJson = z.output<typeof measurementPageSchema>;
export type ScorecardListJson = z.output<typeof scorecardListSchema>;
export type PersonaListJson = z.output<typeof personaListSchema>;
export type PersonaScorecardResponseJson = z.output<typeof personaScorecardSchema>;
