import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { personaScope } from "@/lib/auth/policy";
import type { DbClient } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { kpiWhere } from "@/lib/queries/persona-scope";
import { fail } from "../command";

// What the strategy editor's commands share: loading the perspective or objective they change
// (with its scorecard, which scopes names, moves and links), and the audit log's view of them.

export const PERSPECTIVE_ENTITY = "Perspective";
export const OBJECTIVE_ENTITY = "StrategicObjective";
export const LINK_ENTITY = "ObjectiveLink";

export const perspectiveSelect = { id: true, scorecardId: true, name: true, description: true, order: true, weight: true, version: true } as const;

export async function loadPerspective(tx: DbClient, perspectiveId: string) {
  const perspective = await tx.perspective.findUnique({ where: { id: perspectiveId }, select: perspectiveSelect });
  if (!perspective) fail("NOT_FOUND", "That perspective no longer exists. Reload the page.");
  return perspective;
}

export function perspectiveAuditJson(p: { scorecardId: string; name: string; description: string | null; order: number; weight: { toString(): string } }) {
  return { scorecardId: p.scorecardId, name: p.name, description: p.description, order: p.order, weight: p.weight.toString() };
}

export const objectiveSelect = {
  id: true,
  perspectiveId: true,
  title: true,
  description: true,
  strategicTheme: true,
  ownerId: true,
  version: true,
  perspective: { select: { scorecardId: true, name: true } },
  departments: { select: { departmentId: true }, orderBy: { departmentId: "asc" } },
} as const;

export async function loadObjective(tx: DbClient, objectiveId: string, label = "objective") {
  const objective = await tx.strategicObjective.findUnique({ where: { id: objectiveId }, select: objectiveSelect });
  if (!objective) fail("NOT_FOUND", `That ${label} no longer exists. Reload the page.`);
  return objective;
}

export function objectiveAuditJson(o: {
  perspectiveId: string;
  title: string;
  description: string | null;
  strategicTheme: string | null;
  ownerId: string | null;
  departments: { departmentId: string }[];
}) {
  return {
    perspectiveId: o.perspectiveId,
    title: o.title,
    description: o.description,
    strategicTheme: o.strategicTheme,
    ownerId: o.ownerId,
    departmentIds: o.departments.map((d) => d.departmentId).sort(),
  };
}

/** The perspective an objective goes to: it must exist (and, for a move, be in `scorecardId`). */
export async function targetPerspective(tx: DbClient, perspectiveId: string, scorecardId?: string) {
  const perspective = await tx.perspective.findUnique({ where: { id: perspectiveId }, select: { id: true, scorecardId: true, name: true } });
  if (!perspective) fail("INVALID", "Choose a perspective.", { perspectiveId: ["That perspective no longer exists; choose another."] });
  if (scorecardId !== undefined && perspective.scorecardId !== scorecardId) {
    fail("INVALID", "An objective can only move to a perspective of its own scorecard.", { perspectiveId: ["Choose a perspective of this scorecard."] });
  }
  return perspective;
}

/** The owner must be an active user; the business units must exist. */
export async function checkOwnerAndDepartments(tx: DbClient, ownerId: string | null, departmentIds: string[]): Promise<void> {
  if (ownerId !== null) {
    const owner = await tx.user.findUnique({ where: { id: ownerId }, select: { active: true } });
    if (!owner || !owner.active) fail("INVALID", "Choose an active user as the owner.", { ownerId: ["Choose an active user, or no owner."] });
  }
  if (departmentIds.length > 0) {
    const found = await tx.department.count({ where: { id: { in: departmentIds } } });
    if (found !== departmentIds.length) fail("INVALID", "A business unit no longer exists.", { departmentIds: ["One of the chosen business units no longer exists; reload the page."] });
  }
}

/** Refuses a title another objective of the same perspective already has (case-insensitive). */
export async function assertTitleFree(tx: DbClient, perspectiveId: string, title: string, exceptId?: string): Promise<void> {
  const clash = await tx.strategicObjective.findFirst({
    where: { perspectiveId, title: { equals: title, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) fail("INVALID", "Choose another title.", { title: [`This perspective already has an objective called “${title}”.`] });
}

/**
 * The KPIs matching `where` as the actor may be told of them: a proposal entirely about personas
 * outside their access (policy.ts proposalHidden) is neither counted nor named, so a refusal or a
 * confirmation does not reveal that it exists. `hidden` says whether any were left out, for a
 * refusal that must hold for everyone (integrity) yet give a restricted actor no number
 * (deletion.ts words it, for the commands and the strategy editor alike).
 */
export async function kpisTheActorSees(tx: DbClient, actor: Actor, where: Prisma.KpiWhereInput, namedAtMost = 0) {
  const seen: Prisma.KpiWhereInput = { AND: [where, kpiWhere(personaScope(actor))] };
  const total = await tx.kpi.count({ where });
  const count = total === 0 ? 0 : await tx.kpi.count({ where: seen });
  const codes = namedAtMost > 0 && count > 0 ? (await tx.kpi.findMany({ where: seen, orderBy: { code: "asc" }, select: { code: true }, take: namedAtMost })).map((k) => k.code) : [];
  return { count, codes, hidden: total > count };
}
