"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { canSome } from "@/lib/auth/policy";
import { requireActor } from "@/lib/auth/session";
import type { ActionState } from "@/lib/commands/action-state";
import { mergePersonas } from "@/lib/commands/personas/merge-personas";
import { AppError } from "@/lib/errors";
import { previewMerge, type MergePreview } from "@/lib/queries/persona-merge";
import { fieldErrorsFrom, formDataToObject } from "@/lib/validation/common";
import { mergePreviewSchema } from "@/lib/validation/persona-merge";

export type MergeResult = { preview: MergePreview };

function values(sent: Record<string, string | string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(sent).map(([k, v]) => [k, Array.isArray(v) ? (v[0] ?? "") : v]));
}

/**
 * One action, two intents: "preview" plans the merge (writing nothing); "merge" runs the command
 * with the preview's counts (refused if the plan changed meanwhile), then opens the merged
 * persona's page, which now says "merged into".
 */
export async function mergeAction(_previous: ActionState<MergeResult>, formData: FormData): Promise<ActionState<MergeResult>> {
  const actor = await requireActor();
  const sent = formDataToObject(formData);
  if (!canSome(actor, "persona.write")) {
    return { ok: false, code: "FORBIDDEN", message: "Only analysts and administrators can change personas.", fieldErrors: {}, values: values(sent) };
  }
  const parsed = mergePreviewSchema.safeParse(sent);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsFrom(parsed.error);
    return { ok: false, code: "INVALID", message: fieldErrors[""]?.[0] ?? "Some fields need attention.", fieldErrors, values: values(sent) };
  }
  if (sent.intent === "merge") {
    const result = await mergePersonas(actor, sent);
    if (result.ok) {
      revalidatePath("/personas", "layout");
      revalidatePath("/scorecards", "layout");
      redirect(`/personas/${result.data.persona.slug}?merged=1`);
    }
    return { ok: false, code: result.code, message: result.message, fieldErrors: result.fieldErrors, values: values(sent) };
  }
  try {
    const preview = await previewMerge(actor, parsed.data);
    return { ok: true, data: { preview }, message: `Preview ready: check what moves into ${preview.b.name}, give a rationale, then merge.` };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors, values: values(sent) };
    throw error;
  }
}
