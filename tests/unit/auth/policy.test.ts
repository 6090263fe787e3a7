import { describe, expect, it } from "vitest";
import type { Actor, Role } from "@/lib/auth/actor";
import { ACTIONS, EVERY_PERSONA, PERSONA_REFUSAL, ROLES, authorize, can, canSome, forbiddenPageReason, personaScope, personaVisible, proposalHidden, proposalResource, refusal, type Action, type Resource } from "@/lib/auth/policy";
import { AppError, ForbiddenError } from "@/lib/errors";

// Who may do what, in one table. A change to the policy shows here as a one-line diff.
// Columns: ADMIN, ANALYST, KPI_OWNER, EXECUTIVE. Values: Y = yes, N = no,
// "own" = only on a resource they own (decided by the resource cases below).
type Cell = "Y" | "N" | "own";
const MATRIX: Record<Action, [admin: Cell, analyst: Cell, kpiOwner: Cell, executive: Cell]> = {
  "dashboard.read":         ["Y", "Y",   "Y",   "Y"],
  "user.manage":            ["Y", "N",   "N",   "N"],
  "department.manage":      ["Y", "N",   "N",   "N"],
  "audit.read":             ["Y", "N",   "N",   "N"],
  "settings.manage":        ["Y", "N",   "N",   "N"],
  "persona.write":          ["Y", "Y",   "N",   "N"],
  "weight.write":           ["Y", "Y",   "N",   "N"],
  "kpi.write":              ["Y", "Y",   "N",   "N"],
  "kpi.propose":            ["Y", "Y",   "N",   "N"],
  "kpi.review":             ["Y", "Y",   "N",   "N"],
  "target.write":           ["Y", "Y",   "N",   "N"],
  "objective.write":        ["Y", "Y",   "N",   "N"],
  "measurement.write":      ["Y", "N",   "own", "N"],
  "measurement.enter":      ["Y", "N",   "Y",   "N"],
  "escalation.acknowledge": ["Y", "own", "own", "Y"],
  "escalation.comment":     ["Y", "Y",   "Y",   "Y"],
  "escalation.reassign":    ["Y", "N",   "N",   "N"],
  "notification.manage":    ["own", "own", "own", "own"],
  "scenario.write":         ["Y", "own", "N",   "N"],
  "account.update":         ["own", "own", "own", "own"],
  "token.manage":           ["Y", "own", "own", "own"],
  "session.revoke":         ["Y", "own", "own", "own"],
};

const actorOf = (role: Role, id = `user-${role.toLowerCase()}`): Actor => ({
  id,
  role,
  departmentId: null,
  name: role,
  email: `${role.toLowerCase()}@example.test`,
});

/** A resource the actor owns and one someone else owns, for each action whose rule looks at one. */
function resources(action: Action, actor: Actor): { own: Resource; others: Resource } | null {
  switch (action) {
    case "measurement.write":
      return { own: { kpi: { ownerId: actor.id } }, others: { kpi: { ownerId: "someone-else" } } };
    case "scenario.write":
      return { own: { scenario: { ownerId: actor.id } }, others: { scenario: { ownerId: "someone-else" } } };
    case "escalation.acknowledge":
      return {
        own: { escalation: { assigneeId: actor.id, kpiOwnerId: "someone-else" } },
        others: { escalation: { assigneeId: "someone-else", kpiOwnerId: "someone-else" } },
      };
    case "account.update":
    case "notification.manage":
    case "token.manage":
    case "session.revoke":
      return { own: { user: { id: actor.id } }, others: { user: { id: "someone-else" } } };
    default:
      return null;
  }
}

