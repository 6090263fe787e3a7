import "server-only";
import { overdueAfterDays } from "./grace";
import type { Actor } from "@/lib/auth/actor";
import { authorize, personaScope } from "@/lib/auth/policy";
import { getDb } from "@/lib/db";
import { dueState, explainChange, lastPeriods, previousPeriod, type DueState, type RollupResult, type Status } from "@/lib/scoring";
import { loadPersonaOpenEscalations, type PersonaOpenEscalation } from "./open-escalations";
import { personaWhere } from "./persona-scope";
import { monthsNewestFirst, parseMonthParam, previousMonth } from "./period-input";
import { periodsForMonth, scorePersonaMonth, targetBookFor, ValueBook, WeightBook, type KpiMonthScore, type TargetBook, type TargetSource } from "./score-month";
import {
  countsInPeriod,
  loadDataMonths,
  loadPersonaWeights,
  loadScorecardStructure,
  loadScoredPersonas,
  loadPersonaValues,
  loadTargets,
  type DataMonthsSource,
  type KpiDef,
  type PersonaDef,
  type TargetRow,
  type ValueRow,
} from "./scorecard-model";

// One persona's scorecard for one month: every perspective, objective and KPI with value,
// target in force, score, a 12-period history, the previous period and what moved the overall
// score. Bounded: 9 reads in two round trips (first the scorecard id, the personas and, when no
// month is asked for, the data months; then the structure, the persona's values over the
// 12-period window (two reads), targets, weights, open escalations and their latest action plans,
// and the data months when the month was given; one more with a department filter), whatever
// the number of KPIs or the length of history.

export interface PersonaScorecardInput {
  scorecardSlug: string;
  personaSlug: string;
  /** 'YYYY-MM'; absent -> the latest month with data. */
  period?: string | null;
  /** Optional department filter: only KPIs of this department (KPI department or owner's). */
  departmentId?: string | null;
  /** For due/overdue (defaults to the current date). */
  today?: Date;
}

/** The target row in force, as the screen and the export show it: which row, and since when. */
export type TargetView = Pick<TargetRow, "effectiveFrom" | "baseline" | "target" | "green" | "red" | "greenHigh" | "redHigh" | "text"> & {
  source: TargetSource;
};

/**
 * A KPI's trend for the sparkline: the scores of consecutive periods of its frequency, oldest
 * first, from `from` to the line's period (null where there is no score). Scores only, as numbers
 * in an array: at 500 KPIs x 12 periods, objects per point were half of the cached model's JSON.
 */
export interface Trend {
  from: string;
  scores: (number | null)[];
}

export interface KpiLine {
  id: string;
  code: string;
  name: string;
  unit: KpiDef["unit"];
  currencyCode: string | null;
  durationUnit: string | null;
  direction: KpiDef["direction"];
  frequency: KpiDef["frequency"];
  weight: number;
  owner: string | null;
  department: string | null;
  /** The period whose value is shown: the month, or the quarter containing it for a quarterly KPI. */
  period: string;
  value: number | null;
  /** The value as stored (plain decimal), null when missing. */
  valueText: string | null;
  /** Why there is no value, when the owner marked it not available (then it is not overdue). */
  notAvailableReason: string | null;
  comment: string | null;
  enteredAt: string | null;
  enteredBy: string | null;
  target: TargetView | null;
  score: number | null;
  status: Status;
  /** Share of the persona's overall score (0 when not scored). */
  share: number;
  /** For a missing value (not marked not available): whether it is still open, due or overdue today. */
  due: DueState | null;
  previous: { period: string; value: number | null } | null;
  /** value - previous value, when both exist. */
  valueDelta: number | null;
  /** Scores of up to 12 periods of the KPI's frequency ending with `period`, ascending. */
  history: Trend;
}

export interface ObjectiveView {
  id: string;
  title: string;
  owner: string | null;
  result: RollupResult;
  kpis: KpiLine[];
}

export interface PerspectiveView {
  id: string;
  name: string;
  weight: number;
  result: RollupResult;
  objectives: ObjectiveView[];
  /** KPIs not linked to an objective. */
  otherKpis: KpiLine[];
}

