import { ForbiddenError } from "@/lib/errors";
import type { Actor, Role } from "./actor";

// The single place that says who may do what. Screens, server actions, route handlers,
// commands and jobs ask `can` / `authorize`; nothing else compares roles.
//
// A decision is: the action's rule (role, and for some actions the resource: a KPI owner
// writes only their own KPIs) AND every cross-cutting clause in CLAUSES (the place for
// rules that cut across actions, such as "some personas' data only for some departments").

export const ROLES = ["ADMIN", "ANALYST", "KPI_OWNER", "EXECUTIVE"] as const satisfies readonly Role[];

export const ACTIONS = [
  "dashboard.read",
  "user.manage",
  "department.manage",
  "audit.read",
  "settings.manage",
  "persona.write",
  "weight.write",
  "kpi.write",
  "kpi.propose",
  "kpi.review",
  "target.write",
  "objective.write",
  "measurement.write",
  "measurement.enter",
  "escalation.acknowledge",
  "escalation.comment",
  "escalation.reassign",
  "notification.manage",
  "scenario.write",
  "account.update",
  "token.manage",
  "session.revoke",
] as const;

export type Action = (typeof ACTIONS)[number];

/**
 * What an action is about, when that matters. Facets, not one type per action, so a clause can
 * look at any facet it understands (the privacy clause will look at `persona`).
 */
export interface Resource {
  /** The KPI written to (measurement.write): its owner may write its values. */
  kpi?: { id?: string; ownerId: string | null; departmentId?: string | null };
  /** The persona whose data is read or written. */
  persona?: { id: string };
  /** Further personas the action touches (a merge's destination, a KPI proposal's personas): each must be in scope. */
  personas?: readonly { id: string }[];
  /**
   * The action reads or writes every persona's data at once, so it needs an actor who sees every
   * persona: a recalibration sets every persona's weight; the audit log shows every persona's changes.
   */
  everyPersona?: true;
  /** The user account concerned (account.update: only one's own; token.manage: the token's owner). */
  user?: { id: string };
  /** An escalation (escalation.acknowledge): its assignee and its KPI's owner may act on it. */
  escalation?: { assigneeId: string | null; kpiOwnerId: string | null };
  /**
   * A KPI proposal (kpi.review; kpi.write and target.write on a KPI still a proposal): who proposed
   * it; they may never review it themselves. Its personas go in `personas` (proposalResource): a
   * reviewer or editor must see every one of them.
   */
  proposal?: { proposedById: string | null };
  /** A scenario (scenario.write): its owner may change it. */
  scenario?: { ownerId: string };
}

type Rule = (actor: Actor, resource: Resource | undefined) => boolean;

const anyone: Rule = () => true;
const roles =
  (...allowed: Role[]): Rule =>
  (actor) =>
    allowed.includes(actor.role);