describe("policy matrix", () => {
  it("covers every action and role", () => {
    expect(Object.keys(MATRIX).sort()).toEqual([...ACTIONS].sort());
    expect(ROLES).toEqual(["ADMIN", "ANALYST", "KPI_OWNER", "EXECUTIVE"]);
  });

  const cases = ACTIONS.flatMap((action) => ROLES.map((role, column) => ({ action, role, expected: MATRIX[action][column]! })));

  it.each(cases)("$role · $action → $expected", ({ action, role, expected }) => {
    const actor = actorOf(role);
    const scoped = resources(action, actor);
    if (expected === "Y") {
      expect(can(actor, action)).toBe(true);
      if (scoped) {
        expect(can(actor, action, scoped.own)).toBe(true);
        expect(can(actor, action, scoped.others)).toBe(true);
      }
      expect(() => authorize(actor, action)).not.toThrow();
    } else if (expected === "N") {
      expect(can(actor, action)).toBe(false);
      expect(canSome(actor, action)).toBe(false);
      if (scoped) {
        expect(can(actor, action, scoped.own)).toBe(false);
        expect(can(actor, action, scoped.others)).toBe(false);
      }
      expect(() => authorize(actor, action)).toThrow(ForbiddenError);
    } else {
      expect(scoped, `an "own" cell needs resource cases for ${action}`).not.toBeNull();
      expect(can(actor, action, scoped!.own)).toBe(true);
      expect(can(actor, action, scoped!.others)).toBe(false);
      expect(canSome(actor, action)).toBe(true);
      expect(() => authorize(actor, action, scoped!.others)).toThrow(ForbiddenError);
    }
  });
});

describe("resource rules", () => {
  it("a KPI owner without the KPI in hand may not write values", () => {
    expect(can(actorOf("KPI_OWNER"), "measurement.write")).toBe(false);
  });

  it("an unowned KPI belongs to no owner", () => {
    expect(can(actorOf("KPI_OWNER"), "measurement.write", { kpi: { ownerId: null } })).toBe(false);
    expect(can(actorOf("ADMIN"), "measurement.write", { kpi: { ownerId: null } })).toBe(true);
  });

  it("an escalation's KPI owner may acknowledge it even when it is assigned to someone else", () => {
    const owner = actorOf("KPI_OWNER");
    expect(can(owner, "escalation.acknowledge", { escalation: { assigneeId: "someone-else", kpiOwnerId: owner.id } })).toBe(true);
    expect(can(owner, "escalation.acknowledge", { escalation: { assigneeId: null, kpiOwnerId: null } })).toBe(false);
  });

  it("authorize throws an AppError with code FORBIDDEN and a plain message", () => {
    try {
      authorize(actorOf("EXECUTIVE"), "user.manage");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("FORBIDDEN");
      expect((error as AppError).message).toMatch(/administrators/);
    }
  });

  it("a KPI proposal is reviewed by an analyst or admin who did not propose it, never by its proposer", () => {
    for (const role of ["ANALYST", "ADMIN"] as const) {
      const reviewer = actorOf(role);
      expect(can(reviewer, "kpi.review", { proposal: { proposedById: "someone-else" } })).toBe(true);
      expect(can(reviewer, "kpi.review", { proposal: { proposedById: reviewer.id } })).toBe(false);
      expect(() => authorize(reviewer, "kpi.review", { proposal: { proposedById: reviewer.id } })).toThrow(/You proposed this KPI/);
    }
    expect(can(actorOf("KPI_OWNER"), "kpi.review", { proposal: { proposedById: "someone-else" } })).toBe(false);
  });

  it("an unknown action is refused, never allowed", () => {
    expect(can(actorOf("ADMIN"), "nonsense.action" as Action)).toBe(false);
  });
});

