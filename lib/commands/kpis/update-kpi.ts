import "server-only";
import { updateKpiSchema } from "@/lib/validation/kpis";
import { defineCommand, fail } from "../command";
import { assertKpiVersion, checkDefinition, definitionData, KPI_ENTITY, kpiAuditJson, kpiAuditSelect, kpiProposalResource, loadKpiForEdit } from "./shared";

/**
 * Edits every field of a KPI's definition. Refused (CONFLICT, naming who) when the KPI changed
 * since the editor's version; a rejected proposal is a record and is not edited. Status has its
 * own commands (review-kpi-proposal, change-kpi-status).
 */
export const updateKpi = defineCommand({
  name: "kpi.update",
  action: "kpi.write",
  schema: updateKpiSchema,
  // A proposal's definition is its case about its personas: an editor restricted to some personas
  // must see every one of them (FORBIDDEN with the count otherwise, nothing written).
  resource: (input, tx) => kpiProposalResource(tx, input.kpiId),
  async run({ input, tx, audit, unchanged }) {
    const before = await loadKpiForEdit(tx, input.kpiId);
    await assertKpiVersion(tx, before, input.version);
    if (before.status === "REJECTED") fail("INVALID", "A rejected proposal is kept as a record and cannot be edited: propose a new KPI instead.");
    await checkDefinition(tx, input, before.id);
    const data = definitionData(input);
    const beforeJson = kpiAuditJson(before);
    const candidate = kpiAuditJson({ ...before, ...data, scaleMin: data.scaleMin, scaleMax: data.scaleMax, weight: data.weight });
    const same = (Object.keys(data) as (keyof typeof data)[]).every((key) => {
      const a = beforeJson[key as keyof typeof beforeJson];
      const b = candidate[key as keyof typeof candidate];
      return a === b || (a !== null && b !== null && typeof a === "string" && typeof b === "string" && /^-?[\d.]+$/.test(a) && Number(a) === Number(b));
    });
    if (same) {
      unchanged();
      return { kpi: { id: before.id, code: before.code, version: before.version }, changed: false };
    }
    const after = await tx.kpi.update({ where: { id: before.id }, data: { ...data, version: { increment: 1 } }, select: kpiAuditSelect });
    await audit({ entityType: KPI_ENTITY, entityId: before.id, before: beforeJson, after: kpiAuditJson(after) });
    return { kpi: { id: after.id, code: after.code, version: after.version }, changed: true };
  },
});
