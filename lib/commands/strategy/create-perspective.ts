import "server-only";
import { createPerspectiveSchema } from "@/lib/validation/strategy";
import { defineCommand, fail } from "../command";
import { PERSPECTIVE_ENTITY, perspectiveAuditJson, perspectiveSelect } from "./shared";

/** Adds a perspective at the bottom of its scorecard (the largest order + 1). Names are unique per scorecard. */
export const createPerspective = defineCommand({
  name: "perspective.create",
  action: "objective.write",
  schema: createPerspectiveSchema,
  async run({ input, tx, audit }) {
    const scorecard = await tx.scorecard.findUnique({ where: { id: input.scorecardId }, select: { id: true } });
    if (!scorecard) fail("NOT_FOUND", "That scorecard no longer exists. Reload the page.");
    const clash = await tx.perspective.findFirst({ where: { scorecardId: scorecard.id, name: { equals: input.name, mode: "insensitive" } }, select: { id: true } });
    if (clash) fail("INVALID", "Choose another name.", { name: [`This scorecard already has a perspective called “${input.name}”.`] });
    const last = await tx.perspective.aggregate({ where: { scorecardId: scorecard.id }, _max: { order: true } });
    const perspective = await tx.perspective.create({
      data: { scorecardId: scorecard.id, name: input.name, description: input.description, weight: input.weight.toFixed(4), order: (last._max.order ?? 0) + 1 },
      select: perspectiveSelect,
    });
    await audit({ entityType: PERSPECTIVE_ENTITY, entityId: perspective.id, before: null, after: perspectiveAuditJson(perspective) });
    return { perspective: { id: perspective.id, name: perspective.name } };
  },
});
