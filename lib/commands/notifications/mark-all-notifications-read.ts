import "server-only";
import { markAllNotificationsReadSchema } from "@/lib/validation/notifications";
import { defineCommand } from "../command";

/** Marks every unread notification of the actor read (never anyone else's): one audit event with the count. */
export const markAllNotificationsRead = defineCommand({
  name: "notification.read-all",
  action: "notification.manage",
  schema: markAllNotificationsReadSchema,
  resource: async (_input, _tx, actor) => ({ user: { id: actor.id } }),
  async run({ actor, tx, audit, unchanged }) {
    const now = new Date();
    const { count } = await tx.notification.updateMany({ where: { userId: actor.id, readAt: null }, data: { readAt: now } });
    if (count === 0) {
      unchanged();
      return { marked: 0 };
    }
    await audit({ entityType: "User", entityId: actor.id, before: null, after: { notificationsMarkedRead: count, readAt: now.toISOString() } });
    return { marked: count };
  },
});
