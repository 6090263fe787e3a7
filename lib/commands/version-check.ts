import "server-only";
import type { DbClient } from "@/lib/db";
import { fail } from "./command";

/**
 * Optimistic concurrency for an edit screen: refuses (CONFLICT) when the row moved past the
 * version the editor saw, naming who changed it and when (from its last audit event), and gives
 * the current version in the details so a client can reload and try again knowingly.
 */
export async function assertSeenVersion(
  tx: DbClient,
  entity: { entityType: string; noun: string },
  row: { id: string; version: number },
  seen: number,
): Promise<void> {
  if (row.version === seen) return;
  const last = await tx.auditEvent.findFirst({
    where: { entityType: entity.entityType, entityId: row.id },
    orderBy: { at: "desc" },
    select: { actorLabel: true, actor: { select: { name: true } }, at: true, action: true },
  });
  const who = last ? (last.actor?.name ?? last.actorLabel) : "someone else";
  const when = last ? ` on ${last.at.toISOString().slice(0, 16).replace("T", " ")} UTC` : "";
  fail(
    "CONFLICT",
    `${who} changed this ${entity.noun}${when} after you opened it (version ${row.version}, yours was ${seen}). Reload the page to see their change, then make yours again.`,
    {},
    { current: { version: row.version, changedBy: who, changedAt: last?.at.toISOString() ?? null, action: last?.action ?? null } },
  );
}
