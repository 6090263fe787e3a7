import type { Direction, Frequency, KpiMeasureType, KpiTiming, KpiUnit, Role } from "@/lib/generated/prisma/enums";
import type { BenchCalendar } from "./calendar";
import {
  BENCH_DEPARTMENT_PREFIX,
  BENCH_EMAIL_DOMAIN,
  BENCH_EXECUTIVE_EMAIL,
  BENCH_KPI_PREFIX,
  BENCH_SCORECARD_SLUG,
  benchId,
} from "./ids";

// The people and the strategy of the bench scorecard: pure data from a seeded PRNG.

export interface DepartmentRow {
  id: string;
  name: string;
}
export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  departmentId: string | null;
}
export interface ScorecardRow {
  id: string;
  slug: string;
  name: string;
  description: string;
}
export interface PerspectiveRow {
  id: string;
  name: string;
  order: number;
  weight: number;
}
export interface ObjectiveRow {
  id: string;
  perspectiveId: string;
  title: string;
  ownerId: string;
}
export interface LinkRow {
  id: string;
  causeId: string;
  effectId: string;
}
export interface KpiRow {
  id: string;
  code: string;
  name: string;
  perspectiveId: string;
  objectiveId: string;
  timing: KpiTiming;
  measureType: KpiMeasureType;
  scaleMin: number | null;
  scaleMax: number | null;
  unit: KpiUnit;
  currencyCode: string | null;
  durationUnit: string | null;
  direction: Direction;
  frequency: Frequency;
  weight: number;
  ownerId: string;
  departmentId: string;
  /** Typical value and band width: the targets and the values are drawn around them. */
  center: number;
  step: number;
}

export interface StrategyPlan {
  departments: DepartmentRow[];
  users: UserRow[];
  scorecard: ScorecardRow;
  perspectives: PerspectiveRow[];
  objectives: ObjectiveRow[];
  links: LinkRow[];
  kpis: KpiRow[];
}

const DEPARTMENTS = ["Finance", "Customer Success", "Operations", "Product", "People"];
const PERSPECTIVES: Array<[string, number]> = [
  ["Financial", 0.3],
  ["Customer", 0.3],
  ["Internal Process", 0.25],
  ["Learning & Growth", 0.15],
];
const OBJECTIVES_PER_PERSPECTIVE = 5;
const OWNERS = 6;
const QUARTERLY_SHARE = 0.1;

/** Unit, its typical magnitude, and the decimals its values keep. */
const UNITS: Array<{ unit: KpiUnit; min: number; max: number; decimals: number; share: number }> = [
  { unit: "PERCENT", min: 40, max: 90, decimals: 2, share: 0.35 },
  { unit: "COUNT", min: 100, max: 20_000, decimals: 0, share: 0.2 },
  { unit: "CURRENCY", min: 10_000, max: 2_000_000, decimals: 2, share: 0.15 },
  { unit: "DURATION", min: 2, max: 72, decimals: 2, share: 0.1 },
  { unit: "RATIO", min: 0.5, max: 5, decimals: 3, share: 0.1 },
  { unit: "SCORE", min: 2, max: 4, decimals: 2, share: 0.1 },
];

export function decimalsOf(unit: KpiUnit): number {
  return UNITS.find((u) => u.unit === unit)?.decimals ?? 2;
}

function pickUnit(r: number) {
  let acc = 0;
  for (const u of UNITS) {
    acc += u.share;
    if (r < acc) return u;
  }
  return UNITS[UNITS.length - 1]!;
}

