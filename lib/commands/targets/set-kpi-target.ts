import "server-only";
import type { DbClient } from "@/lib/db";
import { nudgePairRequests } from "@/lib/jobs/nudge";
import { enqueuePairEvaluations } from "@/lib/jobs/pair-requests";
import { isPeriodKey, validateThresholds, type Direction } from "@/lib/scoring";
import { setKpiTargetSchema } from "@/lib/validation/targets";
import { defineCommand, fail } from "../command";
import { kpiProposalResource } from "../kpis/shared";

// Sets a KPI's target and thresholds from an effective period on: the KPI default (no persona)
// or one persona's override. Rules beyond the input's shape:
//   - the effective period starts a period of the KPI's frequency (a quarter for a quarterly KPI);
//   - the thresholds follow lib/scoring's ordering rules for the KPI's direction
//     (validateThresholds), and its message is put on the field it names;
//   - upper thresholds only for a TARGET_RANGE KPI;
//   - a row for the same KPI, persona and period already exists: refused (CONFLICT) unless the
//     caller says `replace`, then the row is updated and the audit event keeps the old one.
// Thresholds change breach streaks: the affected KPI x persona pairs are queued for
// re-evaluation in the same transaction, as a value save does.

export const TARGET_ENTITY = "KpiTarget";

const QUARTER_MESSAGE = "A quarterly KPI's period starts in January, April, July or October: choose one of those months.";

function monthLabel(key: string): string {
  return key.slice(0, 7);
}

/** The KPI x persona pairs whose scores the row can change: the persona's, or every persona with values of the KPI. */
async function affectedPairs(tx: DbClient, kpiId: string, personaId: string | null): Promise<{ kpiId: string; personaId: string }[]> {
  if (personaId) return [{ kpiId, personaId }];
  const rows = await tx.measurement.findMany({ where: { kpiId }, distinct: ["personaId"], select: { personaId: true } });
  return rows.map((r) => ({ kpiId, personaId: r.personaId }));
}

function rowJson(row: {
  effectiveFrom: Date;
  baseline: { toString(): string } | null;
  target: { toString(): string };
  green: { toString(): string };
  red: { toString(): string };
  greenHigh: { toString(): string } | null;
  redHigh: { toString(): string } | null;
  rationale: string | null;
}) {
  const text = (d: { toString(): string } | null) => (d === null ? null : d.toString());
  return {
    effectiveFrom: row.effectiveFrom.toISOString().slice(0, 10),
    baseline: text(row.baseline),
    target: text(row.target),
    green: text(row.green),
    red: text(row.red),
    greenHigh: text(row.greenHigh),
    redHigh: text(row.redHigh),
    rationale: row.rationale,
  };
}

const ROW_SELECT = {
  id: true,
  effectiveFrom: true,
  baseline: true,
  target: true,
  green: true,
  red: true,
  greenHigh: true,
  redHigh: true,
  rationale: true,
  createdAt: true,
  setBy: { select: { name: true } },
} as const;

