import { beforeAll, describe, expect, it } from "vitest";
import type { Actor, Role } from "@/lib/auth/actor";
import * as commands from "@/lib/commands";
import type { Command } from "@/lib/commands";
import { addPeriods, monthStart } from "@/lib/scoring/periods";
import { actorOf, KNOWN_PASSWORD, makeDepartment, makeKpi, makePersona, makeUser, ROLES, snapshot } from "./fixtures";

// Every command x every role, with an input that is valid for an allowed role: the roles the
// policy allows succeed; every other role gets FORBIDDEN and the database does not change.

type Case = { name: string; command: Command<unknown, unknown>; allowed: Role[]; input: (actor: Actor) => Promise<unknown> };

let seq = 0;
const CASES: Case[] = [
  { name: "createUser", command: commands.createUser, allowed: ["ADMIN"], input: async () => ({ email: `made-${++seq}@example.test`, name: "Made", role: "ANALYST" }) },
  { name: "updateUser", command: commands.updateUser, allowed: ["ADMIN"], input: async () => ({ userId: (await makeUser()).id, name: "Changed", role: "ANALYST" }) },
  { name: "deactivateUser", command: commands.deactivateUser, allowed: ["ADMIN"], input: async () => ({ userId: (await makeUser()).id }) },
  { name: "reactivateUser", command: commands.reactivateUser, allowed: ["ADMIN"], input: async () => ({ userId: (await makeUser({ active: false })).id }) },
  { name: "resetUserPassword", command: commands.resetUserPassword, allowed: ["ADMIN"], input: async () => ({ userId: (await makeUser()).id }) },
  { name: "createDepartment", command: commands.createDepartment, allowed: ["ADMIN"], input: async () => ({ name: `Department ${++seq}` }) },
  { name: "updateDepartment", command: commands.updateDepartment, allowed: ["ADMIN"], input: async () => ({ departmentId: (await makeDepartment()).id, name: `Renamed ${++seq}` }) },
  { name: "deleteDepartment", command: commands.deleteDepartment, allowed: ["ADMIN"], input: async () => ({ departmentId: (await makeDepartment()).id }) },
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
    name: "recalibrateWeights",
    command: commands.recalibrateWeights,
    allowed: ["ADMIN", "ANALYST"],
    input: async () => {
      const { getDb } = await import("@/lib/db");
      const card = await (await getDb()).scorecard.create({ data: { slug: `auth-card-${++seq}`, name: "Card" } });
      return { scorecardId: card.id, effectiveFrom: "2026-01", reason: "Quarterly", weights: { [(await makePersona()).id]: 1 } };
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

  it.each(table)("$name as $role → $expected", async ({ command, role, allowed, input }) => {
    // A fresh actor per case so changing one's own password does not affect the next case.
    const actor = role === "ADMIN" ? actors.ADMIN : actorOf(await makeUser({ role }));
    const payload = await input(actor);
    const before = await snapshot();
    const result = await command(actor, payload);
    if (allowed.includes(role)) {
      expect(result).toMatchObject({ ok: true });
      expect((await snapshot()).audits).toBe(before.audits + 1);
    } else {
      expect(result).toMatchObject({ ok: false, code: "FORBIDDEN", fieldErrors: {} });
      expect(await snapshot()).toEqual(before);
    }
  });
});
