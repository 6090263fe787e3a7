import "server-only";
import type { Pool } from "pg";
import type { PrismaClient } from "@/lib/db";
import { loadScorecardStructure, loadScoredPersonas, type PersonaDef, type ScorecardStructure } from "@/lib/queries/scorecard-model";
import { decideEscalation, pairSeries, type Decision, type OpenEscalation } from "./evaluate";
import { loadOpenEscalation, loadScorecardRows, pairKey } from "./load";
import { applyDecision, isUniqueViolation, StaleDecision, type Pair, type Recipients } from "./write";

// Escalation runs. A full run judges every ACTIVE KPI x ACTIVE persona of every scorecard as of
// `today`; a pair run (evaluatePairs) judges only the KPI x persona pairs it is given (a value
// saved, corrected or imported), through the same code: the same reads restricted to those KPIs
// and personas, the same decision, the same writes. Reads are bounded: 3 per run (scorecards or
// the pairs' scorecards, personas, executives) plus 4 per scorecard (structure, open
// escalations, values of the window, thresholds). Each pair that changes is written in its own
// transaction, so a run killed half-way leaves whole decisions only, and the next run carries on
// from there. Running it twice, or twice at once, converges to one state.

export interface EscalationRunOptions {
  /** 'YYYY-MM-DD': periods that ended before it are judged (plus a period in progress with a value). */
  today: string;
  /** When escalations resolve (resolvedAt); defaults to the clock. */
  now?: Date;
  /** Pairs written at once (default 1; the worker uses a few on Postgres; PGlite has one connection). */
  writeConcurrency?: number;
  /** The `pg` pool under `db`, when the runner has it: the window's values are then read through it, faster. */
  pool?: Pool;
  /** Told after each pair is settled (progress; the crash test kills a run half-way with it). */
  onOutcome?: (outcome: Outcome, pair: { kpi: string; persona: string }) => void;
}

export interface EscalationRunResult {
  opened: number;
  raised: number;
  /** Streak grew (or shrank) without a level change: written, nobody notified. */
  updated: number;
  resolved: number;
  unchanged: number;
  /** Decisions another run had already written (re-read and converged). */
  converged: number;
  pairs: number;
  scorecards: number;
  ms: number;
}

/** A KPI x persona to judge again. */
export interface PairRef {
  kpiId: string;
  personaId: string;
}

/** Attempts per pair before giving up: each retry follows a concurrent run's write. */
const MAX_ATTEMPTS = 3;

const emptyResult = (): EscalationRunResult => ({ opened: 0, raised: 0, updated: 0, resolved: 0, unchanged: 0, converged: 0, pairs: 0, scorecards: 0, ms: 0 });

async function loadRecipients(db: PrismaClient): Promise<Recipients> {
  const [executives, restricted] = await Promise.all([
    db.user.findMany({ where: { role: "EXECUTIVE", active: true }, select: { id: true }, orderBy: { id: "asc" } }),
    db.user.findMany({ where: { personaScopeRestricted: true }, select: { id: true, personaAccess: { select: { personaId: true } } } }),
  ]);
  return {
    executiveIds: executives.map((u) => u.id),
    restrictedTo: new Map(restricted.map((u) => [u.id, u.personaAccess.map((a) => a.personaId)])),
  };
}

export async function runEscalations(db: PrismaClient, options: EscalationRunOptions): Promise<EscalationRunResult> {
  const started = performance.now();
  const result = emptyResult();
  const scorecards = await db.scorecard.findMany({ select: { slug: true }, orderBy: { slug: "asc" } });
  const personas = (await loadScoredPersonas(db)).filter((p) => p.status === "ACTIVE");
  const recipients = await loadRecipients(db);
  for (const { slug } of scorecards) {
    const structure = await loadScorecardStructure(db, slug);
    if (!structure) continue;
    await evaluateScorecard(db, structure, personas, null, recipients, options, result);
  }
  result.ms = Math.round(performance.now() - started);
  return result;
}

/**
 * Judges only these KPI x persona pairs (duplicates count once). Pairs whose KPI or persona is not
 * ACTIVE (or no longer exists) are skipped: the full run does not judge them either.
 */
export async function evaluatePairs(db: PrismaClient, pairs: ReadonlyArray<PairRef>, options: EscalationRunOptions): Promise<EscalationRunResult> {
  const started = performance.now();
  const result = emptyResult();
  const wanted = new Set(pairs.map((p) => pairKey(p.kpiId, p.personaId)));
  if (wanted.size === 0) return result;
  const kpiIds = [...new Set(pairs.map((p) => p.kpiId))];
  const personaIds = [...new Set(pairs.map((p) => p.personaId))];
  const kpis = await db.kpi.findMany({ where: { id: { in: kpiIds }, status: "ACTIVE" }, select: { id: true, perspective: { select: { scorecard: { select: { slug: true } } } } } });
  const personas = (await loadScoredPersonas(db, { id: { in: personaIds } })).filter((p) => p.status === "ACTIVE");
  if (kpis.length === 0 || personas.length === 0) return { ...result, ms: Math.round(performance.now() - started) };
  const recipients = await loadRecipients(db);
  const slugs = [...new Set(kpis.map((k) => k.perspective.scorecard.slug))].sort();
  for (const slug of slugs) {
    const structure = await loadScorecardStructure(db, slug);
    if (!structure) continue;
    await evaluateScorecard(db, structure, personas, wanted, recipients, options, result);
  }
  result.ms = Math.round(performance.now() - started);
  return result;
}

