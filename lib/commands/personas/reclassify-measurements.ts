import "server-only";
import type { DbClient } from "@/lib/db";
import { formatPeriod } from "@/lib/format";
import { nudgePairRequests } from "@/lib/jobs/nudge";
import { enqueuePairEvaluations } from "@/lib/jobs/pair-requests";
import { reclassifyMeasurementsSchema, shareFraction, type ReclassifyRule } from "@/lib/validation/persona-merge";
import { defineCommand, fail } from "../command";
import { planMeasurementMove, moveMeasurements, type MeasurementPlan, type MoveScope } from "./move-values";
import { PERSONA_ENTITY } from "./shared";

/**
 * Reclassification of misfiled values: the values of the chosen KPIs in a month range move from
 * the persona they were filed under to the one they belong to (a classification error found
 * upstream), in one transaction, set-based (move-values.ts). The moved rows keep their id,
 * version and MeasurementRevision history; each move is one AuditEvent with the reason
 * ("measurement.reclassify.move"), plus one summary event on each persona with the counts.
 * Values the destination already has: refused by default (REFUSE), or settled by the same rules
 * as a merge. The escalations of both personas' pairs are judged again.
 */
export const reclassifyMeasurements = defineCommand({
  name: "measurement.reclassify",
  action: "persona.write",
  schema: reclassifyMeasurementsSchema,
  // Both personas must be in the actor's scope (the values move from one to the other).
  resource: async (input) => ({ persona: { id: input.personaId }, personas: [{ id: input.targetPersonaId }] }),
  transaction: { maxWait: 15_000, timeout: 120_000 },
  async run({ actor, input, tx, audit, afterCommit }) {
    await tx.$queryRaw`SELECT id FROM "Persona" WHERE id IN (${input.personaId}, ${input.targetPersonaId}) ORDER BY id FOR UPDATE`;
    const { source, destination, scope } = await loadReclassification(tx, input);
    const plan = await planReclassification(tx, input, source, destination, scope);
    refuseReclassification(plan, input.rule, source, destination);
    if (input.expected !== undefined && input.expected !== reclassifyExpected(plan)) {
      fail("CONFLICT", "The values changed since the preview; nothing was moved. Preview again, check what moves, then move them.", {}, { expected: reclassifyExpected(plan) });
    }
    const now = new Date();
    const done = await moveMeasurements(
      tx,
      scope,
      { rule: input.rule, share: shareFraction(input.share), sourceName: source.name, destinationName: destination.name, sourceSlug: source.slug, destinationSlug: destination.slug },
      { actorId: actor.id, actorLabel: `${actor.name} <${actor.email}>`, action: "measurement.reclassify", reason: input.reason, at: now },
    );
    if (done.moved !== plan.moving || done.discarded !== plan.conflicts || done.overwritten !== plan.overwritten) {
      fail("CONFLICT", "Someone saved some of these values while they were being moved; nothing was moved. Preview again and move them.");
    }
    const counts = {
      moved: done.moved,
      conflicts: plan.conflicts,
      overwritten: done.overwritten,
      discarded: done.discarded,
      revisionsMoved: plan.revisionsMoving,
      revisionsWritten: done.overwritten,
    };
    const summary = {
      from: source.slug,
      to: destination.slug,
      kpis: plan.kpiIds,
      fromPeriod: input.fromPeriod,
      toPeriod: input.toPeriod,
      rule: input.rule,
      share: input.rule === "AVERAGE" ? input.share! : null,
      reason: input.reason,
      counts,
    };
    await audit({ entityType: PERSONA_ENTITY, entityId: source.id, after: summary });
    await audit({ action: "measurement.reclassify.into", entityType: PERSONA_ENTITY, entityId: destination.id, after: summary });
    await enqueuePairEvaluations(
      tx,
      plan.kpiIds.flatMap((kpiId) => [
        { kpiId, personaId: source.id },
        { kpiId, personaId: destination.id },
      ]),
    );
    afterCommit(nudgePairRequests);
    return { source: { id: source.id, slug: source.slug }, destination: { id: destination.id, slug: destination.slug, name: destination.name }, counts };
  },
});