export const setKpiTarget = defineCommand({
  name: "target.set",
  action: "target.write",
  schema: setKpiTargetSchema,
  // A persona's override needs the persona in the actor's scope; the KPI default (no persona) does not.
  // A KPI still a proposal: every persona it is about too (kpiProposalResource).
  resource: async (input, tx) => {
    const proposal = await kpiProposalResource(tx, input.kpiId);
    return input.personaId ? { ...proposal, persona: { id: input.personaId } } : proposal;
  },
  async run({ actor, input, tx, audit, afterCommit }) {
    const kpi = await tx.kpi.findUnique({ where: { id: input.kpiId }, select: { id: true, code: true, direction: true, frequency: true } });
    if (!kpi) fail("NOT_FOUND", "That KPI no longer exists. Reload the page.", { kpiId: ["That KPI no longer exists."] });
    const persona = input.personaId
      ? await tx.persona.findUnique({ where: { id: input.personaId }, select: { id: true, slug: true, name: true } })
      : null;
    if (input.personaId && !persona) fail("NOT_FOUND", "That persona no longer exists. Reload the page.", { personaId: ["That persona no longer exists."] });

    if (!isPeriodKey(input.effectiveFrom, kpi.frequency)) {
      fail("INVALID", QUARTER_MESSAGE, { effectiveFrom: [QUARTER_MESSAGE] });
    }
    const direction = kpi.direction as Direction;
    if (direction !== "TARGET_RANGE") {
      const upper: Record<string, string[]> = {};
      const message = "Only a KPI on target within a range has upper thresholds: leave this blank.";
      if (input.greenHigh !== null) upper.greenHigh = [message];
      if (input.redHigh !== null) upper.redHigh = [message];
      if (Object.keys(upper).length > 0) fail("INVALID", message, upper);
    }
    const check = validateThresholds({
      direction,
      target: input.target,
      green: input.green,
      red: input.red,
      greenHigh: input.greenHigh ?? undefined,
      redHigh: input.redHigh ?? undefined,
    });
    if (!check.ok) fail("INVALID", `Thresholds need attention: ${check.message}.`, { [check.field]: [`${check.message}.`] });

    const effectiveFrom = new Date(`${input.effectiveFrom}T00:00:00.000Z`);
    const values = {
      baseline: input.baseline === null ? null : input.baseline.toFixed(6),
      target: input.target.toFixed(6),
      green: input.green.toFixed(6),
      red: input.red.toFixed(6),
      greenHigh: direction === "TARGET_RANGE" && input.greenHigh !== null ? input.greenHigh.toFixed(6) : null,
      redHigh: direction === "TARGET_RANGE" && input.redHigh !== null ? input.redHigh.toFixed(6) : null,
      rationale: input.rationale,
      setById: actor.id,
    };
    // The default row is unique through a partial index Prisma cannot address: find it with the full condition.
    const existing = await tx.kpiTarget.findFirst({ where: { kpiId: kpi.id, personaId: persona?.id ?? null, effectiveFrom }, select: ROW_SELECT });
    const who = persona ? persona.name : "the KPI default";
    if (existing && !input.replace) {
      const by = existing.setBy?.name ?? "someone";
      const message = `${kpi.code} already has a target for ${who} from ${monthLabel(input.effectiveFrom)} (set by ${by} on ${existing.createdAt.toISOString().slice(0, 10)}). Choose “replace” to replace it, or another effective period.`;
      fail("CONFLICT", message, { replace: [message] }, { current: { ...rowJson(existing), setBy: by, setAt: existing.createdAt.toISOString() } });
    }
    const saved = existing
      ? await tx.kpiTarget.update({ where: { id: existing.id }, data: { ...values, createdAt: new Date() }, select: ROW_SELECT })
      : await tx.kpiTarget.create({ data: { ...values, kpiId: kpi.id, personaId: persona?.id ?? null, effectiveFrom }, select: ROW_SELECT });

    const pairs = await affectedPairs(tx, kpi.id, persona?.id ?? null);
    if (pairs.length > 0) {
      await enqueuePairEvaluations(tx, pairs);
      afterCommit(nudgePairRequests);
    }
    await audit({
      action: existing ? "target.replace" : "target.set",
      entityType: TARGET_ENTITY,
      entityId: saved.id,
      before: existing ? { kpi: kpi.code, persona: persona?.slug ?? null, ...rowJson(existing) } : null,
      after: { kpi: kpi.code, persona: persona?.slug ?? null, ...rowJson(saved) },
    });
    return {
      target: { id: saved.id, kpiCode: kpi.code, personaSlug: persona?.slug ?? null, personaName: persona?.name ?? null, effectiveFrom: input.effectiveFrom },
      replaced: existing !== null,
      pairsQueued: pairs.length,
    };
  },
});
