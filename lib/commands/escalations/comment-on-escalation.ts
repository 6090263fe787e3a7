import "server-only";
import { commentOnEscalationSchema } from "@/lib/validation/escalations";
import { defineCommand } from "../command";
import { loadEscalation } from "./shared";

/** A comment on an escalation's thread, by anyone who can read it (every role), resolved or not. */
export const commentOnEscalation = defineCommand({
  name: "escalation.comment",
  action: "escalation.comment",
  schema: commentOnEscalationSchema,
  resource: async (input, tx) => {
    const e = await loadEscalation(tx, input.escalationId); // NOT_FOUND for an unknown escalation
    return { persona: { id: e.persona.id } };
  },
  async run({ actor, input, tx, audit }) {
    const event = await tx.escalationEvent.create({
      data: { escalationId: input.escalationId, kind: "COMMENT", actorId: actor.id, note: input.note },
      select: { id: true, createdAt: true },
    });
    await audit({ entityType: "Escalation", entityId: input.escalationId, before: null, after: { eventId: event.id, comment: input.note } });
    return { id: event.id, createdAt: event.createdAt.toISOString() };
  },
});
