import type { AttributeKind, Direction, PersonaStatus } from "@/lib/generated/prisma/enums";
import { addPeriods } from "@/lib/scoring/periods";
import type { BenchCalendar } from "./calendar";
import { benchId, benchPersonaSlug } from "./ids";
import type { KpiRow, StrategyPlan } from "./plan-strategy";

// Personas, their weights, and every KPI's targets (defaults and persona overrides): pure data.

export interface PersonaRow {
  id: string;
  slug: string;
  name: string;
  description: string;
  painPoints: string[];
  status: PersonaStatus;
  statusRationale: string | null;
  /** 'YYYY-MM-DD' */
  statusChangedAt: string;
  priority: number;
  revenueInfluence: number;
  reviewCadenceMonths: number;
  nextReviewOn: string;
}
export interface AttributeRow {
  id: string;
  personaId: string;
  kind: AttributeKind;
  label: string;
  value: string;
  order: number;
}
export interface WeightRow {
  id: string;
  personaId: string;
  weight: number;
  effectiveFrom: string;
  reason: string;
  setById: string;
}
export interface TargetRow {
  id: string;
  kpiId: string;
  personaId: string | null;
  effectiveFrom: string;
  baseline: number;
  target: number;
  green: number;
  red: number;
  greenHigh: number | null;
  redHigh: number | null;
  rationale: string;
  setById: string;
}

export interface PersonaPlan {
  personas: PersonaRow[];
  attributes: AttributeRow[];
  weights: WeightRow[];
  targets: TargetRow[];
}

const TARGET_CHANGE_SHARE = 0.3;
const OVERRIDE_SHARE = 0.2;
const SEGMENTS = ["Enterprise", "Mid-market", "Small business", "Consumer", "Public sector"];
const REGIONS = ["DACH", "Nordics", "UK & Ireland", "North America", "APAC"];
const USAGE = ["Daily power use", "Weekly reporting", "Occasional", "Seasonal peaks"];

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** Thresholds around `center`, `step` wide per band, valid for lib/scoring's ordering rules. */
export function thresholdsAround(direction: Direction, center: number, step: number) {
  if (direction === "HIGHER_IS_BETTER") {
    return { target: round4(center + step), green: round4(center), red: round4(center - 2 * step), greenHigh: null, redHigh: null };
  }
  if (direction === "LOWER_IS_BETTER") {
    return { target: round4(center - step), green: round4(center), red: round4(center + 2 * step), greenHigh: null, redHigh: null };
  }
  return {
    target: round4(center),
    green: round4(center - step),
    red: round4(center - 3 * step),
    greenHigh: round4(center + step),
    redHigh: round4(center + 3 * step),
  };
}

/** The persona's status: the last one is a draft and the two before it are sunset (given enough personas). */
function statusOf(index: number, count: number): PersonaStatus {
  if (count < 6) return "ACTIVE";
  if (index === count - 1) return "DRAFT";
  if (index >= count - 3) return "SUNSET";
  return "ACTIVE";
}

export function planPersonas(rand: () => number, personaCount: number, strategy: StrategyPlan, calendar: BenchCalendar): PersonaPlan {
  const analyst = strategy.users.find((u) => u.role === "ANALYST")!;
  const personas: PersonaRow[] = [];
  const attributes: AttributeRow[] = [];
  const weights: WeightRow[] = [];
  for (let i = 0; i < personaCount; i++) {
    const n = String(i + 1).padStart(3, "0");
    const status = statusOf(i, personaCount);
    const persona: PersonaRow = {
      id: benchId("q", i + 1),
      slug: benchPersonaSlug(i + 1),
      name: `Bench persona ${n}`,
      description: `Synthetic persona ${n} of the benchmark data.`,
      painPoints: ["Slow onboarding", "Unclear pricing", "Too many manual reports"].slice(0, 1 + (i % 3)),
      status,
      statusRationale: status === "SUNSET" ? "Segment folded into a neighbouring persona." : status === "DRAFT" ? "Being researched." : "Validated by interviews.",
      statusChangedAt: status === "ACTIVE" ? calendar.start : calendar.middle,
      priority: 1 + Math.floor(rand() * 5),
      revenueInfluence: round4(0.005 + rand() * 0.05),
      reviewCadenceMonths: [3, 6, 12][i % 3]!,
      nextReviewOn: addPeriods(calendar.end, "MONTHLY", 1 + (i % 6)),
    };
    personas.push(persona);
    const values: Array<[AttributeKind, string, string]> = [
      ["DEMOGRAPHIC", "Segment", SEGMENTS[i % SEGMENTS.length]!],
      ["GEOGRAPHIC", "Region", REGIONS[Math.floor(rand() * REGIONS.length)]!],
      ["BEHAVIOURAL", "Usage", USAGE[Math.floor(rand() * USAGE.length)]!],
    ];
    values.forEach(([kind, label, value], order) =>
      attributes.push({ id: benchId("a", attributes.length + 1), personaId: persona.id, kind, label, value, order }),
    );
    const initial = 0.5 + Math.floor(rand() * 10) / 4;
    weights.push({ id: benchId("w", weights.length + 1), personaId: persona.id, weight: initial, effectiveFrom: calendar.start, reason: "Initial calibration.", setById: analyst.id });
    if (calendar.middle > calendar.start) {
      const recalibrated = Math.max(0.25, initial + (Math.floor(rand() * 5) - 2) / 4);
      weights.push({ id: benchId("w", weights.length + 1), personaId: persona.id, weight: recalibrated, effectiveFrom: calendar.middle, reason: "Annual recalibration.", setById: analyst.id });
    }
  }
  return { personas, attributes, weights, targets: planTargets(rand, strategy.kpis, personas, calendar, analyst.id) };
}

function planTargets(rand: () => number, kpis: KpiRow[], personas: PersonaRow[], calendar: BenchCalendar, setById: string): TargetRow[] {
  const targets: TargetRow[] = [];
  const add = (kpi: KpiRow, personaId: string | null, effectiveFrom: string, center: number, rationale: string) =>
    targets.push({
      id: benchId("t", targets.length + 1),
      kpiId: kpi.id,
      personaId,
      effectiveFrom,
      baseline: round4(center),
      ...thresholdsAround(kpi.direction, center, kpi.step),
      rationale,
      setById,
    });
  const firstHalf = Math.max(1, Math.floor(calendar.months.length / 2));
  for (const kpi of kpis) {
    add(kpi, null, calendar.start, kpi.center, "Initial target.");
    if (calendar.middle > calendar.start && rand() < TARGET_CHANGE_SHARE) {
      const better = kpi.direction === "LOWER_IS_BETTER" ? -1 : 1;
      add(kpi, null, calendar.middle, kpi.center + better * kpi.step * 0.5, "Raised the bar after a good year.");
    }
    for (const persona of personas) {
      if (rand() >= OVERRIDE_SHARE) continue;
      const from = calendar.months[Math.floor(rand() * firstHalf)]!;
      add(kpi, persona.id, from, kpi.center * (0.85 + rand() * 0.3), "Persona-specific expectation.");
    }
  }
  return targets;
}
