import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { authorize, EVERY_PERSONA, personaScope, refusal, scopeIncludes } from "@/lib/auth/policy";
import { getDb } from "@/lib/db";
import { addPeriods, rollupShares, type RollupResult } from "@/lib/scoring";
import type { PersonaStatusValue } from "@/lib/validation/personas";
import { toPeriodKey } from "./convert";
import { monthsNewestFirst } from "./period-input";
import { periodsForMonth, scoreAcrossPersonas, scorePersonaMonth, targetBookFor, ValueBook, WeightBook } from "./score-month";
import { countsInPeriod, loadDataMonths, loadPersonaWeights, loadScorecardStructure, loadScoredPersonas, loadTargets, loadValues } from "./scorecard-model";

// /scorecards/{slug}/weights: the persona weights' history (versions by effective month) and
// the recalibration editor, with a preview of the proposed weights' effect on the scorecard
// total over the last 6 months, scored through lib/scoring exactly as the heatmap scores.
// Bounded: the page is 3 reads; the preview 7 (structure, personas, data months, values,
// targets, weights, the proposal's personas), whatever the number of personas, KPIs or months.

export const PREVIEW_MONTHS = 6;

export interface WeightVersion {
  effectiveFrom: string;
  /** The last month this version was in force; null for the version in force now and onwards. */
  until: string | null;
  /** Empty for a viewer restricted to some personas (reasonsWithheld): free text that often names other personas. */
  reasons: string[];
  reasonsWithheld: boolean;
  setBy: string[];
  /** Every persona (in the viewer's scope) with a weight in force from this month, with its nominal share (w / Σw). */
  rows: { personaId: string; slug: string; name: string; status: PersonaStatusValue; weight: number; share: number; changed: boolean }[];
  /** For a viewer restricted to some personas: the others with a weight in force, as one line (null otherwise, or when there are none). */
  otherPersonas: { count: number; weight: number; share: number } | null;
}

export interface WeightEditorPersona {
  id: string;
  slug: string;
  name: string;
  status: PersonaStatusValue;
  /** The weight in force in the newest version (null: never weighted on this scorecard). */
  currentWeight: number | null;
}

export interface WeightsPage {
  scorecard: { id: string; slug: string; name: string };
  versions: WeightVersion[];
  personas: WeightEditorPersona[];
  newestEffectiveFrom: string | null;
  /** Why the viewer may not recalibrate (restricted to some personas), or null when they may. */
  recalibrationRefusal: string | null;
  /** The first month a new version may start ('YYYY-MM-01'): after the newest, not before this month. */
  earliestEffectiveFrom: string;
}

function currentMonth(now: Date): string {
  return `${now.toISOString().slice(0, 7)}-01`;
}

/**
 * A viewer restricted to some personas (issue 13) reads their personas' weights and shares, the
 * others folded into one line (count, summed weight and share), without the versions' reasons
 * (free text that names the personas whose weight moved), and is offered no recalibration:
 * it sets every persona's weight, so the policy refuses it (recalibrationRefusal says why).
 */
export async function getWeightsPage(actor: Actor, slug: string, now = new Date()): Promise<WeightsPage | null> {
  authorize(actor, "weight.write");
  const scope = personaScope(actor);
  const db = await getDb();
  const scorecard = await db.scorecard.findUnique({ where: { slug }, select: { id: true, slug: true, name: true } });
  if (!scorecard) return null;
  const [rows, personas] = await Promise.all([
    db.personaWeight.findMany({
      where: { scorecardId: scorecard.id },
      orderBy: [{ effectiveFrom: "asc" }, { createdAt: "asc" }],
      select: { personaId: true, weight: true, effectiveFrom: true, reason: true, setBy: { select: { name: true } } },
    }),
    db.persona.findMany({ orderBy: [{ priority: "asc" }, { name: "asc" }], select: { id: true, slug: true, name: true, status: true } }),
  ]);
  const personaOf = new Map(personas.map((p) => [p.id, p]));
  const months = [...new Set(rows.map((r) => toPeriodKey(r.effectiveFrom)))].sort();
  const inForce = new Map<string, number>();
  const versions: WeightVersion[] = months.map((month, i) => {
    const here = rows.filter((r) => toPeriodKey(r.effectiveFrom) === month);
    for (const r of here) inForce.set(r.personaId, Number(r.weight));
    const total = [...inForce.values()].reduce((s, w) => s + w, 0);
    const changed = new Set(here.map((r) => r.personaId));
    return {
      effectiveFrom: month,
      until: months[i + 1] ? addPeriods(months[i + 1]!, "MONTHLY", -1) : null,
      reasons: scope.all ? [...new Set(here.map((r) => r.reason))] : [],
      reasonsWithheld: !scope.all,
      setBy: [...new Set(here.map((r) => r.setBy?.name ?? "a former user"))],
      rows: [...inForce.entries()]
        .filter(([personaId]) => scopeIncludes(scope, personaId))
        .map(([personaId, weight]) => {
          const p = personaOf.get(personaId);
          return { personaId, slug: p?.slug ?? "", name: p?.name ?? "Unknown persona", status: p?.status ?? "SUNSET", weight, share: total > 0 ? weight / total : 0, changed: changed.has(personaId) };
        })
        .sort((a, b) => b.weight - a.weight || a.name.localeCompare(b.name)),
      otherPersonas: otherPersonas(scope.all ? [] : [...inForce.entries()].filter(([personaId]) => !scopeIncludes(scope, personaId)).map(([, w]) => w), total),
    };
  });
  const newest = months.at(-1) ?? null;
  const thisMonth = currentMonth(now);
  const afterNewest = newest ? addPeriods(newest, "MONTHLY", 1) : thisMonth;
  return {
    scorecard,
    versions: versions.reverse(),
    personas: personas
      .filter((p) => p.status !== "SUNSET" && scopeIncludes(scope, p.id))
      .map((p) => ({ id: p.id, slug: p.slug, name: p.name, status: p.status, currentWeight: inForce.get(p.id) ?? null })),
    newestEffectiveFrom: newest,
    recalibrationRefusal: refusal(actor, "weight.write", EVERY_PERSONA),
    earliestEffectiveFrom: afterNewest > thisMonth ? afterNewest : thisMonth,
  };
}

