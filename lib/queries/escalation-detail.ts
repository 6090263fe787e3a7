import "server-only";
import { overdueAfterDays } from "./grace";
import type { Actor } from "@/lib/auth/actor";
import { authorize, can, personaVisible } from "@/lib/auth/policy";
import { getDb } from "@/lib/db";
import { addPeriods, dueState, periodStart, periodsBetween, previousPeriod, type Direction, type Frequency } from "@/lib/scoring";
import { toPeriodKey } from "./convert";
import { bandHistory, type BandPoint } from "./band-history";
import { TargetBook, ValueBook } from "./score-month";
import { loadTargets, type KpiUnit } from "./scorecard-model";

// One escalation (/escalations/{id}): its KPI x persona history around the breach with the
// thresholds in force in each period (the KPI detail screen's BandPoint, drawn by its chart),
// the periods still owed inside the streak, and the thread: what people wrote (EscalationEvent)
// merged with the job's own steps, read from the job's AuditEvents of the escalation (opened,
// raised, streak updated, resolved). Bounded: 5 reads (escalation, values of the window,
// targets, thread entries, job steps) plus 1 for the user picker when the actor may use it.

/** Periods shown before the first breached one: the streak's setting N, for context. */
const LEAD_IN_FACTOR = 1;
/** At most this many periods in the chart (the latest ones). */
export const DETAIL_MAX_PERIODS = 36;

export type ThreadEntry =
  | { kind: "OPENED" | "RAISED" | "UPDATED"; at: string; level: number | null; streakLength: number | null; period: string | null }
  | { kind: "RESOLVED"; at: string; period: string | null }
  | { kind: "ACKNOWLEDGED" | "COMMENT"; at: string; actor: string | null; note: string | null }
  | { kind: "ACTION_PLAN"; at: string; actor: string | null; note: string | null; what: string | null; owner: string | null; due: string | null }
  | { kind: "REASSIGNED"; at: string; actor: string | null; note: string | null; assignee: string | null };

export interface EscalationDetail {
  id: string;
  status: "OPEN" | "ACKNOWLEDGED" | "RESOLVED";
  level: number;
  streakLength: number;
  /** The scorecard's N: level 1 from N breached periods, 2 from 2N, 3 from 3N. */
  streakSetting: number;
  firstBreachedPeriod: string;
  lastBreachedPeriod: string;
  openedAt: string;
  acknowledged: { by: string | null; at: string } | null;
  resolution: { period: string | null; at: string | null } | null;
  assignee: { id: string; name: string } | null;
  kpi: {
    code: string;
    name: string;
    unit: KpiUnit;
    currencyCode: string | null;
    durationUnit: string | null;
    direction: Direction;
    frequency: Frequency;
    owner: { id: string; name: string } | null;
  };
  persona: { slug: string; name: string };
  scorecard: { slug: string; name: string };
  history: BandPoint[];
  scale: { min: number; max: number } | null;
  /** Periods inside the streak without a value: OVERDUE (past the grace days) or DUE. */
  owed: { period: string; state: "DUE" | "OVERDUE" }[];
  /** Periods inside the streak marked not available, with the reason: not owed. */
  notAvailable: { period: string; reason: string }[];
  thread: ThreadEntry[];
  may: { acknowledge: boolean; plan: boolean; comment: boolean; reassign: boolean };
  /** Active users, for "who" of an action plan and for reassigning; empty when the actor can do neither. */
  users: { id: string; name: string; role: string }[];
}

type Json = Record<string, unknown> | null;
const num = (j: Json, key: string): number | null => (j && typeof j[key] === "number" ? (j[key] as number) : null);
const str = (j: Json, key: string): string | null => (j && typeof j[key] === "string" ? (j[key] as string) : null);

