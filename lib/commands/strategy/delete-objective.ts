import "server-only";
import { personaScope } from "@/lib/auth/policy";
import { kpiWhere } from "@/lib/queries/persona-scope";
import { deleteObjectiveSchema } from "@/lib/validation/strategy";
import { defineCommand, fail } from "../command";
import { loadObjective, OBJECTIVE_ENTITY, objectiveAuditJson, plural } from "./shared";

/**
 * Deletes an objective no KPI measures. One that KPIs (of any status) point at is refused, naming
 * them. Its cause -> effect links and pain point mappings go with it; the audit event counts them.
 */
export const deleteObjective = defineCommand({
  name: "objective.delete",
  action: "objective.write",
  schema: deleteObjectiveSchema,
  async run({ actor, input, tx, audit }) {
    const before = await loadObjective(tx, input.objectiveId);
    const total = await tx.kpi.count({ where: { objectiveId: before.id } });
    if (total > 0) {
      // Counted all, named only those the actor may see (a proposal entirely about personas outside
      // their access is not named: policy.ts proposalHidden).
      const kpis = await tx.kpi.findMany({ where: { objectiveId: before.id, ...kpiWhere(personaScope(actor)) }, orderBy: { code: "asc" }, select: { code: true }, take: 5 });
      const codes = kpis.map((k) => k.code);
      const named = codes.length === 0 ? "" : ` (${codes.join(", ")}${total > codes.length ? ", …" : ""})`;
      fail("CONFLICT", `${plural(total, "KPI")} ${total === 1 ? "measures" : "measure"} “${before.title}”${named}. Point ${total === 1 ? "it" : "them"} at another objective first; only an objective without KPIs can be deleted.`);
    }
    const links = await tx.objectiveLink.count({ where: { OR: [{ causeId: before.id }, { effectId: before.id }] } });
    const painPoints = await tx.painPointObjective.count({ where: { objectiveId: before.id } });
    await tx.strategicObjective.delete({ where: { id: before.id } });
    await audit({ entityType: OBJECTIVE_ENTITY, entityId: before.id, before: { ...objectiveAuditJson(before), links, painPoints }, after: null });
    return { objective: { id: before.id, title: before.title }, links, painPoints };
  },
});
