import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { nudgePairRequests } from "@/lib/jobs/nudge";
import { enqueuePairEvaluations } from "@/lib/jobs/pair-requests";
import { periodToDate } from "@/lib/scoring/periods";
import { mergePersonasSchema, shareFraction } from "@/lib/validation/persona-merge";
import { defineCommand, fail } from "../command";
import { assertMergeable, MERGE_PERSONA_SELECT, planMerge } from "./merge-plan";
import { moveMeasurements } from "./move-values";
import { assertPersonaVersion, PERSONA_ENTITY } from "./shared";

/**
 * Merges persona A into persona B in one transaction (the rules are in merge-plan.ts and
 * move-values.ts): A's measurements, own targets and weight go to B, A's open escalations are
 * resolved, A becomes SUNSET with mergedInto B and the rationale. Refused, with nothing written,
 * when A or B changed since the editor read them (versions), when the plan differs from the
 * preview's (`expected`), when A is sunset or B is not active, or A is B.
 *
 * Audit: one "persona.merge" event on A with every count, one "persona.merge.into" on B, and one
 * event per measurement row moved, overwritten or discarded, per target row and per weight row.
 */
export const mergePersonas = defineCommand({
  name: "persona.merge",
  action: "persona.write",
  schema: mergePersonasSchema,
  // Both personas must be in the actor's scope (the values move from one to the other).
  resource: async (input) => ({ persona: { id: input.personaId }, personas: [{ id: input.targetPersonaId }] }),
  // Thousands of values move in a few statements; leave room on a loaded embedded database.
  transaction: { maxWait: 15_000, timeout: 120_000 },
  async run({ actor, input, tx, audit, afterCommit }) {
    // Lock both personas (in id order), so two merges of the same personas queue.
    await tx.$queryRaw`SELECT id FROM "Persona" WHERE id IN (${input.personaId}, ${input.targetPersonaId}) ORDER BY id FOR UPDATE`;
    const [a, b] = await Promise.all([
      tx.persona.findUnique({ where: { id: input.personaId }, select: MERGE_PERSONA_SELECT }),
      tx.persona.findUnique({ where: { id: input.targetPersonaId }, select: MERGE_PERSONA_SELECT }),
    ]);
    if (!a) fail("NOT_FOUND", "The persona to merge no longer exists. Reload the page.");
    if (!b) fail("INVALID", "The persona to merge into no longer exists.", { targetPersonaId: ["That persona no longer exists: choose another."] });
    await assertPersonaVersion(tx, a, input.version);
    await assertPersonaVersion(tx, b, input.targetVersion);
    assertMergeable(a, b);

    const now = new Date();
    const plan = await planMerge(tx, a, b, input.rule, input.share, now);
    if (input.expected !== undefined && input.expected !== plan.expected) {
      fail("CONFLICT", "The values of these personas changed since the preview; nothing was merged. Preview again, check what moves, then merge.", {}, { expected: plan.expected });
    }
    const actorLabel = `${actor.name} <${actor.email}>`;
    const reason = `Merged ${a.name} into ${b.name}: ${input.rationale}`;

    // 1. Measurements, set-based.
    const m = plan.measurements;
    const done = await moveMeasurements(
      tx,
      { fromId: a.id, toId: b.id, kpiIds: null, fromPeriod: null, toPeriod: null },
      { rule: input.rule, share: shareFraction(input.share), sourceName: a.name, destinationName: b.name, sourceSlug: a.slug, destinationSlug: b.slug },
      { actorId: actor.id, actorLabel, action: "persona.merge", reason, at: now },
    );
    if (done.moved !== m.moving || done.discarded !== m.conflicts || done.overwritten !== m.overwritten) {
      fail("CONFLICT", "Someone saved values of these personas while the merge ran; nothing was merged. Preview again and merge.");
    }

    // 2. A's own targets: moved where B has none for the KPI, dropped where B has its own.
    const moving = plan.targets.filter((t) => !t.conflict);
    const dropping = plan.targets.filter((t) => t.conflict);
    if (moving.length > 0) await tx.kpiTarget.updateMany({ where: { id: { in: moving.map((t) => t.id) }, personaId: a.id }, data: { personaId: b.id } });
    if (dropping.length > 0) {
      const rows = await tx.kpiTarget.findMany({ where: { id: { in: dropping.map((t) => t.id) } } });
      await tx.kpiTarget.deleteMany({ where: { id: { in: dropping.map((t) => t.id) }, personaId: a.id } });
      for (const row of rows) {
        await audit({ action: "persona.merge.target-drop", entityType: "KpiTarget", entityId: row.id, before: targetJson(row, a.slug), after: { reason, keptTargetsOf: b.slug } });
      }
    }
    for (const t of moving) {
      await audit({ action: "persona.merge.target-move", entityType: "KpiTarget", entityId: t.id, before: { kpi: t.kpiCode, persona: a.slug, effectiveFrom: t.effectiveFrom }, after: { kpi: t.kpiCode, persona: b.slug, effectiveFrom: t.effectiveFrom, reason } });
    }

    // 3. Weights: B's in force + A's, from the merge month (and on B's later rows).
    const mergeMonthDate = periodToDate(plan.mergeMonth);
    for (const w of plan.weights) {
      const row = await tx.personaWeight.upsert({
        where: { scorecardId_personaId_effectiveFrom: { scorecardId: w.scorecardId, personaId: b.id, effectiveFrom: mergeMonthDate } },
        create: { scorecardId: w.scorecardId, personaId: b.id, effectiveFrom: mergeMonthDate, weight: w.newWeight.toFixed(4), reason: weightReason(a.name, b.name, w.aWeight), setById: actor.id },
        update: { weight: w.newWeight.toFixed(4), reason: weightReason(a.name, b.name, w.aWeight), setById: actor.id },
      });
      let later = 0;
      if (w.laterRows > 0) {
        later = (
          await tx.personaWeight.updateMany({
            where: { scorecardId: w.scorecardId, personaId: b.id, effectiveFrom: { gt: mergeMonthDate } },
            data: { weight: { increment: new Prisma.Decimal(w.aWeight.toFixed(4)) } },
          })
        ).count;
      }
      await audit({
        action: "persona.merge.weight",
        entityType: "Scorecard",
        entityId: w.scorecardId,
        before: { persona: b.slug, weightInForce: w.bWeight === null ? null : w.bWeight.toFixed(4), mergedPersona: a.slug, mergedWeight: w.aWeight.toFixed(4) },
        after: { persona: b.slug, effectiveFrom: plan.mergeMonth, weight: row.weight.toString(), laterRowsIncreased: later, reason },
      });
    }

    // 4. A's open escalations: resolved, with a comment on each thread saying why.
    if (plan.escalations.length > 0) {
      const ids = plan.escalations.map((e) => e.id);
      const resolved = await tx.escalation.updateMany({ where: { id: { in: ids }, status: { not: "RESOLVED" } }, data: { status: "RESOLVED", resolvedAt: now } });
      if (resolved.count !== ids.length) fail("CONFLICT", "An escalation of this persona changed while the merge ran; nothing was merged. Try again.");
      await tx.escalationEvent.createMany({
        data: ids.map((escalationId) => ({
          escalationId,
          kind: "COMMENT" as const,
          actorId: actor.id,
          note: `Resolved because ${a.name} was merged into ${b.name}. Its values now belong to ${b.name}, whose escalations are judged again on the merged history.`,
        })),
      });
      for (const e of plan.escalations) {
        await audit({ action: "persona.merge.escalation", entityType: "Escalation", entityId: e.id, before: { status: e.status, persona: a.slug, kpi: e.kpiCode }, after: { status: "RESOLVED", reason } });
      }
    }

    // 5. A: sunset, merged into B, with the rationale in its timeline.
    const after = await tx.persona.update({
      where: { id: a.id },
      data: { status: "SUNSET", mergedIntoId: b.id, statusRationale: reason, statusChangedAt: now, version: { increment: 1 } },
      select: { id: true, slug: true, version: true },
    });
    await tx.personaStatusChange.create({ data: { personaId: a.id, fromStatus: a.status, toStatus: "SUNSET", rationale: reason, changedById: actor.id, at: now } });

    const counts = {
      measurementsMoved: done.moved,
      measurementConflicts: m.conflicts,
      destinationValuesOverwritten: done.overwritten,
      sourceValuesDiscarded: done.discarded,
      revisionsMoved: m.revisionsMoving,
      revisionsWritten: done.overwritten,
      targetsMoved: moving.length,
      targetsDropped: dropping.length,
      weightRows: plan.weights.length,
      escalationsResolved: plan.escalations.length,
    };
    await audit({
      entityType: PERSONA_ENTITY,
      entityId: a.id,
      before: { status: a.status, version: a.version, mergedInto: null },
      after: { status: "SUNSET", version: after.version, mergedInto: b.slug, rule: input.rule, share: input.rule === "AVERAGE" ? input.share! : null, rationale: input.rationale, counts },
    });
    await audit({ action: "persona.merge.into", entityType: PERSONA_ENTITY, entityId: b.id, after: { mergedFrom: a.slug, rule: input.rule, rationale: input.rationale, counts } });

    // 6. B's escalations on every KPI that received values (or lost an escalation of A) are judged again.
    const kpis = new Set([...m.kpiIds, ...plan.escalations.map((e) => e.kpiId)]);
    await enqueuePairEvaluations(tx, [...kpis].map((kpiId) => ({ kpiId, personaId: b.id })));
    afterCommit(nudgePairRequests);

    return { persona: { id: a.id, slug: a.slug, version: after.version }, target: { id: b.id, slug: b.slug, name: b.name }, counts };
  },
});

function weightReason(aName: string, bName: string, aWeight: number): string {
  return `Merge: ${aName}'s weight ${aWeight.toFixed(4).replace(/\.?0+$/, "")} added to ${bName}'s.`;
}

function targetJson(row: { kpiId: string; effectiveFrom: Date; target: { toString(): string }; green: { toString(): string }; red: { toString(): string }; rationale: string | null }, persona: string) {
  return {
    kpiId: row.kpiId,
    persona,
    effectiveFrom: row.effectiveFrom.toISOString().slice(0, 10),
    target: row.target.toString(),
    green: row.green.toString(),
    red: row.red.toString(),
    rationale: row.rationale,
  };
}
