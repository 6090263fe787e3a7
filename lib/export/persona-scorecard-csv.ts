import type { KpiLine, PersonaScorecard } from "@/lib/queries/persona-scorecard";
import type { RollupResult } from "@/lib/scoring";
import { csvLines, csvRaw, csvText } from "./csv";

// The persona scorecard as CSV: a contract other tools read (issue 9). One row per KPI, then
// one per perspective, then one OVERALL row; numbers as stored (plain decimals, dot separator),
// scores with 6 decimals, empty cells where there is nothing.

export const PERSONA_SCORECARD_CSV_COLUMNS = [
  "level",
  "perspective",
  "objective",
  "kpi_code",
  "kpi_name",
  "period",
  "value",
  "unit",
  "direction",
  "target",
  "green",
  "red",
  "green_high",
  "red_high",
  "target_source",
  "score",
  "status",
  "weight",
  "coverage",
] as const;

const score = (s: number | null) => (s === null ? "" : s.toFixed(6));
const plain = (n: number) => String(n); // weights and shares: JavaScript's shortest round-trip form, never exponent for these ranges

function kpiRow(perspective: string, objective: string, line: KpiLine): string[] {
  const t = line.target;
  return [
    "KPI",
    csvText(perspective),
    csvText(objective),
    csvRaw(line.code),
    csvText(line.name),
    line.period,
    csvRaw(line.valueText),
    line.unit,
    line.direction,
    csvRaw(t?.text.target),
    csvRaw(t?.text.green),
    csvRaw(t?.text.red),
    csvRaw(t?.text.greenHigh),
    csvRaw(t?.text.redHigh),
    t?.source ?? "",
    score(line.score),
    line.status,
    plain(line.weight),
    "",
  ];
}

function rollupRow(level: "PERSPECTIVE" | "OVERALL", perspective: string, period: string, result: RollupResult, weight: string): string[] {
  return [level, csvText(perspective), "", "", "", period, "", "", "", "", "", "", "", "", "", score(result.score), result.status, weight, result.coverage.toFixed(6)];
}

export function personaScorecardCsv(card: PersonaScorecard): string {
  const period = card.period ?? "";
  const rows: string[][] = [[...PERSONA_SCORECARD_CSV_COLUMNS]];
  for (const p of card.perspectives) {
    for (const o of p.objectives) for (const line of o.kpis) rows.push(kpiRow(p.name, o.title, line));
    for (const line of p.otherKpis) rows.push(kpiRow(p.name, "", line));
  }
  for (const p of card.perspectives) rows.push(rollupRow("PERSPECTIVE", p.name, period, p.result, plain(p.weight)));
  rows.push(rollupRow("OVERALL", "", period, card.overall, ""));
  return csvLines(rows);
}
