import "server-only";
import { checkNewLink } from "@/lib/scoring/graph";
import { addObjectiveLinkSchema } from "@/lib/validation/strategy";
import { defineCommand, fail } from "../command";
import { LINK_ENTITY, loadObjective } from "./shared";

/**
 * Adds a cause -> effect link between two objectives of the same scorecard. Refused: a self-link,
 * a link that already exists, and one that would close a loop, with the loop named
 * ("This link would close a loop: A → B → A"). The check is lib/scoring's checkNewLink over the
 * scorecard's links, read in this transaction.
 */
export const addObjectiveLink = defineCommand({
  name: "objective.link.add",
  action: "objective.write",
  schema: addObjectiveLinkSchema,
  async run({ input, tx, audit }) {
    const cause = await loadObjective(tx, input.causeId, "cause");
    const effect = await loadObjective(tx, input.effectId, "effect");
    if (cause.perspective.scorecardId !== effect.perspective.scorecardId) {
      fail("INVALID", "Both objectives must belong to the same scorecard.", { effectId: ["Choose an objective of this scorecard."] });
    }
    const objectives = await tx.strategicObjective.findMany({ where: { perspective: { scorecardId: cause.perspective.scorecardId } }, select: { id: true, title: true } });
    const title = new Map(objectives.map((o) => [o.id, o.title]));
    const existing = await tx.objectiveLink.findMany({
      where: { causeId: { in: objectives.map((o) => o.id) } },
      orderBy: [{ causeId: "asc" }, { effectId: "asc" }],
      select: { causeId: true, effectId: true },
    });
    const verdict = checkNewLink(
      existing.map((l) => ({ cause: l.causeId, effect: l.effectId })),
      { cause: cause.id, effect: effect.id },
    );
    if (!verdict.ok) {
      if (verdict.reason === "SELF") fail("INVALID", "An objective cannot cause itself.", { effectId: ["Choose an effect other than the cause."] });
      if (verdict.reason === "DUPLICATE") fail("CONFLICT", `“${cause.title}” → “${effect.title}” is already on the map.`, { effectId: ["This link already exists."] });
      const loop = verdict.path.map((id) => title.get(id) ?? id).join(" → ");
      fail("CONFLICT", `This link would close a loop: ${loop}. Cause and effect must run one way; remove a link of the loop first if the strategy changed.`, {
        effectId: [`Would close the loop ${loop}.`],
      });
    }
    const link = await tx.objectiveLink.create({ data: { causeId: cause.id, effectId: effect.id, description: input.description }, select: { id: true } });
    await audit({ entityType: LINK_ENTITY, entityId: link.id, before: null, after: { cause: cause.title, causeId: cause.id, effect: effect.title, effectId: effect.id, description: input.description } });
    return { link: { id: link.id, cause: cause.title, effect: effect.title } };
  },
});
