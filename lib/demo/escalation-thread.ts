import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { acknowledgeEscalation } from "@/lib/commands/escalations/acknowledge-escalation";
import { commentOnEscalation } from "@/lib/commands/escalations/comment-on-escalation";
import type { PrismaClient } from "@/lib/db";

// A thread on one demo escalation, so a newcomer sees the inbox working: the escalation job opens
// the demo's escalations when the app first starts (lib/startup.ts), then this acknowledges the
// expert queue's time-to-resolution escalation as its assignee, with an action plan, and the
// executive comments. Written through the commands, so it is authorized and audited like any
// other entry. Skipped when that escalation is not open or already has a thread.

export const DEMO_THREAD = {
  kpi: "BSC-TIME-TO-RESOLUTION",
  persona: "expert-power-user",
  assignee: "marta.weber@demo.test",
  commenter: "exec@demo.test",
} as const;

const DAY = 86_400_000;

async function actorFor(db: PrismaClient, email: string): Promise<Actor | null> {
  const u = await db.user.findUnique({ where: { email }, select: { id: true, role: true, departmentId: true, name: true, email: true, active: true } });
  return u && u.active ? { id: u.id, role: u.role, departmentId: u.departmentId, name: u.name, email: u.email } : null;
}

export async function writeDemoEscalationThread(db: PrismaClient, now: Date = new Date()): Promise<"written" | "skipped"> {
  const escalation = await db.escalation.findFirst({
    where: { kpi: { code: DEMO_THREAD.kpi }, persona: { slug: DEMO_THREAD.persona }, status: "OPEN", events: { none: {} } },
    select: { id: true },
  });
  const [assignee, commenter] = await Promise.all([actorFor(db, DEMO_THREAD.assignee), actorFor(db, DEMO_THREAD.commenter)]);
  if (!escalation || !assignee || !commenter) return "skipped";

  const acknowledged = await acknowledgeEscalation(assignee, {
    escalationId: escalation.id,
    note: "Two senior agents left the expert queue in June; advanced tickets now wait for the three remaining specialists.",
    actionWhat: "Hire two senior support engineers; until they start, route advanced tickets to a shared expert rota across both support teams.",
    actionOwnerId: assignee.id,
    actionDue: new Date(now.getTime() + 45 * DAY).toISOString().slice(0, 10),
  });
  if (!acknowledged.ok) throw new Error(`Demo thread: ${acknowledged.message}`);
  const commented = await commentOnEscalation(commenter, {
    escalationId: escalation.id,
    note: "Thanks, Marta. Please post the queue time here every week until it is back under target.",
  });
  if (!commented.ok) throw new Error(`Demo thread: ${commented.message}`);
  return "written";
}
