import "server-only";
import { movePerspectiveSchema } from "@/lib/validation/strategy";
import { defineCommand } from "../command";
import { loadPerspective, PERSPECTIVE_ENTITY } from "./shared";

/**
 * Moves a perspective one place up or down in its scorecard (the order of the heatmap's columns
 * and the strategy map's bands). Orders are renumbered 1..n. At the top (or bottom) already: no change.
 */
export const movePerspective = defineCommand({
  name: "perspective.move",
  action: "objective.write",
  schema: movePerspectiveSchema,
  async run({ input, tx, audit, unchanged }) {
    const moving = await loadPerspective(tx, input.perspectiveId);
    const siblings = await tx.perspective.findMany({ where: { scorecardId: moving.scorecardId }, orderBy: [{ order: "asc" }, { name: "asc" }], select: { id: true, name: true, order: true } });
    const from = siblings.findIndex((p) => p.id === moving.id);
    const to = input.direction === "up" ? from - 1 : from + 1;
    if (to < 0 || to >= siblings.length) {
      unchanged();
      return { perspective: { id: moving.id, name: moving.name }, changed: false };
    }
    const reordered = [...siblings];
    [reordered[from], reordered[to]] = [reordered[to]!, reordered[from]!];
    for (const [i, p] of reordered.entries()) {
      if (p.order !== i + 1) await tx.perspective.update({ where: { id: p.id }, data: { order: i + 1 } });
    }
    await audit({
      entityType: PERSPECTIVE_ENTITY,
      entityId: moving.id,
      before: { order: siblings.map((p) => p.name) },
      after: { order: reordered.map((p) => p.name) },
    });
    return { perspective: { id: moving.id, name: moving.name }, changed: true };
  },
});
