import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { authorize, personaScope } from "@/lib/auth/policy";
import { kpiWhere, personaWhere, viaPersona } from "./persona-scope";
import { getDb } from "@/lib/db";

// Cheap existence checks that pages run before they stream: once a Suspense boundary has
// started streaming, notFound() can no longer change the HTTP status from 200 to 404.
// One indexed read each.

export async function scorecardExists(actor: Actor, slug: string): Promise<boolean> {
  authorize(actor, "dashboard.read");
  return (await (await getDb()).scorecard.count({ where: { slug } })) > 0;
}

/** A persona that can appear on a scorecard: ACTIVE or SUNSET (never a DRAFT), and in the actor's scope. */
export async function scoredPersonaExists(actor: Actor, slug: string): Promise<boolean> {
  authorize(actor, "dashboard.read");
  return (await (await getDb()).persona.count({ where: { ...personaWhere(personaScope(actor)), slug, status: { in: ["ACTIVE", "SUNSET"] } } })) > 0;
}

/** A KPI, unless it is a proposal entirely about personas outside the actor's scope (policy.ts proposalHidden). */
export async function kpiExists(actor: Actor, code: string): Promise<boolean> {
  authorize(actor, "dashboard.read");
  return (await (await getDb()).kpi.count({ where: { code, ...kpiWhere(personaScope(actor)) } })) > 0;
}

export async function departmentExists(actor: Actor, id: string): Promise<boolean> {
  authorize(actor, "dashboard.read");
  return (await (await getDb()).department.count({ where: { id } })) > 0;
}

export async function escalationExists(actor: Actor, id: string): Promise<boolean> {
  authorize(actor, "dashboard.read");
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) return false;
  // Another persona's escalation does not exist for an actor restricted to some personas.
  return (await (await getDb()).escalation.count({ where: { id, ...viaPersona(personaScope(actor)) } })) > 0;
}
