import { describe, expect, it } from "vitest";
import type { Actor, Role } from "@/lib/auth/actor";
import { ACTIONS, ROLES, authorize, can, canSome, type Action, type Resource } from "@/lib/auth/policy";
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
