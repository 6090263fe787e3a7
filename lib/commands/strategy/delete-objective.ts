import "server-only";
import { deleteObjectiveSchema } from "@/lib/validation/strategy";
import { defineCommand, fail } from "../command";
import { OBJECTIVE_KPIS_NAMED, objectiveDeleteRefusal } from "./deletion";
import { kpisTheActorSees, loadObjective, OBJECTIVE_ENTITY, objectiveAuditJson } from "./shared";

/**
 * Deletes an objective no KPI measures. One that KPIs (of any status) point at is refused, naming
 * them, in the words the strategy editor shows in place of Delete (deletion.ts). Its cause -> effect
 * links and pain point mappings go with it; the audit event counts them.
 */
export const deleteObjective = defineCommand({
  name: "objective.delete",
  action: "objective.write",
  schema: deleteObjectiveSchema,
  async run({ actor, input, tx, audit }) {
    const before = await loadObjective(tx, input.objectiveId);
    // Counted and named only those the actor may see (a proposal entirely about personas outside
    // their access is not revealed: kpisTheActorSees).
    const kpis = await kpisTheActorSees(tx, actor, { objectiveId: before.id }, OBJECTIVE_KPIS_NAMED);
    const refusal = objectiveDeleteRefusal(before.title, kpis);
    if (refusal !== null) fail("CONFLICT", refusal);
    const links = await tx.objectiveLink.count({ where: { OR: [{ causeId: before.id }, { effectId: before.id }] } });
    const painPoints = await tx.painPointObjective.count({ where: { objectiveId: before.id } });
    await tx.strategicObjective.delete({ where: { id: before.id } });
    await audit({ entityType: OBJECTIVE_ENTITY, entityId: before.id, before: { ...objectiveAuditJson(before), links, painPoints }, after: null });
    return { objective: { id: before.id, title: before.title }, links, painPoints };
  },
});
