"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/session";
import { toActionState, type ActionState } from "@/lib/commands/action-state";
import { changeOwnPassword } from "@/lib/commands/account/change-own-password";
import { setEmailNotifications } from "@/lib/commands/account/set-email-notifications";
import { formDataToObject } from "@/lib/validation/common";

export async function changeOwnPasswordAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const sent = formDataToObject(formData);
  const result = await changeOwnPassword(actor, sent);
  if (result.ok) revalidatePath("/", "layout");
  return toActionState(result.ok ? { ok: true, data: undefined } : result, sent, "Your password has been changed. Use it the next time you sign in.");
}

export async function setEmailNotificationsAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const sent = formDataToObject(formData);
  const result = await setEmailNotifications(actor, sent);
  if (result.ok) revalidatePath("/account");
  const message = result.ok && result.data.emailNotifications ? "Saved: notifications also come by e-mail." : "Saved: notifications stay in the app, no e-mail.";
  return toActionState(result.ok ? { ok: true, data: undefined } : result, sent, message);
}