const RULES: Record<Action, Rule> = {
  "dashboard.read": anyone,

  // Managing accounts (roles, passwords, persona access) reaches every persona's data (a new or
  // reset account sees all personas), so an administrator restricted to some personas may not.
  "user.manage": (actor) => actor.role === "ADMIN" && personaScope(actor).all,
  "department.manage": roles("ADMIN"),
  "audit.read": roles("ADMIN"),
  "settings.manage": roles("ADMIN"),

  "persona.write": roles("ADMIN", "ANALYST"),
  "weight.write": roles("ADMIN", "ANALYST"),
  "kpi.write": roles("ADMIN", "ANALYST"),
  "kpi.propose": roles("ADMIN", "ANALYST"),
  // Approving or rejecting a KPI proposal: an administrator or an analyst, never the proposer
  // (a second pair of eyes: resource.proposal names who proposed it).
  "kpi.review": (actor, resource) =>
    (actor.role === "ADMIN" || actor.role === "ANALYST") && (resource?.proposal === undefined || resource.proposal.proposedById !== actor.id),
  "target.write": roles("ADMIN", "ANALYST"),
  "objective.write": roles("ADMIN", "ANALYST"),

  // A KPI owner writes the values of the KPIs they own, and only those: without the KPI
  // (resource.kpi) the answer for an owner is no.
  "measurement.write": (actor, resource) =>
    actor.role === "ADMIN" ||
    (actor.role === "KPI_OWNER" && resource?.kpi !== undefined && resource.kpi.ownerId === actor.id),

  // The entry screen (/entry): the roles that write values at all. Each save is still decided by
  // measurement.write with the KPI.
  "measurement.enter": roles("ADMIN", "KPI_OWNER"),

  // Acknowledging an escalation and adding action plans: executives and admins on any; anyone
  // else only on an escalation assigned to them or on their own KPI's (resource.escalation).
  "escalation.acknowledge": (actor, resource) =>
    actor.role === "ADMIN" ||
    actor.role === "EXECUTIVE" ||
    (resource?.escalation !== undefined && (resource.escalation.assigneeId === actor.id || resource.escalation.kpiOwnerId === actor.id)),
  // Everyone who reads escalations (every role) may comment on them.
  "escalation.comment": anyone,
  "escalation.reassign": roles("ADMIN"),

  // In-app notifications: only one's own (resource.user is the notification's recipient).
  "notification.manage": (actor, resource) => resource?.user === undefined || resource.user.id === actor.id,

  // Admins and analysts build what-if scenarios; an analyst changes only their own.
  "scenario.write": (actor, resource) =>
    actor.role === "ADMIN" ||
    (actor.role === "ANALYST" && (resource?.scenario === undefined || resource.scenario.ownerId === actor.id)),

  // Everyone may change their own password; other accounts go through user.manage.
  "account.update": (actor, resource) => resource?.user === undefined || resource.user.id === actor.id,

  // API tokens: everyone manages their own; an admin may also revoke anyone's (resource.user is
  // the token's owner). Creating is always for oneself: the command takes no user id.
  "token.manage": (actor, resource) => actor.role === "ADMIN" || resource?.user === undefined || resource.user.id === actor.id,

  // "Sign out everywhere": anyone for themselves, an admin for anyone (a lost laptop, a leaver).
  "session.revoke": (actor, resource) => actor.role === "ADMIN" || resource?.user === undefined || resource.user.id === actor.id,
};

type Clause = (actor: Actor, action: Action, resource: Resource | undefined) => boolean;

// ───────────────────────────── Per-persona access ─────────────────────────────
//
// Persona-level data is customer data. An admin may restrict a user to some personas
// (/admin/users/{id}); such an actor reads and writes only those personas' data: scorecards,
// KPI values, comments, escalations, exports and API answers. Everyone else (analysts and admins
// included) sees every persona unless an admin restricts them. Totals across personas stay
// visible (computed over all personas), with the other personas folded into one line.
//
// Two ways to ask, both decided here:
// - one persona: `can(actor, action, { persona: { id } })` (the clause below), or
//   `personaVisible(actor, id)`;
// - a read of many: `personaScope(actor)`, which every query in lib/queries takes and applies
//   (lib/queries/persona-scope.ts turns it into a Prisma `where` or an id filter). A new query
//   that reads persona data calls `personaScope(actor)` and filters by it; a screen never does.
// - an action about every persona at once (a recalibration, the audit log, a new persona):
//   `resource.everyPersona` (EVERY_PERSONA) needs an actor who sees all personas; `refusal(...)`
//   gives a screen the reason to show instead of the action.

/** Which personas' data an actor may see: all of them, or only these ids. */
export type PersonaScope = { all: true } | { all: false; personaIds: readonly string[] };

const ALL_PERSONAS: PersonaScope = { all: true };

/** The actor's persona scope, for queries to take as a parameter. */
export function personaScope(actor: Actor): PersonaScope {
  const ids = actor.restrictedToPersonaIds;
  return ids === undefined || ids === null ? ALL_PERSONAS : { all: false, personaIds: ids };
}

/** Whether the scope holds this persona. */
export function scopeIncludes(scope: PersonaScope, personaId: string): boolean {
  return scope.all || scope.personaIds.includes(personaId);
}

/** Whether the actor may see (and, with the action's rule, write) this persona's data. */
export function personaVisible(actor: Actor, personaId: string): boolean {
  return scopeIncludes(personaScope(actor), personaId);
}

/**
 * Cross-cutting clauses: each must hold for every action. The privacy clause: an action about a
 * persona (resource.persona) needs the persona in the actor's scope, whatever the role allows.
 */
const CLAUSES: Clause[] = [
  (actor, _action, resource) =>
    (resource?.persona === undefined || personaVisible(actor, resource.persona.id)) &&
    (resource?.personas ?? []).every((p) => personaVisible(actor, p.id)) &&
    (resource?.everyPersona === undefined || personaScope(actor).all),
];

/** The resource of an action about every persona at once (a recalibration, the audit log, creating a persona). */
export const EVERY_PERSONA: Resource = { everyPersona: true };

