"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/session";
import { toActionState, type ActionState } from "@/lib/commands/action-state";
import type { Command } from "@/lib/commands/command";
import { addObjectiveLink } from "@/lib/commands/strategy/add-objective-link";
import { createObjective } from "@/lib/commands/strategy/create-objective";
import { createPerspective } from "@/lib/commands/strategy/create-perspective";
import { deleteObjective } from "@/lib/commands/strategy/delete-objective";
import { deletePerspective } from "@/lib/commands/strategy/delete-perspective";
import { movePerspective } from "@/lib/commands/strategy/move-perspective";
import { removeObjectiveLink } from "@/lib/commands/strategy/remove-objective-link";
import { updateObjective } from "@/lib/commands/strategy/update-objective";
import { updatePerspective } from "@/lib/commands/strategy/update-perspective";
import { formDataToObject } from "@/lib/validation/common";

// The strategy editor's server actions: each runs its command, then refreshes every screen of
// the scorecard (overview, map, persona scorecards, this editor) and the persona pages, which
// list the objectives addressing each pain point.

async function run<T>(command: Command<unknown, T>, formData: FormData, success: (data: T) => string): Promise<ActionState> {
  const actor = await requireActor();
  const sent = formDataToObject(formData);
  // Checkboxes: keep every ticked business unit to show again after a refusal.
  if (sent.departmentIds !== undefined) sent.departmentIdsList = ([] as string[]).concat(sent.departmentIds).join(",");
  const result = await command(actor, sent);
  if (result.ok) {
    revalidatePath("/scorecards", "layout");
    revalidatePath("/personas", "layout");
  }
  return toActionState(result.ok ? { ok: true, data: undefined } : result, sent, result.ok ? success(result.data) : "");
}

export async function createPerspectiveAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return run(createPerspective, formData, (d) => `Perspective “${d.perspective.name}” added at the bottom.`);
}

export async function updatePerspectiveAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return run(updatePerspective, formData, (d) => (d.changed ? `Perspective “${d.perspective.name}” saved.` : "Nothing had changed: no change to save."));
}

export async function movePerspectiveAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return run(movePerspective, formData, (d) => `Moved “${d.perspective.name}”.`);
}

export async function deletePerspectiveAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return run(deletePerspective, formData, (d) => `Perspective “${d.perspective.name}” deleted.`);
}

export async function createObjectiveAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return run(createObjective, formData, (d) => `Objective “${d.objective.title}” added to ${d.objective.perspective}.`);
}

export async function updateObjectiveAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return run(updateObjective, formData, (d) =>
    !d.changed ? "Nothing had changed: no change to save." : `Objective “${d.objective.title}” saved${d.movedKpis > 0 ? `; its ${d.movedKpis} KPI${d.movedKpis === 1 ? "" : "s"} moved with it` : ""}.`,
  );
}

export async function deleteObjectiveAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return run(deleteObjective, formData, (d) => `Objective “${d.objective.title}” deleted.`);
}

export async function addObjectiveLinkAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return run(addObjectiveLink, formData, (d) => `Link added: ${d.link.cause} → ${d.link.effect}.`);
}

export async function removeObjectiveLinkAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return run(removeObjectiveLink, formData, (d) => `Link removed: ${d.link.cause} → ${d.link.effect}.`);
}
