import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { authorize, personaScope } from "@/lib/auth/policy";
import { personaWhere, viaPersona } from "./persona-scope";
import { getDb } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Frequency } from "@/lib/scoring";
import { toPeriodKey } from "./convert";

// The escalation inbox (/escalations): every escalation the filters match, the actor's own
// (assigned to them) first, then the rest; within each group open before acknowledged before
// resolved, higher level first, longest-running first. Every role reads every escalation.
// Bounded: 4 reads (filter options: scorecards and personas; the actor's rows; the others),
// each group capped at INBOX_LIMIT rows.

export const INBOX_LIMIT = 200;

export const STATUS_FILTERS = ["unresolved", "OPEN", "ACKNOWLEDGED", "RESOLVED", "all"] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

const one = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const slug = z.preprocess(one, z.string().trim().regex(/^[a-z0-9-]{1,80}$/).nullable().catch(null).default(null));

export const inboxFiltersSchema = z.object({
  status: z.preprocess(one, z.enum(STATUS_FILTERS).catch("unresolved").default("unresolved")),
  level: z.preprocess(one, z.coerce.number().int().min(1).max(3).nullable().catch(null).default(null)),
  scorecard: slug,
  persona: slug,
  mine: z.preprocess(one, z.enum(["1"]).nullable().catch(null).default(null)).transform((v) => v === "1"),
});

export type InboxFilters = z.output<typeof inboxFiltersSchema>;

/** The filters from a query string; anything odd falls back to its default. */
export function parseInboxFilters(search: Record<string, string | string[] | undefined>): InboxFilters {
  return inboxFiltersSchema.parse(search);
}

export interface InboxRow {
  id: string;
  kpi: { code: string; name: string; frequency: Frequency };
  persona: { slug: string; name: string };
  scorecard: { slug: string; name: string };
  level: number;
  status: "OPEN" | "ACKNOWLEDGED" | "RESOLVED";
  streakLength: number;
  firstBreachedPeriod: string;
  assignee: { id: string; name: string } | null;
  /** Assigned to the actor. */
  mine: boolean;
  openedAt: string;
  /** Whole days from opening to resolution (or to now while unresolved). */
  ageDays: number;
  resolvedPeriod: string | null;
}

export interface EscalationInbox {
  filters: InboxFilters;
  rows: InboxRow[];
  mineCount: number;
  /** A group had more than INBOX_LIMIT rows: narrow the filters. */
  truncated: boolean;
  options: { scorecards: { slug: string; name: string }[]; personas: { slug: string; name: string }[] };
}

const ROW_SELECT = {
  id: true,
  level: true,
  status: true,
  streakLength: true,
  firstBreachedPeriod: true,
  createdAt: true,
  resolvedAt: true,
  resolvedPeriod: true,
  assignee: { select: { id: true, name: true } },
  persona: { select: { slug: true, name: true } },
  kpi: { select: { code: true, name: true, frequency: true, perspective: { select: { scorecard: { select: { slug: true, name: true } } } } } },
} as const;

const ORDER: Prisma.EscalationOrderByWithRelationInput[] = [{ status: "asc" }, { level: "desc" }, { firstBreachedPeriod: "asc" }, { id: "asc" }];

export function whereFor(filters: InboxFilters): Prisma.EscalationWhereInput {
  const where: Prisma.EscalationWhereInput = {};
  if (filters.status === "unresolved") where.status = { not: "RESOLVED" };
  else if (filters.status !== "all") where.status = filters.status;
  if (filters.level !== null) where.level = filters.level;
  if (filters.persona) where.persona = { slug: filters.persona };
  if (filters.scorecard) where.kpi = { perspective: { scorecard: { slug: filters.scorecard } } };
  return where;
}

const DAY = 86_400_000;

export async function getEscalationInbox(actor: Actor, filters: InboxFilters, now: Date = new Date()): Promise<EscalationInbox> {
  authorize(actor, "dashboard.read");
  const db = await getDb();
  const scope = personaScope(actor);
  // Only escalations of the personas in the actor's scope (and only those in the persona filter).
  const where: Prisma.EscalationWhereInput = { AND: [whereFor(filters), viaPersona(scope)] };
  const [scorecards, personas, mine, others] = await Promise.all([
    db.scorecard.findMany({ select: { slug: true, name: true }, orderBy: { name: "asc" } }),
    db.persona.findMany({ where: { ...personaWhere(scope), status: { in: ["ACTIVE", "SUNSET"] } }, select: { slug: true, name: true }, orderBy: { name: "asc" } }),
    db.escalation.findMany({ where: { AND: [where, { assigneeId: actor.id }] }, orderBy: ORDER, take: INBOX_LIMIT + 1, select: ROW_SELECT }),
    filters.mine
      ? []
      : db.escalation.findMany({
          where: { AND: [where, { OR: [{ assigneeId: null }, { assigneeId: { not: actor.id } }] }] },
          orderBy: ORDER,
          take: INBOX_LIMIT + 1,
          select: ROW_SELECT,
        }),
  ]);
  const truncated = mine.length > INBOX_LIMIT || others.length > INBOX_LIMIT;
  const toRow = (e: (typeof mine)[number]): InboxRow => ({
    id: e.id,
    kpi: { code: e.kpi.code, name: e.kpi.name, frequency: e.kpi.frequency },
    persona: e.persona,
    scorecard: e.kpi.perspective.scorecard,
    level: e.level,
    status: e.status,
    streakLength: e.streakLength,
    firstBreachedPeriod: toPeriodKey(e.firstBreachedPeriod),
    assignee: e.assignee,
    mine: e.assignee?.id === actor.id,
    openedAt: e.createdAt.toISOString(),
    ageDays: Math.max(0, Math.floor(((e.resolvedAt ?? now).getTime() - e.createdAt.getTime()) / DAY)),
    resolvedPeriod: e.resolvedPeriod ? toPeriodKey(e.resolvedPeriod) : null,
  });
  const mineRows = mine.slice(0, INBOX_LIMIT).map(toRow);
  return {
    filters,
    rows: [...mineRows, ...others.slice(0, INBOX_LIMIT).map(toRow)],
    mineCount: mineRows.length,
    truncated,
    options: { scorecards, personas },
  };
}