function otherPersonas(weights: number[], total: number): WeightVersion["otherPersonas"] {
  if (weights.length === 0) return null;
  const weight = weights.reduce((s, w) => s + w, 0);
  return { count: weights.length, weight, share: total > 0 ? weight / total : 0 };
}

export interface PreviewMonth {
  month: string;
  /** The total with the weights in force in that month (what the heatmap shows today). */
  current: RollupResult;
  /** The total had the proposed weights been in force in that month. */
  proposed: RollupResult;
  /** proposed - current, when both have a score. */
  change: number | null;
  /** What the heatmap shows for the month once the recalibration is saved: proposed from the effective month on. */
  afterSaving: RollupResult;
  affected: boolean;
}

export interface PreviewShare {
  personaId: string;
  name: string;
  status: PersonaStatusValue;
  currentWeight: number;
  proposedWeight: number;
  /** Normalised among ACTIVE personas (drafts are never scored): w / Σw. */
  currentShare: number;
  proposedShare: number;
}

export interface RecalibrationPreview {
  effectiveFrom: string;
  months: PreviewMonth[];
  shares: PreviewShare[];
}

/**
 * Scores the last 6 months with data twice, with the weights in force then and with the proposed
 * ones (personas left out of the proposal keep the weight in force for them), writing nothing.
 * The input has passed recalibrateWeights' schema (proposedWeightsSchema).
 */
export async function previewRecalibration(
  actor: Actor,
  input: { scorecardId: string; effectiveFrom: string; weights: Record<string, number> },
): Promise<RecalibrationPreview | null> {
  // Part of a recalibration: it shows every persona's share, so only for those who may recalibrate.
  authorize(actor, "weight.write", EVERY_PERSONA);
  const db = await getDb();
  const card = await db.scorecard.findUnique({ where: { id: input.scorecardId }, select: { slug: true } });
  if (!card) return null;
  const structure = await loadScorecardStructure(db, card.slug);
  if (!structure) return null;
  const [scored, dataMonths, formPersonas, allWeights] = await Promise.all([
    loadScoredPersonas(db),
    loadDataMonths(db, structure),
    db.persona.findMany({ where: { status: { in: ["ACTIVE", "DRAFT"] } }, orderBy: [{ priority: "asc" }, { name: "asc" }], select: { id: true, name: true, status: true } }),
    loadPersonaWeights(db, structure.id, "9999-12-01"),
  ]);
  const currentBook = new WeightBook(allWeights);
  const months = dataMonths ? monthsNewestFirst(dataMonths.first, dataMonths.last).slice(0, PREVIEW_MONTHS).reverse() : [];
  const personaIds = scored.map((p) => p.id);
  const [values, targets] = months.length
    ? await Promise.all([
        loadValues(db, structure.id, personaIds, [...new Set(months.flatMap(periodsForMonth))]),
        loadTargets(db, structure.kpis.map((k) => k.id), personaIds, months.at(-1)!, { text: false }),
      ])
    : [[], []];
  const valueBook = new ValueBook(values);
  const targetBook = targetBookFor(structure, targets);

  const proposedWeight = (personaId: string, month: string) => input.weights[personaId] ?? currentBook.inForce(personaId, month)?.weight ?? 0;

  const previewMonths = months.map((month): PreviewMonth => {
    const counted = scored.filter((p) => countsInPeriod(p, month));
    const items = counted.map((p) => {
      const s = scorePersonaMonth(structure, targetBook, valueBook, p.id, month, false);
      return { personaId: s.personaId, result: s.overall };
    });
    const current = scoreAcrossPersonas(items, currentBook, month).total;
    const proposedBook = new WeightBook(counted.map((p) => ({ personaId: p.id, effectiveFrom: month, weight: proposedWeight(p.id, month) })));
    const proposed = scoreAcrossPersonas(items, proposedBook, month).total;
    const affected = month >= input.effectiveFrom;
    return {
      month,
      current,
      proposed,
      change: current.score !== null && proposed.score !== null ? proposed.score - current.score : null,
      afterSaving: affected ? proposed : current,
      affected,
    };
  });

  // Nominal shares at the effective month, among the personas that are scored (ACTIVE).
  const at = input.effectiveFrom;
  const currentWeights = formPersonas.map((p) => currentBook.inForce(p.id, at)?.weight ?? 0);
  const proposedWeights = formPersonas.map((p) => proposedWeight(p.id, at));
  const sharesOf = (weights: number[]) =>
    rollupShares(formPersonas.map((p, i) => ({ weight: weights[i]!, score: p.status === "ACTIVE" ? 1 : null })));
  const currentShares = sharesOf(currentWeights);
  const proposedShares = sharesOf(proposedWeights);
  return {
    effectiveFrom: input.effectiveFrom,
    months: previewMonths,
    shares: formPersonas.map((p, i) => ({
      personaId: p.id,
      name: p.name,
      status: p.status,
      currentWeight: currentWeights[i]!,
      proposedWeight: proposedWeights[i]!,
      currentShare: currentShares[i]!,
      proposedShare: proposedShares[i]!,
    })),
  };
}
