import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { personaScope } from "@/lib/auth/policy";
import type { RollupResult } from "@/lib/scoring";
import { inScope, personaWhere } from "./persona-scope";
import { getDb } from "@/lib/db";
import { toPeriodKey } from "./convert";
import { scoreScorecardPeriod } from "./period-scores";
import { getOverdueReviews } from "./personas";

// The home page: every scorecard with its latest reported month, and each active persona's
// overall score in it. Bounded: 4 reads here plus 4 per scorecard.

export interface HomeScorecard {
  id: string;
  slug: string;
  name: string;
  description: string | null;
  perspectiveCount: number;
  activeKpiCount: number;
  /** Latest month with reported values, or null when nothing has been reported yet. */
  period: string | null;
  total: RollupResult | null;
}

export interface HomePersona {
  id: string;
  slug: string;
  name: string;
  description: string;
  priority: number;
  /** One entry per scorecard, in the order of `scorecards`; null where the scorecard has no data. */
  scores: (RollupResult | null)[];
}

export interface HomeData {
  scorecards: HomeScorecard[];
  personas: HomePersona[];
  draftPersonaCount: number;
  sunsetPersonaCount: number;
  /** Draft and active personas whose review date has passed, oldest first. */
  overdueReviews: { slug: string; name: string; status: "DRAFT" | "ACTIVE" | "SUNSET"; nextReviewOn: string }[];
}

/**
 * For an actor restricted to some personas: the scorecards' totals are still over every active
 * persona (the same numbers as for everyone); the persona rows, counts and overdue reviews are
 * only those in their scope.
 */
export async function getHomeData(actor: Actor): Promise<HomeData> {
  const scope = personaScope(actor);
  const db = await getDb();
  const [scorecards, personas, statusCounts, overdueReviews] = await Promise.all([
    db.scorecard.findMany({
      orderBy: { name: "asc" },
      select: {
        id: true,
        slug: true,
        name: true,
        description: true,
        perspectives: { select: { id: true, _count: { select: { kpis: { where: { status: "ACTIVE" } } } } } },
      },
    }),
    db.persona.findMany({
      where: { status: "ACTIVE" },
      orderBy: [{ priority: "asc" }, { name: "asc" }],
      select: { id: true, slug: true, name: true, description: true, priority: true },
    }),
    db.persona.groupBy({ by: ["status"], where: personaWhere(scope), _count: { _all: true } }),
    getOverdueReviews(scope),
  ]);

  // Latest month with a value of a monthly KPI (else of any KPI) for an active persona, per
  // scorecard. A value marked not available (value null) is not a reported value. Per active KPI,
  // one backward walk of the (kpiId, period) index that stops at the first active persona's
  // value: the cost does not grow with the length of history (25-50 ms at 500 KPIs x 50
  // personas, 15 to 240 months).
  const latest = await db.$queryRaw<{ scorecardId: string; monthly: Date | null; any: Date | null }[]>`
    SELECT p."scorecardId" AS "scorecardId",
           max(x.last) FILTER (WHERE k.frequency = 'MONTHLY') AS monthly,
           max(x.last) AS any
    FROM "Kpi" k
    JOIN "Perspective" p ON p.id = k."perspectiveId"
    CROSS JOIN LATERAL (
      SELECT m.period AS last
      FROM "Measurement" m
      JOIN "Persona" pe ON pe.id = m."personaId" AND pe.status = 'ACTIVE'
      WHERE m."kpiId" = k.id AND m.value IS NOT NULL
      ORDER BY m.period DESC
      LIMIT 1
    ) x
    WHERE k.status = 'ACTIVE'
    GROUP BY p."scorecardId"`;
  const latestBy = new Map(latest.map((row) => [row.scorecardId, row.monthly ?? row.any]));

  const personaIds = personas.map((p) => p.id);
  const scored = await Promise.all(
    scorecards.map(async (card) => {
      const latestDate = latestBy.get(card.id);
      if (!latestDate || personaIds.length === 0) return null;
      return scoreScorecardPeriod(db, card.id, toPeriodKey(latestDate), personaIds);
    }),
  );

  const countOf = (status: string) => statusCounts.find((row) => row.status === status)?._count._all ?? 0;
  return {
    scorecards: scorecards.map((card, i) => ({
      id: card.id,
      slug: card.slug,
      name: card.name,
      description: card.description,
      perspectiveCount: card.perspectives.length,
      activeKpiCount: card.perspectives.reduce((sum, p) => sum + p._count.kpis, 0),
      period: scored[i]?.period ?? (latestBy.get(card.id) ? toPeriodKey(latestBy.get(card.id)!) : null),
      total: scored[i]?.total ?? null,
    })),
    personas: inScope(scope, personas, (p) => p.id).map((persona) => ({
      ...persona,
      scores: scored.map((s) => s?.personas.find((p) => p.personaId === persona.id)?.overall ?? null),
    })),
    draftPersonaCount: countOf("DRAFT"),
    sunsetPersonaCount: countOf("SUNSET"),
    overdueReviews,
  };
}