export interface ChangeLine {
  code: string;
  name: string;
  previousScore: number | null;
  currentScore: number | null;
  contribution: number;
}

export interface PersonaScorecard {
  scorecard: { id: string; slug: string; name: string };
  persona: Pick<PersonaDef, "id" | "slug" | "name" | "status" | "sunsetFrom" | "statusRationale"> & {
    /** Counts in the scorecard's total this month. */
    counted: boolean;
    weight: number | null;
  };
  personas: { slug: string; name: string; status: PersonaDef["status"] }[];
  period: string | null;
  previousPeriod: string | null;
  months: string[];
  periodMessage: string | null;
  overall: RollupResult;
  previousOverall: RollupResult | null;
  perspectives: PerspectiveView[];
  /**
   * What moved the overall score since the previous month: the CHANGE_LINES largest KPI
   * contributions, largest first, the rest summed, and the residual. They add up to `change`.
   */
  changes: { change: number | null; lines: ChangeLine[]; smaller: { count: number; contribution: number }; residual: number | null };
  /** Missing values per due state, for the summary. */
  missing: { due: number; overdue: number; open: number };
  department: { id: string; name: string } | null;
  /** Departments that own KPIs of this scorecard (for the department filter). */
  departments: { id: string; name: string }[];
  /** Open (unresolved) escalations of this persona on this scorecard's KPIs, highest level first. */
  escalations: PersonaOpenEscalation[];
}

/** KPI lines of "what changed" kept by name; the rest (up to 500 KPIs) are one summed line. */
export const CHANGE_LINES = 8;

const NO_RESULT: RollupResult = { score: null, status: "NO_DATA", coverage: 0 };

function targetView(score: KpiMonthScore): TargetView | null {
  const t = score.target;
  if (!t) return null;
  const { row } = t;
  return {
    source: t.source,
    effectiveFrom: row.effectiveFrom,
    baseline: row.baseline,
    target: row.target,
    green: row.green,
    red: row.red,
    greenHigh: row.greenHigh,
    redHigh: row.redHigh,
    text: row.text,
  };
}

function trendOf(kpi: KpiDef, personaId: string, periods: readonly string[], values: ValueBook<ValueRow>, targets: TargetBook): Trend {
  return {
    from: periods[0]!,
    scores: periods.map((p) => {
      const scorer = targets.scorerInForce(kpi.id, personaId, p);
      return scorer ? scorer.score(values.get(kpi.id, personaId, p)?.value ?? null) : null;
    }),
  };
}

