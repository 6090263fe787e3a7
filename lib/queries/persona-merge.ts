import "server-only";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { authorize, personaScope, scopeIncludes } from "@/lib/auth/policy";
import { fail } from "@/lib/commands/command";
import { assertMergeable, MERGE_PERSONA_SELECT, planMerge, type MergePersona, type MergePlan } from "@/lib/commands/personas/merge-plan";
import type { MeasurementPlan } from "@/lib/commands/personas/move-values";
import { loadReclassification, planReclassification, reclassifyExpected } from "@/lib/commands/personas/reclassify-measurements";
import { getDb, type DbClient } from "@/lib/db";
import { readRows } from "@/lib/db/rows";
import { CORRELATION_PERIODS, historyCorrelation, lastPeriods, monthStart, previousPeriod, type Frequency } from "@/lib/scoring";
import type { mergePreviewSchema, reclassifyPreviewSchema } from "@/lib/validation/persona-merge";
import type { AttributeKindValue, PersonaStatusValue } from "@/lib/validation/personas";
import { personaWhere } from "./persona-scope";

// The consolidation screens: /personas/{slug}/merge (merge this persona into another) and
// /personas/{slug}/reclassify (move misfiled values to another persona). The previews run the
// same planning code as the commands (lib/commands/personas/merge-plan.ts, move-values.ts), so
// what the preview counts is what the commit writes. Bounded: the pages are 2-3 reads; a merge
// preview is 3 reads for the similarity plus the plan's 6; a reclassification preview 5.

export interface ConsolidationCandidate {
  id: string;
  slug: string;
  name: string;
  version: number;
}

export interface MergePage {
  persona: MergePersona;
  /** Active personas other than this one: where it can be merged. */
  candidates: ConsolidationCandidate[];
  /** Why this persona cannot be merged (sunset, or already merged), or null. */
  refusal: string | null;
}

/** null (a 404) for no such persona, or one outside the actor's persona scope; the candidates are the actor's personas. */
export async function getMergePage(actor: Actor, slug: string): Promise<MergePage | null> {
  authorize(actor, "persona.write");
  const scope = personaScope(actor);
  const db = await getDb();
  const found = await db.persona.findUnique({ where: { slug }, select: MERGE_PERSONA_SELECT });
  if (!found || !scopeIncludes(scope, found.id)) return null;
  // Merged into a persona the actor does not see: say that it was merged, not into which.
  const persona = found.mergedInto && !scopeIncludes(scope, found.mergedInto.id) ? { ...found, mergedInto: null } : found;
  const candidates = await db.persona.findMany({
    where: { status: "ACTIVE", id: { not: persona.id }, ...personaWhere(scope) },
    orderBy: { name: "asc" },
    select: { id: true, slug: true, name: true, version: true },
  });
  const refusal =
    persona.status === "SUNSET"
      ? persona.mergedInto
        ? `${persona.name} was already merged into ${persona.mergedInto.name}.`
        : found.mergedInto
          ? `${persona.name} was already merged into another persona.`
          : `${persona.name} is sunset: revive it before merging it.`
      : null;
  return { persona, candidates, refusal };
}

export interface AttributeComparison {
  kind: AttributeKindValue;
  label: string;
  a: string | null;
  b: string | null;
  /** Same kind, label and value (case and spaces aside). */
  same: boolean;
}

export interface MergePreview {
  a: MergePersona;
  b: MergePersona;
  rule: z.output<typeof mergePreviewSchema>["rule"];
  /** Percent, when the rule is AVERAGE. */
  share: number | null;
  attributes: { rows: AttributeComparison[]; shared: number; onlyA: number; onlyB: number; differing: number };
  correlation: {
    periods: number;
    overall: number | null;
    kpisUsed: number;
    perKpi: { kpiId: string; code: string; name: string; n: number; r: number | null; reason: "TOO_FEW" | "NO_SPREAD" | null }[];
  };
  plan: MergePlan;
}

