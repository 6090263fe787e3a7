import "server-only";
import type { DbClient } from "@/lib/db";
import { monthStart } from "@/lib/scoring/periods";
import { shareFraction, type ConflictRule } from "@/lib/validation/persona-merge";
import { fail } from "../command";
import { planMeasurementMove, type MeasurementPlan } from "./move-values";

// What merging persona A into persona B moves, decided once for the preview and the command
// (which re-plans inside its transaction and refuses a plan that changed since the preview).
//
// Rules (shown on the preview screen in the same words):
//   - measurements: lib/commands/personas/move-values.ts (A's rows move; conflicts by the rule);
//   - persona targets: A's own target rows move to B for the KPIs where B has no target of its
//     own (B then follows A's thresholds there instead of the KPI default); where B has its own,
//     B's stay in force unchanged and A's rows are dropped (kept in the audit log);
//   - weights: on each scorecard where A has a weight above 0 in force in the merge month, B gets
//     a new weights row from the merge month: B's weight in force + A's (a recalibration row whose
//     reason names the merge; earlier months keep their weights, and A, now sunset, stops counting
//     from the merge month on). Rows of B already set for later months get A's weight added too;
//   - open escalations of A are resolved (a comment on each says why) and B's pairs of the moved
//     KPIs are judged again, so a breach that continues in B's merged history escalates on B;
//   - A becomes SUNSET with mergedInto B and the rationale; its attributes stay with it.

export interface MergePersona {
  id: string;
  slug: string;
  name: string;
  status: "DRAFT" | "ACTIVE" | "SUNSET";
  version: number;
  mergedInto: { slug: string; name: string } | null;
}

export const MERGE_PERSONA_SELECT = {
  id: true,
  slug: true,
  name: true,
  status: true,
  version: true,
  mergedInto: { select: { id: true, slug: true, name: true } },
} as const;

/** Refuses a merge that cannot happen, naming the field. Shared by the preview and the command. */
export function assertMergeable(a: MergePersona, b: MergePersona): void {
  if (a.id === b.id) fail("INVALID", "A persona cannot be merged into itself.", { targetPersonaId: ["Choose another persona: a persona cannot be merged into itself."] });
  if (a.status === "SUNSET") {
    const why = a.mergedInto ? `it was already merged into ${a.mergedInto.name}` : "it is sunset";
    fail("INVALID", `${a.name} cannot be merged: ${why}.`, { personaId: [`${a.name} cannot be merged: ${why}. Revive it first if its values must move.`] });
  }
  if (b.status !== "ACTIVE") {
    fail("INVALID", `${b.name} is ${b.status === "DRAFT" ? "a draft" : "sunset"}: merge only into an active persona.`, {
      targetPersonaId: [`${b.name} is ${b.status === "DRAFT" ? "a draft" : "sunset"}: choose an active persona (or activate it first).`],
    });
  }
}

export interface TargetMove {
  id: string;
  kpiId: string;
  kpiCode: string;
  kpiName: string;
  effectiveFrom: string;
  /** B has its own target row for this KPI (then A's is dropped). */
  conflict: boolean;
  /** B has a row with the same effective month. */
  samePeriod: boolean;
}

export interface WeightMove {
  scorecardId: string;
  scorecardSlug: string;
  scorecardName: string;
  aWeight: number;
  bWeight: number | null;
  newWeight: number;
  /** Later rows of B (after the merge month) that also get A's weight added. */
  laterRows: number;
}

export interface EscalationMove {
  id: string;
  kpiId: string;
  kpiCode: string;
  level: number;
  status: "OPEN" | "ACKNOWLEDGED";
}

export interface MergePlan {
  mergeMonth: string;
  measurements: MeasurementPlan;
  targets: TargetMove[];
  weights: WeightMove[];
  escalations: EscalationMove[];
  /** The plan's counts in one string: the commit refuses a plan that differs from the preview's. */
  expected: string;
}

export function expectedKey(plan: Omit<MergePlan, "expected">): string {
  const m = plan.measurements;
  const dropped = plan.targets.filter((t) => t.conflict).length;
  return [m.total, m.moving, m.conflicts, m.overwritten, plan.targets.length - dropped, dropped, plan.weights.length, plan.escalations.length].join(":");
}