/** Why an action about every persona (resource.everyPersona) is refused to a restricted actor, by action. */
const EVERY_PERSONA_REFUSALS: Partial<Record<Action, string>> = {
  "persona.write":
    "You only have access to some personas, so a new persona would be outside your access: ask an analyst or administrator who sees all personas to create it.",
  "weight.write":
    "A recalibration sets every persona's weight, and you only have access to some personas: ask an analyst or administrator who sees all personas to recalibrate.",
  "audit.read":
    "The audit log records changes to every persona, and you only have access to some personas: an administrator who sees all personas can read it.",
};

export function can(actor: Actor, action: Action, resource?: Resource): boolean {
  const rule = RULES[action];
  if (!rule || !rule(actor, resource)) return false;
  return CLAUSES.every((clause) => clause(actor, action, resource));
}

const REFUSALS: Partial<Record<Action, string>> = {
  "user.manage": "Only administrators can manage users.",
  "department.manage": "Only administrators can manage departments.",
  "audit.read": "Only administrators can read the audit log.",
  "settings.manage": "Only administrators can change settings.",
  "measurement.write": "You can only enter values for the KPIs you own.",
  "measurement.enter": "Only KPI owners and administrators enter values.",
  "account.update": "You can only change your own account.",
  "token.manage": "You can only manage your own API tokens.",
  "session.revoke": "You can only sign yourself out everywhere.",
  "escalation.acknowledge": "Only the assignee, the KPI's owner, executives and administrators can acknowledge this escalation or plan actions on it.",
  "escalation.reassign": "Only administrators can reassign escalations.",
  "notification.manage": "You can only mark your own notifications.",
  "persona.write": "Only analysts and administrators can change personas.",
  "weight.write": "Only analysts and administrators can change persona weights.",
  "target.write": "Only analysts and administrators can set targets and thresholds.",
  "kpi.write": "Only analysts and administrators can change KPI definitions.",
  "kpi.propose": "Only analysts and administrators can propose KPIs.",
  "kpi.review": "Only analysts and administrators can review KPI proposals.",
  "objective.write": "Only analysts and administrators can change perspectives, objectives and their links.",
};

// ───────────────────────────── KPI proposals ─────────────────────────────
//
// A proposal (a PROPOSED KPI, or a REJECTED one kept as its record) is about some personas, and its
// case (justification, evidence) is about them. A restricted actor:
// - does not see a proposal entirely about personas outside their access: it is left out of every
//   list and count, and its address is "not found" (proposalHidden; lib/queries/persona-scope.ts
//   kpiWhere applies it to reads);
// - sees a proposal partly about such personas, those counted and never named, and may neither
//   review it nor change it (kpi.review, kpi.write, target.write with proposalResource: every
//   persona must be in scope; the refusal says why, below).
// Once approved, a KPI is everyone's (it is scored for every persona): none of this applies.

/** The statuses of a KPI that is (still, or as a record) a proposal. */
export const PROPOSAL_STATUSES = ["PROPOSED", "REJECTED"] as const;

export function isProposal(status: string): boolean {
  return (PROPOSAL_STATUSES as readonly string[]).includes(status);
}

/**
 * Whether a proposal is hidden from the scope: it is about at least one persona and about none the
 * scope holds. (A proposal about no persona is everyone's, like any KPI.)
 */
export function proposalHidden(scope: PersonaScope, proposal: { status: string; personaIds: readonly string[] }): boolean {
  if (scope.all || !isProposal(proposal.status) || proposal.personaIds.length === 0) return false;
  return !proposal.personaIds.some((id) => scopeIncludes(scope, id));
}

/** What each action on a proposal would have done, for its refusal. */
const PROPOSAL_ACTION_WORDS: Partial<Record<Action, string>> = {
  "kpi.review": "approve or reject it",
  "kpi.write": "change its definition",
  "target.write": "set its targets",
};

/** Refusals that depend on the resource, when the action's own text would mislead. */
function specificRefusal(actor: Actor, action: Action, resource: Resource | undefined): string | null {
  if (action === "user.manage" && actor.role === "ADMIN" && !personaScope(actor).all) {
    return "You only have access to some personas, so you cannot manage users: an account you create or reset, or a role or persona access you change, could reach every persona. An administrator who sees all personas can.";
  }
  if (action === "kpi.review" && resource?.proposal && resource.proposal.proposedById === actor.id) {
    return "You proposed this KPI, so you cannot approve or reject it: another analyst or an administrator must review it.";
  }
  const words = PROPOSAL_ACTION_WORDS[action];
  if (words !== undefined && resource?.proposal !== undefined && RULES[action](actor, resource)) {
    // The proposal's personas, not the action's own persona (a target's): that one keeps PERSONA_REFUSAL.
    if (resource.persona !== undefined && !personaVisible(actor, resource.persona.id)) return null;
    const personas = resource.personas ?? [];
    const hidden = personas.filter((p) => !personaVisible(actor, p.id)).length;
    if (hidden > 0) return proposalOutsideScopeRefusal(hidden, hidden < personas.length, action);
  }
  return null;
}

