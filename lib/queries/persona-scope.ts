import { PROPOSAL_STATUSES, type PersonaScope } from "@/lib/auth/policy";
import type { Prisma } from "@/lib/generated/prisma/client";

// Applying the actor's persona scope (lib/auth/policy.ts personaScope, the one place that decides
// it) to reads. Every query that returns persona data takes the scope and narrows with these, so
// no screen filters by hand:
//
//   const scope = personaScope(actor);
//   loadScoredPersonas(db, personaWhere(scope));                      // personas themselves
//   db.escalation.findMany({ where: { ...viaPersona(scope), ... } });  // rows with a personaId
//   db.notification.findMany({ where: { ...notificationWhere(scope) } })
//   if (!scopeIncludes(scope, persona.id)) return null;               // a page about one persona: 404
//
// A restricted scope with no personas matches nothing (`{ in: [] }`), never everything.

/** A Persona `where` narrowed to the scope ({} for all personas). */
export function personaWhere(scope: PersonaScope): Prisma.PersonaWhereInput {
  return scope.all ? {} : { id: { in: [...scope.personaIds] } };
}

/** A `where` for any row with a `personaId` column (Measurement, Escalation, KpiTarget, ...). */
export function viaPersona(scope: PersonaScope): { personaId?: { in: string[] } } {
  return scope.all ? {} : { personaId: { in: [...scope.personaIds] } };
}

/** Keeps the items whose persona id is in the scope. */
export function inScope<T>(scope: PersonaScope, items: readonly T[], personaIdOf: (item: T) => string): T[] {
  if (scope.all) return [...items];
  const ids = new Set(scope.personaIds);
  return items.filter((item) => ids.has(personaIdOf(item)));
}

/** Notifications about a persona outside the scope (escalations of other personas) are left out. */
export function notificationWhere(scope: PersonaScope): Prisma.NotificationWhereInput {
  if (scope.all) return {};
  return { OR: [{ escalationId: null }, { escalation: { personaId: { in: [...scope.personaIds] } } }] };
}

/**
 * A Kpi `where` leaving out the proposals hidden from the scope (policy.ts proposalHidden: a
 * PROPOSED or REJECTED KPI about personas, none of them in the scope), so lists, counts and
 * addresses of KPIs agree with the policy. Approved KPIs are everyone's ({} for all personas).
 */
export function kpiWhere(scope: PersonaScope): Prisma.KpiWhereInput {
  if (scope.all) return {};
  return {
    OR: [
      { status: { notIn: [...PROPOSAL_STATUSES] } },
      { proposalPersonas: { none: {} } },
      { proposalPersonas: { some: { personaId: { in: [...scope.personaIds] } } } },
    ],
  };
}
