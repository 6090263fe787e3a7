import "server-only";
import { acknowledgeEscalationSchema } from "@/lib/validation/escalations";
import { defineCommand, fail } from "../command";
import { activeUser, dueText, escalationResource, loadEscalation, notify, refuseResolved, subject } from "./shared";

/**
 * Acknowledges an open escalation with a note, optionally with a first action plan (what, who,
 * by when). Who may: the assignee, the KPI's owner, executives and administrators (policy
 * escalation.acknowledge). Sets status ACKNOWLEDGED with who and when; writes the thread entries
 * and the audit event in one transaction. Acknowledged twice: CONFLICT naming who did it first.
 * The action owner is told (a notification) when it is someone else.
 */
export const acknowledgeEscalation = defineCommand({
  name: "escalation.acknowledge",
  action: "escalation.acknowledge",
  schema: acknowledgeEscalationSchema,
  resource: (input, tx) => escalationResource(tx, input.escalationId),
  async run({ actor, input, tx, audit }) {
    const e = await loadEscalation(tx, input.escalationId);
    refuseResolved(e, "acknowledge");
    if (e.status === "ACKNOWLEDGED") {
      const by = e.acknowledgedBy?.name ?? "someone";
      fail("CONFLICT", `${by} already acknowledged this escalation${e.acknowledgedAt ? ` on ${e.acknowledgedAt.toISOString().slice(0, 10)}` : ""}. Add an action plan or a comment instead.`);
    }
    const actionOwner = input.actionOwnerId ? await activeUser(tx, input.actionOwnerId, "actionOwnerId") : null;

    const now = new Date();
    // Only from OPEN: a concurrent acknowledgement or the job's resolution makes this match nothing.
    const { count } = await tx.escalation.updateMany({
      where: { id: e.id, status: "OPEN" },
      data: { status: "ACKNOWLEDGED", acknowledgedById: actor.id, acknowledgedAt: now },
    });
    if (count !== 1) fail("CONFLICT", "This escalation changed while you were writing. Reload the page and try again.");

    await tx.escalationEvent.create({ data: { escalationId: e.id, kind: "ACKNOWLEDGED", actorId: actor.id, note: input.note, createdAt: now } });
    let plan = null;
    if (actionOwner && input.actionWhat && input.actionDue) {
      plan = { what: input.actionWhat, ownerId: actionOwner.id, owner: actionOwner.name, due: input.actionDue };
      await tx.escalationEvent.create({
        data: { escalationId: e.id, kind: "ACTION_PLAN", actorId: actor.id, actionWhat: plan.what, actionOwnerId: plan.ownerId, actionDue: new Date(`${plan.due}T00:00:00Z`), createdAt: now },
      });
      if (actionOwner.id !== actor.id) {
        await notify(tx, actionOwner.id, e, "escalation.action", `Action for ${subject(e)}: due ${dueText(plan.due)}`, `${actor.name} asked you to: ${plan.what}`);
      }
    }
    await audit({
      entityType: "Escalation",
      entityId: e.id,
      before: { status: e.status },
      after: { status: "ACKNOWLEDGED", acknowledgedById: actor.id, note: input.note, plan },
    });
    return { id: e.id, status: "ACKNOWLEDGED" as const, acknowledgedAt: now.toISOString(), plan: plan !== null };
  },
});
