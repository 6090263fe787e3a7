import type { BenchCalendar } from "./calendar";
import { decimalsOf, type KpiRow } from "./plan-strategy";

// Every KPI x persona x period value, generated batch by batch (1.5 million rows never sit in
// memory at once) in the order they would arrive: month by month, all KPIs and personas of a
// month together. Quarterly KPIs get one value per quarter, on the quarter's first month.
// About 3% of the values are missing. Deterministic: the same inputs give the same batches.

export const GAP_SHARE = 0.03;

/** Rows by index into the KPI, persona and period lists of the plan. */
export interface MeasurementBatch {
  length: number;
  kpi: Int32Array;
  persona: Int32Array;
  period: Int32Array;
  value: Float64Array;
}

function newBatch(size: number): MeasurementBatch {
  return { length: 0, kpi: new Int32Array(size), persona: new Int32Array(size), period: new Int32Array(size), value: new Float64Array(size) };
}

interface SeriesShape {
  center: number;
  step: number;
  /** +1 when a higher value is better, -1 when lower is, 0 for a target range. */
  better: number;
  scale: number;
  min: number;
  max: number;
}

function shapeOf(kpi: KpiRow): SeriesShape {
  return {
    center: kpi.center,
    step: kpi.step,
    better: kpi.direction === "HIGHER_IS_BETTER" ? 1 : kpi.direction === "LOWER_IS_BETTER" ? -1 : 0,
    scale: 10 ** decimalsOf(kpi.unit),
    min: kpi.scaleMin ?? 0,
    max: kpi.scaleMax ?? (kpi.unit === "PERCENT" ? 100 : Number.MAX_SAFE_INTEGER),
  };
}

export function* measurementBatches(
  rand: () => number,
  kpis: KpiRow[],
  personaCount: number,
  calendar: BenchCalendar,
  batchSize: number,
): Generator<MeasurementBatch> {
  const shapes = kpis.map(shapeOf);
  // Each series has its own level: some personas do well on a KPI, some badly, most in between.
  const level = new Float64Array(kpis.length * personaCount);
  for (let i = 0; i < level.length; i++) level[i] = -1.6 + rand() * 3;
  const quarterStarts = new Set(calendar.quarters);
  const months = calendar.months.length;
  let batch = newBatch(batchSize);
  for (let t = 0; t < months; t++) {
    const isQuarterStart = quarterStarts.has(calendar.months[t]!);
    const progress = months > 1 ? t / (months - 1) : 0;
    for (let k = 0; k < kpis.length; k++) {
      if (kpis[k]!.frequency === "QUARTERLY" && !isQuarterStart) continue;
      const s = shapes[k]!;
      const drift = s.better * s.step * 0.5 * progress; // slowly getting better
      for (let p = 0; p < personaCount; p++) {
        if (rand() < GAP_SHARE) continue;
        const lvl = level[k * personaCount + p]!;
        const offset = s.better === 0 ? Math.abs(lvl) * 1.5 * (rand() < 0.5 ? -1 : 1) : s.better * lvl;
        const raw = s.center + (offset + (rand() - 0.5) * 2.4) * s.step + drift;
        const clamped = Math.min(s.max, Math.max(s.min, raw));
        const i = batch.length++;
        batch.kpi[i] = k;
        batch.persona[i] = p;
        batch.period[i] = t;
        batch.value[i] = Math.round(clamped * s.scale) / s.scale;
        if (batch.length === batchSize) {
          yield batch;
          batch = newBatch(batchSize);
        }
      }
    }
  }
  if (batch.length > 0) yield batch;
}

/** How many rows measurementBatches yields, without the gaps: KPI x persona x its periods. */
export function expectedCells(kpis: KpiRow[], personaCount: number, calendar: BenchCalendar): number {
  const quarterly = kpis.filter((k) => k.frequency === "QUARTERLY").length;
  return ((kpis.length - quarterly) * calendar.months.length + quarterly * calendar.quarters.length) * personaCount;
}
