import "server-only";
import { monthStart } from "@/lib/scoring/periods";
import { changeKpiStatusSchema } from "@/lib/validation/kpis";
import { defineCommand, fail } from "../command";
import { assertKpiVersion, KPI_ENTITY, kpiAuditJson, kpiAuditSelect, kpiProposalResource, loadKpiForEdit } from "./shared";

/**
 * Retire an ACTIVE KPI, or re-activate a RETIRED one, each with a written rationale (audited).
 * Retiring keeps every value, target and escalation: the KPI counts up to and including the
 * period of `retiredIn` (default: the current month; never a later month) and not after.
 * Re-activating clears `retiredIn`: it counts in every period again, and the months it was
 * retired show no data unless values are entered for them.
 */
export const changeKpiStatus = defineCommand({
  name: "kpi.status",
  action: "kpi.write",
  schema: changeKpiStatusSchema,
  // Like update-kpi: a proposal about personas outside the actor's access is refused for that
  // reason first (its status would refuse it anyway, but not say why).
  resource: (input, tx) => kpiProposalResource(tx, input.kpiId),
  async run({ input, tx, audit }) {
    const now = new Date();
    const before = await loadKpiForEdit(tx, input.kpiId);
    await assertKpiVersion(tx, before, input.version);
    let retiredIn: Date | null = null;
    if (input.toStatus === "RETIRED") {
      if (before.status !== "ACTIVE") fail("INVALID", `Only an active KPI can be retired; ${before.code} is ${before.status.toLowerCase()}.`, { toStatus: ["Only an active KPI can be retired."] });
      const current = monthStart(now);
      const month = input.retiredIn ?? current;
      if (month > current) fail("INVALID", "Some fields need attention.", { retiredIn: [`The month it was retired in cannot be after the current month (${current.slice(0, 7)}).`] });
      retiredIn = new Date(`${month}T00:00:00.000Z`);
    } else if (before.status !== "RETIRED") {
      fail("INVALID", `Only a retired KPI can be re-activated; ${before.code} is ${before.status.toLowerCase()}.`, { toStatus: ["Only a retired KPI can be re-activated."] });
    }
    const after = await tx.kpi.update({
      where: { id: before.id },
      data: { status: input.toStatus, retiredIn, statusRationale: input.rationale, version: { increment: 1 } },
      select: kpiAuditSelect,
    });
    await audit({
      action: input.toStatus === "RETIRED" ? "kpi.retire" : "kpi.reactivate",
      entityType: KPI_ENTITY,
      entityId: before.id,
      before: kpiAuditJson(before),
      after: { ...kpiAuditJson(after), rationale: input.rationale },
    });
    return { kpi: { id: after.id, code: after.code, status: after.status, version: after.version, retiredIn: after.retiredIn ? after.retiredIn.toISOString().slice(0, 10) : null } };
  },
});
