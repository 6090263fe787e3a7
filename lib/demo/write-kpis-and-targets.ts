import type { DbClient } from "@/lib/db";
import { periodToDate } from "@/lib/scoring/periods";
import type { DemoUserEmail } from "./catalogue";
import { idOf, type Ids } from "./ids";
import type { DemoPlan } from "./plan";
import { dateKey, reconcile, sameDecimal } from "./reconcile";
import type { ScorecardIds } from "./write-strategy";

// The KPI definitions (upserted by code) and their effective-dated targets and thresholds.

/** Who sets targets and thresholds in the demo. */
const TARGET_SETTER: DemoUserEmail = "analyst@demo.test";

/** ACTIVE KPIs were approved by their scorecard's reviewer when the history begins. */
export async function writeKpis(tx: DbClient, plan: DemoPlan, refs: { users: Ids; departments: Ids; scorecards: ScorecardIds; personas: Ids }): Promise<Ids> {
  const ids: Ids = new Map();
  const approvedAt = periodToDate(plan.calendar.start);
  for (const { spec, scorecard, perspective } of plan.kpis) {
    // Retired KPIs were approved and active before they were retired.
    const active = spec.status === "ACTIVE" || spec.status === "RETIRED";
    const retiredIn = spec.status === "RETIRED" ? periodToDate(plan.calendar.monthsBeforeEnd(spec.retiredMonthsBeforeEnd ?? 0)) : null;
    const data = {
      name: spec.name,
      description: spec.description,
      perspectiveId: idOf(refs.scorecards.perspectives, `${scorecard.slug}|${perspective}`, "perspective"),
      objectiveId: idOf(refs.scorecards.objectives, `${scorecard.slug}|${spec.objective}`, "objective"),
      timing: spec.timing,
      measureType: spec.measureType ?? "QUANTITATIVE",
      scaleMin: spec.scale?.[0] ?? null,
      scaleMax: spec.scale?.[1] ?? null,
      unit: spec.unit,
      currencyCode: spec.currencyCode ?? null,
      durationUnit: spec.durationUnit ?? null,
      direction: spec.direction,
      frequency: spec.frequency,
      weight: spec.weight,
      ownerId: idOf(refs.users, spec.owner, "user"),
      departmentId: idOf(refs.departments, spec.department, "department"),
      sourceSystem: spec.sourceSystem,
      transformation: spec.transformation,
      status: spec.status,
      justification: spec.justification ?? null,
      evidence: spec.evidence ?? null,
      retiredIn,
      statusRationale: spec.status === "RETIRED" ? (spec.retirementRationale ?? null) : null,
      proposedById: spec.proposedBy ? idOf(refs.users, spec.proposedBy, "user") : null,
      reviewedById: active ? idOf(refs.users, scorecard.kpiApproval.reviewer, "user") : null,
      reviewComment: active ? scorecard.kpiApproval.comment : null,
      reviewedAt: active ? approvedAt : null,
    };
    const row = await tx.kpi.upsert({ where: { code: spec.code }, create: { code: spec.code, ...data }, update: data, select: { id: true } });
    ids.set(spec.code, row.id);
    // A proposal's personas: replaced as a set (seeding twice gives the same rows).
    const wantedPersonas = (spec.proposalPersonas ?? []).map((slug) => idOf(refs.personas, slug, "persona"));
    const storedPersonas = await tx.kpiProposalPersona.findMany({ where: { kpiId: row.id }, select: { personaId: true } });
    if (JSON.stringify(storedPersonas.map((p) => p.personaId).sort()) !== JSON.stringify([...wantedPersonas].sort())) {
      await tx.kpiProposalPersona.deleteMany({ where: { kpiId: row.id } });
      if (wantedPersonas.length > 0) await tx.kpiProposalPersona.createMany({ data: wantedPersonas.map((personaId) => ({ kpiId: row.id, personaId })) });
    }
  }
  return ids;
}

export async function writeTargets(tx: DbClient, plan: DemoPlan, refs: { users: Ids; personas: Ids; kpis: Ids }): Promise<void> {
  const setById = idOf(refs.users, TARGET_SETTER, "user");
  const wanted = plan.targets.map((t) => ({
    kpiId: idOf(refs.kpis, t.kpi, "KPI"),
    personaId: t.persona === null ? null : idOf(refs.personas, t.persona, "persona"),
    effectiveFrom: periodToDate(t.effectiveFrom),
    baseline: t.baseline,
    target: t.target,
    green: t.green,
    red: t.red,
    greenHigh: t.greenHigh,
    redHigh: t.redHigh,
    rationale: t.rationale,
    setById,
  }));
  // Default rows have personaId null, which no Prisma compound unique can name: match by key instead.
  const stored = await tx.kpiTarget.findMany({ where: { kpiId: { in: [...refs.kpis.values()] } } });
  await reconcile({
    wanted,
    stored,
    key: (r) => `${r.kpiId}|${r.personaId ?? "-"}|${dateKey(r.effectiveFrom)}`,
    same: (w, s) =>
      sameDecimal(s.baseline, w.baseline) &&
      sameDecimal(s.target, w.target) &&
      sameDecimal(s.green, w.green) &&
      sameDecimal(s.red, w.red) &&
      sameDecimal(s.greenHigh, w.greenHigh) &&
      sameDecimal(s.redHigh, w.redHigh) &&
      s.rationale === w.rationale &&
      s.setById === w.setById,
    create: (rows) => tx.kpiTarget.createMany({ data: rows }),
    update: (w, s) => tx.kpiTarget.update({ where: { id: s.id }, data: w }),
  });
}
