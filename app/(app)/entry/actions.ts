"use server";

import { requireActor } from "@/lib/auth/session";
import { saveMeasurement, type MeasurementConflictDetails } from "@/lib/commands/measurements/save-measurement";
import type { SaveCellResponse } from "@/components/entry/save-cell";
import type { GridSaved as CellSaved } from "@/lib/queries/entry-grid";

// The entry grid saves one cell at a time through this action: who is acting, the command, and a
// plain answer the cell can show. Only the fields a cell sends are passed on, with source MANUAL.
// No revalidatePath: the grid updates the cell itself, and every page reads fresh data anyway.

const FIELDS = ["kpiId", "personaId", "period", "value", "notAvailableReason", "comment", "version", "reason"] as const;

function toCellSaved(m: NonNullable<MeasurementConflictDetails["current"]>): CellSaved {
  return {
    value: m.value,
    notAvailableReason: m.notAvailableReason,
    comment: m.comment,
    version: m.version,
    enteredBy: m.enteredBy?.name ?? null,
    enteredAt: m.enteredAt,
  };
}

export async function saveEntryCellAction(request: unknown): Promise<SaveCellResponse> {
  const actor = await requireActor();
  const sent = (typeof request === "object" && request !== null ? request : {}) as Record<string, unknown>;
  const input: Record<string, unknown> = { source: "MANUAL" };
  for (const field of FIELDS) if (sent[field] !== undefined) input[field] = sent[field];

  const result = await saveMeasurement(actor, input);
  if (result.ok) return { ok: true, outcome: result.data.outcome, saved: toCellSaved(result.data.measurement), status: result.data.status };
  const current = result.code === "CONFLICT" ? (result.details as MeasurementConflictDetails | undefined)?.current : null;
  return { ok: false, code: result.code, message: result.message, fieldErrors: result.fieldErrors, conflict: current ? toCellSaved(current) : null };
}
