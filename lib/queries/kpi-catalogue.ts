import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { authorize, can, canSome, isProposal, personaScope, proposalResource, refusal, scopeIncludes, type PersonaScope } from "@/lib/auth/policy";
import { getDb } from "@/lib/db";
import { KPI_STATUSES, type KpiStatusValue } from "@/lib/validation/kpis";
import { toPeriodKey } from "./convert";
import { kpiWhere, personaWhere } from "./persona-scope";

// The KPI screens: /kpis (catalogue), /kpis/new and /kpis/{code}/edit (the editor's options and
// values), /kpis/proposals (the queue) and /kpis/{code}/review. Bounded: the catalogue is 3
// reads, the editor 5, the queue 1, a review 1.

export interface KpiCatalogueRow {
  code: string;
  name: string;
  scorecard: string;
  perspective: string;
  objective: string | null;
  owner: string | null;
  status: KpiStatusValue;
  frequency: "MONTHLY" | "QUARTERLY";
  retiredIn: string | null;
}

export interface KpiCatalogue {
  rows: KpiCatalogueRow[];
  status: KpiStatusValue | null;
  scorecard: string | null;
  /** A filter parameter that could not be read, in words. */
  filterMessage: string | null;
  counts: Record<KpiStatusValue, number>;
  scorecards: { slug: string; name: string }[];
  canEdit: boolean;
  canPropose: boolean;
}

export async function getKpiCatalogue(actor: Actor, input: { status?: string | null; scorecard?: string | null }): Promise<KpiCatalogue> {
  authorize(actor, "dashboard.read");
  const db = await getDb();
  const raw = input.status?.trim().toUpperCase() || null;
  const status = raw && (KPI_STATUSES as readonly string[]).includes(raw) ? (raw as KpiStatusValue) : null;
  // Proposals entirely about personas outside the actor's access are neither listed nor counted.
  const visible = kpiWhere(personaScope(actor));
  const [scorecards, rows, grouped] = await Promise.all([
    db.scorecard.findMany({ orderBy: { name: "asc" }, select: { slug: true, name: true } }),
    db.kpi.findMany({
      where: { ...visible, ...(status ? { status } : {}), ...(input.scorecard ? { perspective: { scorecard: { slug: input.scorecard } } } : {}) },
      orderBy: [{ perspective: { scorecard: { name: "asc" } } }, { perspective: { order: "asc" } }, { code: "asc" }],
      select: {
        code: true,
        name: true,
        status: true,
        frequency: true,
        retiredIn: true,
        perspective: { select: { name: true, scorecard: { select: { name: true } } } },
        objective: { select: { title: true } },
        owner: { select: { name: true } },
      },
    }),
    db.kpi.groupBy({ by: ["status"], where: visible, _count: { _all: true } }),
  ]);
  const scorecard = input.scorecard && scorecards.some((s) => s.slug === input.scorecard) ? input.scorecard : null;
  const messages = [
    raw && !status ? `There is no status “${input.status}”; showing every status.` : null,
    input.scorecard && !scorecard ? `There is no scorecard “${input.scorecard}”; showing every scorecard.` : null,
  ].filter((m): m is string => m !== null);
  // An unknown scorecard shows all: read again without that filter (rare; keeps the common path at 3 reads).
  const shown =
    input.scorecard && !scorecard
      ? (await getKpiCatalogue(actor, { status: input.status, scorecard: null })).rows
      : rows.map((k) => ({
          code: k.code,
          name: k.name,
          scorecard: k.perspective.scorecard.name,
          perspective: k.perspective.name,
          objective: k.objective?.title ?? null,
          owner: k.owner?.name ?? null,
          status: k.status,
          frequency: k.frequency,
          retiredIn: k.retiredIn ? toPeriodKey(k.retiredIn) : null,
        }));
  const counts = { PROPOSED: 0, ACTIVE: 0, RETIRED: 0, REJECTED: 0 } as Record<KpiStatusValue, number>;
  for (const g of grouped) counts[g.status] = g._count._all;
  return {
    rows: shown,
    status,
    scorecard,
    filterMessage: messages.length > 0 ? messages.join(" ") : null,
    counts,
    scorecards,
    canEdit: can(actor, "kpi.write"),
    canPropose: can(actor, "kpi.propose"),
  };
}

// ───────────────────────────── The editor ─────────────────────────────

export interface KpiFormOptions {
  perspectives: { id: string; label: string }[];
  objectives: { id: string; label: string; perspectiveId: string }[];
  owners: { id: string; label: string }[];
  departments: { id: string; label: string }[];
  personas: { id: string; label: string }[];
}

