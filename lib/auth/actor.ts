import type { Role } from "@/lib/generated/prisma/enums";

/** Who is acting: from a session, an API token, or the system (jobs, seed). Commands take it as an argument. */
export interface Actor {
  id: string;
  role: Role;
  departmentId: string | null;
  name: string;
  email: string;
  /** Set after an admin issued a temporary password: the screens ask the user to change it. */
  mustChangePassword?: boolean;
  /**
   * Per-persona access: the ids of the only personas this actor may see and write, when an admin
   * restricted them (User.personaScopeRestricted). Absent or null: every persona. Read with the
   * role on every request (session and API token), so a change applies on the next request.
   * Never compare it by hand: ask lib/auth/policy (`can`, `personaScope`, `personaVisible`).
   */
  restrictedToPersonaIds?: readonly string[] | null;
}

export type { Role };

/** What to select with a User row to build its persona restriction (see `restrictionOf`). */
export const PERSONA_SCOPE_SELECT = {
  personaScopeRestricted: true,
  personaAccess: { select: { personaId: true } },
} as const;

/** Actor.restrictedToPersonaIds from a User row read with PERSONA_SCOPE_SELECT. */
export function restrictionOf(user: { personaScopeRestricted: boolean; personaAccess: { personaId: string }[] }): readonly string[] | null {
  return user.personaScopeRestricted ? user.personaAccess.map((a) => a.personaId).sort() : null;
}