const w4 = (n: number) => Math.round(n * 10_000) / 10_000;

export async function planMerge(db: DbClient, a: MergePersona, b: MergePersona, rule: ConflictRule, sharePercent: number | undefined, now: Date): Promise<MergePlan> {
  const mergeMonth = monthStart(now);
  const measurements = await planMeasurementMove(
    db,
    { fromId: a.id, toId: b.id, kpiIds: null, fromPeriod: null, toPeriod: null },
    { rule, share: shareFraction(sharePercent), sourceName: a.name, destinationName: b.name },
  );

  const [aTargets, bTargets, weightRows, escalations] = await Promise.all([
    db.kpiTarget.findMany({
      where: { personaId: a.id },
      orderBy: [{ kpi: { code: "asc" } }, { effectiveFrom: "asc" }],
      select: { id: true, kpiId: true, effectiveFrom: true, kpi: { select: { code: true, name: true } } },
    }),
    db.kpiTarget.findMany({ where: { personaId: b.id }, select: { kpiId: true, effectiveFrom: true } }),
    db.personaWeight.findMany({
      where: { personaId: { in: [a.id, b.id] } },
      orderBy: { effectiveFrom: "asc" },
      select: { scorecardId: true, personaId: true, weight: true, effectiveFrom: true, scorecard: { select: { slug: true, name: true } } },
    }),
    db.escalation.findMany({
      where: { personaId: a.id, status: { not: "RESOLVED" } },
      orderBy: [{ kpi: { code: "asc" } }],
      select: { id: true, kpiId: true, level: true, status: true, kpi: { select: { code: true } } },
    }),
  ]);

  const bTargetKpis = new Set(bTargets.map((t) => t.kpiId));
  const bTargetKeys = new Set(bTargets.map((t) => `${t.kpiId}|${t.effectiveFrom.toISOString().slice(0, 10)}`));
  const targets: TargetMove[] = aTargets.map((t) => {
    const effectiveFrom = t.effectiveFrom.toISOString().slice(0, 10);
    return {
      id: t.id,
      kpiId: t.kpiId,
      kpiCode: t.kpi.code,
      kpiName: t.kpi.name,
      effectiveFrom,
      conflict: bTargetKpis.has(t.kpiId),
      samePeriod: bTargetKeys.has(`${t.kpiId}|${effectiveFrom}`),
    };
  });

  // Weights in force in the merge month, per scorecard and persona (rows are ascending).
  const byCard = new Map<string, { slug: string; name: string; a: number | null; b: number | null; bLater: number }>();
  for (const row of weightRows) {
    const card = byCard.get(row.scorecardId) ?? { slug: row.scorecard.slug, name: row.scorecard.name, a: null, b: null, bLater: 0 };
    byCard.set(row.scorecardId, card);
    const key = row.effectiveFrom.toISOString().slice(0, 10);
    if (key <= mergeMonth) {
      if (row.personaId === a.id) card.a = Number(row.weight);
      else card.b = Number(row.weight);
    } else if (row.personaId === b.id) card.bLater++;
  }
  const weights: WeightMove[] = [...byCard.entries()]
    .filter(([, c]) => c.a !== null && c.a > 0)
    .map(([scorecardId, c]) => ({
      scorecardId,
      scorecardSlug: c.slug,
      scorecardName: c.name,
      aWeight: c.a!,
      bWeight: c.b,
      newWeight: w4((c.b ?? 0) + c.a!),
      laterRows: c.bLater,
    }))
    .sort((x, y) => x.scorecardName.localeCompare(y.scorecardName));

  const plan = {
    mergeMonth,
    measurements,
    targets,
    weights,
    escalations: escalations.map((e) => ({ id: e.id, kpiId: e.kpiId, kpiCode: e.kpi.code, level: e.level, status: e.status as "OPEN" | "ACKNOWLEDGED" })),
  };
  return { ...plan, expected: expectedKey(plan) };
}
