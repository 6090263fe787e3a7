import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";

/** What "My account" shows beyond the actor: department name and whether a password exists. */
export async function getMyAccount(actor: Actor): Promise<{ department: string | null; hasPassword: boolean }> {
  const db = await getDb();
  const me = await db.user.findUnique({
    where: { id: actor.id },
    select: { passwordHash: true, department: { select: { name: true } } },
  });
  return { department: me?.department?.name ?? null, hasPassword: Boolean(me?.passwordHash) };
}
