import { beforeAll, describe, expect, it } from "vitest";
import type { Actor, Role } from "@/lib/auth/actor";
import * as commands from "@/lib/commands";
import type { Command } from "@/lib/commands";
import { getDb } from "@/lib/db";
import { addPeriods, monthStart } from "@/lib/scoring/periods";
import { kpiDefinitionInput } from "../../helpers/factories";
import { actorOf, KNOWN_PASSWORD, makeDepartment, makeKpi, makeObjective, makePersona, makePersonaWithPainPoints, makeScorecard, makeUser, ROLES, snapshot } from "./fixtures";

// Every command x every role, with an input that is valid for an allowed role: the roles the
// policy allows succeed; every other role gets FORBIDDEN and the database does not change.

type Case = { name: string; command: Command<unknown, unknown>; allowed: Role[]; input: (actor: Actor) => Promise<unknown>; audits?: number };

let seq = 0;

/** An open escalation neither assigned to the actor nor on a KPI they own (their own are in escalations.test.ts). */
async function othersEscalation(): Promise<string> {
  const db = await getDb();
  const someone = await makeUser({ role: "KPI_OWNER" });
  const kpi = await makeKpi({ ownerId: someone.id });
  const persona = await makePersona();
  const e = await db.escalation.create({
    data: { kpiId: kpi.id, personaId: persona.id, firstBreachedPeriod: new Date("2026-01-01T00:00:00Z"), lastBreachedPeriod: new Date("2026-03-01T00:00:00Z"), streakLength: 3, level: 1, assigneeId: someone.id },
  });
  return e.id;
}

async function ownNotification(actor: Actor): Promise<string> {
  const db = await getDb();
  return (await db.notification.create({ data: { userId: actor.id, kind: "test", title: "t", body: "b" } })).id;
}

const dueDate = () => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

