import "server-only";
import { reviewKpiProposalSchema } from "@/lib/validation/kpis";
import { defineCommand, fail } from "../command";
import { assertKpiVersion, KPI_ENTITY, kpiAuditJson, kpiAuditSelect, kpiProposalResource, loadKpiForEdit } from "./shared";

/**
 * An administrator or an analyst other than the proposer approves (-> ACTIVE: scored from then
 * on) or rejects (-> REJECTED: kept as a record, never scored) a PROPOSED KPI, with a comment.
 * The proposer is refused by the policy (kpi.review with the proposal as resource), and so is a
 * reviewer restricted to some personas when the proposal is about any persona outside their access.
 */
export const reviewKpiProposal = defineCommand({
  name: "kpi.review",
  action: "kpi.review",
  schema: reviewKpiProposalSchema,
  // The proposal's personas too: a reviewer restricted to some personas may not decide on evidence
  // about personas outside their access (FORBIDDEN with the count, like other out-of-scope writes).
  resource: (input, tx) => kpiProposalResource(tx, input.kpiId, { always: true }),
  async run({ actor, input, tx, audit }) {
    const before = await loadKpiForEdit(tx, input.kpiId);
    await assertKpiVersion(tx, before, input.version);
    if (before.status !== "PROPOSED") {
      fail("INVALID", `${before.code} is not a pending proposal (it is ${before.status.toLowerCase()}): only proposals are approved or rejected.`);
    }
    const status = input.decision === "APPROVE" ? "ACTIVE" : "REJECTED";
    const after = await tx.kpi.update({
      where: { id: before.id },
      data: { status, reviewedById: actor.id, reviewComment: input.comment, reviewedAt: new Date(), version: { increment: 1 } },
      select: kpiAuditSelect,
    });
    await audit({
      action: input.decision === "APPROVE" ? "kpi.approve" : "kpi.reject",
      entityType: KPI_ENTITY,
      entityId: before.id,
      before: kpiAuditJson(before),
      after: kpiAuditJson(after),
    });
    return { kpi: { id: after.id, code: after.code, status: after.status, version: after.version } };
  },
});
