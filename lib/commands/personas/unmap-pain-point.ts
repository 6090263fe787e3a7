import "server-only";
import { painPointObjectiveSchema } from "@/lib/validation/strategy";
import { defineCommand, fail } from "../command";
import { loadPainPointAndObjective, PAIN_POINT_ENTITY, painPointResource } from "./pain-points";

/** Removes the mapping of a pain point to an objective (the objective no longer addresses it). */
export const unmapPainPoint = defineCommand({
  name: "persona.painPoint.unmap",
  action: "persona.write",
  schema: painPointObjectiveSchema,
  resource: painPointResource,
  async run({ input, tx, audit }) {
    const { painPoint, objective } = await loadPainPointAndObjective(tx, input.painPointId, input.objectiveId);
    const removed = await tx.painPointObjective.deleteMany({ where: { painPointId: painPoint.id, objectiveId: objective.id } });
    if (removed.count === 0) fail("NOT_FOUND", `“${objective.title}” is not mapped to this pain point. Reload the page.`);
    await audit({
      entityType: PAIN_POINT_ENTITY,
      entityId: painPoint.id,
      before: { personaId: painPoint.persona.id, painPoint: painPoint.text, objectiveId: objective.id, objective: objective.title },
      after: null,
    });
    return { personaSlug: painPoint.persona.slug, painPoint: painPoint.text, objective: objective.title };
  },
});
