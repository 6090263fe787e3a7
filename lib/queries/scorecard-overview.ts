import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { authorize, personaScope, scopeIncludes } from "@/lib/auth/policy";
import { getDb } from "@/lib/db";
import type { RollupResult } from "@/lib/scoring";
import { monthsNewestFirst, parseMonthParam } from "./period-input";
import { periodsForMonth, scoreAcrossPersonas, scorePersonaMonthTotals, targetBookFor, ValueBook, WeightBook, type PersonaMonthTotals } from "./score-month";
import {
  countsInPeriod,
  loadDataMonths,
  loadPersonaWeights,
  loadScorecardStructure,
  loadScoredPersonas,
  loadTargets,
  loadValues,
  type DataMonthsSource,
  type PersonaDef,
} from "./scorecard-model";

// The scorecard overview: a persona x perspective heatmap for one month, optionally compared
// with an earlier month. Bounded: 7 reads whatever the number of personas, KPIs or months of
// history (structure, personas, data months, values of both months, targets, weights, draft count).
//
// Each persona's month totals (overall and per perspective) are scored on their own and only then
// combined with the persona weights, so a caller may keep them (TotalsSource): the read-model cache
// files them under each persona's data stamp, and after one persona's value changed the overview
// scores that persona again, not all of them.
//
// Per-persona access: the totals (overall and per perspective) are always scored over every
// persona, so a restricted actor sees the same totals as everyone; the rows are only their
// personas', and what the others add is one `otherPersonas` line (share and contribution, no names).

export interface OverviewInput {
  scorecardSlug: string;
  /** 'YYYY-MM'; absent -> the latest month with data. */
  period?: string | null;
  /** 'YYYY-MM' of an earlier month to show deltas against; absent -> no comparison. */
  compareWith?: string | null;
  /** Show SUNSET personas' rows (they are hidden by default). */
  showSunset?: boolean;
}

export interface OverviewCell {
  perspectiveId: string;
  result: RollupResult;
  /** Score change against the comparison month; null without one or without both scores. */
  delta: number | null;
}

export interface OverviewRow {
  persona: Pick<PersonaDef, "id" | "slug" | "name" | "status" | "sunsetFrom" | "statusRationale">;
  /** Counts in the total for this month (an ACTIVE persona, or a SUNSET one before its sunset). */
  counted: boolean;
  /** Persona weight in force in the month, and its share of the total (weight share among scored personas). */
  weight: number;
  share: number;
  /** share x score: what this persona adds to the total. */
  contribution: number | null;
  overall: RollupResult;
  overallDelta: number | null;
  cells: OverviewCell[];
}

export interface ScorecardOverview {
  scorecard: { id: string; slug: string; name: string; description: string | null };
  perspectives: { id: string; name: string; weight: number }[];
  /** The month shown; null when the scorecard has no values yet. */
  period: string | null;
  compareWith: string | null;
  /** Months with data, newest first. */
  months: string[];
  /** A period parameter that could not be read, said in words (the latest month is shown instead). */
  periodMessage: string | null;
  rows: OverviewRow[];
  /** Each perspective across the counted personas, with the persona weights in force. */
  perspectiveTotals: OverviewCell[];
  total: RollupResult;
  totalDelta: number | null;
  /** SUNSET personas whose rows are hidden, and what the hidden ones that still count add. */
  hiddenSunset: { count: number; countedContribution: number | null; countedShare: number };
  /**
   * For an actor restricted to some personas: the personas outside their scope that count this
   * month, folded into one line without names (their weight share and what they add to the
   * total), so the shown contributions and this line still add up to the total. Null otherwise.
   */
  otherPersonas: { count: number; share: number; contribution: number | null } | null;
  draftCount: number;
}

/** One persona's totals for one month, as the overview needs them. */
export interface TotalsWanted {
  personaId: string;
  month: string;
}

/**
 * Where the per-persona totals come from: `compute` scores the ones asked for (from the data);
 * a source may answer some itself and compute only the others. Answers in `wanted`'s order.
 */
