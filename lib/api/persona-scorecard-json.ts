import type { KpiLine, PersonaScorecard } from "@/lib/queries/persona-scorecard";

// GET /api/v1/scorecards/{slug}/personas/{slug}/scores?period=YYYY-MM: the persona scorecard
// (lib/queries/getPersonaScorecard) as JSON, the same numbers as the screen and the CSV export.
// Values and thresholds as stored (strings of plain decimals, like the CSV) and as numbers;
// scores unrounded (0..1), statuses as in the CSV. Screen-only parts (history, departments,
// the month picker) are left out of this first slice.

function kpi(line: KpiLine) {
  const t = line.target;
  return {
    code: line.code,
    name: line.name,
    period: line.period,
    value: line.value,
    valueText: line.valueText,
    notAvailableReason: line.notAvailableReason,
    unit: line.unit,
    direction: line.direction,
    frequency: line.frequency,
    target: t
      ? { source: t.source, effectiveFrom: t.effectiveFrom, target: t.text.target, green: t.text.green, red: t.text.red, greenHigh: t.text.greenHigh, redHigh: t.text.redHigh }
      : null,
    score: line.score,
    status: line.status,
    weight: line.weight,
  };
}

export function personaScorecardJson(card: PersonaScorecard) {
  return {
    scorecard: { slug: card.scorecard.slug, name: card.scorecard.name },
    persona: { slug: card.persona.slug, name: card.persona.name, status: card.persona.status, counted: card.persona.counted, weight: card.persona.weight },
    period: card.period,
    previousPeriod: card.previousPeriod,
    overall: card.overall,
    previousOverall: card.previousOverall,
    perspectives: card.perspectives.map((p) => ({
      name: p.name,
      weight: p.weight,
      result: p.result,
      objectives: p.objectives.map((o) => ({ title: o.title, result: o.result, kpis: o.kpis.map(kpi) })),
      otherKpis: p.otherKpis.map(kpi),
    })),
    missing: card.missing,
  };
}

export type PersonaScorecardJson = ReturnType<typeof personaScorecardJson>;
