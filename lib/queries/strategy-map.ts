import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { authorize, personaScope } from "@/lib/auth/policy";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { RollupResult, Status } from "@/lib/scoring";
import { getPersonaScorecard } from "./persona-scorecard";
import { personaWhere } from "./persona-scope";
import { loadScorecardStructure, loadScoredPersonas } from "./scorecard-model";

// The strategy map of one scorecard for one persona in one month: perspectives (top to bottom
// by `order`), objectives with the persona's objective results (getPersonaScorecard: lib/scoring's
// rollupObjective over the objective's active KPIs, KPI weights), the cause -> effect links, and
// what the persona and month pickers offer.
//
// Bounded, whatever the number of objectives, KPIs, links or months:
//   findMapSubject   2 reads (the scorecard, the ACTIVE and SUNSET personas);
//   getStrategyMap   getPersonaScorecard's 7 reads + 1 for the links
//                    (+ 1 for the scorecard's structure when it has no data yet, because
//                    getPersonaScorecard then returns no perspectives).

export interface MapPerspective {
  id: string;
  name: string;
  /** Position from the top, 1-based, in the scorecard's perspective `order`. */
  order: number;
}

export interface MapKpi {
  code: string;
  name: string;
  score: number | null;
  status: Status;
}

export interface MapObjective {
  id: string;
  title: string;
  perspectiveId: string;
  result: RollupResult;
  kpis: MapKpi[];
}

export interface MapLink {
  causeId: string;
  effectId: string;
  description: string | null;
}

export interface MapPersonaOption {
  slug: string;
  name: string;
  status: "ACTIVE" | "SUNSET";
}

export interface MapSubject {
  scorecard: { slug: string; name: string; description: string | null };
  /** Null only when no persona is ACTIVE and none was asked for. */
  persona: MapPersonaOption | null;
  /** ACTIVE personas by priority then name, then SUNSET ones (the picker labels them). */
  personas: MapPersonaOption[];
}

export interface StrategyMapData {
  scorecard: { slug: string; name: string };
  persona: MapPersonaOption & {
    /** SUNSET: the month from which the persona no longer counts ('YYYY-MM-01'). */
    sunsetFrom: string | null;
  };
  personas: MapPersonaOption[];
  /** 'YYYY-MM-01': the month shown; null when the scorecard has no values yet. */
  period: string | null;
  /** Why the requested month was not used (it was not a month), or null. */
  periodMessage: string | null;
  /** The months the scorecard has data for, newest first ('YYYY-MM-01'). */
  periods: string[];
  perspectives: MapPerspective[];
  objectives: MapObjective[];
  links: MapLink[];
}

export interface StrategyMapInput {
  scorecardSlug: string;
  personaSlug: string;
  /** 'YYYY-MM' as in the URL; absent: the latest month with data. */
  period?: string | null;
}

const NO_RESULT: RollupResult = { score: null, status: "NO_DATA", coverage: 0 };

function notFound(message: string): AppError {
  return new AppError("NOT_FOUND", message);
}

function listable(status: string): status is MapPersonaOption["status"] {
  return status === "ACTIVE" || status === "SUNSET";
}

/** ACTIVE personas first, then SUNSET ones, each group keeping its order (priority, then name). */
function pickerOrder(personas: MapPersonaOption[]): MapPersonaOption[] {
  return [...personas.filter((p) => p.status === "ACTIVE"), ...personas.filter((p) => p.status === "SUNSET")];
}

/**
 * The scorecard and persona a map is about, and the personas it may switch to: 2 reads. Throws
 * AppError NOT_FOUND for an unknown scorecard or a persona that is neither ACTIVE nor SUNSET, so
 * a page can answer 404 before it streams anything. Without a persona slug: the first ACTIVE
 * persona by priority (null when there is none).
 */
export async function findMapSubject(actor: Actor, input: { scorecardSlug: string; personaSlug?: string }): Promise<MapSubject> {
  authorize(actor, "dashboard.read");
  const db = await getDb();
  const [scorecard, personaRows] = await Promise.all([
    db.scorecard.findUnique({ where: { slug: input.scorecardSlug }, select: { slug: true, name: true, description: true } }),
    loadScoredPersonas(db, personaWhere(personaScope(actor))),
  ]);
  if (!scorecard) throw notFound("There is no scorecard at this address.");

  const personas = pickerOrder(personaRows.flatMap((p) => (listable(p.status) ? [{ slug: p.slug, name: p.name, status: p.status }] : [])));
  const persona = input.personaSlug === undefined ? personas.find((p) => p.status === "ACTIVE") : personas.find((p) => p.slug === input.personaSlug);
  if (!persona && input.personaSlug !== undefined) throw notFound("There is no active or sunset persona with this name.");
  return { scorecard, persona: persona ?? null, personas };
}

/** The whole map for a persona (see the bound at the top of this file). */
export async function getStrategyMap(actor: Actor, input: StrategyMapInput): Promise<StrategyMapData> {
  const card = await getPersonaScorecard(actor, { scorecardSlug: input.scorecardSlug, personaSlug: input.personaSlug, period: input.period ?? null });
  if (!card) throw notFound("There is no such scorecard or persona.");
  const db = await getDb();

  // Without data, getPersonaScorecard has no perspectives to score: the structure still draws.
  const structure = card.period === null ? await loadScorecardStructure(db, input.scorecardSlug) : null;
  // Both lists come in the perspectives' `order` (PerspectiveView does not carry the number itself).
  const perspectives: MapPerspective[] = (structure ? structure.perspectives : card.perspectives).map((p, i) => ({ id: p.id, name: p.name, order: i + 1 }));
  const objectives: MapObjective[] = structure
    ? structure.objectives.map((o) => ({
        id: o.id,
        title: o.title,
        perspectiveId: o.perspectiveId,
        result: NO_RESULT,
        kpis: structure.kpis.filter((k) => k.objectiveId === o.id && k.status === "ACTIVE").map((k) => ({ code: k.code, name: k.name, score: null, status: "NO_DATA" })),
      }))
    : card.perspectives.flatMap((p) =>
        p.objectives.map((o) => ({
          id: o.id,
          title: o.title,
          perspectiveId: p.id,
          result: o.result,
          kpis: o.kpis.map((k) => ({ code: k.code, name: k.name, score: k.score, status: k.status })),
        })),
      );

  const ids = objectives.map((o) => o.id);
  const position = new Map(ids.map((id, i) => [id, i]));
  const links =
    ids.length === 0
      ? []
      : await db.objectiveLink.findMany({
          where: { causeId: { in: ids }, effectId: { in: ids } },
          select: { causeId: true, effectId: true, description: true },
        });

  const persona = card.persona;
  if (!listable(persona.status)) throw notFound("There is no active or sunset persona with this name.");
  return {
    scorecard: { slug: card.scorecard.slug, name: card.scorecard.name },
    persona: { slug: persona.slug, name: persona.name, status: persona.status, sunsetFrom: persona.sunsetFrom },
    personas: pickerOrder(card.personas.flatMap((p) => (listable(p.status) ? [{ slug: p.slug, name: p.name, status: p.status }] : []))),
    period: card.period,
    periodMessage: card.periodMessage,
    periods: card.months,
    perspectives,
    objectives,
    links: links
      .map((l) => ({ causeId: l.causeId, effectId: l.effectId, description: l.description }))
      .sort((a, b) => position.get(a.causeId)! - position.get(b.causeId)! || position.get(a.effectId)! - position.get(b.effectId)!),
  };
}
