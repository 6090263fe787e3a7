import "server-only";
import { createObjectiveSchema } from "@/lib/validation/strategy";
import { defineCommand } from "../command";
import { assertTitleFree, checkOwnerAndDepartments, OBJECTIVE_ENTITY, objectiveAuditJson, objectiveSelect, targetPerspective } from "./shared";

/** Adds a strategic objective to a perspective: title, description, theme, owner (an active user) and the business units that share it. */
export const createObjective = defineCommand({
  name: "objective.create",
  action: "objective.write",
  schema: createObjectiveSchema,
  async run({ input, tx, audit }) {
    const perspective = await targetPerspective(tx, input.perspectiveId);
    await assertTitleFree(tx, perspective.id, input.title);
    await checkOwnerAndDepartments(tx, input.ownerId, input.departmentIds);
    const objective = await tx.strategicObjective.create({
      data: {
        perspectiveId: perspective.id,
        title: input.title,
        description: input.description,
        strategicTheme: input.strategicTheme,
        ownerId: input.ownerId,
        departments: { create: input.departmentIds.map((departmentId) => ({ departmentId })) },
      },
      select: objectiveSelect,
    });
    await audit({ entityType: OBJECTIVE_ENTITY, entityId: objective.id, before: null, after: objectiveAuditJson(objective) });
    return { objective: { id: objective.id, title: objective.title, perspective: perspective.name } };
  },
});
