"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/session";
import { toActionState, type ActionState } from "@/lib/commands/action-state";
import type { Command } from "@/lib/commands/command";
import { acknowledgeEscalation } from "@/lib/commands/escalations/acknowledge-escalation";
import { addActionPlan } from "@/lib/commands/escalations/add-action-plan";
import { commentOnEscalation } from "@/lib/commands/escalations/comment-on-escalation";
import { reassignEscalation } from "@/lib/commands/escalations/reassign-escalation";
import { formDataToObject } from "@/lib/validation/common";

async function run<T>(command: Command<unknown, T>, formData: FormData, success: string): Promise<ActionState> {
  const actor = await requireActor();
  const sent = formDataToObject(formData);
  const result = await command(actor, sent);
  // The whole app: the inbox, the scorecards' escalation lists and the header's counts change.
  if (result.ok) revalidatePath("/", "layout");
  return toActionState(result.ok ? { ok: true, data: undefined } : result, sent, success);
}

export async function acknowledgeAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return run(acknowledgeEscalation, formData, "Acknowledged. Everyone who opens this escalation now sees your note.");
}

export async function actionPlanAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return run(addActionPlan, formData, "Action plan added to the thread.");
}

export async function commentAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return run(commentOnEscalation, formData, "Comment posted.");
}

export async function reassignAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return run(reassignEscalation, formData, "Reassigned. The new assignee has been notified.");
}
