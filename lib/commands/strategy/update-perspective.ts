import "server-only";
import { updatePerspectiveSchema } from "@/lib/validation/strategy";
import { defineCommand, fail } from "../command";
import { assertSeenVersion } from "../version-check";
import { loadPerspective, PERSPECTIVE_ENTITY, perspectiveAuditJson, perspectiveSelect } from "./shared";

/**
 * Renames a perspective, changes its description or its weight (non-negative; weights are
 * normalised when scored). An edit made on a version someone else replaced meanwhile is refused.
 */
export const updatePerspective = defineCommand({
  name: "perspective.update",
  action: "objective.write",
  schema: updatePerspectiveSchema,
  async run({ input, tx, audit, unchanged }) {
    const before = await loadPerspective(tx, input.perspectiveId);
    await assertSeenVersion(tx, { entityType: PERSPECTIVE_ENTITY, noun: "perspective" }, before, input.version);
    const weight = input.weight.toFixed(4);
    if (before.name === input.name && before.description === input.description && before.weight.equals(weight)) {
      unchanged();
      return { perspective: { id: before.id, name: before.name }, changed: false };
    }
    if (before.name.toLowerCase() !== input.name.toLowerCase()) {
      const clash = await tx.perspective.findFirst({
        where: { scorecardId: before.scorecardId, id: { not: before.id }, name: { equals: input.name, mode: "insensitive" } },
        select: { id: true },
      });
      if (clash) fail("INVALID", "Choose another name.", { name: [`This scorecard already has a perspective called “${input.name}”.`] });
    }
    const after = await tx.perspective.update({ where: { id: before.id }, data: { name: input.name, description: input.description, weight, version: { increment: 1 } }, select: perspectiveSelect });
    await audit({ entityType: PERSPECTIVE_ENTITY, entityId: before.id, before: perspectiveAuditJson(before), after: perspectiveAuditJson(after) });
    return { perspective: { id: after.id, name: after.name }, changed: true };
  },
});
