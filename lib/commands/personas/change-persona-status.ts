import "server-only";
import { changePersonaStatusSchema, isAllowedTransition, PERSONA_TRANSITIONS } from "@/lib/validation/personas";
import { defineCommand, fail } from "../command";
import { assertPersonaVersion, loadPersonaForEdit, PERSONA_ENTITY, personaAuditJson, personaAuditSelect } from "./shared";

const WORD = { DRAFT: "draft", ACTIVE: "active", SUNSET: "sunset" } as const;
const ARTICLE = { DRAFT: "A", ACTIVE: "An", SUNSET: "A" } as const;

/**
 * One lifecycle step: DRAFT -> ACTIVE, ACTIVE -> SUNSET, SUNSET -> ACTIVE (revive), each with a
 * written rationale kept in PersonaStatusChange with who and when. Any other step is refused
 * with the steps that are possible. A SUNSET persona keeps scoring in the months before its sunset.
 */
export const changePersonaStatus = defineCommand({
  name: "persona.status",
  action: "persona.write",
  schema: changePersonaStatusSchema,
  resource: async (input) => ({ persona: { id: input.personaId } }),
  async run({ actor, input, tx, audit }) {
    const before = await loadPersonaForEdit(tx, input.personaId);
    await assertPersonaVersion(tx, before, input.version);
    if (!isAllowedTransition(before.status, input.toStatus)) {
      const possible = PERSONA_TRANSITIONS[before.status].map((s) => WORD[s]).join(" or ");
      fail("INVALID", `${ARTICLE[before.status]} ${WORD[before.status]} persona cannot become ${WORD[input.toStatus]}; it can only become ${possible}.`, {
        toStatus: [`From ${WORD[before.status]} the next status can only be ${possible}.`],
      });
    }
    const at = new Date();
    const after = await tx.persona.update({
      where: { id: before.id },
      // A revived persona is no longer "merged into" the one that took its values.
      data: { status: input.toStatus, statusRationale: input.rationale, statusChangedAt: at, version: { increment: 1 }, ...(input.toStatus === "ACTIVE" ? { mergedIntoId: null } : {}) },
      select: personaAuditSelect,
    });
    await tx.personaStatusChange.create({
      data: { personaId: before.id, fromStatus: before.status, toStatus: input.toStatus, rationale: input.rationale, changedById: actor.id, at },
    });
    await audit({ entityType: PERSONA_ENTITY, entityId: before.id, before: personaAuditJson(before), after: personaAuditJson(after) });
    return { persona: { id: after.id, slug: after.slug, status: after.status, version: after.version } };
  },
});