export interface ReclassifyParty {
  id: string;
  slug: string;
  name: string;
  status: "DRAFT" | "ACTIVE" | "SUNSET";
}

/** The two personas and the KPIs, checked: the destination must be active, every KPI must exist. */
export async function loadReclassification(
  db: DbClient,
  input: { personaId: string; targetPersonaId: string; kpiIds: string[]; fromPeriod: string; toPeriod: string },
): Promise<{ source: ReclassifyParty; destination: ReclassifyParty; scope: MoveScope }> {
  const select = { id: true, slug: true, name: true, status: true } as const;
  const [source, destination, kpis] = await Promise.all([
    db.persona.findUnique({ where: { id: input.personaId }, select }),
    db.persona.findUnique({ where: { id: input.targetPersonaId }, select }),
    db.kpi.findMany({ where: { id: { in: input.kpiIds } }, select: { id: true } }),
  ]);
  if (!source) fail("NOT_FOUND", "The persona the values are filed under no longer exists. Reload the page.");
  if (!destination) fail("INVALID", "The persona the values belong to no longer exists.", { targetPersonaId: ["That persona no longer exists: choose another."] });
  if (destination.status !== "ACTIVE") {
    fail("INVALID", `${destination.name} is ${destination.status === "DRAFT" ? "a draft" : "sunset"}: values can only move to an active persona.`, {
      targetPersonaId: [`${destination.name} is ${destination.status === "DRAFT" ? "a draft" : "sunset"}: choose an active persona.`],
    });
  }
  if (kpis.length !== new Set(input.kpiIds).size) fail("INVALID", "Some of the chosen KPIs no longer exist. Reload the page.", { kpiIds: ["Some of the chosen KPIs no longer exist."] });
  return { source, destination, scope: { fromId: source.id, toId: destination.id, kpiIds: [...new Set(input.kpiIds)], fromPeriod: input.fromPeriod, toPeriod: input.toPeriod } };
}

export function planReclassification(
  db: DbClient,
  input: { rule: ReclassifyRule; share?: number | undefined },
  source: ReclassifyParty,
  destination: ReclassifyParty,
  scope: MoveScope,
): Promise<MeasurementPlan> {
  return planMeasurementMove(db, scope, { rule: input.rule, share: shareFraction(input.share), sourceName: source.name, destinationName: destination.name });
}

export function reclassifyExpected(plan: MeasurementPlan): string {
  return [plan.total, plan.moving, plan.conflicts, plan.overwritten].join(":");
}

/** Nothing to move, or conflicts under REFUSE: a refusal that says what to do. */
export function refuseReclassification(plan: MeasurementPlan, rule: ReclassifyRule, source: ReclassifyParty, destination: ReclassifyParty): void {
  if (plan.total === 0) {
    fail("INVALID", `No values of these KPIs in these months are filed under ${source.name}: nothing to move.`, {
      kpiIds: [`${source.name} has no values of the chosen KPIs in the chosen months. Choose other KPIs or months.`],
    });
  }
  if (rule === "REFUSE" && plan.conflicts > 0) {
    const first = plan.conflictRows
      .slice(0, 3)
      .map((c) => `${c.kpiCode} ${formatPeriod(c.period, c.frequency)}`)
      .join(", ");
    fail(
      "CONFLICT",
      `${destination.name} already has ${plan.conflicts === 1 ? "a value" : `${plan.conflicts} values`} for these KPIs and months (${first}${plan.conflicts > 3 ? ", …" : ""}); nothing was moved. Choose how to settle them, or narrow the months.`,
      { rule: [`${plan.conflicts} ${plan.conflicts === 1 ? "value conflicts" : "values conflict"}: choose keep, replace or average instead of refuse.`] },
    );
  }
}
