import "server-only";
import { setPersonaAccessSchema } from "@/lib/validation/users";
import { defineCommand, fail } from "../command";

/**
 * Per-persona access: an admin lets a user see every persona, or restricts them to a chosen list
 * (lib/auth/policy.ts decides what a restricted user may read and write). Applies on the user's
 * next request: the session and API tokens re-read it with the role. Audited with the personas'
 * slugs before and after. Choosing the same again changes nothing.
 */
export const setPersonaAccess = defineCommand({
  name: "user.persona-access",
  action: "user.manage",
  schema: setPersonaAccessSchema,
  async run({ input, tx, audit, unchanged }) {
    const user = await tx.user.findUnique({
      where: { id: input.userId },
      select: { id: true, personaScopeRestricted: true, personaAccess: { select: { persona: { select: { id: true, slug: true } } } } },
    });
    if (!user) fail("NOT_FOUND", "That user no longer exists. Reload the page.");
    const personas = input.personaIds.length === 0 ? [] : await tx.persona.findMany({ where: { id: { in: input.personaIds } }, select: { id: true, slug: true } });
    if (personas.length !== input.personaIds.length) {
      fail("INVALID", "Some fields need attention.", { personaIds: ["A chosen persona no longer exists. Reload the page and choose again."] });
    }

    const restricted = input.scope === "restricted";
    const beforeIds = user.personaAccess.map((a) => a.persona.id).sort();
    const before = { restricted: user.personaScopeRestricted, personas: user.personaScopeRestricted ? user.personaAccess.map((a) => a.persona.slug).sort() : [] };
    const after = { restricted, personas: personas.map((p) => p.slug).sort() };
    const sameList = beforeIds.length === input.personaIds.length && beforeIds.every((id, i) => id === input.personaIds[i]);
    if (user.personaScopeRestricted === restricted && (!restricted || sameList)) {
      unchanged();
      return { user: { id: user.id }, changed: false };
    }

    await tx.userPersonaAccess.deleteMany({ where: { userId: user.id } });
    if (restricted) await tx.userPersonaAccess.createMany({ data: personas.map((p) => ({ userId: user.id, personaId: p.id })) });
    await tx.user.update({ where: { id: user.id }, data: { personaScopeRestricted: restricted } });
    await audit({ entityType: "User", entityId: user.id, before, after });
    return { user: { id: user.id }, changed: true };
  },
});
