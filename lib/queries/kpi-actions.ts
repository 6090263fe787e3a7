import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can, isProposal, proposalResource } from "@/lib/auth/policy";
import { getDb } from "@/lib/db";

// What the KPI page (/kpis/{code}) offers the actor beyond reading. Decided per request, never
// stored in the cached KPI detail: that cache is keyed by persona scope, not by role, and a
// proposal's personas outside the scope must not enter a read model (their ids stay here).

export interface KpiPageActions {
  /** "Edit this KPI": the role may change definitions and, for a proposal, every persona it is about is in scope. */
  canEdit: boolean;
}

export async function getKpiPageActions(actor: Actor, kpi: { id: string; status: string }): Promise<KpiPageActions> {
  if (kpi.status === "REJECTED" || !can(actor, "kpi.write")) return { canEdit: false };
  if (!isProposal(kpi.status)) return { canEdit: true };
  const db = await getDb();
  const proposal = await db.kpi.findUnique({ where: { id: kpi.id }, select: { status: true, proposedById: true, proposalPersonas: { select: { personaId: true } } } });
  if (!proposal || proposal.status === "REJECTED") return { canEdit: false };
  if (!isProposal(proposal.status)) return { canEdit: true };
  return { canEdit: can(actor, "kpi.write", proposalResource({ proposedById: proposal.proposedById, personaIds: proposal.proposalPersonas.map((p) => p.personaId) })) };
}
