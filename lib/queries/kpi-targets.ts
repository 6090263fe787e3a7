import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { authorize, can, personaScope, scopeIncludes, type PersonaScope } from "@/lib/auth/policy";
import { getDb, type DbClient } from "@/lib/db";
import {
  DEFAULT_SUGGESTION_PERIODS,
  distributionOf,
  lastPeriods,
  MIN_SUGGESTION_HISTORY,
  periodStart,
  suggestThresholds,
  type Direction,
  type Distribution,
  type Frequency,
  type Thresholds,
} from "@/lib/scoring";
import { toPeriodKey } from "./convert";
import { kpiChangeRefusal } from "./kpi-actions";
import { kpiWhere, personaWhere } from "./persona-scope";
import { TargetBook, type TargetSource } from "./score-month";
import { loadScoredPersonas, loadTargets, plainDecimal, type KpiUnit } from "./scorecard-model";

// /kpis/{code}/targets and its API: a KPI's target rows (the default and each persona's
// override) with who set them and why, which row applies to each persona in each of the last
// 12 periods (TargetBook.inForce decides, the rule every score uses), and "suggest from
// history": lib/scoring's suggestThresholds over the persona's own last 24 periods.
// Reading is for every role (the KPI page already shows the thresholds in force); the
// suggestion is part of the editor, for the roles that may set targets.

/** Periods shown in the "which applies" grid. */
export const TARGET_GRID_PERIODS = 12;
/** Bars of the suggestion's histogram. */
export const HISTOGRAM_BINS = 8;

export interface TargetKpi {
  id: string;
  code: string;
  name: string;
  direction: Direction;
  frequency: Frequency;
  unit: KpiUnit;
  currencyCode: string | null;
  durationUnit: string | null;
  status: string;
  scorecard: { slug: string; name: string };
}

export interface TargetRowView {
  id: string;
  /** null: the KPI default. */
  persona: { slug: string; name: string } | null;
  effectiveFrom: string;
  baseline: string | null;
  target: string;
  green: string;
  red: string;
  greenHigh: string | null;
  redHigh: string | null;
  rationale: string | null;
  setBy: string | null;
  setAt: string;
}

export interface GridCell {
  period: string;
  source: TargetSource | null;
  /** The row's effective period ("since"). */
  since: string | null;
  target: number | null;
}

export interface KpiTargetsPage {
  kpi: TargetKpi;
  canEdit: boolean;
  /**
   * Why an analyst or administrator may not set this KPI's targets (a proposal also about personas
   * outside their access), shown instead of the forms; null otherwise (other roles just read).
   */
  editRefusal: string | null;
  rows: TargetRowView[];
  periods: string[];
  grid: { persona: { id: string; slug: string; name: string; status: string }; cells: GridCell[] }[];
  /** Every persona a target may be set for (drafts too: an override can be ready before activation). */
  personas: { id: string; slug: string; name: string; status: string }[];
}

const KPI_SELECT = {
  id: true,
  code: true,
  name: true,
  direction: true,
  frequency: true,
  unit: true,
  currencyCode: true,
  durationUnit: true,
  status: true,
  perspective: { select: { scorecard: { select: { slug: true, name: true } } } },
} as const;

/** The KPI by code, or null: unknown, or a proposal hidden from the scope (a 404, like an unknown one). */
async function loadKpi(db: DbClient, code: string, scope: PersonaScope): Promise<TargetKpi | null> {
  const kpi = await db.kpi.findFirst({ where: { code, ...kpiWhere(scope) }, select: KPI_SELECT });
  if (!kpi) return null;
  return {
    id: kpi.id,
    code: kpi.code,
    name: kpi.name,
    direction: kpi.direction,
    frequency: kpi.frequency,
    unit: kpi.unit,
    currencyCode: kpi.currencyCode,
    durationUnit: kpi.durationUnit,
    status: kpi.status,
    scorecard: kpi.perspective.scorecard,
  };
}

