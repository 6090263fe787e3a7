import { z } from "zod";
import { idSchema, optionalIdSchema, optionalText } from "./common";

// The escalation thread (issue 12): acknowledge with a note (and optionally a first action plan),
// add an action plan (what, who, by when), reassign, comment. One schema per command, shared by
// the forms and the commands. Notes may span several lines.

export const NOTE_MAX = 2000;
export const ACTION_WHAT_MAX = 500;

/** Required text that may span several lines (tab and line breaks allowed), trimmed. */
function requiredNote(label: string, max: number) {
  return optionalText(label, max).transform((value, ctx) => {
    if (value === null) {
      ctx.addIssue({ code: "custom", message: `${label} is required.` });
      return z.NEVER;
    }
    return value;
  });
}

/** "YYYY-MM-DD" today in UTC. */
function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

const blankToNull = (value: unknown) => (value === undefined || value === null || (typeof value === "string" && value.trim() === "") ? null : value);

/** By when: a calendar date, today or later; blank is null (the caller decides whether it is needed). */
const dueDateSchema = z.preprocess(
  blankToNull,
  z
    .string({ error: "Enter a date as YYYY-MM-DD." })
    .trim()
    .pipe(z.iso.date("Enter a date as YYYY-MM-DD."))
    .refine((date) => date >= todayUtc(), "Choose today or a later date.")
    .nullable(),
);

const planFields = {
  actionWhat: optionalText("What will be done", ACTION_WHAT_MAX),
  actionOwnerId: optionalIdSchema("Who"),
  actionDue: dueDateSchema,
};

type PlanInput = { actionWhat: string | null; actionOwnerId: string | null; actionDue: string | null };

/** A plan is all three (what, who, by when) or, where it is optional, none of them. */
function checkPlan(required: boolean) {
  return (input: PlanInput, ctx: z.RefinementCtx) => {
    const given = input.actionWhat !== null || input.actionOwnerId !== null || input.actionDue !== null;
    if (!required && !given) return;
    if (input.actionWhat === null) ctx.addIssue({ code: "custom", path: ["actionWhat"], message: "Say what will be done." });
    if (input.actionOwnerId === null) ctx.addIssue({ code: "custom", path: ["actionOwnerId"], message: "Choose who will do it." });
    if (input.actionDue === null) ctx.addIssue({ code: "custom", path: ["actionDue"], message: "Say by when, as YYYY-MM-DD." });
  };
}

export const acknowledgeEscalationSchema = z
  .object({ escalationId: idSchema("Escalation"), note: requiredNote("Note", NOTE_MAX), ...planFields })
  .superRefine(checkPlan(false));

export const addActionPlanSchema = z
  .object({ escalationId: idSchema("Escalation"), note: optionalText("Note", NOTE_MAX), ...planFields })
  .superRefine(checkPlan(true));

export const reassignEscalationSchema = z.object({
  escalationId: idSchema("Escalation"),
  assigneeId: idSchema("New assignee"),
  note: optionalText("Note", NOTE_MAX),
});

export const commentOnEscalationSchema = z.object({
  escalationId: idSchema("Escalation"),
  note: requiredNote("Comment", NOTE_MAX),
});

export type AcknowledgeEscalationInput = z.input<typeof acknowledgeEscalationSchema>;
export type AddActionPlanInput = z.input<typeof addActionPlanSchema>;
