import "server-only";
import type { DbClient } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { toPeriodKey } from "./convert";

// The open (unresolved) escalations a screen lists beside its numbers, in one order: highest
// level first, then the longest-running. One read each. The persona scorecard lists a persona's
// on one scorecard with who acknowledged them and their latest action plan; the KPI detail lists
// one KPI's across the personas in scope.

const ORDER = [{ level: "desc" }, { firstBreachedPeriod: "asc" }] satisfies Prisma.EscalationOrderByWithRelationInput[];

/** What every list shows of an escalation. */
const CORE = {
  id: true,
  level: true,
  status: true,
  firstBreachedPeriod: true,
  streakLength: true,
  assignee: { select: { name: true } },
} satisfies Prisma.EscalationSelect;

type CoreRow = Prisma.EscalationGetPayload<{ select: typeof CORE }>;

function coreView(e: CoreRow) {
  return { level: e.level, status: e.status, since: toPeriodKey(e.firstBreachedPeriod), streakLength: e.streakLength, assignee: e.assignee?.name ?? null };
}

export interface PersonaOpenEscalation {
  id: string;
  kpiCode: string;
  kpiName: string;
  level: number;
  status: string;
  since: string;
  streakLength: number;
  assignee: string | null;
  /** Who acknowledged it and when (ISO), once acknowledged. */
  acknowledged: { by: string | null; at: string } | null;
  /** The latest action plan on its thread. */
  plan: { what: string; owner: string | null; due: string | null } | null;
}

/** A persona's open escalations on one scorecard's KPIs (active or retired), highest level first. */
export async function loadPersonaOpenEscalations(db: DbClient, personaId: string, scorecardId: string): Promise<PersonaOpenEscalation[]> {
  const rows = await db.escalation.findMany({
    where: { personaId, status: { not: "RESOLVED" }, kpi: { status: { in: ["ACTIVE", "RETIRED"] }, perspective: { scorecardId } } },
    orderBy: ORDER,
    select: {
      ...CORE,
      acknowledgedAt: true,
      acknowledgedBy: { select: { name: true } },
      kpi: { select: { code: true, name: true } },
      events: {
        where: { kind: "ACTION_PLAN" },
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { actionWhat: true, actionDue: true, actionOwner: { select: { name: true } } },
      },
    },
  });
  return rows.map((e) => {
    const plan = e.events[0];
    return {
      id: e.id,
      kpiCode: e.kpi.code,
      kpiName: e.kpi.name,
      ...coreView(e),
      acknowledged: e.acknowledgedAt ? { by: e.acknowledgedBy?.name ?? null, at: e.acknowledgedAt.toISOString() } : null,
      plan: plan?.actionWhat ? { what: plan.actionWhat, owner: plan.actionOwner?.name ?? null, due: plan.actionDue ? toPeriodKey(plan.actionDue) : null } : null,
    };
  });
}

export interface KpiOpenEscalation {
  id: string;
  persona: string;
  personaSlug: string;
  level: number;
  status: string;
  since: string;
  streakLength: number;
  assignee: string | null;
}

/** A KPI's open escalations of the given personas (those in the actor's scope), highest level first. */
export async function loadKpiOpenEscalations(db: DbClient, kpiId: string, personaIds: string[]): Promise<KpiOpenEscalation[]> {
  const rows = await db.escalation.findMany({
    where: { kpiId, status: { not: "RESOLVED" }, personaId: { in: personaIds } },
    orderBy: ORDER,
    select: { ...CORE, persona: { select: { name: true, slug: true } } },
  });
  return rows.map((e) => ({ id: e.id, persona: e.persona.name, personaSlug: e.persona.slug, ...coreView(e) }));
}