const text = (d: { toString(): string } | null) => (d === null ? null : plainDecimal(d.toString()));

/** The KPI's target rows (the default and the overrides of the personas in scope), newest effective period first, the default before the personas. */
export async function listKpiTargetRows(db: DbClient, kpiId: string, scope: PersonaScope): Promise<TargetRowView[]> {
  const rows = await db.kpiTarget.findMany({
    where: { kpiId, ...(scope.all ? {} : { OR: [{ personaId: null }, { personaId: { in: [...scope.personaIds] } }] }) },
    orderBy: [{ effectiveFrom: "desc" }, { createdAt: "desc" }],
    select: {
      id: true,
      effectiveFrom: true,
      baseline: true,
      target: true,
      green: true,
      red: true,
      greenHigh: true,
      redHigh: true,
      rationale: true,
      createdAt: true,
      persona: { select: { slug: true, name: true } },
      setBy: { select: { name: true } },
    },
  });
  return rows
    .map((r) => ({
      id: r.id,
      persona: r.persona,
      effectiveFrom: toPeriodKey(r.effectiveFrom),
      baseline: text(r.baseline),
      target: text(r.target)!,
      green: text(r.green)!,
      red: text(r.red)!,
      greenHigh: text(r.greenHigh),
      redHigh: text(r.redHigh),
      rationale: r.rationale,
      setBy: r.setBy?.name ?? null,
      setAt: r.createdAt.toISOString(),
    }))
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom) || (a.persona === null ? -1 : b.persona === null ? 1 : a.persona.name.localeCompare(b.persona.name)));
}

export async function getKpiTargetsPage(actor: Actor, code: string, now = new Date()): Promise<KpiTargetsPage | null> {
  authorize(actor, "dashboard.read");
  const db = await getDb();
  const kpi = await loadKpi(db, code, personaScope(actor));
  if (!kpi) return null;
  // A viewer restricted to some personas (issue 13) sees the KPI default and their personas' overrides and grid rows only.
  const scope = personaScope(actor);
  const [rows, scored, all] = await Promise.all([
    listKpiTargetRows(db, kpi.id, scope),
    loadScoredPersonas(db, personaWhere(scope)),
    db.persona.findMany({ where: personaWhere(scope), orderBy: [{ priority: "asc" }, { name: "asc" }], select: { id: true, slug: true, name: true, status: true } }),
  ]);
  const current = periodStart(now, kpi.frequency);
  const periods = lastPeriods(current, kpi.frequency, TARGET_GRID_PERIODS);
  const targets = await loadTargets(db, [kpi.id], scored.map((p) => p.id), current, { text: false });
  const book = new TargetBook(new Map([[kpi.id, kpi.direction]]), targets);
  const grid = scored.map((p) => ({
    persona: { id: p.id, slug: p.slug, name: p.name, status: p.status },
    cells: periods.map((period) => {
      const inForce = book.inForce(kpi.id, p.id, period);
      return { period, source: inForce?.source ?? null, since: inForce?.row.effectiveFrom ?? null, target: inForce?.row.target ?? null };
    }),
  }));
  // A proposal also about personas outside the actor's access: no target forms (set-kpi-target would refuse).
  const editRefusal = can(actor, "target.write") ? await kpiChangeRefusal(actor, "target.write", kpi) : null;
  return { kpi, canEdit: can(actor, "target.write") && editRefusal === null, editRefusal, rows, periods, grid, personas: all };
}

// ───────────────────────────── Suggest from history ─────────────────────────────

export interface HistogramBin {
  from: number;
  to: number;
  count: number;
}

export interface TargetSuggestion {
  kpi: TargetKpi;
  persona: { id: string; slug: string; name: string; status: string };
  /** The window read: the persona's last 24 periods of this KPI, ending with its newest value. */
  window: { from: string; to: string; periods: number } | null;
  /** The values used, oldest first (not-available months are left out). */
  history: { period: string; value: number }[];
  distribution: Distribution | null;
  histogram: HistogramBin[];
  minimumHistory: number;
  suggestion:
    | { ok: true; baseline: number; thresholds: Thresholds }
    | { ok: false; reason: "INSUFFICIENT_HISTORY" | "NO_SPREAD"; n: number; message: string };
}

