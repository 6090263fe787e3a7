import "server-only";
import { markNotificationReadSchema } from "@/lib/validation/notifications";
import { defineCommand, fail } from "../command";

/** Marks one of the actor's own notifications read. Already read: nothing changes. */
export const markNotificationRead = defineCommand({
  name: "notification.read",
  action: "notification.manage",
  schema: markNotificationReadSchema,
  resource: async (input, tx) => {
    const n = await tx.notification.findUnique({ where: { id: input.notificationId }, select: { userId: true } });
    if (!n) fail("NOT_FOUND", "That notification no longer exists. Reload the page.");
    return { user: { id: n.userId } };
  },
  async run({ input, tx, audit, unchanged }) {
    const now = new Date();
    const { count } = await tx.notification.updateMany({ where: { id: input.notificationId, readAt: null }, data: { readAt: now } });
    if (count === 0) {
      unchanged();
      return { id: input.notificationId, changed: false };
    }
    await audit({ entityType: "Notification", entityId: input.notificationId, before: { readAt: null }, after: { readAt: now.toISOString() } });
    return { id: input.notificationId, changed: true };
  },
});