/** The merge preview; throws the command's refusal (AppError) when the merge cannot happen. */
export async function previewMerge(actor: Actor, input: z.output<typeof mergePreviewSchema>, now = new Date()): Promise<MergePreview> {
  authorize(actor, "persona.write", { persona: { id: input.personaId }, personas: [{ id: input.targetPersonaId }] });
  const db = await getDb();
  const [a, b] = await Promise.all([
    db.persona.findUnique({ where: { id: input.personaId }, select: MERGE_PERSONA_SELECT }),
    db.persona.findUnique({ where: { id: input.targetPersonaId }, select: MERGE_PERSONA_SELECT }),
  ]);
  if (!a || !b) {
    fail("INVALID", "One of these personas no longer exists. Reload the page.", b ? {} : { targetPersonaId: ["That persona no longer exists: choose another."] });
  }
  assertMergeable(a, b);
  const [attributes, correlation, plan] = await Promise.all([compareAttributes(db, a.id, b.id), correlate(db, a.id, b.id, now), planMerge(db, a, b, input.rule, input.share, now)]);
  return { a, b, rule: input.rule, share: input.rule === "AVERAGE" ? (input.share ?? null) : null, attributes, correlation, plan };
}

const norm = (s: string) => s.trim().replace(/\s+/g, " ").toLowerCase();
const KIND_ORDER: AttributeKindValue[] = ["DEMOGRAPHIC", "GEOGRAPHIC", "PSYCHOGRAPHIC", "BEHAVIOURAL"];

async function compareAttributes(db: DbClient, aId: string, bId: string): Promise<MergePreview["attributes"]> {
  const rows = await db.personaAttribute.findMany({ where: { personaId: { in: [aId, bId] } }, orderBy: [{ kind: "asc" }, { order: "asc" }], select: { personaId: true, kind: true, label: true, value: true } });
  const byKey = new Map<string, AttributeComparison>();
  for (const r of rows) {
    const key = `${r.kind}|${norm(r.label)}`;
    const entry = byKey.get(key) ?? { kind: r.kind, label: r.label, a: null, b: null, same: false };
    if (r.personaId === aId) entry.a = r.value;
    else entry.b = r.value;
    byKey.set(key, entry);
  }
  const list = [...byKey.values()].map((e) => ({ ...e, same: e.a !== null && e.b !== null && norm(e.a) === norm(e.b) }));
  list.sort((x, y) => KIND_ORDER.indexOf(x.kind) - KIND_ORDER.indexOf(y.kind) || Number(y.same) - Number(x.same) || x.label.localeCompare(y.label));
  return {
    rows: list,
    shared: list.filter((e) => e.same).length,
    differing: list.filter((e) => e.a !== null && e.b !== null && !e.same).length,
    onlyA: list.filter((e) => e.b === null).length,
    onlyB: list.filter((e) => e.a === null).length,
  };
}

/**
 * Each KPI's last CORRELATION_PERIODS periods (months or quarters) ending with the last one that
 * has ended, and the two personas' numbers in them (not-available values are left out).
 */
async function correlate(db: DbClient, aId: string, bId: string, now: Date): Promise<MergePreview["correlation"]> {
  const lastMonth = previousPeriod(monthStart(now), "MONTHLY");
  const earliest = lastPeriods(lastMonth, "QUARTERLY", CORRELATION_PERIODS)[0]!;
  const rows = await readRows<{ kpiId: string; code: string; name: string; frequency: Frequency; personaId: string; period: string; value: number }>(
    db,
    `SELECT m."kpiId", k.code, k.name, k.frequency::text AS frequency, m."personaId", to_char(m.period, 'YYYY-MM-DD') AS period, m.value::float8 AS value
       FROM "Measurement" m JOIN "Kpi" k ON k.id = m."kpiId"
      WHERE m."personaId" IN ($1, $2) AND m.value IS NOT NULL AND m.period >= $3::date AND m.period <= $4::date
      ORDER BY k.code`,
    [aId, bId, earliest, lastMonth],
  );
  const kpis = new Map<string, { code: string; name: string; frequency: Frequency; a: Map<string, number>; b: Map<string, number> }>();
  for (const r of rows) {
    const k = kpis.get(r.kpiId) ?? { code: r.code, name: r.name, frequency: r.frequency, a: new Map(), b: new Map() };
    kpis.set(r.kpiId, k);
    (r.personaId === aId ? k.a : k.b).set(r.period, r.value);
  }
  // Only KPIs both personas report count towards "how alike".
  const both = [...kpis.entries()].filter(([, k]) => k.a.size > 0 && k.b.size > 0);
  const result = historyCorrelation(both.map(([kpiId, k]) => ({ kpiId, a: k.a, b: k.b, periods: lastPeriods(lastMonth, k.frequency, CORRELATION_PERIODS) })));
  return {
    periods: CORRELATION_PERIODS,
    overall: result.overall,
    kpisUsed: result.kpisUsed,
    perKpi: result.perKpi.map((c) => {
      const k = kpis.get(c.kpiId)!;
      return { kpiId: c.kpiId, code: k.code, name: k.name, n: c.n, r: c.r, reason: c.reason };
    }),
  };
}