export type TotalsSource = (scorecardId: string, wanted: TotalsWanted[], compute: (missing: TotalsWanted[]) => Promise<PersonaMonthTotals[]>) => Promise<PersonaMonthTotals[]>;

const computeEvery: TotalsSource = (_scorecardId, wanted, compute) => compute(wanted);

const NO_RESULT: RollupResult = { score: null, status: "NO_DATA", coverage: 0 };

function delta(now: number | null, before: number | null | undefined): number | null {
  return now === null || before === null || before === undefined ? null : now - before;
}

/** The sources a cache may pass: the per-persona totals and the scorecard's data months. */
export interface OverviewSources {
  totals?: TotalsSource;
  months?: DataMonthsSource;
}

export async function getScorecardOverview(actor: Actor, input: OverviewInput, sources: OverviewSources = {}): Promise<ScorecardOverview | null> {
  const totalsSource = sources.totals ?? computeEvery;
  authorize(actor, "dashboard.read");
  // Every persona is loaded and scored (the totals are the same for everyone); rows are scoped.
  const scope = personaScope(actor);
  const db = await getDb();
  const [structure, personas, dataMonths, draftCount] = await Promise.all([
    loadScorecardStructure(db, input.scorecardSlug),
    loadScoredPersonas(db),
    (sources.months ?? loadDataMonths)(db, { slug: input.scorecardSlug }),
    db.persona.count({ where: { status: "DRAFT" } }),
  ]);
  if (!structure) return null;

  const months = dataMonths ? monthsNewestFirst(dataMonths.first, dataMonths.last) : [];
  const periodParam = parseMonthParam(input.period);
  const compareParam = parseMonthParam(input.compareWith, "compare");
  const messages = [periodParam, compareParam].flatMap((p) => (p.ok ? [] : [p.message]));
  const period = (periodParam.ok ? periodParam.month : null) ?? months[0] ?? null;
  const compareWith = compareParam.ok && compareParam.month && period && compareParam.month < period ? compareParam.month : null;
  const base = {
    scorecard: { id: structure.id, slug: structure.slug, name: structure.name, description: structure.description },
    perspectives: structure.perspectives.map((p) => ({ id: p.id, name: p.name, weight: p.weight })),
    compareWith,
    months,
    periodMessage: messages.length > 0 ? messages.join(" ") : null,
    draftCount,
  };
  if (period === null) {
    return {
      ...base,
      period: null,
      rows: [],
      perspectiveTotals: [],
      total: NO_RESULT,
      totalDelta: null,
      hiddenSunset: { count: personas.filter((p) => p.status === "SUNSET" && scopeIncludes(scope, p.id)).length, countedContribution: null, countedShare: 0 },
      otherPersonas: scope.all ? null : { count: 0, share: 0, contribution: null },
    };
  }

  // Every persona's totals in the month (rows show the uncounted ones too), and the counted
  // personas' in the comparison month.
  const wanted: TotalsWanted[] = [
    ...personas.map((p) => ({ personaId: p.id, month: period })),
    ...(compareWith ? personas.filter((p) => countsInPeriod(p, compareWith)).map((p) => ({ personaId: p.id, month: compareWith })) : []),
  ];
  // Values and targets are read only for the totals the source lacks.
  const scoreMissing = async (missing: TotalsWanted[]): Promise<PersonaMonthTotals[]> => {
    if (missing.length === 0) return [];
    const personaIds = [...new Set(missing.map((w) => w.personaId))];
    const months = [...new Set(missing.map((w) => w.month))];
    const [values, targets] = await Promise.all([
      loadValues(db, structure.id, personaIds, [...new Set(months.flatMap(periodsForMonth))]),
      loadTargets(db, structure.kpis.map((k) => k.id), personaIds, period, { text: false }),
    ]);
    const valueBook = new ValueBook(values);
    const targetBook = targetBookFor(structure, targets);
    return missing.map((w) => scorePersonaMonthTotals(structure, targetBook, valueBook, w.personaId, w.month));
  };
  const [totals, weights] = await Promise.all([totalsSource(structure.id, wanted, scoreMissing), loadPersonaWeights(db, structure.id, period)]);
  const weightBook = new WeightBook(weights);
  const totalsOf = new Map(totals.map((t, i) => [`${wanted[i]!.personaId} ${wanted[i]!.month}`, t]));
  const totalsFor = (personaId: string, month: string) => totalsOf.get(`${personaId} ${month}`)!;

  const scoreMonth = (month: string) => {
    const counted = personas.filter((p) => countsInPeriod(p, month));
    const scored = counted.map((p) => totalsFor(p.id, month));
    const across = scoreAcrossPersonas(scored.map((s) => ({ personaId: s.personaId, result: s.overall })), weightBook, month);
    const byPersona = new Map(scored.map((s, i) => [s.personaId, { scored: s, weight: across.weights[i]!, share: across.shares[i]! }]));
    const perspectiveTotals = structure.perspectives.map((perspective, i) =>
      scoreAcrossPersonas(scored.map((s) => ({ personaId: s.personaId, result: s.perspectives[i]!.result })), weightBook, month).total,
    );
    return { byPersona, total: across.total, perspectiveTotals };
  };

  const now = scoreMonth(period);
  const before = compareWith ? scoreMonth(compareWith) : null;
  // Personas that do not count this month (sunset earlier) are still scored for their row.
  const rowOf = (persona: PersonaDef): OverviewRow => {
    const entry = now.byPersona.get(persona.id);
    const scored = entry?.scored ?? totalsFor(persona.id, period);
    const previous = before?.byPersona.get(persona.id)?.scored;
    return {
      persona: { id: persona.id, slug: persona.slug, name: persona.name, status: persona.status, sunsetFrom: persona.sunsetFrom, statusRationale: persona.statusRationale },
      counted: entry !== undefined,
      weight: entry?.weight ?? weightBook.inForce(persona.id, period)?.weight ?? 0,
      share: entry?.share ?? 0,
      contribution: entry && scored.overall.score !== null ? entry.share * scored.overall.score : null,
      overall: scored.overall,
      overallDelta: delta(scored.overall.score, previous?.overall.score),
      cells: scored.perspectives.map((p, i) => ({
        perspectiveId: p.perspectiveId,
        result: p.result,
        delta: delta(p.result.score, previous?.perspectives[i]?.result.score),
      })),
    };
  };

  const visible = personas.filter((p) => scopeIncludes(scope, p.id));
  const shown = visible.filter((p) => p.status === "ACTIVE" || input.showSunset);
  const hidden = visible.filter((p) => p.status === "SUNSET" && !input.showSunset).map(rowOf);
  const hiddenCounted = hidden.filter((r) => r.counted);
  const others = scope.all ? [] : personas.filter((p) => !scopeIncludes(scope, p.id) && now.byPersona.has(p.id)).map(rowOf);
  const scoredOthers = others.filter((r) => r.contribution !== null);
  return {
    ...base,
    period,
    rows: shown.map(rowOf),
    perspectiveTotals: structure.perspectives.map((p, i) => ({
      perspectiveId: p.id,
      result: now.perspectiveTotals[i]!,
      delta: delta(now.perspectiveTotals[i]!.score, before?.perspectiveTotals[i]?.score),
    })),
    total: now.total,
    totalDelta: delta(now.total.score, before?.total.score),
    hiddenSunset: {
      count: hidden.length,
      countedContribution: hiddenCounted.length > 0 ? hiddenCounted.reduce((sum, r) => sum + (r.contribution ?? 0), 0) : null,
      countedShare: hiddenCounted.reduce((sum, r) => sum + r.share, 0),
    },
    otherPersonas: scope.all
      ? null
      : {
          count: others.length,
          share: others.reduce((sum, r) => sum + r.share, 0),
          contribution: scoredOthers.length > 0 ? scoredOthers.reduce((sum, r) => sum + r.contribution!, 0) : null,
        },
  };
}
