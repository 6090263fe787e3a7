import "server-only";
import { EVERY_PERSONA } from "@/lib/auth/policy";
import { addMonthsToDate, createPersonaSchema, todayUtcDate } from "@/lib/validation/personas";
import { defineCommand, fail } from "../command";
import { PERSONA_ENTITY, percentToFraction, personaAuditJson, personaAuditSelect } from "./shared";

/**
 * An analyst (or admin) creates a persona. It starts DRAFT (never scored), its first review is
 * due one cadence from today, and its timeline opens with the creation. An actor restricted to
 * some personas may not: the new persona would be outside their access at once (and the slug check
 * would tell them which slugs other personas use).
 */
export const createPersona = defineCommand({
  name: "persona.create",
  action: "persona.write",
  schema: createPersonaSchema,
  resource: async () => EVERY_PERSONA,
  async run({ actor, input, tx, audit }) {
    if ((await tx.persona.count({ where: { slug: input.slug } })) > 0) {
      fail("INVALID", "Choose another slug.", { slug: [`The slug “${input.slug}” is taken by another persona.`] });
    }
    const persona = await tx.persona.create({
      data: {
        slug: input.slug,
        name: input.name,
        description: input.description,
        status: "DRAFT",
        statusRationale: "Created as a draft.",
        statusChangedAt: new Date(),
        priority: input.priority,
        revenueInfluence: percentToFraction(input.revenueInfluence),
        reviewCadenceMonths: input.reviewCadenceMonths,
        nextReviewOn: addMonthsToDate(todayUtcDate(), input.reviewCadenceMonths),
      },
      select: personaAuditSelect,
    });
    await tx.personaStatusChange.create({
      data: { personaId: persona.id, fromStatus: null, toStatus: "DRAFT", rationale: "Created as a draft.", changedById: actor.id },
    });
    await audit({ entityType: PERSONA_ENTITY, entityId: persona.id, before: null, after: personaAuditJson(persona) });
    return { persona: { id: persona.id, slug: persona.slug, name: persona.name, status: persona.status } };
  },
});