const CASES: Case[] = [
  { name: "createUser", command: commands.createUser, allowed: ["ADMIN"], input: async () => ({ email: `made-${++seq}@example.test`, name: "Made", role: "ANALYST" }) },
  { name: "updateUser", command: commands.updateUser, allowed: ["ADMIN"], input: async () => ({ userId: (await makeUser()).id, name: "Changed", role: "ANALYST" }) },
  { name: "deactivateUser", command: commands.deactivateUser, allowed: ["ADMIN"], input: async () => ({ userId: (await makeUser()).id }) },
  { name: "reactivateUser", command: commands.reactivateUser, allowed: ["ADMIN"], input: async () => ({ userId: (await makeUser({ active: false })).id }) },
  { name: "resetUserPassword", command: commands.resetUserPassword, allowed: ["ADMIN"], input: async () => ({ userId: (await makeUser()).id }) },
  {
    name: "setPersonaAccess",
    command: commands.setPersonaAccess,
    allowed: ["ADMIN"],
    input: async () => ({ userId: (await makeUser()).id, scope: "restricted", personaIds: [(await makePersona()).id] }),
  },
  { name: "createDepartment", command: commands.createDepartment, allowed: ["ADMIN"], input: async () => ({ name: `Department ${++seq}` }) },
  { name: "updateDepartment", command: commands.updateDepartment, allowed: ["ADMIN"], input: async () => ({ departmentId: (await makeDepartment()).id, name: `Renamed ${++seq}` }) },
  { name: "deleteDepartment", command: commands.deleteDepartment, allowed: ["ADMIN"], input: async () => ({ departmentId: (await makeDepartment()).id }) },
  {
    // Same rule per row (another owner's KPI is a row error: tests/integration/import).
    name: "importMeasurements",
    command: commands.importMeasurements,
    allowed: ["ADMIN", "KPI_OWNER"],
    audits: 1, // one event for the import, which lists the value it wrote
    input: async (actor) => ({
      fileName: "values.csv",
      dryRun: false,
      rows: [
        {
          rowNumber: 2,
          kpi_code: (await makeKpi({ ownerId: actor.id })).code,
          persona_slug: (await makePersona()).slug,
          period: addPeriods(monthStart(new Date()), "MONTHLY", -1),
          value: "85",
        },
      ],
    }),
  },
  {
    // KPI owners only on KPIs they own: the KPI here is the acting owner's (another owner's is in save-measurement.test.ts).
    name: "saveMeasurement",
    command: commands.saveMeasurement,
    allowed: ["ADMIN", "KPI_OWNER"],
    input: async (actor) => ({
      kpiId: (await makeKpi({ ownerId: actor.id })).id,
      personaId: (await makePersona()).id,
      period: addPeriods(monthStart(new Date()), "MONTHLY", -1),
      value: "85",
    }),
  },
  {
    name: "changeOwnPassword",
    command: commands.changeOwnPassword,
    allowed: ["ADMIN", "ANALYST", "KPI_OWNER", "EXECUTIVE"],
    input: async () => ({ currentPassword: KNOWN_PASSWORD, newPassword: "another long passphrase", confirmPassword: "another long passphrase" }),
  },
  // Another user's sessions (one's own, allowed to every role, is in sign-out-everywhere.test.ts).
  { name: "signOutEverywhere", command: commands.signOutEverywhere, allowed: ["ADMIN"], input: async () => ({ userId: (await makeUser()).id }) },
  // Turning one's own e-mail notifications off (on again for the admin, who is reused).
  {
    name: "setEmailNotifications",
    command: commands.setEmailNotifications,
    allowed: ["ADMIN", "ANALYST", "KPI_OWNER", "EXECUTIVE"],
    input: async (actor: Actor) => ({ emailNotifications: !(await (await getDb()).user.findUniqueOrThrow({ where: { id: actor.id } })).emailNotifications }),
  },
  { name: "createApiToken", command: commands.createApiToken, allowed: ["ADMIN", "ANALYST", "KPI_OWNER", "EXECUTIVE"], input: async () => ({ name: `Script ${++seq}` }) },
  {
    // The acting user's own token (another user's, and an admin revoking it, are in tokens.test.ts).
    name: "revokeApiToken",
    command: commands.revokeApiToken,
    allowed: ["ADMIN", "ANALYST", "KPI_OWNER", "EXECUTIVE"],
    input: async (actor) => {
      const created = await commands.createApiToken(actor, { name: `To revoke ${++seq}` });
      if (!created.ok) throw new Error(created.message);
      return { tokenId: created.data.token.id };
    },
  },
  { name: "acknowledgeEscalation", command: commands.acknowledgeEscalation, allowed: ["ADMIN", "EXECUTIVE"], input: async () => ({ escalationId: await othersEscalation(), note: "Seen." }) },
  {
    name: "addActionPlan",
    command: commands.addActionPlan,
    allowed: ["ADMIN", "EXECUTIVE"],
    input: async (actor) => ({ escalationId: await othersEscalation(), actionWhat: "Fix it", actionOwnerId: actor.id, actionDue: dueDate() }),
  },
  { name: "commentOnEscalation", command: commands.commentOnEscalation, allowed: ["ADMIN", "ANALYST", "KPI_OWNER", "EXECUTIVE"], input: async () => ({ escalationId: await othersEscalation(), note: "A comment." }) },
  { name: "reassignEscalation", command: commands.reassignEscalation, allowed: ["ADMIN"], input: async () => ({ escalationId: await othersEscalation(), assigneeId: (await makeUser({ role: "KPI_OWNER" })).id }) },
  { name: "markNotificationRead", command: commands.markNotificationRead, allowed: ["ADMIN", "ANALYST", "KPI_OWNER", "EXECUTIVE"], input: async (actor) => ({ notificationId: await ownNotification(actor) }) },
  {
    name: "markAllNotificationsRead",
    command: commands.markAllNotificationsRead,
    allowed: ["ADMIN", "ANALYST", "KPI_OWNER", "EXECUTIVE"],
    input: async (actor) => {
      await ownNotification(actor);
      return {};
      },
    },
  { name: "createPersona", command: commands.createPersona, allowed: ["ADMIN", "ANALYST"], input: async () => ({ name: "New", slug: `new-${++seq}`, description: "d", priority: 3, reviewCadenceMonths: 3 }) },
  {
    name: "updatePersona",
    command: commands.updatePersona,
    allowed: ["ADMIN", "ANALYST"],
    input: async () => {
      const p = await makePersona();
      return { personaId: p.id, version: p.version, name: "Renamed", slug: p.slug, description: "d", priority: 2, reviewCadenceMonths: 3, attributes: [], painPoints: ["Slow"] };
    },
  },
  {
    name: "changePersonaStatus",
    command: commands.changePersonaStatus,
    allowed: ["ADMIN", "ANALYST"],
    input: async () => ({ personaId: (await makePersona("DRAFT")).id, version: 1, toStatus: "ACTIVE", rationale: "Ready to be scored." }),
  },
  {
    name: "reviewPersona",
    command: commands.reviewPersona,
    allowed: ["ADMIN", "ANALYST"],
    input: async () => ({ personaId: (await makePersona()).id, version: 1, outcome: "STILL_VALID", note: "Still valid." }),
  },
  {
    // Merging an empty persona into another: the summary event on each of the two.
    name: "mergePersonas",
    command: commands.mergePersonas,
    allowed: ["ADMIN", "ANALYST"],
    audits: 2,
    input: async () => ({
      personaId: (await makePersona()).id,
      version: 1,
      targetPersonaId: (await makePersona()).id,
      targetVersion: 1,
      rule: "KEEP_TARGET",
      rationale: "Two names for one segment.",
    }),
  },
  {
    // One misfiled value: its move, and the summary event on each persona.
    name: "reclassifyMeasurements",
    command: commands.reclassifyMeasurements,
    allowed: ["ADMIN", "ANALYST"],
    audits: 3,
    input: async () => {
      const kpi = await makeKpi({ ownerId: null });
      const from = await makePersona();
      await (await getDb()).measurement.create({ data: { kpiId: kpi.id, personaId: from.id, period: new Date("2026-03-01T00:00:00Z"), value: 50 } });
      return { personaId: from.id, targetPersonaId: (await makePersona()).id, kpiIds: [kpi.id], fromPeriod: "2026-01", toPeriod: "2026-06", reason: "Filed under the wrong persona." };
    },
  },
  {
    name: "recalibrateWeights",
    command: commands.recalibrateWeights,
    allowed: ["ADMIN", "ANALYST"],
    input: async () => {
      const { getDb } = await import("@/lib/db");
      const card = await (await getDb()).scorecard.create({ data: { slug: `auth-card-${++seq}`, name: "Card" } });
      return { scorecardId: card.id, effectiveFrom: "2026-01", reason: "Quarterly", weights: { [(await makePersona()).id]: 1 } };
    },
  },
  {
    name: "setKpiTarget",
    command: commands.setKpiTarget,
    allowed: ["ADMIN", "ANALYST"],
    input: async () => ({
      kpiId: (await makeKpi({ ownerId: null })).id,
      personaId: (await makePersona()).id,
      effectiveFrom: "2026-01",
      target: 95,
      green: 85,
      red: 60,
      rationale: "Raised after the pricing change.",
    }),
  },
  {
    name: "proposeKpi",
    command: commands.proposeKpi,
    allowed: ["ADMIN", "ANALYST"],
    input: async () => {
      const kpi = await makeKpi({ ownerId: null });
      const objective = await (await getDb()).strategicObjective.create({ data: { perspectiveId: kpi.perspectiveId, title: `Objective ${++seq}` } });
      return {
        ...kpiDefinitionInput({ code: `PROP-${++seq}`, name: "Proposed", perspectiveId: kpi.perspectiveId, objectiveId: objective.id }),
        personaIds: [(await makePersona()).id],
        justification: "Experts answer most community questions.", evidence: "https://example.test/analysis",
      };
    },
  },
  {
    name: "updateKpi",
    command: commands.updateKpi,
    allowed: ["ADMIN", "ANALYST"],
    input: async () => {
      const kpi = await makeKpi({ ownerId: null });
      return { kpiId: kpi.id, version: kpi.version, code: kpi.code, name: "Renamed", perspectiveId: kpi.perspectiveId, timing: "LAGGING", measureType: "QUANTITATIVE", unit: "PERCENT", direction: "HIGHER_IS_BETTER", frequency: "MONTHLY", weight: "2" };
    },
  },
  {
    // Someone else's proposal about a persona (the proposer's own is refused to every role:
    // kpis.test.ts; a restricted reviewer's, when it is about a persona outside their access:
    // persona-access.test.ts).
    name: "reviewKpiProposal",
    command: commands.reviewKpiProposal,
    allowed: ["ADMIN", "ANALYST"],
    input: async () => {
      const proposer = await makeUser({ role: "ANALYST" });
      const kpi = await makeKpi({ ownerId: null, status: "PROPOSED" });
      const persona = await makePersona();
      await (await getDb()).kpi.update({ where: { id: kpi.id }, data: { proposedById: proposer.id, proposalPersonas: { create: [{ personaId: persona.id }] } } });
      return { kpiId: kpi.id, version: 1, decision: "APPROVE", comment: "Evidence is convincing." };
    },
  },
  {
    name: "changeKpiStatus",
    command: commands.changeKpiStatus,
    allowed: ["ADMIN", "ANALYST"],
    input: async () => ({ kpiId: (await makeKpi({ ownerId: null })).id, version: 1, toStatus: "RETIRED", rationale: "Replaced by a better measure." }),
  },
  // The strategy editor and pain point mapping (issue 11): analysts and admins only.
  { name: "createPerspective", command: commands.createPerspective, allowed: ["ADMIN", "ANALYST"], input: async () => ({ scorecardId: (await makeScorecard()).scorecard.id, name: "Financial", weight: "0.5" }) },
  {
    name: "updatePerspective",
    command: commands.updatePerspective,
    allowed: ["ADMIN", "ANALYST"],
    input: async () => ({ perspectiveId: (await makeScorecard()).perspective.id, version: 1, name: "Customers", weight: "2", description: "Renamed" }),
  },
  {
    name: "movePerspective",
    command: commands.movePerspective,
    allowed: ["ADMIN", "ANALYST"],
    input: async () => {
      const { scorecard } = await makeScorecard();
      const second = await (await getDb()).perspective.create({ data: { scorecardId: scorecard.id, name: "Financial", order: 2 } });
      return { perspectiveId: second.id, direction: "up" };
    },
  },
  { name: "deletePerspective", command: commands.deletePerspective, allowed: ["ADMIN", "ANALYST"], input: async () => ({ perspectiveId: (await makeScorecard()).perspective.id }) },
  {
    name: "createObjective",
    command: commands.createObjective,
    allowed: ["ADMIN", "ANALYST"],
    input: async () => ({ perspectiveId: (await makeScorecard()).perspective.id, title: "Delight each persona", departmentIds: [(await makeDepartment()).id] }),
  },
  {
    name: "updateObjective",
    command: commands.updateObjective,
    allowed: ["ADMIN", "ANALYST"],
    input: async () => {
      const o = await makeObjective();
      return { objectiveId: o.id, version: 1, perspectiveId: o.perspectiveId, title: "Renamed objective", strategicTheme: "Growth", ownerId: (await makeUser({ role: "ANALYST" })).id };
    },
  },
  { name: "deleteObjective", command: commands.deleteObjective, allowed: ["ADMIN", "ANALYST"], input: async () => ({ objectiveId: (await makeObjective()).id }) },
  {
    name: "addObjectiveLink",
    command: commands.addObjectiveLink,
    allowed: ["ADMIN", "ANALYST"],
    input: async () => {
      const a = await makeObjective();
      const b = await makeObjective(a.perspectiveId);
      return { causeId: a.id, effectId: b.id, description: "Drives it." };
    },
  },
  {
    name: "removeObjectiveLink",
    command: commands.removeObjectiveLink,
    allowed: ["ADMIN", "ANALYST"],
    input: async () => {
      const a = await makeObjective();
      const b = await makeObjective(a.perspectiveId);
      return { linkId: (await (await getDb()).objectiveLink.create({ data: { causeId: a.id, effectId: b.id } })).id };
    },
  },
  {
    name: "mapPainPoint",
    command: commands.mapPainPoint,
    allowed: ["ADMIN", "ANALYST"],
    input: async () => ({ painPointId: (await makePersonaWithPainPoints(["Slow onboarding"])).painPoints[0]!.id, objectiveId: (await makeObjective()).id }),
  },
  {
    name: "unmapPainPoint",
    command: commands.unmapPainPoint,
    allowed: ["ADMIN", "ANALYST"],
    input: async () => {
      const painPointId = (await makePersonaWithPainPoints(["Slow onboarding"])).painPoints[0]!.id;
      const objectiveId = (await makeObjective()).id;
      await (await getDb()).painPointObjective.create({ data: { painPointId, objectiveId } });
      return { painPointId, objectiveId };
    },
  },
];

