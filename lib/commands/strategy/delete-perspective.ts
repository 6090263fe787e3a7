import "server-only";
import { deletePerspectiveSchema } from "@/lib/validation/strategy";
import { defineCommand, fail } from "../command";
import { hiddenContentsRefusal, kpisTheActorSees, loadPerspective, PERSPECTIVE_ENTITY, perspectiveAuditJson, plural } from "./shared";

/**
 * Deletes an empty perspective. One that still holds objectives or KPIs (of any status) is
 * refused, saying what to move first (the KPIs the actor may see: kpisTheActorSees). The others
 * close up their order.
 */
export const deletePerspective = defineCommand({
  name: "perspective.delete",
  action: "objective.write",
  schema: deletePerspectiveSchema,
  async run({ actor, input, tx, audit }) {
    const before = await loadPerspective(tx, input.perspectiveId);
    const objectives = await tx.strategicObjective.count({ where: { perspectiveId: before.id } });
    const kpis = await kpisTheActorSees(tx, actor, { perspectiveId: before.id });
    if (objectives > 0 || kpis.count > 0) {
      // Counting only the KPIs the actor sees: a proposal hidden from them is not revealed.
      const parts = [objectives > 0 ? plural(objectives, "objective") : null, kpis.count > 0 ? plural(kpis.count, "KPI") : null].filter(Boolean).join(" and ");
      fail("CONFLICT", `“${before.name}” still holds ${parts}. Move them to another perspective or delete them first; only an empty perspective can be deleted.`);
    }
    if (kpis.hidden) fail("CONFLICT", hiddenContentsRefusal(before.name, "only an empty perspective can be deleted"));
    await tx.perspective.delete({ where: { id: before.id } });
    const rest = await tx.perspective.findMany({ where: { scorecardId: before.scorecardId }, orderBy: [{ order: "asc" }, { name: "asc" }], select: { id: true, order: true } });
    for (const [i, p] of rest.entries()) if (p.order !== i + 1) await tx.perspective.update({ where: { id: p.id }, data: { order: i + 1 } });
    await audit({ entityType: PERSPECTIVE_ENTITY, entityId: before.id, before: perspectiveAuditJson(before), after: null });
    return { perspective: { id: before.id, name: before.name } };
  },
});
