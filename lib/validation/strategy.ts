import { z } from "zod";
import { editedVersionSchema, idSchema, optionalIdSchema, optionalText, requiredText } from "./common";

// The strategy editor (issue 11): perspectives, strategic objectives, cause -> effect links, and
// the mapping of persona pain points to objectives. One schema per input, shared by the forms,
// the commands and any later API.

export const PERSPECTIVE_NAME_MAX = 80;
export const PERSPECTIVE_DESCRIPTION_MAX = 1000;
export const PERSPECTIVE_WEIGHT_MAX = 1_000_000;
export const OBJECTIVE_TITLE_MAX = 160;
export const OBJECTIVE_DESCRIPTION_MAX = 2000;
export const OBJECTIVE_THEME_MAX = 80;
export const LINK_DESCRIPTION_MAX = 500;
export const DEPARTMENTS_PER_OBJECTIVE_MAX = 50;

/** A perspective's weight: a non-negative decimal with at most 4 decimals (numeric(12,4)). */
export const perspectiveWeightSchema = z.preprocess(
  (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim().replace(",", "."))) : v),
  z
    .number({ error: "Enter a weight (0 or more), such as 1 or 0.25." })
    .finite("Enter a weight (0 or more), such as 1 or 0.25.")
    .min(0, "A weight cannot be negative.")
    .max(PERSPECTIVE_WEIGHT_MAX, `A weight can be at most ${PERSPECTIVE_WEIGHT_MAX.toLocaleString("en")}.`)
    .refine((n) => Math.abs(Math.round(n * 10_000) - n * 10_000) < 1e-6, "A weight can have at most 4 decimals."),
);

const perspectiveFields = {
  name: requiredText("Name", PERSPECTIVE_NAME_MAX),
  description: optionalText("Description", PERSPECTIVE_DESCRIPTION_MAX),
  weight: perspectiveWeightSchema,
};

export const createPerspectiveSchema = z.object({ scorecardId: idSchema("Scorecard"), ...perspectiveFields });
export const updatePerspectiveSchema = z.object({ perspectiveId: idSchema("Perspective"), version: editedVersionSchema, ...perspectiveFields });
export const movePerspectiveSchema = z.object({
  perspectiveId: idSchema("Perspective"),
  direction: z.enum(["up", "down"], { error: "Move a perspective up or down." }),
});
export const deletePerspectiveSchema = z.object({ perspectiveId: idSchema("Perspective") });

/** Checkboxes: none sent, one (a string) or several (a list); blanks dropped, duplicates refused. */
const departmentIdsSchema = z.preprocess(
  (v) => (v === undefined || v === null ? [] : typeof v === "string" ? [v] : v),
  z
    .array(idSchema("Department"), { error: "Business units must be a list of departments." })
    .max(DEPARTMENTS_PER_OBJECTIVE_MAX, `At most ${DEPARTMENTS_PER_OBJECTIVE_MAX} business units.`)
    .refine((ids) => new Set(ids).size === ids.length, "A business unit is listed twice."),
);

const objectiveFields = {
  perspectiveId: idSchema("Perspective"),
  title: requiredText("Title", OBJECTIVE_TITLE_MAX),
  description: optionalText("Description", OBJECTIVE_DESCRIPTION_MAX),
  strategicTheme: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? null : v),
    requiredText("Strategic theme", OBJECTIVE_THEME_MAX).nullable().default(null),
  ),
  ownerId: optionalIdSchema("Owner"),
  departmentIds: departmentIdsSchema,
};

export const createObjectiveSchema = z.object(objectiveFields);
/** Edit an objective; a different perspectiveId moves it (within the same scorecard). */
export const updateObjectiveSchema = z.object({ objectiveId: idSchema("Objective"), version: editedVersionSchema, ...objectiveFields });
export const deleteObjectiveSchema = z.object({ objectiveId: idSchema("Objective") });

export const addObjectiveLinkSchema = z.object({
  causeId: idSchema("Cause"),
  effectId: idSchema("Effect"),
  description: optionalText("Description", LINK_DESCRIPTION_MAX),
});
export const removeObjectiveLinkSchema = z.object({ linkId: idSchema("Link") });

export const painPointObjectiveSchema = z.object({
  painPointId: idSchema("Pain point"),
  objectiveId: idSchema("Objective"),
});

export type CreatePerspectiveInput = z.input<typeof createPerspectiveSchema>;
export type CreateObjectiveInput = z.input<typeof createObjectiveSchema>;
export type AddObjectiveLinkInput = z.input<typeof addObjectiveLinkSchema>;
