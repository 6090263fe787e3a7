import "server-only";
import type { DbClient } from "@/lib/db";
import Decimal from "decimal.js";
import { effectiveAt, type Direction, type Thresholds } from "@/lib/scoring";
import { periodToDate, type Frequency } from "@/lib/scoring/periods";

// Pieces the measurement commands share (save-measurement and import-measurements): what a saved
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

/** A KPI target row as the thresholds rules need it (Decimal columns as anything with toString). */
export interface TargetRow {
  personaId: string | null;
  /** 'YYYY-MM-DD'. */
  effectiveFrom: string;
  target: unknown;
  green: unknown;
  red: unknown;
  greenHigh: unknown;
  redHigh: unknown;
}

/**
 * The thresholds in force for a persona in a period, from a KPI's target rows: the persona's own
 * row with the latest effectiveFrom on or before the period, else the KPI default's; null when
 * neither exists. Pure: the save loads one KPI's rows, an import all the rows of its KPIs at once.
 */
export function thresholdsFrom(rows: readonly TargetRow[], direction: Direction, personaId: string, period: string): Thresholds | null {
  const row = targetInForce(rows, personaId, period);
  return row ? thresholdsOf(row, direction) : null;
}

/** The target row in force for a persona in a period (see thresholdsFrom), or undefined. */
export function targetInForce<T extends TargetRow>(rows: readonly T[], personaId: string, period: string): T | undefined {
  return effectiveAt(rows.filter((r) => r.personaId === personaId), period) ?? effectiveAt(rows.filter((r) => r.personaId === null), period);
}

/** A target row's thresholds for a KPI of this direction. */
export function thresholdsOf(row: TargetRow, direction: Direction): Thresholds {
  return {
    direction,
    target: Number(row.target),
    green: Number(row.green),
    red: Number(row.red),
    ...(row.greenHigh === null ? {} : { greenHigh: Number(row.greenHigh) }),
    ...(row.redHigh === null ? {} : { redHigh: Number(row.redHigh) }),
  };
}

export const TARGET_SELECT = { kpiId: true, personaId: true, effectiveFrom: true, target: true, green: true, red: true, greenHigh: true, redHigh: true } as const;

/** The thresholds in force for a persona in a period (see thresholdsFrom), read from the database. */
export async function thresholdsInForce(tx: DbClient, kpi: { id: string; direction: Direction }, personaId: string, period: string): Promise<Thresholds | null> {
  const rows = await tx.kpiTarget.findMany({
    where: { kpiId: kpi.id, effectiveFrom: { lte: periodToDate(period) }, OR: [{ personaId }, { personaId: null }] },
    select: TARGET_SELECT,
  });
  return thresholdsFrom(
    rows.map((r) => ({ ...r, effectiveFrom: r.effectiveFrom.toISOString().slice(0, 10) })),
    kpi.direction,
    personaId,
    period,
  );
}

/** What the measurement rules need of a KPI, as selected by every measurement command. */
export const KPI_RULES_SELECT = {
  id: true,
  code: true,
  name: true,
  status: true,
  retiredIn: true,
  unit: true,
  measureType: true,
  scaleMin: true,
  scaleMax: true,
  frequency: true,
  direction: true,
  currencyCode: true,
  durationUnit: true,
  ownerId: true,
  departmentId: true,
} as const;

/** A KPI row (KPI_RULES_SELECT) -> what lib/validation/measurements' rules take. */
export function kpiRules<K extends { scaleMin: { toFixed(): string } | null; scaleMax: { toFixed(): string } | null; frequency: string; retiredIn?: Date | null }>(kpi: K) {
  return {
    ...kpi,
    scaleMin: kpi.scaleMin?.toFixed() ?? null,
    scaleMax: kpi.scaleMax?.toFixed() ?? null,
    frequency: kpi.frequency as Frequency,
    retiredIn: kpi.retiredIn ? kpi.retiredIn.toISOString().slice(0, 10) : null,
  };
}

/** Same value (87.40 = 87.4) and same not-available reason. */
export function sameContent(saved: { value: string | null; notAvailableReason: string | null }, value: string | null, notAvailableReason: string | null): boolean {
  // Equal texts are equal values (both sides are usually canonical already); else compare exactly.
  const equal = saved.value === value || (saved.value !== null && value !== null && new Decimal(saved.value).equals(value));
  return equal && saved.notAvailableReason === notAvailableReason;
}

/** A saved state in words: its value, or "not available (reason)". */
export function describeMeasurement(m: { value: string | null; notAvailableReason: string | null }): string {
  return m.value !== null ? m.value : `not available (${m.notAvailableReason})`;
}
