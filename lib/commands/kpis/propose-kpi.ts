import "server-only";
import { proposeKpiSchema } from "@/lib/validation/kpis";
import { defineCommand, fail } from "../command";
import { checkDefinition, definitionData, KPI_ENTITY, kpiAuditJson, kpiAuditSelect } from "./shared";

/**
 * An analyst (or admin) proposes a new KPI. It starts PROPOSED (never scored, takes no values)
 * with its evidence-based case: the personas it is about (KpiProposalPersona), the objective it
 * serves, the justification and the evidence (a link or text). Another analyst or an
 * administrator approves or rejects it (review-kpi-proposal).
 */
export const proposeKpi = defineCommand({
  name: "kpi.propose",
  action: "kpi.propose",
  schema: proposeKpiSchema,
  // The personas it is about must be in the proposer's scope (the form offers only those).
  resource: async (input) => ({ personas: input.personaIds.map((id) => ({ id })) }),
  async run({ actor, input, tx, audit }) {
    await checkDefinition(tx, input, null);
    const personas = await tx.persona.findMany({ where: { id: { in: input.personaIds } }, select: { id: true, status: true } });
    if (personas.length !== input.personaIds.length) fail("INVALID", "Some fields need attention.", { personaIds: ["One of the chosen personas no longer exists. Reload the page and choose again."] });
    const kpi = await tx.kpi.create({
      data: {
        ...definitionData(input),
        status: "PROPOSED",
        justification: input.justification,
        evidence: input.evidence,
        proposedById: actor.id,
        proposalPersonas: { create: input.personaIds.map((personaId) => ({ personaId })) },
      },
      select: kpiAuditSelect,
    });
    await audit({ entityType: KPI_ENTITY, entityId: kpi.id, before: null, after: { ...kpiAuditJson(kpi), personaIds: input.personaIds } });
    return { kpi: { id: kpi.id, code: kpi.code, status: kpi.status } };
  },
});
