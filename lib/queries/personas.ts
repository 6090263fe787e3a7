import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { authorize, can, personaScope, personaVisible, type PersonaScope } from "@/lib/auth/policy";
import { personaWhere } from "./persona-scope";
import { getDb } from "@/lib/db";
import { PERSONA_STATUSES, type AttributeKindValue, type PersonaStatusValue, type ReviewOutcomeValue } from "@/lib/validation/personas";
import { toPeriodKey } from "./convert";

// The persona screens: /personas (list) and /personas/{slug} (one persona, its lifecycle
// timeline and reviews, its pain points with the objectives that address them). Bounded: the list
// is 2 reads; the detail is 4 reads, plus 1 for the objectives an editor may map pain points to.

export interface PersonaListRow {
  id: string;
  slug: string;
  name: string;
  status: PersonaStatusValue;
  priority: number;
  /** 0..1, or null when unknown. */
  revenueInfluence: number | null;
  reviewCadenceMonths: number;
  nextReviewOn: string | null;
  /** The next review date has passed (today UTC). */
  overdue: boolean;
}

export interface PersonaList {
  rows: PersonaListRow[];
  /** The status filter in force (null: all). */
  status: PersonaStatusValue | null;
  /** A status parameter that could not be read, in words. */
  statusMessage: string | null;
  counts: Record<PersonaStatusValue, number>;
  overdueCount: number;
  canEdit: boolean;
}

