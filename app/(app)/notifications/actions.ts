"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/session";
import { toActionState, type ActionState } from "@/lib/commands/action-state";
import { markAllNotificationsRead } from "@/lib/commands/notifications/mark-all-notifications-read";
import { markNotificationRead } from "@/lib/commands/notifications/mark-notification-read";
import { formDataToObject } from "@/lib/validation/common";

export async function markReadAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const sent = formDataToObject(formData);
  const result = await markNotificationRead(actor, sent);
  if (result.ok) revalidatePath("/", "layout"); // the header's count too
  return toActionState(result.ok ? { ok: true, data: undefined } : result, sent, "Marked read.");
}

export async function markAllReadAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const sent = formDataToObject(formData);
  const result = await markAllNotificationsRead(actor, {});
  if (result.ok) revalidatePath("/", "layout");
  return toActionState(
    result.ok ? { ok: true, data: undefined } : result,
    sent,
    result.ok && result.data.marked > 0 ? `Marked ${result.data.marked} notification${result.data.marked === 1 ? "" : "s"} read.` : "Nothing was unread.",
  );
}