/** `monthsSource`: where the scorecard's data months come from (the read-model cache passes its own). */
export async function getPersonaScorecard(actor: Actor, input: PersonaScorecardInput, monthsSource: DataMonthsSource = loadDataMonths): Promise<PersonaScorecard | null> {
  authorize(actor, "dashboard.read");
  const db = await getDb();
  const periodParam = parseMonthParam(input.period);
  const askedPeriod = periodParam.ok ? periodParam.month : null;
  // Round trip 1: the ids every other read is keyed on (two index lookups), and, only when the URL
  // names no month, the data months that say which month to show.
  const [card, personas, monthsFirst] = await Promise.all([
    db.scorecard.findUnique({ where: { slug: input.scorecardSlug }, select: { id: true } }),
    // Only the personas in the actor's scope: another persona is "not found" (a 404, not a 403).
    loadScoredPersonas(db, personaWhere(personaScope(actor))),
    askedPeriod === null ? monthsSource(db, { slug: input.scorecardSlug }) : null,
  ]);
  const persona = personas.find((p) => p.slug === input.personaSlug);
  if (!card || !persona) return null;
  authorize(actor, "dashboard.read", { persona: { id: persona.id } });
  const monthsLater = askedPeriod === null ? null : monthsSource(db, { slug: input.scorecardSlug });
  const period = askedPeriod ?? (monthsFirst ? (monthsNewestFirst(monthsFirst.first, monthsFirst.last)[0] ?? null) : null);

  // Round trip 2: everything else at once. The window: the last 12 months of a monthly KPI and
  // the last 12 quarters of a quarterly one cover every history line, the previous period and
  // the previous month's scores.
  const window = period ? { MONTHLY: lastPeriods(period, "MONTHLY", 12), QUARTERLY: lastPeriods(period, "QUARTERLY", 12) } : null;
  const [structure, dataMonths, department, stored, targets, weights, escalations] = await Promise.all([
    loadScorecardStructure(db, input.scorecardSlug),
    monthsLater ?? monthsFirst,
    input.departmentId ? db.department.findUnique({ where: { id: input.departmentId }, select: { id: true, name: true } }) : null,
    period && window ? loadPersonaValues(db, card.id, persona.id, window, periodsForMonth(period)) : null,
    period ? loadTargets(db, { scorecardId: card.id }, [persona.id], period) : [],
    period ? loadPersonaWeights(db, card.id, period) : [],
    period ? loadPersonaOpenEscalations(db, persona.id, card.id) : [],
  ]);
  if (!structure) return null;

  const months = dataMonths ? monthsNewestFirst(dataMonths.first, dataMonths.last) : [];
  const base = {
    scorecard: { id: structure.id, slug: structure.slug, name: structure.name },
    personas: personas.map((p) => ({ slug: p.slug, name: p.name, status: p.status })),
    months,
    periodMessage: periodParam.ok ? null : periodParam.message,
    department,
    departments: [...new Map(structure.kpis.flatMap((k) => (k.department ? [[k.department.id, k.department] as const] : []))).values()].sort((a, b) =>
      a.name.localeCompare(b.name),
    ),
  };
  const personaView = { id: persona.id, slug: persona.slug, name: persona.name, status: persona.status, sunsetFrom: persona.sunsetFrom, statusRationale: persona.statusRationale };
  if (period === null) {
    return {
      ...base,
      persona: { ...personaView, counted: false, weight: null },
      period: null,
      previousPeriod: null,
      overall: NO_RESULT,
      previousOverall: null,
      perspectives: [],
      changes: { change: null, lines: [], smaller: { count: 0, contribution: 0 }, residual: null },
      missing: { due: 0, overdue: 0, open: 0 },
      escalations: [],
    };
  }

  const values = new ValueBook(stored?.values ?? []);
  const targetBook = targetBookFor(structure, targets);
  const today = input.today ?? new Date();

  const previous = previousMonth(period);
  const now = scorePersonaMonth(structure, targetBook, values, persona.id, period);
  // The previous month only for "what changed": its KPI scores and overall score, no shares or objectives.
  const before = scorePersonaMonth(structure, targetBook, values, persona.id, previous, false);

  // Department filter: the KPI's own department, or its owner's.
  const ownerDepartment = new Map<string, string | null>();
  if (department) {
    const owners = await db.user.findMany({
      where: { id: { in: structure.kpis.flatMap((k) => (k.owner ? [k.owner.id] : [])) } },
      select: { id: true, departmentId: true },
    });
    const deptOf = new Map(owners.map((o) => [o.id, o.departmentId]));
    for (const k of structure.kpis) ownerDepartment.set(k.id, k.owner ? (deptOf.get(k.owner.id) ?? null) : null);
  }
  const inDepartment = (kpi: KpiDef) => !department || kpi.department?.id === department.id || ownerDepartment.get(kpi.id) === department.id;

  // What depends only on the value's period and the frequency (the 12 periods of a history line,
  // the previous period, the due state): worked out once per frequency, not once per KPI. In a
  // month every KPI of one frequency shows the same period.
  const perFrequency = new Map<string, { periods: string[]; previous: string; due: DueState }>();
  const periodFacts = (period: string, frequency: KpiDef["frequency"]) => {
    const key = `${frequency} ${period}`; // October is both a month and a quarter's first month
    let facts = perFrequency.get(key);
    if (!facts) {
      facts = { periods: lastPeriods(period, frequency, 12), previous: previousPeriod(period, frequency), due: dueState(period, frequency, today, overdueAfterDays()) };
      perFrequency.set(key, facts);
    }
    return facts;
  };
  const missing = { due: 0, overdue: 0, open: 0 };
  const lines = new Map<string, KpiLine>();
  now.kpis.forEach((score) => {
    // A KPI retired before this month is absent from it (its earlier months still show it).
    if (!score.counts) return;
    const { kpi } = score;
    const detail = stored?.details.get(score.period)?.get(kpi.id);
    const facts = periodFacts(score.period, kpi.frequency);
    const prevPeriod = facts.previous;
    const prevValue = values.get(kpi.id, persona.id, prevPeriod)?.value ?? null;
    const notAvailableReason = detail?.notAvailableReason ?? null;
    const due = score.value === null && notAvailableReason === null ? facts.due : null;
    if (due === "DUE") missing.due++;
    else if (due === "OVERDUE") missing.overdue++;
    else if (due === "OPEN") missing.open++;
    lines.set(kpi.id, {
      id: kpi.id,
      code: kpi.code,
      name: kpi.name,
      unit: kpi.unit,
      currencyCode: kpi.currencyCode,
      durationUnit: kpi.durationUnit,
      direction: kpi.direction,
      frequency: kpi.frequency,
      weight: kpi.weight,
      owner: kpi.owner?.name ?? null,
      department: kpi.department?.name ?? null,
      period: score.period,
      value: score.value,
      valueText: detail?.text ?? null,
      notAvailableReason,
      comment: detail?.comment ?? null,
      enteredAt: detail ? detail.enteredAt.toISOString() : null,
      enteredBy: detail?.enteredBy ?? null,
      target: targetView(score),
      score: score.score,
      status: score.status,
      share: score.share,
      due,
      previous: { period: prevPeriod, value: prevValue },
      valueDelta: score.value !== null && prevValue !== null ? score.value - prevValue : null,
      history: trendOf(kpi, persona.id, facts.periods, values, targetBook),
    });
  });

  const explained = explainChange(
    now.kpis.map((k, i) => ({ previousScore: before.kpis[i]!.score, currentScore: k.score, currentShare: k.share })),
    before.overall.score,
    now.overall.score,
  );
  const changeLines: ChangeLine[] = now.kpis
    .map((k, i) => ({ code: k.kpi.code, name: k.kpi.name, previousScore: before.kpis[i]!.score, currentScore: k.score, contribution: explained.contributions[i] }))
    .filter((l): l is ChangeLine => l.contribution !== null && l.contribution !== 0)
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));

  const perspectives: PerspectiveView[] = structure.perspectives.map((p, i) => {
    const kpisOf = (objectiveId: string | null) =>
      structure.kpis.filter((k) => k.perspectiveId === p.id && k.objectiveId === objectiveId && inDepartment(k)).flatMap((k) => lines.get(k.id) ?? []);
    return {
      id: p.id,
      name: p.name,
      weight: p.weight,
      result: now.perspectives[i]!.result,
      objectives: structure.objectives
        .filter((o) => o.perspectiveId === p.id)
        .map((o) => ({ id: o.id, title: o.title, owner: o.owner?.name ?? null, result: now.objectives.get(o.id)!, kpis: kpisOf(o.id) }))
        .filter((o) => !department || o.kpis.length > 0),
      otherKpis: structure.kpis
        .filter((k) => k.perspectiveId === p.id && (k.objectiveId === null || !structure.objectives.some((o) => o.id === k.objectiveId)) && inDepartment(k))
        .flatMap((k) => lines.get(k.id) ?? []),
    };
  });

  return {
    ...base,
    persona: { ...personaView, counted: countsInPeriod(persona, period), weight: new WeightBook(weights).inForce(persona.id, period)?.weight ?? null },
    period,
    previousPeriod: previous,
    overall: now.overall,
    previousOverall: before.overall,
    perspectives,
    changes: {
      change: explained.change,
      lines: changeLines.slice(0, CHANGE_LINES),
      smaller: { count: Math.max(0, changeLines.length - CHANGE_LINES), contribution: changeLines.slice(CHANGE_LINES).reduce((sum, l) => sum + l.contribution, 0) },
      residual: explained.residual,
    },
    missing,
    escalations,
  };
}
