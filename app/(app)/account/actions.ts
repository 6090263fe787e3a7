"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { toActionState, type ActionState } from "@/lib/commands/action-state";
import { changeOwnPassword } from "@/lib/commands/account/change-own-password";
import { signOutEverywhere } from "@/lib/commands/account/sign-out-everywhere";
import { setEmailNotifications } from "@/lib/commands/account/set-email-notifications";
import { formDataToObject } from "@/lib/validation/common";

export async function changeOwnPasswordAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const sent = formDataToObject(formData);
  const result = await changeOwnPassword(actor, sent);
  if (result.ok) revalidatePath("/", "layout");
  return toActionState(result.ok ? { ok: true, data: undefined } : result, sent, "Your password has been changed. Use it the next time you sign in.");
}

export async function signOutEverywhereAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const sent = formDataToObject(formData);
  // Always oneself here, whatever the form sends; admins sign others out from /admin/users.
  const result = await signOutEverywhere(actor, { userId: actor.id });
  // This session ended with the others: send the user to sign in again.
  if (result.ok) redirect("/sign-in");
  return toActionState({ ...result, ok: false } as const, sent, "");
}

export async function setEmailNotificationsAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const sent = formDataToObject(formData);
  const result = await setEmailNotifications(actor, sent);
  if (result.ok) revalidatePath("/account");
  const message = result.ok && result.data.emailNotifications ? "Saved: notifications also come by e-mail." : "Saved: notifications stay in the app, no e-mail.";
  return toActionState(result.ok ? { ok: true, data: undefined } : result, sent, message);
}
