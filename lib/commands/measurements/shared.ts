import "server-only";
import type { DbClient } from "@/lib/db";
import { effectiveAt, type Direction, type Thresholds } from "@/lib/scoring";
import { periodToDate } from "@/lib/scoring/periods";

// Pieces the measurement commands share (save now; import and the API later): what a saved
// value looks like to callers and in audit events, and the thresholds in force for a persona.

export const MEASUREMENT_SELECT = {
  id: true,
  kpiId: true,
  personaId: true,
  period: true,
  value: true,
  notAvailableReason: true,
  comment: true,
  source: true,
  version: true,
  enteredAt: true,
  enteredBy: { select: { id: true, name: true } },
} as const;

/** A saved value as callers see it: plain JSON (decimal as its exact string, dates as ISO text). */
export interface SavedMeasurement {
  id: string;
  kpiId: string;
  personaId: string;
  /** 'YYYY-MM-DD': the month, or the quarter of a quarterly KPI. */
  period: string;
  /** Exact decimal string; null when not available. */
  value: string | null;
  notAvailableReason: string | null;
  comment: string | null;
  source: string;
  version: number;
  enteredBy: { id: string; name: string } | null;
  /** ISO timestamp of the save. */
  enteredAt: string;
}

interface MeasurementRow {
  id: string;
  kpiId: string;
  personaId: string;
  period: Date;
  value: { toFixed(): string } | null;
  notAvailableReason: string | null;
  comment: string | null;
  source: string;
  version: number;
  enteredAt: Date;
  enteredBy: { id: string; name: string } | null;
}

export function toSavedMeasurement(row: MeasurementRow): SavedMeasurement {
  return {
    id: row.id,
    kpiId: row.kpiId,
    personaId: row.personaId,
    period: row.period.toISOString().slice(0, 10),
    value: row.value === null ? null : row.value.toFixed(),
    notAvailableReason: row.notAvailableReason,
    comment: row.comment,
    source: row.source,
    version: row.version,
    enteredBy: row.enteredBy,
    enteredAt: row.enteredAt.toISOString(),
  };
}

/** What an audit event records of a measurement. */
export function measurementSnapshot(m: SavedMeasurement) {
  return {
    period: m.period,
    value: m.value,
    notAvailableReason: m.notAvailableReason,
    comment: m.comment,
    source: m.source,
    version: m.version,
    enteredById: m.enteredBy?.id ?? null,
    enteredAt: m.enteredAt,
  };
}

/**
 * The thresholds in force for a persona in a period: the persona's own row with the latest
 * effectiveFrom on or before the period, else the KPI default's; null when neither exists.
 */
export async function thresholdsInForce(tx: DbClient, kpi: { id: string; direction: Direction }, personaId: string, period: string): Promise<Thresholds | null> {
  const rows = await tx.kpiTarget.findMany({
    where: { kpiId: kpi.id, effectiveFrom: { lte: periodToDate(period) }, OR: [{ personaId }, { personaId: null }] },
    select: { personaId: true, effectiveFrom: true, target: true, green: true, red: true, greenHigh: true, redHigh: true },
  });
  const keyed = rows.map((r) => ({ ...r, effectiveFrom: r.effectiveFrom.toISOString().slice(0, 10) }));
  const row = effectiveAt(keyed.filter((r) => r.personaId === personaId), period) ?? effectiveAt(keyed.filter((r) => r.personaId === null), period);
  if (!row) return null;
  return {
    direction: kpi.direction,
    target: Number(row.target),
    green: Number(row.green),
    red: Number(row.red),
    ...(row.greenHigh === null ? {} : { greenHigh: Number(row.greenHigh) }),
    ...(row.redHigh === null ? {} : { redHigh: Number(row.redHigh) }),
  };
}
