import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor, Role } from "@/lib/auth/actor";
import * as commands from "@/lib/commands";
import type { Command } from "@/lib/commands";
import { getDb } from "@/lib/db";
import { actorOf, KNOWN_PASSWORD, makeDepartment, makeKpi, makeObjective, makePersona, makePersonaWithPainPoints, makeScorecard, makeUser, ROLES, snapshot } from "./fixtures";

// Random payloads against every command, by every role: a command always answers with a
// result (never an unhandled error), a refusal is well-formed, and a refused command
// leaves the database exactly as it was.

const CODES = ["NOT_FOUND", "FORBIDDEN", "CONFLICT", "INVALID", "UNAUTHENTICATED", "RATE_LIMITED"];

const actors: Actor[] = [];
const ids: string[] = [];

beforeAll(async () => {
  for (const role of ROLES as Role[]) {
    for (let i = 0; i < 2; i++) actors.push(actorOf(await makeUser({ role })));
  }
  for (let i = 0; i < 3; i++) ids.push((await makeDepartment()).id);
  for (let i = 0; i < 3; i++) ids.push((await makeUser({ role: i === 0 ? "ADMIN" : "ANALYST" })).id);
  ids.push(...actors.map((a) => a.id));
  // An escalation of a KPI one of the actors owns, and a notification of each actor: ids the
  // escalation and notification commands can act on.
  const db = await getDb();
  const owner = actors.find((a) => a.role === "KPI_OWNER")!;
  const kpi = await makeKpi({ ownerId: owner.id });
  const persona = await makePersona();
  // A KPI, its perspective and a proposal, so the KPI commands meet real rows.
  ids.push(kpi.id, kpi.perspectiveId, (await makeKpi({ ownerId: null, status: "PROPOSED" })).id);
  const escalation = await db.escalation.create({
    data: { kpiId: kpi.id, personaId: persona.id, firstBreachedPeriod: new Date("2026-01-01T00:00:00Z"), lastBreachedPeriod: new Date("2026-03-01T00:00:00Z"), streakLength: 3, level: 1, assigneeId: owner.id },
  });
  ids.push(escalation.id);
  for (const actor of actors) ids.push((await db.notification.create({ data: { userId: actor.id, kind: "test", title: "t", body: "b" } })).id);
  // Personas and a scorecard, so persona and weight commands meet real rows.
  for (const status of ["DRAFT", "ACTIVE", "SUNSET"] as const) ids.push((await makePersona(status)).id);
  ids.push((await (await getDb()).scorecard.create({ data: { slug: "property-card", name: "Property card" } })).id);
  // A KPI without an owner, so the target command meets a real row too.
  ids.push((await makeKpi({ ownerId: null })).id);
  // A small strategy (perspective, two linked objectives) and a pain point, for the strategy commands.
  const { perspective } = await makeScorecard();
  const cause = await makeObjective(perspective.id);
  const effect = await makeObjective(perspective.id);
  const link = await db.objectiveLink.create({ data: { causeId: cause.id, effectId: effect.id } });
  const { painPoints } = await makePersonaWithPainPoints(["Slow onboarding"]);
  ids.push(perspective.id, cause.id, effect.id, link.id, painPoints[0]!.id);
});

/** Strings that reach past validation often enough, mixed with hostile ones. */
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom("", " ", "ADMIN", "ANALYST", "KPI_OWNER", "EXECUTIVE", "root", KNOWN_PASSWORD, "a perfectly long passphrase", "'; DROP TABLE \"User\"; --", "\u0000", "é".repeat(200)),
  fc.emailAddress(),
  fc.constant(null).map(() => ids[0]!),
);
const value = fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.array(text, { maxLength: 2 }), fc.object({ maxDepth: 1 }));
const idValue = fc.oneof(fc.nat({ max: 40 }).map((i) => ids[i % Math.max(ids.length, 1)]!), value);