export async function getEscalationDetail(actor: Actor, id: string, now: Date = new Date()): Promise<EscalationDetail | null> {
  authorize(actor, "dashboard.read");
  const db = await getDb();
  const e = await db.escalation.findUnique({
    where: { id },
    select: {
      id: true,
      status: true,
      level: true,
      streakLength: true,
      firstBreachedPeriod: true,
      lastBreachedPeriod: true,
      createdAt: true,
      acknowledgedAt: true,
      resolvedPeriod: true,
      resolvedAt: true,
      acknowledgedBy: { select: { name: true } },
      assignee: { select: { id: true, name: true } },
      persona: { select: { id: true, slug: true, name: true } },
      kpi: {
        select: {
          id: true,
          code: true,
          name: true,
          unit: true,
          currencyCode: true,
          durationUnit: true,
          direction: true,
          frequency: true,
          owner: { select: { id: true, name: true } },
          perspective: { select: { scorecard: { select: { slug: true, name: true, escalationStreakLength: true } } } },
        },
      },
    },
  });
  // Another persona's escalation is "not found" for an actor restricted to some personas.
  if (!e || !personaVisible(actor, e.persona.id)) return null;

  const f = e.kpi.frequency;
  const n = e.kpi.perspective.scorecard.escalationStreakLength;
  const first = toPeriodKey(e.firstBreachedPeriod);
  const last = toPeriodKey(e.lastBreachedPeriod);
  const today = now.toISOString().slice(0, 10);
  const lastComplete = previousPeriod(periodStart(today, f), f);
  const resolvedPeriod = e.resolvedPeriod ? toPeriodKey(e.resolvedPeriod) : null;
  // Up to the resolving period, else up to the last complete period (or the last breached one, a period in progress).
  const end = resolvedPeriod ?? (last > lastComplete ? last : lastComplete);
  let periods = periodsBetween(addPeriods(first, f, -n * LEAD_IN_FACTOR), end, f);
  if (periods.length > DETAIL_MAX_PERIODS) periods = periods.slice(-DETAIL_MAX_PERIODS);
  const from = periods[0] ?? first;

  const resource = { escalation: { assigneeId: e.assignee?.id ?? null, kpiOwnerId: e.kpi.owner?.id ?? null } };
  const unresolved = e.status !== "RESOLVED";
  const may = {
    acknowledge: e.status === "OPEN" && can(actor, "escalation.acknowledge", resource),
    plan: unresolved && can(actor, "escalation.acknowledge", resource),
    comment: can(actor, "escalation.comment"),
    reassign: unresolved && can(actor, "escalation.reassign"),
  };

  const [rows, targets, events, steps, users] = await Promise.all([
    db.measurement.findMany({
      where: { kpiId: e.kpi.id, personaId: e.persona.id, period: { gte: new Date(`${from}T00:00:00Z`), lte: new Date(`${end}T00:00:00Z`) } },
      select: { period: true, value: true, notAvailableReason: true, comment: true, enteredAt: true, version: true, enteredBy: { select: { name: true } } },
    }),
    loadTargets(db, [e.kpi.id], [e.persona.id], end),
    db.escalationEvent.findMany({
      where: { escalationId: e.id },
      orderBy: [{ createdAt: "asc" }, { kind: "asc" }],
      take: 500,
      select: {
        kind: true,
        note: true,
        actionWhat: true,
        actionDue: true,
        createdAt: true,
        actor: { select: { name: true } },
        actionOwner: { select: { name: true } },
        assignee: { select: { name: true } },
      },
    }),
    // The job's own steps: its audit events of this escalation (it writes them with no actor).
    db.auditEvent.findMany({
      where: { entityType: "Escalation", entityId: e.id, actorId: null },
      orderBy: { at: "asc" },
      take: 200,
      select: { action: true, at: true, after: true },
    }),
    may.plan || may.reassign || may.acknowledge
      ? db.user.findMany({ where: { active: true }, select: { id: true, name: true, role: true }, orderBy: { name: "asc" }, take: 500 })
      : [],
  ]);

  const values = new ValueBook(
    rows.map((r) => ({
      kpiId: e.kpi.id,
      personaId: e.persona.id,
      period: toPeriodKey(r.period),
      value: r.value === null ? null : Number(r.value),
      notAvailableReason: r.notAvailableReason,
      comment: r.comment,
      enteredAt: r.enteredAt.toISOString(),
      enteredBy: r.enteredBy?.name ?? null,
      version: r.version,
    })),
  );
  const book = new TargetBook(new Map([[e.kpi.id, e.kpi.direction]]), targets);
  const history: BandPoint[] = bandHistory(book, values, e.kpi.id, e.persona.id, periods);
  const numbers = history.flatMap((p) => [p.value, p.target, p.green, p.red, p.greenHigh, p.redHigh]).filter((x): x is number => x !== null);
  const scale = numbers.length > 0 ? { min: Math.min(...numbers), max: Math.max(...numbers) } : null;

  // Owed: inside the streak (first breached period to the end of the window), no row at all, and ended.
  const owed: EscalationDetail["owed"] = [];
  const notAvailable: EscalationDetail["notAvailable"] = [];
  for (const period of periods) {
    if (period < first) continue;
    const row = values.get(e.kpi.id, e.persona.id, period);
    if (row?.notAvailableReason) notAvailable.push({ period, reason: row.notAvailableReason });
    else if (!row) {
      const state = dueState(period, f, today, overdueAfterDays());
      if (state !== "OPEN") owed.push({ period, state });
    }
  }

  const thread: ThreadEntry[] = [];
  for (const s of steps) {
    const after = (s.after ?? null) as Json;
    const at = s.at.toISOString();
    if (s.action === "escalation.open") thread.push({ kind: "OPENED", at, level: num(after, "level"), streakLength: num(after, "streakLength"), period: str(after, "firstBreachedPeriod") });
    else if (s.action === "escalation.raise") thread.push({ kind: "RAISED", at, level: num(after, "level"), streakLength: num(after, "streakLength"), period: str(after, "lastBreachedPeriod") });
    else if (s.action === "escalation.update") thread.push({ kind: "UPDATED", at, level: num(after, "level"), streakLength: num(after, "streakLength"), period: str(after, "lastBreachedPeriod") });
    else if (s.action === "escalation.resolve") thread.push({ kind: "RESOLVED", at, period: str(after, "resolvedPeriod") });
  }
  if (!thread.some((t) => t.kind === "OPENED")) thread.unshift({ kind: "OPENED", at: e.createdAt.toISOString(), level: null, streakLength: null, period: first });
  if (e.status === "RESOLVED" && !thread.some((t) => t.kind === "RESOLVED")) thread.push({ kind: "RESOLVED", at: (e.resolvedAt ?? e.createdAt).toISOString(), period: resolvedPeriod });
  for (const ev of events) {
    const at = ev.createdAt.toISOString();
    const who = ev.actor?.name ?? null;
    if (ev.kind === "ACTION_PLAN") {
      thread.push({ kind: "ACTION_PLAN", at, actor: who, note: ev.note, what: ev.actionWhat, owner: ev.actionOwner?.name ?? null, due: ev.actionDue ? toPeriodKey(ev.actionDue) : null });
    } else if (ev.kind === "REASSIGNED") thread.push({ kind: "REASSIGNED", at, actor: who, note: ev.note, assignee: ev.assignee?.name ?? null });
    else thread.push({ kind: ev.kind, at, actor: who, note: ev.note });
  }
  // Stable: entries written in one transaction keep their order (acknowledgement before its plan).
  thread.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

  const sc = e.kpi.perspective.scorecard;
  return {
    id: e.id,
    status: e.status,
    level: e.level,
    streakLength: e.streakLength,
    streakSetting: n,
    firstBreachedPeriod: first,
    lastBreachedPeriod: last,
    openedAt: e.createdAt.toISOString(),
    acknowledged: e.acknowledgedAt ? { by: e.acknowledgedBy?.name ?? null, at: e.acknowledgedAt.toISOString() } : null,
    resolution: e.status === "RESOLVED" ? { period: resolvedPeriod, at: e.resolvedAt?.toISOString() ?? null } : null,
    assignee: e.assignee,
    kpi: {
      code: e.kpi.code,
      name: e.kpi.name,
      unit: e.kpi.unit,
      currencyCode: e.kpi.currencyCode,
      durationUnit: e.kpi.durationUnit,
      direction: e.kpi.direction,
      frequency: f,
      owner: e.kpi.owner,
    },
    persona: { slug: e.persona.slug, name: e.persona.name },
    scorecard: { slug: sc.slug, name: sc.name },
    history,
    scale,
    owed,
    notAvailable,
    thread,
    may,
    users,
  };
}
