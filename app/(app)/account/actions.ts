"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/session";
import { toActionState, type ActionState } from "@/lib/commands/action-state";
import { changeOwnPassword } from "@/lib/commands/account/change-own-password";
import { formDataToObject } from "@/lib/validation/common";

export async function changeOwnPasswordAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const sent = formDataToObject(formData);
  const result = await changeOwnPassword(actor, sent);
  if (result.ok) revalidatePath("/", "layout");
  return toActionState(result.ok ? { ok: true, data: undefined } : result, sent, "Your password has been changed. Use it the next time you sign in.");
}
