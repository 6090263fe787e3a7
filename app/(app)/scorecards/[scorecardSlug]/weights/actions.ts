"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/session";
import type { ActionState } from "@/lib/commands/action-state";
import { EVERY_PERSONA, refusal as policyRefusal } from "@/lib/auth/policy";
import { proposalRefusal, recalibrateWeights } from "@/lib/commands/weights/recalibrate-weights";
import { getDb } from "@/lib/db";
import { previewRecalibration, type RecalibrationPreview } from "@/lib/queries/persona-weights";
import { fieldErrorsFrom, formDataToObject } from "@/lib/validation/common";
import { proposedWeightsSchema } from "@/lib/validation/personas";

export type RecalibrationResult = { preview: RecalibrationPreview | null; saved: boolean };

/** "weights.<personaId>" form fields -> { personaId: weight } (as sent: the schema parses). */
function toInput(sent: Record<string, string | string[]>) {
  const weights: Record<string, string> = {};
  for (const [key, value] of Object.entries(sent)) {
    if (key.startsWith("weights.")) weights[key.slice("weights.".length)] = Array.isArray(value) ? (value[0] ?? "") : value;
  }
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  return { scorecardId: one(sent.scorecardId), effectiveFrom: one(sent.effectiveFrom), reason: one(sent.reason), weights };
}

function values(sent: Record<string, string | string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(sent).map(([k, v]) => [k, Array.isArray(v) ? (v[0] ?? "") : v]));
}

/**
 * One action, two intents: "preview" scores the proposal over the last 6 months without writing;
 * "save" runs the recalibration command, then answers with the preview of what was saved.
 */
export async function recalibrateAction(_previous: ActionState<RecalibrationResult>, formData: FormData): Promise<ActionState<RecalibrationResult>> {
  const actor = await requireActor();
  const sent = formDataToObject(formData);
  const input = toInput(sent);
  const intent = sent.intent === "save" ? "save" : "preview";
  // Before anything reads the proposal: a restricted analyst learns nothing about other personas.
  const forbidden = policyRefusal(actor, "weight.write", EVERY_PERSONA);
  if (forbidden) return { ok: false, code: "FORBIDDEN", message: forbidden, fieldErrors: {}, values: values(sent) };
  const parsed = proposedWeightsSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsFrom(parsed.error);
    return { ok: false, code: "INVALID", message: fieldErrors[""]?.[0] ?? fieldErrors.weights?.[0] ?? "Some fields need attention.", fieldErrors, values: values(sent) };
  }
  const refusal = await proposalRefusal(await getDb(), parsed.data);
  if (refusal) return { ...refusal, values: values(sent) };
  if (intent === "save") {
    const result = await recalibrateWeights(actor, input);
    if (!result.ok) return { ok: false, code: result.code, message: result.message, fieldErrors: result.fieldErrors, values: values(sent) };
    revalidatePath(`/scorecards/${result.data.scorecard.slug}`, "layout");
  }
  const preview = await previewRecalibration(actor, parsed.data);
  return {
    ok: true,
    data: { preview, saved: intent === "save" },
    message:
      intent === "save"
        ? `Recalibration saved: the new weights count from ${parsed.data.effectiveFrom.slice(0, 7)} on. Earlier months keep their weights.`
        : "Preview ready: compare the totals below, then save.",
  };
}