// ───────────────────────────── Reclassification ─────────────────────────────

export interface ReclassifyKpi {
  id: string;
  code: string;
  name: string;
  frequency: Frequency;
  /** Values of this persona (any period). */
  count: number;
  first: string;
  last: string;
}

export interface ReclassifyPage {
  persona: { id: string; slug: string; name: string; status: PersonaStatusValue };
  destinations: ConsolidationCandidate[];
  kpis: ReclassifyKpi[];
  /** The months of the persona's values (for the range's defaults), or null without values. */
  range: { first: string; last: string } | null;
}

/** null (a 404) for no such persona, or one outside the actor's persona scope; the destinations are the actor's personas. */
export async function getReclassifyPage(actor: Actor, slug: string): Promise<ReclassifyPage | null> {
  authorize(actor, "persona.write");
  const scope = personaScope(actor);
  const db = await getDb();
  const persona = await db.persona.findUnique({ where: { slug }, select: { id: true, slug: true, name: true, status: true } });
  if (!persona || !scopeIncludes(scope, persona.id)) return null;
  const [destinations, kpis] = await Promise.all([
    db.persona.findMany({ where: { status: "ACTIVE", id: { not: persona.id }, ...personaWhere(scope) }, orderBy: { name: "asc" }, select: { id: true, slug: true, name: true, version: true } }),
    readRows<ReclassifyKpi>(
      db,
      `SELECT k.id, k.code, k.name, k.frequency::text AS frequency, count(*)::int AS count,
              to_char(min(m.period), 'YYYY-MM-DD') AS first, to_char(max(m.period), 'YYYY-MM-DD') AS last
         FROM "Measurement" m JOIN "Kpi" k ON k.id = m."kpiId"
        WHERE m."personaId" = $1
        GROUP BY k.id, k.code, k.name, k.frequency
        ORDER BY k.code`,
      [persona.id],
    ),
  ]);
  const range = kpis.length === 0 ? null : { first: kpis.reduce((x, k) => (k.first < x ? k.first : x), kpis[0]!.first), last: kpis.reduce((x, k) => (k.last > x ? k.last : x), kpis[0]!.last) };
  return { persona, destinations, kpis, range };
}

export interface ReclassifyPreview {
  source: { id: string; slug: string; name: string };
  destination: { id: string; slug: string; name: string };
  plan: MeasurementPlan;
  expected: string;
  kpiCodes: string[];
}

/** The reclassification preview; throws the command's refusal for bad personas or KPIs (not for conflicts: they are shown). */
export async function previewReclassify(actor: Actor, input: z.output<typeof reclassifyPreviewSchema>): Promise<ReclassifyPreview> {
  authorize(actor, "persona.write", { persona: { id: input.personaId }, personas: [{ id: input.targetPersonaId }] });
  const db = await getDb();
  const { source, destination, scope } = await loadReclassification(db, input);
  const plan = await planReclassification(db, input, source, destination, scope);
  const kpis = await db.kpi.findMany({ where: { id: { in: plan.kpiIds } }, orderBy: { code: "asc" }, select: { code: true } });
  return {
    source: { id: source.id, slug: source.slug, name: source.name },
    destination: { id: destination.id, slug: destination.slug, name: destination.name },
    plan,
    expected: reclassifyExpected(plan),
    kpiCodes: kpis.map((k) => k.code),
  };
}
