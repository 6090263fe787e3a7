import "server-only";
import type { DbClient } from "@/lib/db";
import { fail } from "../command";

// What the persona commands share: loading the persona they change, and refusing an edit made
// on a version someone else has replaced meanwhile (optimistic concurrency on Persona.version).

export const PERSONA_ENTITY = "Persona";

export const personaAuditSelect = {
  id: true,
  slug: true,
  name: true,
  description: true,
  status: true,
  statusRationale: true,
  statusChangedAt: true,
  priority: true,
  revenueInfluence: true,
  reviewCadenceMonths: true,
  nextReviewOn: true,
  version: true,
} as const;

export async function loadPersonaForEdit(tx: DbClient, personaId: string) {
  const persona = await tx.persona.findUnique({ where: { id: personaId }, select: personaAuditSelect });
  if (!persona) fail("NOT_FOUND", "That persona no longer exists. Reload the page.");
  return persona;
}

/** Refuses (CONFLICT) when the persona moved past the version the editor saw, naming who changed it and when. */
export async function assertPersonaVersion(tx: DbClient, persona: { id: string; version: number }, seen: number): Promise<void> {
  if (persona.version === seen) return;
  const last = await tx.auditEvent.findFirst({
    where: { entityType: PERSONA_ENTITY, entityId: persona.id },
    orderBy: { at: "desc" },
    select: { actorLabel: true, actor: { select: { name: true } }, at: true, action: true },
  });
  const who = last ? (last.actor?.name ?? last.actorLabel) : "someone else";
  const when = last ? ` on ${last.at.toISOString().slice(0, 16).replace("T", " ")} UTC` : "";
  fail(
    "CONFLICT",
    `${who} changed this persona${when} after you opened it (version ${persona.version}, yours was ${seen}). Reload the page to see their change, then make yours again.`,
    {},
    { current: { version: persona.version, changedBy: who, changedAt: last?.at.toISOString() ?? null, action: last?.action ?? null } },
  );
}

/** The persona as the audit log keeps it (plain JSON). */
export function personaAuditJson(p: {
  slug: string;
  name: string;
  description: string;
  status: string;
  statusRationale: string | null;
  priority: number;
  revenueInfluence: { toString(): string } | null;
  reviewCadenceMonths: number;
  nextReviewOn: Date | null;
  version: number;
}) {
  return {
    slug: p.slug,
    name: p.name,
    description: p.description,
    status: p.status,
    statusRationale: p.statusRationale,
    priority: p.priority,
    revenueInfluence: p.revenueInfluence === null ? null : p.revenueInfluence.toString(),
    reviewCadenceMonths: p.reviewCadenceMonths,
    nextReviewOn: p.nextReviewOn ? p.nextReviewOn.toISOString().slice(0, 10) : null,
    version: p.version,
  };
}

/** Percent (0-100) -> the stored fraction, as a decimal string with 4 decimals. */
export function percentToFraction(percent: number | null): string | null {
  return percent === null ? null : (Math.round(percent * 100) / 10_000).toFixed(4);
}
