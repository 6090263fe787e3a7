"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/session";
import { toActionState, type ActionState } from "@/lib/commands/action-state";
import { createApiToken } from "@/lib/commands/tokens/create-api-token";
import { revokeApiToken } from "@/lib/commands/tokens/revoke-api-token";
import { formDataToObject } from "@/lib/validation/common";

export type CreatedToken = { name: string; prefix: string; secret: string };

export async function createApiTokenAction(_previous: ActionState<CreatedToken>, formData: FormData): Promise<ActionState<CreatedToken>> {
  const actor = await requireActor();
  const sent = formDataToObject(formData);
  const result = await createApiToken(actor, sent);
  if (result.ok) revalidatePath("/account/tokens");
  return toActionState(
    result.ok ? { ok: true, data: { name: result.data.token.name, prefix: result.data.token.prefix, secret: result.data.secret } } : result,
    sent,
    (data) => `Token "${data.name}" created. Copy it now: it is shown only once.`,
  );
}

export async function revokeApiTokenAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const sent = formDataToObject(formData);
  const result = await revokeApiToken(actor, sent);
  if (result.ok) revalidatePath("/account/tokens");
  return toActionState(result.ok ? { ok: true, data: undefined } : result, sent, "Token revoked. Clients using it now get 401.");
}
