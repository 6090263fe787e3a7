import "server-only";
import { addMonthsToDate, updatePersonaSchema } from "@/lib/validation/personas";
import { defineCommand, fail } from "../command";
import { reconcilePainPoints } from "./pain-points";
import { assertPersonaVersion, loadPersonaForEdit, PERSONA_ENTITY, percentToFraction, personaAuditJson, personaAuditSelect } from "./shared";

/**
 * Edits a persona's description: name, slug, description, attributes by kind, pain points,
 * priority, revenue influence and review cadence. Refused (CONFLICT, naming who) when the persona
 * changed since the editor's version. Status has its own command (lifecycle with a rationale).
 * Changing the cadence moves the next review date by the difference. Pain points are rows
 * (PersonaPainPoint) that objectives address: an unchanged or reworded-in-place line keeps its
 * row and its objectives (reconcilePainPoints); a removed line loses them.
 */
export const updatePersona = defineCommand({
  name: "persona.update",
  action: "persona.write",
  schema: updatePersonaSchema,
  resource: async (input) => ({ persona: { id: input.personaId } }),
  async run({ input, tx, audit, unchanged }) {
    const before = await loadPersonaForEdit(tx, input.personaId);
    await assertPersonaVersion(tx, before, input.version);
    if (input.slug !== before.slug && (await tx.persona.count({ where: { slug: input.slug } })) > 0) {
      fail("INVALID", "Choose another slug.", { slug: [`The slug “${input.slug}” is taken by another persona.`] });
    }
    const storedAttributes = await tx.personaAttribute.findMany({
      where: { personaId: before.id },
      orderBy: [{ kind: "asc" }, { order: "asc" }],
      select: { kind: true, label: true, value: true, order: true },
    });
    const storedPainPoints = (await tx.personaPainPoint.findMany({ where: { personaId: before.id }, orderBy: { order: "asc" }, select: { text: true } })).map((p) => p.text);
    const wantedAttributes = input.attributes.map((a) => ({ ...a, order: input.attributes.filter((b) => b.kind === a.kind).indexOf(a) }));
    const attrKey = (rows: { kind: string; label: string; value: string; order: number }[]) =>
      JSON.stringify(rows.map((r) => [r.kind, r.order, r.label, r.value]).sort());
    const revenueInfluence = percentToFraction(input.revenueInfluence);
    const sameFields =
      before.name === input.name &&
      before.slug === input.slug &&
      before.description === input.description &&
      JSON.stringify(storedPainPoints) === JSON.stringify(input.painPoints) &&
      before.priority === input.priority &&
      (before.revenueInfluence === null ? null : Number(before.revenueInfluence).toFixed(4)) === revenueInfluence &&
      before.reviewCadenceMonths === input.reviewCadenceMonths;
    const sameAttributes = attrKey(storedAttributes) === attrKey(wantedAttributes);
    if (sameFields && sameAttributes) {
      unchanged();
      return { persona: { id: before.id, slug: before.slug, version: before.version }, changed: false };
    }

    let nextReviewOn = before.nextReviewOn;
    if (nextReviewOn && before.reviewCadenceMonths !== input.reviewCadenceMonths) {
      nextReviewOn = addMonthsToDate(nextReviewOn, input.reviewCadenceMonths - before.reviewCadenceMonths);
    }
    const after = await tx.persona.update({
      where: { id: before.id },
      data: {
        name: input.name,
        slug: input.slug,
        description: input.description,
        priority: input.priority,
        revenueInfluence,
        reviewCadenceMonths: input.reviewCadenceMonths,
        nextReviewOn,
        version: { increment: 1 },
      },
      select: personaAuditSelect,
    });
    if (!sameAttributes) {
      await tx.personaAttribute.deleteMany({ where: { personaId: before.id } });
      if (wantedAttributes.length > 0) {
        await tx.personaAttribute.createMany({ data: wantedAttributes.map((a) => ({ personaId: before.id, kind: a.kind, label: a.label, value: a.value, order: a.order })) });
      }
    }
    await reconcilePainPoints(tx, before.id, input.painPoints);
    await audit({
      entityType: PERSONA_ENTITY,
      entityId: before.id,
      before: { ...personaAuditJson(before), painPoints: storedPainPoints, attributes: storedAttributes.map((a) => ({ kind: a.kind, label: a.label, value: a.value })) },
      after: { ...personaAuditJson(after), painPoints: input.painPoints, attributes: wantedAttributes.map((a) => ({ kind: a.kind, label: a.label, value: a.value })) },
    });
    return { persona: { id: after.id, slug: after.slug, version: after.version }, changed: true };
  },
});