/**
 * Why a restricted analyst or administrator may not review, edit or set targets of a proposal about
 * personas outside their access (its case is about them): counted, never named.
 */
export function proposalOutsideScopeRefusal(hidden: number, alsoInScope: boolean, action: Action = "kpi.review"): string {
  const count = `${hidden} ${hidden === 1 ? "persona" : "personas"}`;
  const who = action === "kpi.review" ? "reviews it" : "can";
  return `This proposal is ${alsoInScope ? "also " : ""}about ${count} outside your access, so you cannot ${PROPOSAL_ACTION_WORDS[action] ?? "change it"}: an analyst or administrator who sees all of its personas ${who}.`;
}

/**
 * The resource of an action on a KPI proposal (kpi.review; kpi.write and target.write while the KPI
 * is a proposal): who proposed it and every persona it is about.
 */
export function proposalResource(proposal: { proposedById: string | null; personaIds: readonly string[] }): Resource {
  return { proposal: { proposedById: proposal.proposedById }, personas: proposal.personaIds.map((id) => ({ id })) };
}

/**
 * What the 403 page says (it is not told which action was refused). An administrator's role allows
 * every page, so an administrator who gets it was refused because of a persona restriction: say
 * so, rather than blame the role.
 */
export function forbiddenPageReason(actor: Actor | null): string {
  if (actor?.role === "ADMIN" && !personaScope(actor).all) {
    return "Your access is limited to some personas, and this part of Persona Scorecard concerns every persona. If you need it, ask an administrator who sees all personas to widen your access.";
  }
  return "Your role does not include this part of Persona Scorecard. If you need it, ask an administrator to change your role.";
}

/** The refusal of an action the actor's role may never do (no resource), in plain language. */
export function forbiddenError(actor: Actor, action: Action): ForbiddenError {
  return new ForbiddenError(refusal(actor, action) ?? REFUSALS[action] ?? "You do not have permission to do that.");
}

/** Throws ForbiddenError (AppError code FORBIDDEN) unless `can(actor, action, resource)`. */
export function authorize(actor: Actor, action: Action, resource?: Resource): void {
  const message = refusal(actor, action, resource);
  if (message !== null) throw new ForbiddenError(message);
}

/**
 * Why `can(actor, action, resource)` is no, in plain language (null when it is yes): what
 * authorize throws, for a screen that explains a refusal instead of offering the action.
 */
export function refusal(actor: Actor, action: Action, resource?: Resource): string | null {
  if (can(actor, action, resource)) return null;
  const specific = specificRefusal(actor, action, resource);
  if (specific) return specific;
  if (RULES[action]?.(actor, resource)) {
    // The role allows it but the personas are outside the actor's scope: say so (writes); reads
    // of such a persona answer "not found" before they get here (lib/queries), never "forbidden".
    if (resource?.everyPersona !== undefined && !personaScope(actor).all) {
      return EVERY_PERSONA_REFUSALS[action] ?? "This concerns every persona, and you only have access to some of them.";
    }
    return PERSONA_REFUSAL;
  }
  return REFUSALS[action] ?? "You do not have permission to do that.";
}

/** The refusal of a write about a persona outside the actor's scope. */
export const PERSONA_REFUSAL = "You only have access to some personas, and this is not one of them.";

/**
 * Whether the actor's role may do the action on at least some resources (a KPI owner may
 * write measurement values: those of their own KPIs). For navigation and for showing a
 * screen; the write itself is always decided by `can`/`authorize` with the resource.
 */
export function canSome(actor: Actor, action: Action): boolean {
  if (can(actor, action)) return true;
  switch (action) {
    case "measurement.write":
      return can(actor, action, { kpi: { ownerId: actor.id } });
    case "escalation.acknowledge":
      return can(actor, action, { escalation: { assigneeId: actor.id, kpiOwnerId: actor.id } });
    default:
      return false;
  }
}
