import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { isProposal, proposalResource, refusal } from "@/lib/auth/policy";
import { getDb } from "@/lib/db";

// What the KPI screens offer the actor beyond reading. Decided per request, never stored in the
// cached KPI detail: that cache is keyed by persona scope, not by role, and a proposal's personas
// outside the scope must not enter a read model (their ids stay here).

export interface KpiPageActions {
  /** "Edit this KPI": the role may change definitions and, for a proposal, every persona it is about is in scope. */
  canEdit: boolean;
}

/**
 * Why the actor may not change the KPI's definition (kpi.write) or targets (target.write), or null
 * when they may: the role, and for a KPI still a proposal every persona it is about (policy.ts
 * proposalResource), as the commands decide it. The reason counts hidden personas, never names them.
 */
export async function kpiChangeRefusal(actor: Actor, action: "kpi.write" | "target.write", kpi: { id: string; status: string }): Promise<string | null> {
  const byRole = refusal(actor, action);
  if (byRole !== null || !isProposal(kpi.status)) return byRole;
  const db = await getDb();
  const proposal = await db.kpi.findUnique({ where: { id: kpi.id }, select: { status: true, proposedById: true, proposalPersonas: { select: { personaId: true } } } });
  if (!proposal) return "This KPI no longer exists.";
  if (!isProposal(proposal.status)) return null;
  return refusal(actor, action, proposalResource({ proposedById: proposal.proposedById, personaIds: proposal.proposalPersonas.map((p) => p.personaId) }));
}

/** Whether the actor may change the KPI's definition or targets (kpiChangeRefusal is null). */
export async function kpiChangeAllowed(actor: Actor, action: "kpi.write" | "target.write", kpi: { id: string; status: string }): Promise<boolean> {
  return (await kpiChangeRefusal(actor, action, kpi)) === null;
}

export async function getKpiPageActions(actor: Actor, kpi: { id: string; status: string }): Promise<KpiPageActions> {
  // A rejected proposal is kept as its record: never edited.
  if (kpi.status === "REJECTED") return { canEdit: false };
  return { canEdit: await kpiChangeAllowed(actor, "kpi.write", kpi) };
}
