import "server-only";
import { deletePerspectiveSchema } from "@/lib/validation/strategy";
import { defineCommand, fail } from "../command";
import { perspectiveDeleteRefusal } from "./deletion";
import { kpisTheActorSees, loadPerspective, PERSPECTIVE_ENTITY, perspectiveAuditJson } from "./shared";

/**
 * Deletes an empty perspective. One that still holds objectives or KPIs (of any status) is
 * refused, saying what to move first (the KPIs the actor may see: kpisTheActorSees) in the words
 * the strategy editor shows in place of Delete (deletion.ts). The others close up their order.
 */
export const deletePerspective = defineCommand({
  name: "perspective.delete",
  action: "objective.write",
  schema: deletePerspectiveSchema,
  async run({ actor, input, tx, audit }) {
    const before = await loadPerspective(tx, input.perspectiveId);
    const objectives = await tx.strategicObjective.count({ where: { perspectiveId: before.id } });
    const kpis = await kpisTheActorSees(tx, actor, { perspectiveId: before.id });
    // Counting only the KPIs the actor sees: a proposal hidden from them is not revealed.
    const refusal = perspectiveDeleteRefusal(before.name, objectives, kpis);
    if (refusal !== null) fail("CONFLICT", refusal);
    await tx.perspective.delete({ where: { id: before.id } });
    const rest = await tx.perspective.findMany({ where: { scorecardId: before.scorecardId }, orderBy: [{ order: "asc" }, { name: "asc" }], select: { id: true, order: true } });
    for (const [i, p] of rest.entries()) if (p.order !== i + 1) await tx.perspective.update({ where: { id: p.id }, data: { order: i + 1 } });
    await audit({ entityType: PERSPECTIVE_ENTITY, entityId: before.id, before: perspectiveAuditJson(before), after: null });
    return { perspective: { id: before.id, name: before.name } };
  },
});