const actors = {} as Record<Role, Actor>;
beforeAll(async () => {
  for (const role of ROLES) actors[role] = actorOf(await makeUser({ role }));
});

describe("every command, every role", () => {
  it("lists every exported command", () => {
    const exported = Object.entries(commands).filter(([, value]) => typeof value === "function").map(([name]) => name).sort();
    expect(CASES.map((c) => c.name).sort()).toEqual(exported);
  });

  const table = CASES.flatMap((c) => ROLES.map((role) => ({ ...c, role, expected: c.allowed.includes(role) ? "allowed" : "FORBIDDEN" })));

  it.each(table)("$name as $role → $expected", async ({ command, role, allowed, input, audits }) => {
    // A fresh actor per case so changing one's own password does not affect the next case.
    const actor = role === "ADMIN" ? actors.ADMIN : actorOf(await makeUser({ role }));
    const payload = await input(actor);
    const before = await snapshot();
    const result = await command(actor, payload);
    if (allowed.includes(role)) {
      expect(result).toMatchObject({ ok: true });
      expect((await snapshot()).audits).toBe(before.audits + (audits ?? 1));
    } else {
      expect(result).toMatchObject({ ok: false, code: "FORBIDDEN", fieldErrors: {} });
      expect(await snapshot()).toEqual(before);
    }
  });
});