function pickDirection(r: number): Direction {
  return r < 0.45 ? "HIGHER_IS_BETTER" : r < 0.8 ? "LOWER_IS_BETTER" : "TARGET_RANGE";
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

export function planStrategy(rand: () => number, kpiCount: number, personaCount: number, calendar: BenchCalendar, seed: number): StrategyPlan {
  const departments = DEPARTMENTS.map((name, i) => ({ id: benchId("d", i + 1), name: `${BENCH_DEPARTMENT_PREFIX}${name}` }));
  const users: UserRow[] = [
    { id: benchId("u", 1), email: BENCH_EXECUTIVE_EMAIL, name: "Bench Executive", role: "EXECUTIVE", departmentId: null },
    { id: benchId("u", 2), email: `analyst${BENCH_EMAIL_DOMAIN}`, name: "Bench Analyst", role: "ANALYST", departmentId: null },
  ];
  for (let i = 0; i < OWNERS; i++) {
    users.push({
      id: benchId("u", users.length + 1),
      email: `owner${i + 1}${BENCH_EMAIL_DOMAIN}`,
      name: `Bench Owner ${i + 1}`,
      role: "KPI_OWNER",
      departmentId: departments[i % departments.length]!.id,
    });
  }
  const owners = users.filter((u) => u.role === "KPI_OWNER");
  const scorecard: ScorecardRow = {
    id: benchId("s", 1),
    slug: BENCH_SCORECARD_SLUG,
    name: "Benchmark scorecard",
    description: describeBench({ personas: personaCount, kpis: kpiCount, months: calendar.months.length, end: calendar.end, seed }),
  };
  const perspectives = PERSPECTIVES.map(([name, weight], i) => ({ id: benchId("p", i + 1), name, order: i + 1, weight }));
  const objectives: ObjectiveRow[] = [];
  perspectives.forEach((p, pi) => {
    for (let j = 0; j < OBJECTIVES_PER_PERSPECTIVE; j++) {
      objectives.push({
        id: benchId("o", objectives.length + 1),
        perspectiveId: p.id,
        title: `${p.name} objective ${j + 1}`,
        ownerId: owners[(pi + j) % owners.length]!.id,
      });
    }
  });
  // Cause -> effect: objective j of a lower perspective drives objective j of the one above
  // (Learning & Growth -> Internal Process -> Customer -> Financial), for the first three.
  const links: LinkRow[] = [];
  for (let pi = perspectives.length - 1; pi > 0; pi--) {
    for (let j = 0; j < 3; j++) {
      links.push({
        id: benchId("l", links.length + 1),
        causeId: objectives[pi * OBJECTIVES_PER_PERSPECTIVE + j]!.id,
        effectId: objectives[(pi - 1) * OBJECTIVES_PER_PERSPECTIVE + j]!.id,
      });
    }
  }
  const kpis: KpiRow[] = [];
  for (let i = 0; i < kpiCount; i++) {
    const pi = i % perspectives.length;
    const objective = objectives[pi * OBJECTIVES_PER_PERSPECTIVE + (Math.floor(i / perspectives.length) % OBJECTIVES_PER_PERSPECTIVE)]!;
    const u = pickUnit(rand());
    const direction = pickDirection(rand());
    const center = u.min + rand() * (u.max - u.min);
    const qualitative = u.unit === "SCORE";
    const owner = owners[Math.floor(rand() * owners.length)]!;
    kpis.push({
      id: benchId("k", i + 1),
      code: `${BENCH_KPI_PREFIX}${pad(i + 1, 5)}`,
      name: `${perspectives[pi]!.name} ${u.unit.toLowerCase()} indicator ${i + 1}`,
      perspectiveId: perspectives[pi]!.id,
      objectiveId: objective.id,
      timing: rand() < 0.4 ? "LEADING" : "LAGGING",
      measureType: qualitative ? "QUALITATIVE" : "QUANTITATIVE",
      scaleMin: qualitative ? 1 : null,
      scaleMax: qualitative ? 5 : null,
      unit: u.unit,
      currencyCode: u.unit === "CURRENCY" ? "EUR" : null,
      durationUnit: u.unit === "DURATION" ? "hours" : null,
      direction,
      frequency: rand() < QUARTERLY_SHARE ? "QUARTERLY" : "MONTHLY",
      weight: 0.5 + Math.floor(rand() * 6) / 2,
      ownerId: owner.id,
      departmentId: owner.departmentId ?? departments[0]!.id,
      center,
      step: center * (0.04 + rand() * 0.06),
    });
  }
  return { departments, users, scorecard, perspectives, objectives, links, kpis };
}

export interface BenchDescription {
  personas: number;
  kpis: number;
  months: number;
  end: string;
  seed: number;
}

/** The scorecard's description records what was generated, so a later run can tell whether to reuse it. */
export function describeBench(d: BenchDescription): string {
  return `Synthetic benchmark data: ${d.personas} personas x ${d.kpis} KPIs x ${d.months} months ending ${d.end} (seed ${d.seed}).`;
}

export function parseBenchDescription(text: string | null | undefined): BenchDescription | null {
  const m = /(\d+) personas x (\d+) KPIs x (\d+) months ending (\d{4}-\d{2}-\d{2}) \(seed (-?\d+)\)/.exec(text ?? "");
  if (!m) return null;
  return { personas: Number(m[1]), kpis: Number(m[2]), months: Number(m[3]), end: m[4]!, seed: Number(m[5]) };
}
