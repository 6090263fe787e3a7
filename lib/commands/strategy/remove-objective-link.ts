import "server-only";
import { removeObjectiveLinkSchema } from "@/lib/validation/strategy";
import { defineCommand, fail } from "../command";
import { LINK_ENTITY } from "./shared";

/** Removes a cause -> effect link; the audit event keeps what it said. */
export const removeObjectiveLink = defineCommand({
  name: "objective.link.remove",
  action: "objective.write",
  schema: removeObjectiveLinkSchema,
  async run({ input, tx, audit }) {
    const link = await tx.objectiveLink.findUnique({
      where: { id: input.linkId },
      select: { id: true, causeId: true, effectId: true, description: true, cause: { select: { title: true } }, effect: { select: { title: true } } },
    });
    if (!link) fail("NOT_FOUND", "That link no longer exists. Reload the page.");
    await tx.objectiveLink.delete({ where: { id: link.id } });
    await audit({
      entityType: LINK_ENTITY,
      entityId: link.id,
      before: { cause: link.cause.title, causeId: link.causeId, effect: link.effect.title, effectId: link.effectId, description: link.description },
      after: null,
    });
    return { link: { id: link.id, cause: link.cause.title, effect: link.effect.title } };
  },
});
