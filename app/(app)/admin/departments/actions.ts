"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { toActionState, type ActionState } from "@/lib/commands/action-state";
import { createDepartment } from "@/lib/commands/departments/create-department";
import { deleteDepartment } from "@/lib/commands/departments/delete-department";
import { updateDepartment } from "@/lib/commands/departments/update-department";
import { formDataToObject } from "@/lib/validation/common";

export async function createDepartmentAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const sent = formDataToObject(formData);
  const result = await createDepartment(actor, sent);
  if (result.ok) revalidatePath("/admin", "layout");
  return toActionState(result.ok ? { ok: true, data: undefined } : result, sent, result.ok ? `${result.data.department.name} created.` : "");
}

export async function updateDepartmentAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const sent = formDataToObject(formData);
  const result = await updateDepartment(actor, sent);
  if (result.ok) revalidatePath("/admin", "layout");
  return toActionState(result.ok ? { ok: true, data: undefined } : result, sent, result.ok && result.data.changed ? "Changes saved." : "Nothing to save.");
}

export async function deleteDepartmentAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const sent = formDataToObject(formData);
  const result = await deleteDepartment(actor, sent);
  if (result.ok) {
    revalidatePath("/admin", "layout");
    redirect("/admin/departments");
  }
  return toActionState(result.ok ? { ok: true, data: undefined } : result, sent, "");
}
