import "server-only";
import type { DbClient } from "@/lib/db";
import { fail } from "../command";
import { assertSeenVersion } from "../version-check";

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

/** Refuses (CONFLICT) when the persona moved past the version the editor saw (lib/commands/version-check). */
export function assertPersonaVersion(tx: DbClient, persona: { id: string; version: number }, seen: number): Promise<void> {
  return assertSeenVersion(tx, { entityType: PERSONA_ENTITY, noun: "persona" }, persona, seen);
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
