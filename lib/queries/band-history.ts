import "server-only";
import type { Status } from "@/lib/scoring";
import type { ValueRow } from "./scorecard-model";
import type { TargetBook, TargetSource, ValueBook } from "./score-month";

// A KPI's history for one persona with the bands in force in each period: the KPI detail chart
// and the escalation's breach chart read the same shape, built here once.

export interface BandPoint {
  period: string;
  value: number | null;
  score: number | null;
  status: Status;
  /** Thresholds in force in that period for the persona (null: none, so no score). */
  target: number | null;
  green: number | null;
  red: number | null;
  greenHigh: number | null;
  redHigh: number | null;
  source: TargetSource | null;
  /** Why there is no value, when the owner marked it not available. */
  notAvailableReason: string | null;
  comment: string | null;
  enteredBy: string | null;
  enteredAt: string | null;
  version: number | null;
}

/** What a history point shows of a stored value, beyond the number. */
export interface HistoryValueRow extends ValueRow {
  notAvailableReason: string | null;
  comment: string | null;
  enteredBy: string | null;
  enteredAt: string;
  version: number;
}

/** One point per period: the value, its score and status, and the thresholds in force then. */
export function bandHistory(book: TargetBook, values: ValueBook<HistoryValueRow>, kpiId: string, personaId: string, periods: ReadonlyArray<string>): BandPoint[] {
  return periods.map((period) => {
    const row = values.get(kpiId, personaId, period);
    const inForce = book.inForce(kpiId, personaId, period);
    const value = row?.value ?? null;
    const scored = inForce ? book.scorerFor(kpiId, inForce.row).scoreValue(value) : { score: null, status: "NO_DATA" as Status };
    return {
      period,
      value,
      score: scored.score,
      status: scored.status,
      target: inForce?.row.target ?? null,
      green: inForce?.row.green ?? null,
      red: inForce?.row.red ?? null,
      greenHigh: inForce?.row.greenHigh ?? null,
      redHigh: inForce?.row.redHigh ?? null,
      source: inForce?.source ?? null,
      notAvailableReason: row?.notAvailableReason ?? null,
      comment: row?.comment ?? null,
      enteredBy: row?.enteredBy ?? null,
      enteredAt: row?.enteredAt ?? null,
      version: row?.version ?? null,
    };
  });
}

/** What the history chart draws of each point: only this crosses to the client (comments, names and times stay on the server). */
export function chartPoints(points: readonly BandPoint[]): Pick<BandPoint, "period" | "value" | "target" | "green" | "red" | "greenHigh" | "redHigh">[] {
  return points.map(({ period, value, target, green, red, greenHigh, redHigh }) => ({ period, value, target, green, red, greenHigh, redHigh }));
}
