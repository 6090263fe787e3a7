import "server-only";
import { reassignEscalationSchema } from "@/lib/validation/escalations";
import { defineCommand, fail } from "../command";
import { activeUser, loadEscalation, notify, refuseResolved, subject } from "./shared";

/**
 * An administrator hands an unresolved escalation to another active user. It goes back to OPEN
 * (the new assignee has not acknowledged it yet; the earlier acknowledgement stays in the
 * thread), and the new assignee is told. The same assignee again changes nothing.
 */
export const reassignEscalation = defineCommand({
  name: "escalation.reassign",
  action: "escalation.reassign",
  schema: reassignEscalationSchema,
  resource: async (input, tx) => ({ persona: { id: (await loadEscalation(tx, input.escalationId)).persona.id } }),
  async run({ actor, input, tx, audit, unchanged }) {
    const e = await loadEscalation(tx, input.escalationId);
    refuseResolved(e, "reassign");
    const assignee = await activeUser(tx, input.assigneeId, "assigneeId");
    if (assignee.id === e.assigneeId) {
      unchanged();
      return { id: e.id, changed: false };
    }
    const { count } = await tx.escalation.updateMany({
      where: { id: e.id, status: { not: "RESOLVED" }, assigneeId: e.assigneeId },
      data: { assigneeId: assignee.id, status: "OPEN", acknowledgedById: null, acknowledgedAt: null },
    });
    if (count !== 1) fail("CONFLICT", "This escalation changed while you were writing. Reload the page and try again.");
    await tx.escalationEvent.create({ data: { escalationId: e.id, kind: "REASSIGNED", actorId: actor.id, assigneeId: assignee.id, note: input.note } });
    if (assignee.id !== actor.id) {
      await notify(
        tx,
        assignee.id,
        e,
        "escalation.reassigned",
        `${subject(e)} is now yours (level ${e.level})`,
        `${actor.name} assigned you the escalation of ${e.kpi.name} for ${e.persona.name}${e.assignee ? `, until now with ${e.assignee.name}` : ""}. Acknowledge it and plan what to do.${input.note ? ` Note: ${input.note}` : ""}`,
      );
    }
    await audit({
      entityType: "Escalation",
      entityId: e.id,
      before: { assigneeId: e.assigneeId, status: e.status },
      after: { assigneeId: assignee.id, status: "OPEN", note: input.note },
    });
    return { id: e.id, changed: true };
  },
});
