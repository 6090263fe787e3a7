import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";

/** What "My account" shows beyond the actor: department name, whether a password exists, e-mail notifications on or off. One read. */
export async function getMyAccount(actor: Actor): Promise<{ department: string | null; hasPassword: boolean; emailNotifications: boolean }> {
  const db = await getDb();
  const me = await db.user.findUnique({
    where: { id: actor.id },
    select: { passwordHash: true, emailNotifications: true, department: { select: { name: true } } },
  });
  return { department: me?.department?.name ?? null, hasPassword: Boolean(me?.passwordHash), emailNotifications: me?.emailNotifications ?? true };
}
