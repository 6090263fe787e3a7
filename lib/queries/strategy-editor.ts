import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { authorize, personaScope } from "@/lib/auth/policy";
import { objectiveDeleteRefusal, perspectiveDeleteRefusal } from "@/lib/commands/strategy/deletion";
import { getDb } from "@/lib/db";
import { kpiWhere, viaPersona } from "./persona-scope";

// The strategy editor of one scorecard (/scorecards/{slug}/strategy): its perspectives in order
// with their weights, the objectives of each (theme, owner, business units, KPIs that measure
// them, the pain points they address), the cause -> effect links, and what the forms offer
// (active users as owners, departments as business units).
//
// Bounded: 4 reads whatever the size (the scorecard with perspectives, objectives and counts;
// the links; active users; departments).

export interface EditorPerspective {
  id: string;
  name: string;
  description: string | null;
  order: number;
  /** As stored (numeric(12,4)), e.g. 0.35. */
  weight: number;
  /** The version an edit is made on (optimistic concurrency). */
  version: number;
  /** Share of the scorecard's perspective weights (weights are normalised when scored); null when they sum to 0. */
  share: number | null;
  objectiveCount: number;
  /** Its KPIs the viewer may be told of (a proposal hidden from them is not counted). */
  kpiCount: number;
  /** Why the viewer cannot delete it, in the delete command's words (shown in place of Delete), or null. */
  deleteRefusal: string | null;
}

export interface EditorObjective {
  id: string;
  perspectiveId: string;
  title: string;
  description: string | null;
  strategicTheme: string | null;
  /** The version an edit is made on (optimistic concurrency). */
  version: number;
  owner: { id: string; name: string; active: boolean } | null;
  departments: { id: string; name: string }[];
  /** Codes of the KPIs (any status) that measure it, those the viewer may be told of. */
  kpiCodes: string[];
  painPointCount: number;
  /** Why the viewer cannot delete it (KPIs measure it, perhaps only hidden ones), in the delete command's words, or null. */
  deleteRefusal: string | null;
}

export interface EditorLink {
  id: string;
  causeId: string;
  cause: string;
  effectId: string;
  effect: string;
  description: string | null;
}

export interface StrategyEditor {
  scorecard: { id: string; slug: string; name: string };
  perspectives: EditorPerspective[];
  /** In perspective order, then by title. */
  objectives: EditorObjective[];
  links: EditorLink[];
  owners: { id: string; name: string }[];
  departments: { id: string; name: string }[];
}

export async function getStrategyEditor(actor: Actor, scorecardSlug: string): Promise<StrategyEditor | null> {
  authorize(actor, "objective.write");
  const db = await getDb();
  const visibleKpis = kpiWhere(personaScope(actor));
  const card = await db.scorecard.findUnique({
    where: { slug: scorecardSlug },
    select: {
      id: true,
      slug: true,
      name: true,
      perspectives: {
        orderBy: [{ order: "asc" }, { name: "asc" }],
        select: {
          id: true,
          name: true,
          description: true,
          order: true,
          weight: true,
          version: true,
          // Proposals hidden from the viewer (entirely about personas outside their access) neither
          // counted nor named: the KPIs they see, and the total, which says whether any are hidden
          // (they still keep it from being deleted: lib/commands/strategy/deletion.ts).
          kpis: { where: visibleKpis, select: { id: true } },
          _count: { select: { kpis: true } },
          objectives: {
            orderBy: { title: "asc" },
            select: {
              id: true,
              title: true,
              description: true,
              strategicTheme: true,
              version: true,
              owner: { select: { id: true, name: true, active: true } },
              departments: { orderBy: { department: { name: "asc" } }, select: { department: { select: { id: true, name: true } } } },
              kpis: { where: visibleKpis, orderBy: { code: "asc" }, select: { code: true } },
              // Pain points counted over the viewer's personas only (per-persona access); all its KPIs
              // counted, to know whether hidden ones keep it from being deleted.
              _count: { select: { painPoints: { where: { painPoint: viaPersona(personaScope(actor)) } }, kpis: true } },
            },
          },
        },
      },
    },
  });
  if (!card) return null;
  const objectiveIds = card.perspectives.flatMap((p) => p.objectives.map((o) => o.id));
  const [links, owners, departments] = await Promise.all([
    objectiveIds.length === 0
      ? Promise.resolve([])
      : db.objectiveLink.findMany({
          where: { causeId: { in: objectiveIds } },
          select: { id: true, causeId: true, effectId: true, description: true, cause: { select: { title: true } }, effect: { select: { title: true } } },
        }),
    db.user.findMany({ where: { active: true }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.department.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  const totalWeight = card.perspectives.reduce((sum, p) => sum + Number(p.weight), 0);
  const position = new Map(objectiveIds.map((id, i) => [id, i]));
  return {
    scorecard: { id: card.id, slug: card.slug, name: card.name },
    perspectives: card.perspectives.map((p) => ({
      id: p.id,
      name: p.name,
      description: p.description,
      order: p.order,
      weight: Number(p.weight),
      version: p.version,
      share: totalWeight > 0 ? Number(p.weight) / totalWeight : null,
      objectiveCount: p.objectives.length,
      kpiCount: p.kpis.length,
      deleteRefusal: perspectiveDeleteRefusal(p.name, p.objectives.length, { count: p.kpis.length, hidden: p._count.kpis > p.kpis.length }),
    })),
    objectives: card.perspectives.flatMap((p) =>
      p.objectives.map((o) => ({
        id: o.id,
        perspectiveId: p.id,
        title: o.title,
        description: o.description,
        strategicTheme: o.strategicTheme,
        version: o.version,
        owner: o.owner,
        departments: o.departments.map((d) => d.department),
        kpiCodes: o.kpis.map((k) => k.code),
        painPointCount: o._count.painPoints,
        deleteRefusal: objectiveDeleteRefusal(o.title, { count: o.kpis.length, codes: o.kpis.map((k) => k.code), hidden: o._count.kpis > o.kpis.length }),
      })),
    ),
    links: links
      .filter((l) => position.has(l.effectId))
      .sort((a, b) => position.get(a.causeId)! - position.get(b.causeId)! || position.get(a.effectId)! - position.get(b.effectId)!)
      .map((l) => ({ id: l.id, causeId: l.causeId, cause: l.cause.title, effectId: l.effectId, effect: l.effect.title, description: l.description })),
    owners,
    departments,
  };
}