describe("per-persona access (the privacy clause)", () => {
  const base = { departmentId: null, name: "A", email: "a@test" };
  const restrictedOwner = { ...base, id: "owner", role: "KPI_OWNER" as const, restrictedToPersonaIds: ["p1"] };
  const restrictedAdmin = { ...base, id: "admin", role: "ADMIN" as const, restrictedToPersonaIds: ["p1", "p2"] };
  const analyst = { ...base, id: "analyst", role: "ANALYST" as const };

  it("gives a restricted actor their personas only, and everyone else all", () => {
    expect(personaScope(restrictedOwner)).toEqual({ all: false, personaIds: ["p1"] });
    expect(personaScope(analyst)).toEqual({ all: true });
    expect(personaScope({ ...analyst, restrictedToPersonaIds: null })).toEqual({ all: true });
    expect(personaScope({ ...analyst, restrictedToPersonaIds: [] })).toEqual({ all: false, personaIds: [] });
    expect(personaVisible(restrictedAdmin, "p2")).toBe(true);
    expect(personaVisible(restrictedAdmin, "p3")).toBe(false);
    expect(personaVisible(analyst, "p3")).toBe(true);
  });

  it("refuses any action about a persona outside the scope, whatever the role allows", () => {
    const kpi = { kpi: { ownerId: "owner" } };
    expect(can(restrictedOwner, "measurement.write", { ...kpi, persona: { id: "p1" } })).toBe(true);
    expect(can(restrictedOwner, "measurement.write", { ...kpi, persona: { id: "p2" } })).toBe(false);
    expect(can(restrictedAdmin, "persona.write", { persona: { id: "p3" } })).toBe(false);
    expect(can(restrictedAdmin, "dashboard.read", { persona: { id: "p3" } })).toBe(false);
    expect(can(analyst, "persona.write", { persona: { id: "p3" } })).toBe(true);
    // Without a persona in the resource the clause says nothing: the role decides.
    expect(can(restrictedAdmin, "department.manage")).toBe(true);
  });

  it("says why a write about another persona is refused, and the role's refusal otherwise", () => {
    expect(() => authorize(restrictedOwner, "measurement.write", { kpi: { ownerId: "owner" }, persona: { id: "p2" } })).toThrow(PERSONA_REFUSAL);
    expect(() => authorize(restrictedOwner, "measurement.write", { kpi: { ownerId: "someone" }, persona: { id: "p2" } })).toThrow("only enter values for the KPIs you own");
  });

  it("needs every one of several personas in scope (a merge's destination, a proposal's personas)", () => {
    expect(can(restrictedAdmin, "persona.write", { persona: { id: "p1" }, personas: [{ id: "p2" }] })).toBe(true);
    expect(can(restrictedAdmin, "persona.write", { persona: { id: "p1" }, personas: [{ id: "p2" }, { id: "p3" }] })).toBe(false);
    expect(refusal(restrictedAdmin, "kpi.propose", { personas: [{ id: "p3" }] })).toBe(PERSONA_REFUSAL);
    expect(can(analyst, "kpi.propose", { personas: [{ id: "p3" }] })).toBe(true);
  });

  it("refuses reviewing a proposal about any persona outside the scope, counting (never naming) them", () => {
    const proposal = (...personaIds: string[]) => proposalResource({ proposedById: "someone-else", personaIds });
    expect(can(restrictedAdmin, "kpi.review", proposal("p1", "p2"))).toBe(true);
    expect(refusal(restrictedAdmin, "kpi.review", proposal("p1", "p3", "p4"))).toBe(
      "This proposal is also about 2 personas outside your access, so you cannot approve or reject it: an analyst or administrator who sees all of its personas reviews it.",
    );
    expect(refusal(restrictedAdmin, "kpi.review", proposal("p3"))).toMatch(/^This proposal is about 1 persona outside your access/);
    expect(can(analyst, "kpi.review", proposal("p3"))).toBe(true);
    // The proposer's own refusal still comes first; a KPI owner is told the role.
    expect(refusal(restrictedAdmin, "kpi.review", proposalResource({ proposedById: "admin", personaIds: ["p3"] }))).toMatch(/You proposed this KPI/);
    expect(refusal({ ...restrictedOwner }, "kpi.review", proposal("p3"))).toBe("Only analysts and administrators can review KPI proposals.");
  });

  it("refuses changing a proposal's definition or targets when it is about any persona outside the scope, counting them", () => {
    const proposal = (...personaIds: string[]) => proposalResource({ proposedById: "admin", personaIds });
    // Its own proposer too: editing is not reviewing, the personas decide.
    expect(can(restrictedAdmin, "kpi.write", proposal("p1", "p2"))).toBe(true);
    expect(refusal(restrictedAdmin, "kpi.write", proposal("p1", "p3"))).toBe(
      "This proposal is also about 1 persona outside your access, so you cannot change its definition: an analyst or administrator who sees all of its personas can.",
    );
    expect(refusal(restrictedAdmin, "kpi.write", proposal("p3", "p4"))).toMatch(/^This proposal is about 2 personas outside your access, so you cannot change its definition/);
    expect(refusal(restrictedAdmin, "target.write", proposal("p1", "p3"))).toMatch(/^This proposal is also about 1 persona outside your access, so you cannot set its targets/);
    // A target for a persona outside the scope is refused for that persona first.
    expect(refusal(restrictedAdmin, "target.write", { ...proposal("p1", "p3"), persona: { id: "p3" } })).toBe(PERSONA_REFUSAL);
    expect(can(analyst, "kpi.write", proposal("p3"))).toBe(true);
    // An approved KPI carries no proposal: the role decides.
    expect(can(restrictedAdmin, "kpi.write")).toBe(true);
    expect(refusal(restrictedOwner, "kpi.write", proposal("p1"))).toBe("Only analysts and administrators can change KPI definitions.");
  });

  it("hides a proposal entirely about personas outside the scope, and only that", () => {
    const scope = personaScope(restrictedAdmin);
    expect(proposalHidden(scope, { status: "PROPOSED", personaIds: ["p3", "p4"] })).toBe(true);
    expect(proposalHidden(scope, { status: "REJECTED", personaIds: ["p3"] })).toBe(true);
    expect(proposalHidden(scope, { status: "PROPOSED", personaIds: ["p3", "p1"] })).toBe(false);
    expect(proposalHidden(scope, { status: "PROPOSED", personaIds: [] })).toBe(false);
    // Approved or retired: everyone's KPI.
    expect(proposalHidden(scope, { status: "ACTIVE", personaIds: ["p3"] })).toBe(false);
    expect(proposalHidden(scope, { status: "RETIRED", personaIds: ["p3"] })).toBe(false);
    expect(proposalHidden(personaScope(analyst), { status: "PROPOSED", personaIds: ["p3"] })).toBe(false);
  });

  it("refuses an action about every persona (recalibration, audit log, new persona, user management) to a restricted actor, saying why", () => {
    const restrictedAnalyst = { ...analyst, restrictedToPersonaIds: ["p1"] };
    expect(can(analyst, "weight.write", EVERY_PERSONA)).toBe(true);
    expect(can(restrictedAnalyst, "weight.write")).toBe(true); // reading the weights screen: the role decides
    expect(can(restrictedAnalyst, "weight.write", EVERY_PERSONA)).toBe(false);
    expect(refusal(restrictedAnalyst, "weight.write", EVERY_PERSONA)).toMatch(/recalibration sets every persona's weight/);
    expect(refusal(restrictedAnalyst, "persona.write", EVERY_PERSONA)).toMatch(/new persona would be outside your access/);
    expect(refusal(restrictedAdmin, "audit.read", EVERY_PERSONA)).toMatch(/audit log records changes to every persona/);
    // Managing users at all: a new or reset account could see every persona.
    expect(can(restrictedAdmin, "user.manage")).toBe(false);
    expect(refusal(restrictedAdmin, "user.manage")).toMatch(/cannot manage users/);
    expect(can({ ...restrictedAdmin, restrictedToPersonaIds: undefined }, "user.manage")).toBe(true);
    expect(() => authorize(restrictedAdmin, "audit.read", EVERY_PERSONA)).toThrow(/administrator who sees all personas/);
    // The role's refusal comes first: an executive is told the role, not the scope.
    expect(refusal({ ...restrictedAnalyst, role: "EXECUTIVE" }, "audit.read", EVERY_PERSONA)).toBe("Only administrators can read the audit log.");
    expect(refusal(analyst, "weight.write", EVERY_PERSONA)).toBeNull();
  });
});

describe("the 403 page's reason", () => {
  const admin: Actor = { id: "a", role: "ADMIN", departmentId: null, name: "A", email: "a@x.test" };
  it("tells a restricted administrator that the persona restriction, not the role, refused the page", () => {
    expect(forbiddenPageReason({ ...admin, restrictedToPersonaIds: ["p1"] })).toMatch(/^Your access is limited to some personas/);
  });
  it("blames the role for everyone else", () => {
    expect(forbiddenPageReason(admin)).toMatch(/^Your role does not include/);
    expect(forbiddenPageReason({ ...admin, role: "ANALYST", restrictedToPersonaIds: ["p1"] })).toMatch(/^Your role does not include/);
    expect(forbiddenPageReason(null)).toMatch(/^Your role does not include/);
  });
});
