import { z } from "zod";
import { isPeriodKey } from "@/lib/scoring/periods";

// Query parameters of the REST API's read endpoints (/api/v1). The same schemas validate the
// requests (lib/api/query.ts: 400 problem+json naming the parameter) and describe them in the
// OpenAPI document (lib/api/openapi: z.toJSONSchema with io "input"). So each parameter is a
// string schema with a pattern (what a query string carries), then transformed.

/** Values a page may hold at most (GET /api/v1/measurements?limit=). */
export const MEASUREMENTS_PAGE_MAX = 1000;
export const MEASUREMENTS_PAGE_DEFAULT = 100;

/** 'YYYY-MM' (or 'YYYY-MM-01') -> the month's period key 'YYYY-MM-01'. */
export function monthParamSchema(name: string) {
  const message = `${name} must be a month written YYYY-MM, such as 2026-10.`;
  return z
    .string({ error: message })
    .trim()
    .regex(/^\d{4}-(0[1-9]|1[0-2])(-01)?$/, message)
    .transform((value) => `${value.slice(0, 7)}-01`)
    .refine((value) => isPeriodKey(value), message);
}

/** A KPI code or a persona or scorecard slug. */
export function slugParamSchema(name: string) {
  return z
    .string({ error: `${name} must be text.` })
    .trim()
    .min(1, `${name} must not be empty.`)
    .max(64, `${name} can be at most 64 characters.`)
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, `${name} can hold only letters, digits, dots, dashes and underscores.`);
}

/** GET /api/v1/kpis */
export const kpisQuerySchema = z.object({
  period: monthParamSchema("period")
    .optional()
    .meta({ description: "The month whose thresholds in force are listed (YYYY-MM); a quarterly KPI takes the quarter that holds it. Default: the current month.", examples: ["2026-10"] }),
  scorecard: slugParamSchema("scorecard").optional().meta({ description: "Only the KPIs of this scorecard (its slug).", examples: ["persona-bsc"] }),
  persona: slugParamSchema("persona").optional().meta({ description: "Only this persona's thresholds (its slug).", examples: ["smb-owner"] }),
});
export type KpisQuery = z.output<typeof kpisQuerySchema>;

/** GET /api/v1/measurements */
export const measurementsQuerySchema = z
  .object({
    kpi: slugParamSchema("kpi").optional().meta({ description: "Only the values of this KPI (its code).", examples: ["BSC-NPS"] }),
    persona: slugParamSchema("persona").optional().meta({ description: "Only the values of this persona (its slug).", examples: ["smb-owner"] }),
    from: monthParamSchema("from").optional().meta({ description: "First period included (YYYY-MM).", examples: ["2026-01"] }),
    to: monthParamSchema("to").optional().meta({ description: "Last period included (YYYY-MM); a quarterly value counts by its quarter's first month.", examples: ["2026-06"] }),
    limit: z.coerce
      .number({ error: `limit must be a whole number from 1 to ${MEASUREMENTS_PAGE_MAX}.` })
      .int(`limit must be a whole number from 1 to ${MEASUREMENTS_PAGE_MAX}.`)
      .min(1, `limit must be a whole number from 1 to ${MEASUREMENTS_PAGE_MAX}.`)
      .max(MEASUREMENTS_PAGE_MAX, `limit can be at most ${MEASUREMENTS_PAGE_MAX}.`)
      .default(MEASUREMENTS_PAGE_DEFAULT)
      .meta({ description: `Values per page (default ${MEASUREMENTS_PAGE_DEFAULT}, at most ${MEASUREMENTS_PAGE_MAX}).` }),
    cursor: z
      .string({ error: "cursor must be the nextCursor of a previous page." })
      .max(512, "cursor must be the nextCursor of a previous page.")
      .regex(/^[A-Za-z0-9_-]+$/, "cursor must be the nextCursor of a previous page.")
      .optional()
      .meta({ description: "Opaque: the `nextCursor` of the previous page. Absent: the first page." }),
  })
  .superRefine((query, ctx) => {
    if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "to must be the same month as from or later." });
    }
  });
export type MeasurementsQuery = z.output<typeof measurementsQuerySchema>;

/** Path parameters of GET /api/v1/scorecards/{scorecardSlug}/personas/{personaSlug}/scores. */
export const personaScoresPathSchema = z.object({
  scorecardSlug: z.string().meta({ description: "The scorecard's slug.", examples: ["persona-bsc"] }),
  personaSlug: z.string().meta({ description: "The persona's slug.", examples: ["smb-owner"] }),
});

/** GET /api/v1/scorecards/{slug}/personas/{slug}/scores */
export const personaListQuerySchema = z.object({
  status: z
    .enum(["DRAFT", "ACTIVE", "SUNSET", "all"], { error: "status must be DRAFT, ACTIVE, SUNSET or all." })
    .optional()
    .meta({ description: "Only the personas with this status, or `all` (drafts included). Default: the personas on scorecards, ACTIVE and SUNSET.", examples: ["DRAFT"] }),
});
export type PersonaListQuery = z.output<typeof personaListQuerySchema>;

export const personaScoresQuerySchema = z.object({
  period: monthParamSchema("period").optional().meta({ description: "The month shown (YYYY-MM). Default: the latest month with data.", examples: ["2026-10"] }),
});