function todayKey(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** Overdue for review: a next review date before today. */
export function isReviewOverdue(nextReviewOn: string | null, today: string): boolean {
  return nextReviewOn !== null && nextReviewOn < today;
}

export async function getPersonaList(actor: Actor, input: { status?: string | null }, now = new Date()): Promise<PersonaList> {
  authorize(actor, "dashboard.read");
  const db = await getDb();
  const raw = input.status?.trim().toUpperCase() || null;
  const status = raw && (PERSONA_STATUSES as readonly string[]).includes(raw) ? (raw as PersonaStatusValue) : null;
  const statusMessage = raw && !status ? `There is no status “${input.status}”; showing every persona.` : null;
  // Only the personas in the actor's scope, in the list and in the counts.
  const scoped = personaWhere(personaScope(actor));
  const [rows, grouped] = await Promise.all([
    db.persona.findMany({
      where: status ? { ...scoped, status } : scoped,
      orderBy: [{ priority: "asc" }, { name: "asc" }],
      select: { id: true, slug: true, name: true, status: true, priority: true, revenueInfluence: true, reviewCadenceMonths: true, nextReviewOn: true },
    }),
    db.persona.groupBy({ by: ["status"], where: scoped, _count: { _all: true } }),
  ]);
  const today = todayKey(now);
  const list = rows.map((p) => {
    const nextReviewOn = p.nextReviewOn ? toPeriodKey(p.nextReviewOn) : null;
    return {
      id: p.id,
      slug: p.slug,
      name: p.name,
      status: p.status,
      priority: p.priority,
      revenueInfluence: p.revenueInfluence === null ? null : Number(p.revenueInfluence),
      reviewCadenceMonths: p.reviewCadenceMonths,
      nextReviewOn,
      // A sunset persona is no longer reviewed.
      overdue: p.status !== "SUNSET" && isReviewOverdue(nextReviewOn, today),
    };
  });
  const counts = { DRAFT: 0, ACTIVE: 0, SUNSET: 0 } as Record<PersonaStatusValue, number>;
  for (const g of grouped) counts[g.status] = g._count._all;
  return { rows: list, status, statusMessage, counts, overdueCount: list.filter((r) => r.overdue).length, canEdit: can(actor, "persona.write") };
}

/** Personas (not sunset) whose review date has passed, for the home page. One read. */
export async function getOverdueReviews(scope: PersonaScope, now = new Date()): Promise<{ slug: string; name: string; status: PersonaStatusValue; nextReviewOn: string }[]> {
  const db = await getDb();
  const rows = await db.persona.findMany({
    where: { ...personaWhere(scope), status: { in: ["DRAFT", "ACTIVE"] }, nextReviewOn: { lt: new Date(`${todayKey(now)}T00:00:00.000Z`) } },
    orderBy: [{ nextReviewOn: "asc" }, { name: "asc" }],
    select: { slug: true, name: true, status: true, nextReviewOn: true },
  });
  return rows.map((r) => ({ slug: r.slug, name: r.name, status: r.status, nextReviewOn: toPeriodKey(r.nextReviewOn!) }));
}

export type TimelineEntry =
  | { kind: "status"; at: string; from: PersonaStatusValue | null; to: PersonaStatusValue; rationale: string; by: string | null }
  | { kind: "review"; at: string; outcome: ReviewOutcomeValue; note: string; by: string | null; nextReviewOn: string };

/** An objective as the pain point list shows it: with its scorecard and perspective. */
export interface PainPointObjectiveView {
  id: string;
  title: string;
  scorecardSlug: string;
  scorecardName: string;
  perspective: string;
}

export interface PainPointView {
  id: string;
  text: string;
  /** The objectives that address it; empty: flagged (a candidate for a new objective, or absorbed by an existing one). */
  objectives: PainPointObjectiveView[];
}

export interface PersonaDetail {
  id: string;
  slug: string;
  name: string;
  description: string;
  status: PersonaStatusValue;
  statusRationale: string | null;
  statusChangedAt: string | null;
  /** The persona this one was merged into (it is then SUNSET), or null. */
  mergedInto: { slug: string; name: string } | null;
  priority: number;
  /** Percent 0..100, or null. */
  revenueInfluencePercent: number | null;
  reviewCadenceMonths: number;
  nextReviewOn: string | null;
  overdue: boolean;
  version: number;
  painPoints: PainPointView[];
  /** Every objective, by scorecard, perspective order and title: what an editor may map a pain point to (empty for readers). */
  objectiveOptions: PainPointObjectiveView[];
  attributes: Record<AttributeKindValue, { label: string; value: string }[]>;
  /** Newest first: lifecycle steps and reviews. */
  timeline: TimelineEntry[];
  /** The weight in force today on each scorecard (null: none). */
  weights: { scorecardSlug: string; scorecardName: string; weight: number | null; effectiveFrom: string | null }[];
  canEdit: boolean;
}

export async function getPersonaDetail(actor: Actor, slug: string, now = new Date()): Promise<PersonaDetail | null> {
  authorize(actor, "dashboard.read");
  const db = await getDb();
  const persona = await db.persona.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      name: true,
      description: true,
      status: true,
      statusRationale: true,
      statusChangedAt: true,
      mergedInto: { select: { id: true, slug: true, name: true } },
      priority: true,
      revenueInfluence: true,
      reviewCadenceMonths: true,
      nextReviewOn: true,
      version: true,
      painPoints: {
        orderBy: { order: "asc" },
        select: {
          id: true,
          text: true,
          objectives: { orderBy: { createdAt: "asc" }, select: { objective: { select: objectiveViewSelect } } },
        },
      },
      attributes: { orderBy: [{ kind: "asc" }, { order: "asc" }], select: { kind: true, label: true, value: true } },
    },
  });
  // Another persona's page is "not found" for an actor restricted to some personas.
  if (!persona || !personaVisible(actor, persona.id)) return null;
  // Merged into a persona outside the viewer's scope: the page says "another persona" (in the
  // merge's generated rationale too, "Merged A into B: ..."), never that persona's name or address.
  const hiddenTarget = persona.mergedInto && !personaVisible(actor, persona.mergedInto.id) ? persona.mergedInto.name : null;
  const redact = <T extends string | null>(text: T): T => (hiddenTarget !== null && text !== null ? (text.split(hiddenTarget).join("another persona") as T) : text);
  const today = todayKey(now);
  const canEdit = can(actor, "persona.write", { persona: { id: persona.id } });
  const [changes, reviews, scorecards, objectiveRows] = await Promise.all([
    db.personaStatusChange.findMany({
      where: { personaId: persona.id },
      orderBy: { at: "desc" },
      take: 100,
      select: { at: true, fromStatus: true, toStatus: true, rationale: true, changedBy: { select: { name: true } } },
    }),
    db.personaReview.findMany({
      where: { personaId: persona.id },
      orderBy: { at: "desc" },
      take: 100,
      select: { at: true, outcome: true, note: true, nextReviewOn: true, reviewedBy: { select: { name: true } } },
    }),
    db.scorecard.findMany({
      orderBy: { name: "asc" },
      select: {
        slug: true,
        name: true,
        personaWeights: {
          where: { personaId: persona.id, effectiveFrom: { lte: new Date(`${today.slice(0, 7)}-01T00:00:00.000Z`) } },
          orderBy: { effectiveFrom: "desc" },
          take: 1,
          select: { weight: true, effectiveFrom: true },
        },
      },
    }),
    canEdit
      ? db.strategicObjective.findMany({
          orderBy: [{ perspective: { scorecard: { name: "asc" } } }, { perspective: { order: "asc" } }, { title: "asc" }],
          select: objectiveViewSelect,
        })
      : Promise.resolve([]),
  ]);
  const timeline: TimelineEntry[] = [
    ...changes.map((c) => ({ kind: "status" as const, at: c.at.toISOString(), from: c.fromStatus, to: c.toStatus, rationale: redact(c.rationale), by: c.changedBy?.name ?? null })),
    ...reviews.map((r) => ({
      kind: "review" as const,
      at: r.at.toISOString(),
      outcome: r.outcome,
      note: r.note,
      by: r.reviewedBy?.name ?? null,
      nextReviewOn: toPeriodKey(r.nextReviewOn),
    })),
  ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  const attributes: PersonaDetail["attributes"] = { DEMOGRAPHIC: [], GEOGRAPHIC: [], PSYCHOGRAPHIC: [], BEHAVIOURAL: [] };
  for (const a of persona.attributes) attributes[a.kind].push({ label: a.label, value: a.value });
  const nextReviewOn = persona.nextReviewOn ? toPeriodKey(persona.nextReviewOn) : null;
  return {
    id: persona.id,
    slug: persona.slug,
    name: persona.name,
    description: persona.description,
    status: persona.status,
    statusRationale: redact(persona.statusRationale),
    statusChangedAt: persona.statusChangedAt?.toISOString() ?? null,
    mergedInto: persona.mergedInto && hiddenTarget === null ? { slug: persona.mergedInto.slug, name: persona.mergedInto.name } : null,
    priority: persona.priority,
    revenueInfluencePercent: persona.revenueInfluence === null ? null : Math.round(Number(persona.revenueInfluence) * 10_000) / 100,
    reviewCadenceMonths: persona.reviewCadenceMonths,
    nextReviewOn,
    overdue: persona.status !== "SUNSET" && isReviewOverdue(nextReviewOn, today),
    version: persona.version,
    painPoints: persona.painPoints.map((p) => ({ id: p.id, text: p.text, objectives: p.objectives.map((o) => objectiveView(o.objective)) })),
    objectiveOptions: objectiveRows.map(objectiveView),
    attributes,
    timeline,
    weights: scorecards.map((s) => ({
      scorecardSlug: s.slug,
      scorecardName: s.name,
      weight: s.personaWeights[0] ? Number(s.personaWeights[0].weight) : null,
      effectiveFrom: s.personaWeights[0] ? toPeriodKey(s.personaWeights[0].effectiveFrom) : null,
    })),
    canEdit,
  };
}

const objectiveViewSelect = {
  id: true,
  title: true,
  perspective: { select: { name: true, scorecard: { select: { slug: true, name: true } } } },
} as const;

function objectiveView(o: { id: string; title: string; perspective: { name: string; scorecard: { slug: string; name: string } } }): PainPointObjectiveView {
  return { id: o.id, title: o.title, scorecardSlug: o.perspective.scorecard.slug, scorecardName: o.perspective.scorecard.name, perspective: o.perspective.name };
}

export async function personaExists(actor: Actor, slug: string): Promise<boolean> {
  authorize(actor, "dashboard.read");
  return (await (await getDb()).persona.count({ where: { ...personaWhere(personaScope(actor)), slug } })) > 0;
}