/** Equal-width bins from min to max (the last bin includes max); one bin when every value is equal. */
export function histogramOf(values: ReadonlyArray<number>, bins = HISTOGRAM_BINS): HistogramBin[] {
  if (values.length === 0) return [];
  const min = Math.min(...values);
  const max = Math.max(...values);
  if (min === max) return [{ from: min, to: max, count: values.length }];
  const width = (max - min) / bins;
  const out = Array.from({ length: bins }, (_, i) => ({ from: min + i * width, to: i === bins - 1 ? max : min + (i + 1) * width, count: 0 }));
  for (const v of values) out[Math.min(bins - 1, Math.floor((v - min) / width))]!.count++;
  return out;
}

function refusalMessage(reason: "INSUFFICIENT_HISTORY" | "NO_SPREAD", n: number, persona: string): string {
  if (reason === "INSUFFICIENT_HISTORY") {
    return `Not enough history: ${persona} has ${n} value${n === 1 ? "" : "s"} in the last ${DEFAULT_SUGGESTION_PERIODS} periods, and a suggestion needs at least ${MIN_SUGGESTION_HISTORY}. Set the target by hand, or wait for more values.`;
  }
  return `No spread: ${persona}'s last ${n} values are (nearly) all the same, so percentiles cannot separate red from green. Set the target by hand.`;
}

/**
 * Suggestion for one persona from its own stored history (never a benchmark): the values of its
 * last 24 periods up to its newest value, summarised and turned into thresholds by lib/scoring.
 * null when the KPI or the persona does not exist, or the persona is outside the actor's scope.
 */
export async function getTargetSuggestion(actor: Actor, code: string, personaSlug: string): Promise<TargetSuggestion | null> {
  authorize(actor, "target.write");
  const db = await getDb();
  const [kpi, persona] = await Promise.all([
    loadKpi(db, code, personaScope(actor)),
    db.persona.findUnique({ where: { slug: personaSlug }, select: { id: true, slug: true, name: true, status: true } }),
  ]);
  // A persona outside the actor's scope is "not found", like one that does not exist.
  if (!kpi || !persona || !scopeIncludes(personaScope(actor), persona.id)) return null;
  const newest = await db.measurement.findFirst({
    where: { kpiId: kpi.id, personaId: persona.id, value: { not: null } },
    orderBy: { period: "desc" },
    select: { period: true },
  });
  const window = newest ? lastPeriods(toPeriodKey(newest.period), kpi.frequency, DEFAULT_SUGGESTION_PERIODS) : [];
  const rows =
    window.length === 0
      ? []
      : await db.measurement.findMany({
          where: {
            kpiId: kpi.id,
            personaId: persona.id,
            value: { not: null },
            period: { gte: new Date(`${window[0]}T00:00:00Z`), lte: new Date(`${window.at(-1)}T00:00:00Z`) },
          },
          orderBy: { period: "asc" },
          select: { period: true, value: true },
        });
  const inWindow = new Set(window);
  const history = rows.map((r) => ({ period: toPeriodKey(r.period), value: Number(r.value) })).filter((r) => inWindow.has(r.period));
  const values = history.map((h) => h.value);
  const result = suggestThresholds(values, kpi.direction);
  return {
    kpi,
    persona,
    window: window.length > 0 ? { from: window[0]!, to: window.at(-1)!, periods: window.length } : null,
    history,
    distribution: distributionOf(values),
    histogram: histogramOf(values),
    minimumHistory: MIN_SUGGESTION_HISTORY,
    suggestion: result.ok
      ? { ok: true, baseline: result.baseline, thresholds: result.thresholds }
      : { ok: false, reason: result.reason, n: result.n, message: refusalMessage(result.reason, result.n, persona.name) },
  };
}
