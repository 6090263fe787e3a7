import "server-only";
import { updateObjectiveSchema } from "@/lib/validation/strategy";
import { defineCommand } from "../command";
import { assertSeenVersion } from "../version-check";
import { assertTitleFree, checkOwnerAndDepartments, kpisTheActorSees, loadObjective, OBJECTIVE_ENTITY, objectiveAuditJson, objectiveSelect, targetPerspective } from "./shared";

/**
 * Edits an objective: title, description, theme, owner, business units, and its perspective (a
 * move, only within its scorecard). A moved objective takes the KPIs that measure it along, so
 * each KPI stays in its objective's perspective; the audit event names them (the result counts those
 * the actor may see). An edit made on a
 * version someone else replaced meanwhile is refused, naming who changed it.
 */
export const updateObjective = defineCommand({
  name: "objective.update",
  action: "objective.write",
  schema: updateObjectiveSchema,
  async run({ actor, input, tx, audit, unchanged }) {
    const before = await loadObjective(tx, input.objectiveId);
    await assertSeenVersion(tx, { entityType: OBJECTIVE_ENTITY, noun: "objective" }, before, input.version);
    const beforeJson = objectiveAuditJson(before);
    const wanted = {
      perspectiveId: input.perspectiveId,
      title: input.title,
      description: input.description,
      strategicTheme: input.strategicTheme,
      ownerId: input.ownerId,
      departmentIds: [...input.departmentIds].sort(),
    };
    if (JSON.stringify(beforeJson) === JSON.stringify(wanted)) {
      unchanged();
      return { objective: { id: before.id, title: before.title }, changed: false, movedKpis: 0 };
    }
    const moved = input.perspectiveId !== before.perspectiveId;
    const perspective = moved ? await targetPerspective(tx, input.perspectiveId, before.perspective.scorecardId) : null;
    if (moved || input.title.toLowerCase() !== before.title.toLowerCase()) await assertTitleFree(tx, input.perspectiveId, input.title, before.id);
    if (input.ownerId !== before.ownerId || beforeJson.departmentIds.join() !== wanted.departmentIds.join()) {
      await checkOwnerAndDepartments(tx, input.ownerId === before.ownerId ? null : input.ownerId, input.departmentIds);
    }
    const after = await tx.strategicObjective.update({
      where: { id: before.id },
      data: {
        perspectiveId: input.perspectiveId,
        title: input.title,
        description: input.description,
        strategicTheme: input.strategicTheme,
        ownerId: input.ownerId,
        version: { increment: 1 },
        departments: { deleteMany: {}, create: input.departmentIds.map((departmentId) => ({ departmentId })) },
      },
      select: objectiveSelect,
    });
    let kpis: string[] = [];
    let movedKpis = 0;
    if (moved) {
      kpis = (await tx.kpi.findMany({ where: { objectiveId: before.id }, orderBy: { code: "asc" }, select: { code: true } })).map((k) => k.code);
      // The actor is told how many of those they may see (a proposal hidden from them is not
      // revealed); the audit log, read only by those who see every persona, names them all.
      movedKpis = kpis.length === 0 ? 0 : (await kpisTheActorSees(tx, actor, { objectiveId: before.id })).count;
      if (kpis.length > 0) await tx.kpi.updateMany({ where: { objectiveId: before.id }, data: { perspectiveId: input.perspectiveId } });
    }
    await audit({
      entityType: OBJECTIVE_ENTITY,
      entityId: before.id,
      before: beforeJson,
      after: moved ? { ...objectiveAuditJson(after), movedFrom: before.perspective.name, movedTo: perspective!.name, kpisMoved: kpis } : objectiveAuditJson(after),
    });
    return { objective: { id: after.id, title: after.title }, changed: true, movedKpis };
  },
});
