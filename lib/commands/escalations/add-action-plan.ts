import "server-only";
import { addActionPlanSchema } from "@/lib/validation/escalations";
import { defineCommand } from "../command";
import { activeUser, dueText, escalationResource, loadEscalation, notify, refuseResolved, subject } from "./shared";

/**
 * Adds an action plan (what, who, by when) to an unresolved escalation. The same people who may
 * acknowledge it may plan actions on it. The action owner is told when it is someone else.
 */
export const addActionPlan = defineCommand({
  name: "escalation.action-plan",
  action: "escalation.acknowledge",
  schema: addActionPlanSchema,
  resource: (input, tx) => escalationResource(tx, input.escalationId),
  async run({ actor, input, tx, audit }) {
    const e = await loadEscalation(tx, input.escalationId);
    refuseResolved(e, "plan");
    const owner = await activeUser(tx, input.actionOwnerId!, "actionOwnerId");
    const plan = { what: input.actionWhat!, ownerId: owner.id, owner: owner.name, due: input.actionDue! };
    const event = await tx.escalationEvent.create({
      data: { escalationId: e.id, kind: "ACTION_PLAN", actorId: actor.id, note: input.note, actionWhat: plan.what, actionOwnerId: owner.id, actionDue: new Date(`${plan.due}T00:00:00Z`) },
      select: { id: true, createdAt: true },
    });
    if (owner.id !== actor.id) {
      await notify(tx, owner.id, e, "escalation.action", `Action for ${subject(e)}: due ${dueText(plan.due)}`, `${actor.name} asked you to: ${plan.what}`);
    }
    await audit({ entityType: "Escalation", entityId: e.id, before: null, after: { eventId: event.id, plan, note: input.note } });
    return { id: event.id, createdAt: event.createdAt.toISOString() };
  },
});
