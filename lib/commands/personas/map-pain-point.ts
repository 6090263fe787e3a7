import "server-only";
import { painPointObjectiveSchema } from "@/lib/validation/strategy";
import { defineCommand } from "../command";
import { loadPainPointAndObjective, PAIN_POINT_ENTITY, painPointResource } from "./pain-points";

/** Records that a strategic objective addresses a persona's pain point. Mapping it twice changes nothing. */
export const mapPainPoint = defineCommand({
  name: "persona.painPoint.map",
  action: "persona.write",
  schema: painPointObjectiveSchema,
  resource: painPointResource,
  async run({ input, tx, audit, unchanged }) {
    const { painPoint, objective } = await loadPainPointAndObjective(tx, input.painPointId, input.objectiveId);
    const exists = await tx.painPointObjective.count({ where: { painPointId: painPoint.id, objectiveId: objective.id } });
    if (exists > 0) {
      unchanged();
      return { personaSlug: painPoint.persona.slug, painPoint: painPoint.text, objective: objective.title, changed: false };
    }
    await tx.painPointObjective.create({ data: { painPointId: painPoint.id, objectiveId: objective.id } });
    await audit({
      entityType: PAIN_POINT_ENTITY,
      entityId: painPoint.id,
      before: null,
      after: { personaId: painPoint.persona.id, painPoint: painPoint.text, objectiveId: objective.id, objective: objective.title },
    });
    return { personaSlug: painPoint.persona.slug, painPoint: painPoint.text, objective: objective.title, changed: true };
  },
});
