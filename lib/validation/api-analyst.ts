import { z } from "zod";
import { ATTRIBUTE_KINDS, PERSONA_STATUSES } from "./personas";

// Request bodies of the analyst endpoints of the REST API (personas, weights, targets), as a
// client sends them. They check the envelope (which keys, which JSON types); the values are
// judged by the same command schemas the screens use (lib/validation/personas.ts, targets.ts),
// so a field's message is the same on a form and in a problem's `errors`.

const text = z.string();
const num = z.number();

/** POST /api/v1/personas: a new persona (it starts DRAFT). */
export const apiCreatePersonaBodySchema = z
  .strictObject({
    name: text,
    slug: text.meta({ description: "Lower-case letters, digits and single hyphens." }),
    description: text,
    priority: z.number().int().min(1).max(5).optional().meta({ description: "1 (highest) to 5 (lowest); default 3." }),
    revenueInfluence: num.nullable().optional().meta({ description: "Percent of revenue it influences (0-100), or null when unknown." }),
    reviewCadenceMonths: z.number().int().min(1).max(24).optional().meta({ description: "Months between reviews; default 3." }),
  })
  .meta({ description: "A new persona. It starts DRAFT: activate it with PATCH and a rationale." });

const attribute = z.strictObject({ kind: z.enum(ATTRIBUTE_KINDS), label: text, value: text });

/**
 * PATCH /api/v1/personas/{slug}: either fields of the persona, or a status change with its
 * rationale, not both in one request (each is one command, one transaction).
 */
export const apiPatchPersonaBodySchema = z
  .strictObject({
    version: z.number().int().min(1).optional().meta({ description: "The version you read (optimistic concurrency); default: the current one." }),
    name: text.optional(),
    slug: text.optional(),
    description: text.optional(),
    priority: z.number().int().optional(),
    revenueInfluence: num.nullable().optional(),
    reviewCadenceMonths: z.number().int().optional(),
    attributes: z.array(attribute).optional().meta({ description: "Replaces every attribute." }),
    painPoints: z.array(text).optional().meta({ description: "Replaces every pain point." }),
    status: z.enum(PERSONA_STATUSES).optional().meta({ description: "DRAFT -> ACTIVE, ACTIVE -> SUNSET, SUNSET -> ACTIVE; needs `rationale`." }),
    rationale: text.optional().meta({ description: "Why the status changes (at least 10 characters)." }),
  })
  .meta({ description: "Fields to change, or `status` with `rationale`." });

/** POST /api/v1/scorecards/{slug}/weights: a recalibration. */
export const apiRecalibrationBodySchema = z
  .strictObject({
    effectiveFrom: text.meta({ description: "First month of the new weights, YYYY-MM (after the newest version).", examples: ["2027-01"] }),
    reason: text,
    weights: z.record(text, num).meta({ description: "Persona slug -> weight (non-negative; normalised when scored). Personas left out keep their weight.", examples: [{ "smb-owner": 2, "enterprise-buyer": 1 }] }),
  })
  .meta({ description: "A new version of the scorecard's persona weights." });

/** POST /api/v1/kpis/{code}/targets: a target row. */
export const apiSetTargetBodySchema = z
  .strictObject({
    persona: text.nullable().optional().meta({ description: "The persona's slug; absent or null: the KPI default." }),
    effectiveFrom: text.meta({ description: "First month of a period of the KPI, YYYY-MM.", examples: ["2027-01"] }),
    baseline: num.nullable().optional(),
    target: num,
    green: num,
    red: num,
    greenHigh: num.nullable().optional().meta({ description: "TARGET_RANGE only." }),
    redHigh: num.nullable().optional().meta({ description: "TARGET_RANGE only." }),
    rationale: text,
    replace: z.boolean().optional().meta({ description: "Replace a row for the same persona and period (else 409)." }),
  })
  .meta({ description: "A target and thresholds from an effective period on." });

export const kpiCodePathSchema = z.object({ kpiCode: z.string() });
export const personaSlugPathSchema = z.object({ personaSlug: z.string() });
export const scorecardSlugPathSchema = z.object({ scorecardSlug: z.string() });
export const kpiPersonaPathSchema = z.object({ kpiCode: z.string(), personaSlug: z.string() });
/** Endpoints that take no query parameters. */
export const noQuerySchema = z.object({});