const FIELDS = [
  "email", "name", "role", "departmentId", "userId", "description", "currentPassword", "newPassword", "confirmPassword", "active",
  "kpiId", "personaId", "period", "value", "notAvailableReason", "comment", "version", "reason",
  "tokenId", "expiresOn",
  "escalationId", "note", "actionWhat", "actionOwnerId", "actionDue", "assigneeId", "notificationId",
  "slug", "priority", "revenueInfluence", "reviewCadenceMonths", "attributes", "painPoints", "toStatus", "rationale", "outcome",
  "scorecardId", "effectiveFrom", "weights",
  "baseline", "target", "green", "red", "greenHigh", "redHigh", "replace",
  "targetPersonaId", "targetVersion", "rule", "share", "kpiIds", "fromPeriod", "toPeriod", "expected",
  "scope", "personaIds",
  "code", "perspectiveId", "objectiveId", "timing", "measureType", "scaleMin", "scaleMax", "unit", "currencyCode", "durationUnit",
  "direction", "frequency", "weight", "ownerId", "sourceSystem", "transformation", "justification", "evidence",
  "decision", "retiredIn",
  "causeId", "effectId", "linkId", "painPointId", "title", "strategicTheme", "departmentIds",
] as const;

const payload = fc.oneof(
  fc.anything(),
  fc.record(
    Object.fromEntries(FIELDS.map((f) => [f, f.endsWith("Id") ? idValue : value])) as Record<(typeof FIELDS)[number], fc.Arbitrary<unknown>>,
    { requiredKeys: [] },
  ),
  // Shapes that are valid except for one random field, to reach the commands' own checks.
  fc.tuple(fc.constantFrom(...FIELDS), value, idValue, fc.constantFrom(...ROLES), fc.nat()).map(([field, v, id, role, n]) => ({
    email: `p${n}@example.test`,
    name: "Property Person",
    role,
    departmentId: id,
    userId: id,
    currentPassword: KNOWN_PASSWORD,
    newPassword: "a perfectly long passphrase",
    confirmPassword: "a perfectly long passphrase",
    [field]: v,
  })),
);

const COMMANDS = Object.entries(commands as unknown as Record<string, unknown>).filter((entry): entry is [string, Command<unknown, unknown>] => typeof entry[1] === "function");

describe("every command, random payloads", () => {
  it.each(COMMANDS.map(([name, command]) => ({ name, command })))(
    "$name never throws and never writes when it refuses",
    async ({ name, command }) => {
      const outcomes = new Set<string>();
      await fc.assert(
        fc.asyncProperty(fc.nat({ max: 1000 }), payload, async (who, input) => {
          const actor = actors[who % actors.length]!;
          const before = await snapshot();
          const result = await command(actor, input);
          expect(typeof result.ok).toBe("boolean");
          outcomes.add(result.ok ? "ok" : result.code);
          if (!result.ok) {
            expect(CODES).toContain(result.code);
            expect(result.message.length).toBeGreaterThan(0);
            expect(typeof result.fieldErrors).toBe("object");
            const after = await snapshot();
            if (name === "changeOwnPassword" && result.fieldErrors.currentPassword) {
              // Carve-out: a wrong current password is recorded as a failed SignInAttempt (the
              // throttle's bookkeeping, in its own transaction, like a failed sign-in), and the
              // failure that locks the account is audited. The command's own write (the password)
              // never happens: everything else stays exactly as it was.
              expect(after.attempts - before.attempts).toBeGreaterThanOrEqual(0);
              expect(after.attempts - before.attempts).toBeLessThanOrEqual(1);
              expect(after.audits - before.audits).toBeLessThanOrEqual(after.attempts - before.attempts);
              expect({ ...after, attempts: before.attempts, audits: before.audits }).toEqual(before);
            } else {
              expect(after).toEqual(before);
            }
          }
        }),
        { numRuns: 40 },
      );
      // The payloads reach past the role gate: some runs are judged on their content.
      expect([...outcomes].some((o) => o !== "FORBIDDEN")).toBe(true);
    },
    180_000,
  );
});
