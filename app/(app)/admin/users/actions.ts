"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/session";
import { toActionState, type ActionState } from "@/lib/commands/action-state";
import { createUser } from "@/lib/commands/users/create-user";
import { deactivateUser } from "@/lib/commands/users/deactivate-user";
import { reactivateUser } from "@/lib/commands/users/reactivate-user";
import { resetUserPassword } from "@/lib/commands/users/reset-user-password";
import { updateUser } from "@/lib/commands/users/update-user";
import { setPersonaAccess } from "@/lib/commands/users/set-persona-access";
import { signOutEverywhere } from "@/lib/commands/account/sign-out-everywhere";
import { formDataToObject } from "@/lib/validation/common";

// Thin wrappers: who is acting, the command, refresh the pages that show the change.

export type IssuedPassword = { user: { id: string; email: string; name: string }; temporaryPassword: string };

export async function createUserAction(_previous: ActionState<IssuedPassword>, formData: FormData): Promise<ActionState<IssuedPassword>> {
  const actor = await requireActor();
  const sent = formDataToObject(formData);
  const result = await createUser(actor, sent);
  if (result.ok) revalidatePath("/admin/users");
  return toActionState(result, sent, (data) => `${data.user.name} can now sign in with the temporary password below.`);
}

export async function updateUserAction(_previous: ActionState<{ changed: boolean }>, formData: FormData): Promise<ActionState<{ changed: boolean }>> {
  const actor = await requireActor();
  const sent = formDataToObject(formData);
  const result = await updateUser(actor, sent);
  if (result.ok) revalidatePath("/admin/users", "layout");
  return toActionState(
    result.ok ? { ok: true, data: { changed: result.data.changed } } : result,
    sent,
    (data) => (data.changed ? "Changes saved." : "Nothing to save: the user already had these details."),
  );
}

export async function setPersonaAccessAction(_previous: ActionState<{ changed: boolean }>, formData: FormData): Promise<ActionState<{ changed: boolean }>> {
  const actor = await requireActor();
  const sent = formDataToObject(formData);
  const result = await setPersonaAccess(actor, sent);
  if (result.ok) revalidatePath("/admin/users", "layout");
  return toActionState(
    result.ok ? { ok: true, data: { changed: result.data.changed } } : result,
    sent,
    (data) => (data.changed ? "Persona access saved: it applies on the user's next request." : "Nothing to save: the user already had this access."),
  );
}

export async function setUserActiveAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const sent = formDataToObject(formData);
  const activate = sent.active === "true";
  const result = activate ? await reactivateUser(actor, sent) : await deactivateUser(actor, sent);
  if (result.ok) revalidatePath("/admin/users", "layout");
  return toActionState(result.ok ? { ok: true, data: undefined } : result, sent, activate ? "User reactivated: they can sign in again." : "User deactivated: they can no longer sign in.");
}

export async function resetUserPasswordAction(_previous: ActionState<IssuedPassword>, formData: FormData): Promise<ActionState<IssuedPassword>> {
  const actor = await requireActor();
  const sent = formDataToObject(formData);
  const result = await resetUserPassword(actor, sent);
  if (result.ok) revalidatePath("/admin/users", "layout");
  return toActionState(result, sent, (data) => `New temporary password for ${data.user.name}. Their old password no longer works.`);
}

export async function signUserOutEverywhereAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const sent = formDataToObject(formData);
  const result = await signOutEverywhere(actor, sent);
  if (result.ok) revalidatePath("/admin/users", "layout");
  return toActionState(
    result.ok ? { ok: true, data: undefined } : result,
    sent,
    result.ok ? `Signed out everywhere; ${result.data.apiTokensRevoked} API token(s) revoked.` : "",
  );
}