/** What the editor's selects offer: perspectives and objectives by scorecard, possible owners, departments, personas (the actor's). */
export async function getKpiFormOptions(actor: Actor): Promise<KpiFormOptions> {
  authorize(actor, "kpi.propose");
  const db = await getDb();
  const [perspectives, owners, departments, personas] = await Promise.all([
    db.perspective.findMany({
      orderBy: [{ scorecard: { name: "asc" } }, { order: "asc" }],
      select: { id: true, name: true, scorecard: { select: { name: true } }, objectives: { orderBy: { title: "asc" }, select: { id: true, title: true } } },
    }),
    db.user.findMany({ where: { active: true }, orderBy: { name: "asc" }, select: { id: true, name: true, role: true } }),
    db.department.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.persona.findMany({ where: { status: { in: ["ACTIVE", "DRAFT"] }, ...personaWhere(personaScope(actor)) }, orderBy: [{ priority: "asc" }, { name: "asc" }], select: { id: true, name: true, status: true } }),
  ]);
  return {
    perspectives: perspectives.map((p) => ({ id: p.id, label: `${p.scorecard.name}: ${p.name}` })),
    objectives: perspectives.flatMap((p) => p.objectives.map((o) => ({ id: o.id, label: `${p.name}: ${o.title}`, perspectiveId: p.id }))),
    owners: owners.map((u) => ({ id: u.id, label: u.role === "KPI_OWNER" ? u.name : `${u.name} (${u.role === "ADMIN" ? "administrator" : u.role === "ANALYST" ? "analyst" : "executive"})` })),
    departments: departments.map((d) => ({ id: d.id, label: d.name })),
    personas: personas.map((p) => ({ id: p.id, label: p.status === "DRAFT" ? `${p.name} (draft)` : p.name })),
  };
}

export interface KpiEditorValues {
  id: string;
  code: string;
  name: string;
  description: string;
  perspectiveId: string;
  objectiveId: string;
  timing: string;
  measureType: string;
  scaleMin: string;
  scaleMax: string;
  unit: string;
  currencyCode: string;
  durationUnit: string;
  direction: string;
  frequency: string;
  weight: string;
  ownerId: string;
  departmentId: string;
  sourceSystem: string;
  transformation: string;
  status: KpiStatusValue;
  retiredIn: string | null;
  statusRationale: string | null;
  version: number;
  updatedAt: string;
  /**
   * Why the viewer may not change this KPI although their role edits KPIs (a proposal also about
   * personas outside their access: the policy's refusal, counting them), or null.
   */
  editRefusal: string | null;
}

/**
 * One KPI as the editor shows it (every field as form text), or null: unknown, or a proposal
 * entirely about personas outside the actor's access (its address is "not found").
 */
export async function getKpiForEdit(actor: Actor, code: string): Promise<KpiEditorValues | null> {
  authorize(actor, "kpi.write");
  const db = await getDb();
  const k = await db.kpi.findFirst({ where: { code, ...kpiWhere(personaScope(actor)) }, include: { proposalPersonas: { select: { personaId: true } } } });
  if (!k) return null;
  const editRefusal = isProposal(k.status) ? refusal(actor, "kpi.write", proposalResource({ proposedById: k.proposedById, personaIds: k.proposalPersonas.map((p) => p.personaId) })) : null;
  const text = (v: { toString(): string } | string | null) => (v === null ? "" : v.toString());
  return {
    id: k.id,
    code: k.code,
    name: k.name,
    description: text(k.description),
    perspectiveId: k.perspectiveId,
    objectiveId: text(k.objectiveId),
    timing: k.timing,
    measureType: k.measureType,
    scaleMin: text(k.scaleMin),
    scaleMax: text(k.scaleMax),
    unit: k.unit,
    currencyCode: text(k.currencyCode),
    durationUnit: text(k.durationUnit),
    direction: k.direction,
    frequency: k.frequency,
    weight: k.weight.toString(),
    ownerId: text(k.ownerId),
    departmentId: text(k.departmentId),
    sourceSystem: text(k.sourceSystem),
    transformation: text(k.transformation),
    status: k.status,
    retiredIn: k.retiredIn ? toPeriodKey(k.retiredIn) : null,
    statusRationale: k.statusRationale,
    version: k.version,
    updatedAt: k.updatedAt.toISOString(),
    editRefusal,
  };
}

// ───────────────────────────── Proposals ─────────────────────────────