/** Judges the scorecard's ACTIVE KPIs x these personas; only the pairs in `only` when given. */
async function evaluateScorecard(
  db: PrismaClient,
  full: ScorecardStructure,
  allPersonas: PersonaDef[],
  only: Set<string> | null,
  recipients: Recipients,
  options: EscalationRunOptions,
  result: EscalationRunResult,
): Promise<void> {
  const now = options.now ?? new Date();
  // Only ACTIVE KPIs escalate: the structure also holds RETIRED ones (for their scored history),
  // but nobody is asked to act on a KPI that has been retired.
  const active = full.kpis.filter((k) => k.status === "ACTIVE");
  const kpis = only ? active.filter((k) => allPersonas.some((p) => only.has(pairKey(k.id, p.id)))) : active;
  const personas = only ? allPersonas.filter((p) => kpis.some((k) => only.has(pairKey(k.id, p.id)))) : allPersonas;
  if (kpis.length === 0 || personas.length === 0) return;
  result.scorecards++;
  const structure: ScorecardStructure = { ...full, kpis };
  const n = structure.escalationStreakLength;
  const rows = await loadScorecardRows(db, structure, personas.map((p) => p.id), options.today, options.pool);
  const objectiveOwner = new Map(structure.objectives.map((o) => [o.id, o.owner?.id ?? null]));
  // Pairs whose decision writes something, settled `writeConcurrency` at a time once all are judged.
  const writes: Array<() => Promise<void>> = [];

  for (const kpi of kpis) {
    for (const persona of personas) {
      if (only && !only.has(pairKey(kpi.id, persona.id))) continue;
      result.pairs++;
      const open = rows.open.get(pairKey(kpi.id, persona.id)) ?? null;
      const series = pairSeries({
        frequency: kpi.frequency,
        today: options.today,
        n,
        reachBackTo: open?.firstBreachedPeriod,
        valueOf: (period) => {
          const row = rows.values.get(kpi.id, persona.id, period);
          return row === undefined ? undefined : row.value;
        },
        thresholdsOf: (period) => rows.targets.inForce(kpi.id, persona.id, period)?.thresholds ?? null,
      });
      const pair: Pair = {
        kpi: {
          id: kpi.id,
          code: kpi.code,
          name: kpi.name,
          frequency: kpi.frequency,
          ownerId: kpi.owner?.id ?? null,
          objectiveOwnerId: kpi.objectiveId ? (objectiveOwner.get(kpi.objectiveId) ?? null) : null,
        },
        persona: { id: persona.id, slug: persona.slug, name: persona.name },
      };
      // A row without a value: marked not available (not owed, so not overdue).
      const notAvailable = (period: string) => rows.values.get(kpi.id, persona.id, period)?.value === null;
      const decide = (current: OpenEscalation | null) => decideEscalation(series, n, current, notAvailable);
      const report = (outcome: Outcome) => {
        count(result, outcome);
        options.onOutcome?.(outcome, { kpi: kpi.code, persona: persona.slug });
      };
      // Most pairs change nothing: no write, no transaction.
      if (decide(open).kind === "unchanged") report("unchanged");
      else writes.push(async () => report(await settle(db, pair, decide, open, recipients, now)));
    }
  }
  await runLimited(writes, Math.max(1, options.writeConcurrency ?? 1));
}

/** Runs the tasks with at most `limit` in flight; the first error stops taking new ones and is thrown. */
async function runLimited(tasks: Array<() => Promise<void>>, limit: number): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < tasks.length) await tasks[next++]!();
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, lane));
}

export type Outcome = Decision["kind"] | "converged";

/** Writes the pair's decision; when a concurrent run wrote first, re-reads its escalation and decides again. */
async function settle(
  db: PrismaClient,
  pair: Pair,
  decide: (open: Parameters<typeof decideEscalation>[2]) => Decision,
  open: Parameters<typeof decideEscalation>[2],
  recipients: Recipients,
  now: Date,
): Promise<Outcome> {
  let current = open;
  for (let attempt = 1; ; attempt++) {
    const decision = decide(current);
    if (decision.kind === "unchanged") return attempt === 1 ? "unchanged" : "converged";
    try {
      await applyDecision(db, pair, decision, recipients, now);
      return decision.kind;
    } catch (error) {
      if (!(error instanceof StaleDecision) && !isUniqueViolation(error)) throw error;
      if (attempt >= MAX_ATTEMPTS) throw new Error(`Escalation of ${pair.kpi.code} x ${pair.persona.slug} kept changing under us`, { cause: error });
    }
    current = await loadOpenEscalation(db, pair.kpi.id, pair.persona.id);
  }
}

function count(result: EscalationRunResult, outcome: Outcome): void {
  if (outcome === "open") result.opened++;
  else if (outcome === "raise") result.raised++;
  else if (outcome === "update") result.updated++;
  else if (outcome === "resolve") result.resolved++;
  else if (outcome === "converged") result.converged++;
  else result.unchanged++;
}
