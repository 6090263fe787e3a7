"use server";

import { revalidatePath } from "next/cache";
import { canSome } from "@/lib/auth/policy";
import { requireActor } from "@/lib/auth/session";
import type { ActionState } from "@/lib/commands/action-state";
import { reclassifyMeasurements } from "@/lib/commands/personas/reclassify-measurements";
import { AppError } from "@/lib/errors";
import { previewReclassify, type ReclassifyPreview } from "@/lib/queries/persona-merge";
import { fieldErrorsFrom, formDataToObject } from "@/lib/validation/common";
import { reclassifyPreviewSchema } from "@/lib/validation/persona-merge";

export type ReclassifyResult = { preview: ReclassifyPreview | null; moved: { count: number; destination: { slug: string; name: string } } | null };

function values(sent: Record<string, string | string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(sent).map(([k, v]) => [k, Array.isArray(v) ? v.join(",") : v]));
}

/** "preview" plans the move (writing nothing); "move" runs the command with the preview's counts. */
export async function reclassifyAction(_previous: ActionState<ReclassifyResult>, formData: FormData): Promise<ActionState<ReclassifyResult>> {
  const actor = await requireActor();
  const sent = formDataToObject(formData);
  if (!canSome(actor, "persona.write")) {
    return { ok: false, code: "FORBIDDEN", message: "Only analysts and administrators can change personas.", fieldErrors: {}, values: values(sent) };
  }
  const parsed = reclassifyPreviewSchema.safeParse(sent);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsFrom(parsed.error);
    return { ok: false, code: "INVALID", message: fieldErrors[""]?.[0] ?? "Some fields need attention.", fieldErrors, values: values(sent) };
  }
  if (sent.intent === "move") {
    const result = await reclassifyMeasurements(actor, sent);
    if (!result.ok) return { ok: false, code: result.code, message: result.message, fieldErrors: result.fieldErrors, values: values(sent) };
    revalidatePath("/personas", "layout");
    revalidatePath("/scorecards", "layout");
    const c = result.data.counts;
    return {
      ok: true,
      data: { preview: null, moved: { count: c.moved, destination: { slug: result.data.destination.slug, name: result.data.destination.name } } },
      message: `Moved ${c.moved} value${c.moved === 1 ? "" : "s"} to ${result.data.destination.name}${c.conflicts > 0 ? `; ${c.conflicts} conflicting value${c.conflicts === 1 ? "" : "s"} settled (${c.overwritten} replaced at the destination)` : ""}. Each move is in the audit log with your reason.`,
    };
  }
  try {
    const preview = await previewReclassify(actor, parsed.data);
    const conflictNote =
      preview.plan.conflicts > 0 && parsed.data.rule === "REFUSE"
        ? ` ${preview.destination.name} already has ${preview.plan.conflicts} of these values: with “Refuse” nothing would move. Choose how to settle them.`
        : "";
    return { ok: true, data: { preview, moved: null }, message: `Preview ready: ${preview.plan.total} value${preview.plan.total === 1 ? "" : "s"} in scope.${conflictNote}` };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors, values: values(sent) };
    throw error;
  }
}