export interface ProposalView {
  id: string;
  code: string;
  name: string;
  description: string | null;
  scorecard: string;
  perspective: string;
  objective: string | null;
  /** The personas it is about that the viewer may see, by name. */
  personas: string[];
  /** How many more it is about, outside the viewer's persona access (never named). */
  otherPersonas: number;
  /** Null when withheld (textWithheld) or never written. */
  justification: string | null;
  evidence: string | null;
  proposedBy: { id: string; name: string } | null;
  proposedAt: string;
  status: KpiStatusValue;
  reviewedBy: string | null;
  reviewComment: string | null;
  reviewedAt: string | null;
  /**
   * The proposal is also about personas outside the viewer's access, so its free text (justification,
   * evidence, review comment: written by others, possibly naming those personas) is withheld (null).
   */
  textWithheld: boolean;
  version: number;
  /** The viewer may approve or reject it (an analyst or admin who did not propose it and sees all of its personas). */
  canReview: boolean;
  /** The viewer may change its definition (a pending proposal; an analyst or admin who sees all of its personas). */
  canEdit: boolean;
  /** Why the viewer may not review this pending proposal although their role reviews proposals (null otherwise). */
  reviewRefusal: string | null;
  /** The viewer proposed it. */
  own: boolean;
}

const proposalSelect = {
  id: true,
  code: true,
  name: true,
  description: true,
  status: true,
  justification: true,
  evidence: true,
  createdAt: true,
  reviewComment: true,
  reviewedAt: true,
  version: true,
  perspective: { select: { name: true, scorecard: { select: { name: true } } } },
  objective: { select: { title: true } },
  proposedBy: { select: { id: true, name: true } },
  reviewedBy: { select: { name: true } },
  proposalPersonas: { select: { persona: { select: { id: true, name: true } } }, orderBy: { persona: { name: "asc" } } },
} as const;

function proposalView(actor: Actor, scope: PersonaScope, k: Awaited<ReturnType<typeof loadProposals>>[number]): ProposalView {
  // The personas the proposal is about: the viewer's by name, the others only counted (issue 13).
  const named = k.proposalPersonas.filter((p) => scopeIncludes(scope, p.persona.id));
  const textWithheld = named.length < k.proposalPersonas.length;
  const resource = proposalResource({ proposedById: k.proposedBy?.id ?? null, personaIds: k.proposalPersonas.map((p) => p.persona.id) });
  const reviewRefusal = k.status === "PROPOSED" && canSome(actor, "kpi.review") ? refusal(actor, "kpi.review", resource) : null;
  return {
    id: k.id,
    code: k.code,
    name: k.name,
    description: k.description,
    scorecard: k.perspective.scorecard.name,
    perspective: k.perspective.name,
    objective: k.objective?.title ?? null,
    personas: named.map((p) => p.persona.name),
    otherPersonas: k.proposalPersonas.length - named.length,
    justification: textWithheld ? null : k.justification,
    evidence: textWithheld ? null : k.evidence,
    proposedBy: k.proposedBy,
    proposedAt: k.createdAt.toISOString(),
    status: k.status,
    reviewedBy: k.reviewedBy?.name ?? null,
    reviewComment: textWithheld ? null : k.reviewComment,
    reviewedAt: k.reviewedAt ? k.reviewedAt.toISOString() : null,
    textWithheld,
    version: k.version,
    canReview: k.status === "PROPOSED" && can(actor, "kpi.review", resource),
    canEdit: k.status === "PROPOSED" && can(actor, "kpi.write", resource),
    reviewRefusal,
    own: k.proposedBy?.id === actor.id,
  };
}

/** Proposals hidden from the scope (entirely about personas outside it) are never loaded. */
async function loadProposals(scope: PersonaScope, where: { status?: "PROPOSED"; code?: string }) {
  const db = await getDb();
  return db.kpi.findMany({ where: { ...where, ...kpiWhere(scope) }, orderBy: [{ createdAt: "asc" }, { code: "asc" }], select: proposalSelect });
}

/** Pending proposals the actor may see, oldest first. One read. */
export async function getProposalQueue(actor: Actor): Promise<ProposalView[]> {
  authorize(actor, "dashboard.read");
  const scope = personaScope(actor);
  return (await loadProposals(scope, { status: "PROPOSED" })).map((k) => proposalView(actor, scope, k));
}

/** One KPI's proposal (pending or decided), or null (also for a proposal hidden from the actor: a 404). One read. */
export async function getProposal(actor: Actor, code: string): Promise<ProposalView | null> {
  authorize(actor, "dashboard.read");
  const scope = personaScope(actor);
  const [k] = await loadProposals(scope, { code });
  return k ? proposalView(actor, scope, k) : null;
}
