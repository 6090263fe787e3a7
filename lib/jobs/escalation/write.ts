import "server-only";
import type { DbClient, PrismaClient } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { periodLabel, periodToDate, type Frequency } from "@/lib/scoring";
import { scopeIncludes } from "@/lib/auth/policy";
import type { Decision, OpenEscalation } from "./evaluate";

// Writes one KPI x persona's decision: the escalation row, its AuditEvent and the notifications
// (the e-mail outbox: emailStatus PENDING) in one short transaction. Safe when two runs decide
// the same pair at once: an insert loses on the partial unique index
// "Escalation_one_open_per_kpi_persona", an update matches only the row version it decided on;
// either way the loser gets StaleDecision and the caller re-reads and decides again.

export const ACTOR_LABEL = "escalation job";

export interface Pair {
  kpi: { id: string; code: string; name: string; frequency: Frequency; ownerId: string | null; objectiveOwnerId: string | null };
  persona: { id: string; slug: string; name: string };
}

export interface Recipients {
  executiveIds: string[];
  /** Users restricted to some personas (per-persona access): user id -> the persona ids they may see. */
  restrictedTo?: ReadonlyMap<string, readonly string[]>;
}

/** Another run changed this pair's escalation between our read and our write. */
export class StaleDecision extends Error {
  constructor() {
    super("The escalation changed since it was read");
    this.name = "StaleDecision";
  }
}

export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return error.code === "P2002";
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "23505";
}

type Applied = Exclude<Decision, { kind: "unchanged" }>;

/**
 * Who hears of an escalation at a level: the assignee (the KPI owner when it opens; whoever an admin
 * reassigned it to since), from level 2 the objective's owner, at level 3 the executives.
 */
export function recipientsFor(pair: Pair, level: number, recipients: Recipients, assigneeId: string | null): string[] {
  const ids = [assigneeId, level >= 2 ? pair.kpi.objectiveOwnerId : null, ...(level >= 3 ? recipients.executiveIds : [])];
  // Nobody hears of an escalation of a persona outside their scope (lib/auth/policy).
  const visible = (id: string) => {
    const personaIds = recipients.restrictedTo?.get(id);
    return personaIds === undefined || scopeIncludes({ all: false, personaIds }, pair.persona.id);
  };
  return [...new Set(ids.filter((id): id is string => id !== null && visible(id)))];
}

function message(pair: Pair, decision: Extract<Applied, { kind: "open" | "raise" }>) {
  const f = pair.kpi.frequency;
  const unit = f === "QUARTERLY" ? "quarters" : "months";
  const since = decision.kind === "open" ? decision.firstBreachedPeriod : null;
  const overdue = decision.overdue.length > 0 ? ` Values missing in the streak: ${decision.overdue.map((p) => periodLabel(p, f)).join(", ")}.` : "";
  return {
    kind: decision.kind === "open" ? "escalation.opened" : "escalation.raised",
    title: `${pair.kpi.code} red for ${decision.streakLength} ${unit} for ${pair.persona.name} (level ${decision.level})`,
    body:
      `${pair.kpi.name} has breached its red threshold for ${pair.persona.name} in ${decision.streakLength} consecutive reported ${unit}` +
      `${since ? ` since ${periodLabel(since, f)}` : ""}, up to ${periodLabel(decision.lastBreachedPeriod, f)}.${overdue}`,
    link: `/kpis/${encodeURIComponent(pair.kpi.code)}?persona=${encodeURIComponent(pair.persona.slug)}`,
  };
}

async function audit(tx: DbClient, action: string, entityId: string, before: Prisma.InputJsonValue | null, after: Prisma.InputJsonValue) {
  await tx.auditEvent.create({
    data: { actorId: null, actorLabel: ACTOR_LABEL, action, entityType: "Escalation", entityId, before: before ?? Prisma.DbNull, after },
  });
}

async function notify(tx: DbClient, pair: Pair, decision: Extract<Applied, { kind: "open" | "raise" }>, escalationId: string, recipients: Recipients) {
  const assigneeId = decision.kind === "open" ? pair.kpi.ownerId : decision.escalation.assigneeId;
  const users = recipientsFor(pair, decision.level, recipients, assigneeId);
  if (users.length === 0) return;
  const text = message(pair, decision);
  await tx.notification.createMany({ data: users.map((userId) => ({ userId, escalationId, emailStatus: "PENDING" as const, ...text })) });
}

const snapshot = (e: OpenEscalation) => ({ ...e });

/** Applies a decision in its own transaction. Throws StaleDecision (or a unique violation) when a concurrent run got there first. */
export async function applyDecision(db: PrismaClient, pair: Pair, decision: Applied, recipients: Recipients, now: Date): Promise<void> {
  await db.$transaction(async (tx) => {
    if (decision.kind === "open") {
      const created = await tx.escalation.create({
        data: {
          kpiId: pair.kpi.id,
          personaId: pair.persona.id,
          level: decision.level,
          status: "OPEN",
          assigneeId: pair.kpi.ownerId,
          firstBreachedPeriod: periodToDate(decision.firstBreachedPeriod),
          lastBreachedPeriod: periodToDate(decision.lastBreachedPeriod),
          streakLength: decision.streakLength,
        },
        select: { id: true },
      });
      await audit(tx, "escalation.open", created.id, null, { kpi: pair.kpi.code, persona: pair.persona.slug, ...decision });
      await notify(tx, pair, decision, created.id, recipients);
      return;
    }

    const before = decision.escalation;
    // Only the row version this decision was made on: a concurrent run's change makes it match nothing.
    const current = {
      id: before.id,
      status: { not: "RESOLVED" as const },
      level: before.level,
      streakLength: before.streakLength,
      lastBreachedPeriod: periodToDate(before.lastBreachedPeriod),
    };
    if (decision.kind === "resolve") {
      const { count } = await tx.escalation.updateMany({
        where: current,
        data: { status: "RESOLVED", resolvedPeriod: periodToDate(decision.resolvedPeriod), resolvedAt: now },
      });
      if (count !== 1) throw new StaleDecision();
      await audit(tx, "escalation.resolve", before.id, snapshot(before), { status: "RESOLVED", resolvedPeriod: decision.resolvedPeriod });
      return;
    }

    const { count } = await tx.escalation.updateMany({
      where: current,
      data: { level: decision.level, streakLength: decision.streakLength, lastBreachedPeriod: periodToDate(decision.lastBreachedPeriod) },
    });
    if (count !== 1) throw new StaleDecision();
    const after = { level: decision.level, streakLength: decision.streakLength, lastBreachedPeriod: decision.lastBreachedPeriod, overdue: decision.overdue };
    await audit(tx, decision.kind === "raise" ? "escalation.raise" : "escalation.update", before.id, snapshot(before), after);
    if (decision.kind === "raise") await notify(tx, pair, decision, before.id, recipients);
  });
}
