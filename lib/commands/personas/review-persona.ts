import "server-only";
import { addMonthsToDate, reviewPersonaSchema, todayUtcDate } from "@/lib/validation/personas";
import { defineCommand } from "../command";
import { assertPersonaVersion, loadPersonaForEdit, PERSONA_ENTITY, personaAuditJson, personaAuditSelect } from "./shared";

/**
 * "Mark reviewed": the analyst records the outcome (still valid / needs re-segmentation) and a
 * short note; the next review is due one cadence after today. Kept in PersonaReview.
 */
export const reviewPersona = defineCommand({
  name: "persona.review",
  action: "persona.write",
  schema: reviewPersonaSchema,
  resource: async (input) => ({ persona: { id: input.personaId } }),
  async run({ actor, input, tx, audit }) {
    const before = await loadPersonaForEdit(tx, input.personaId);
    await assertPersonaVersion(tx, before, input.version);
    const reviewedOn = todayUtcDate();
    const nextReviewOn = addMonthsToDate(reviewedOn, before.reviewCadenceMonths);
    const after = await tx.persona.update({
      where: { id: before.id },
      data: { nextReviewOn, version: { increment: 1 } },
      select: personaAuditSelect,
    });
    const review = await tx.personaReview.create({
      data: { personaId: before.id, outcome: input.outcome, note: input.note, reviewedById: actor.id, reviewedOn, nextReviewOn },
      select: { id: true },
    });
    await audit({
      entityType: PERSONA_ENTITY,
      entityId: before.id,
      before: personaAuditJson(before),
      after: { ...personaAuditJson(after), review: { id: review.id, outcome: input.outcome, note: input.note } },
    });
    return { persona: { id: after.id, slug: after.slug, version: after.version, nextReviewOn: nextReviewOn.toISOString().slice(0, 10) } };
  },
});
