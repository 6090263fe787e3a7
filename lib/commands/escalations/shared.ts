import "server-only";
import type { Resource } from "@/lib/auth/policy";
import type { DbClient } from "@/lib/db";
import { formatDate, formatPeriod } from "@/lib/format";
import { toPeriodKey } from "@/lib/queries/convert";
import { fail } from "../command";

// What the escalation commands share: loading the escalation the policy decides on, refusing a
// resolved one, checking a chosen user, and the notification rows they write (the table doubles
// as the e-mail outbox: emailStatus PENDING, sent by the e-mail worker).

export const ESCALATION_SELECT = {
  id: true,
  status: true,
  level: true,
  assigneeId: true,
  acknowledgedAt: true,
  resolvedPeriod: true,
  acknowledgedBy: { select: { name: true } },
  assignee: { select: { id: true, name: true } },
  kpi: { select: { code: true, name: true, ownerId: true, frequency: true } },
  persona: { select: { id: true, slug: true, name: true } },
} as const;

export async function loadEscalation(tx: DbClient, id: string) {
  const escalation = await tx.escalation.findUnique({ where: { id }, select: ESCALATION_SELECT });
  if (!escalation) fail("NOT_FOUND", "That escalation no longer exists. Reload the page.");
  return escalation;
}

export type LoadedEscalation = Awaited<ReturnType<typeof loadEscalation>>;

export async function escalationResource(tx: DbClient, id: string): Promise<Resource> {
  const e = await loadEscalation(tx, id);
  // With its persona: an actor restricted to some personas acts only on theirs (policy clause).
  return { escalation: { assigneeId: e.assigneeId, kpiOwnerId: e.kpi.ownerId }, persona: { id: e.persona.id } };
}

export function refuseResolved(e: LoadedEscalation, doing: string): void {
  if (e.status !== "RESOLVED") return;
  const when = e.resolvedPeriod ? ` (${formatPeriod(toPeriodKey(e.resolvedPeriod), e.kpi.frequency)} was back out of red)` : "";
  fail("CONFLICT", `This escalation is resolved${when}: there is nothing left to ${doing}. Add a comment instead.`);
}

/** An active user chosen in a form (action owner, new assignee), else INVALID on that field. */
export async function activeUser(tx: DbClient, id: string, field: string) {
  const user = await tx.user.findUnique({ where: { id }, select: { id: true, name: true, active: true } });
  if (!user || !user.active) fail("INVALID", "Some fields need attention.", { [field]: ["Choose an active user."] });
  return user;
}

export const escalationLink = (id: string) => `/escalations/${encodeURIComponent(id)}`;

export function subject(e: LoadedEscalation): string {
  return `${e.kpi.code} for ${e.persona.name}`;
}

export async function notify(tx: DbClient, userId: string, e: LoadedEscalation, kind: string, title: string, body: string): Promise<void> {
  await tx.notification.create({ data: { userId, escalationId: e.id, kind, title, body, link: escalationLink(e.id), emailStatus: "PENDING" } });
}

export const dueText = (due: string) => formatDate(`${due}T00:00:00Z`);
