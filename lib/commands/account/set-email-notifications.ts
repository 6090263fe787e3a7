import "server-only";
import { setEmailNotificationsSchema } from "@/lib/validation/users";
import { defineCommand, fail } from "../command";

/**
 * Anyone turns the e-mail copies of their own notifications on or off. Off: notifications stay
 * in-app, and the sender marks their e-mail copies SKIPPED (also those still waiting).
 */
export const setEmailNotifications = defineCommand({
  name: "account.email-notifications.set",
  action: "account.update",
  schema: setEmailNotificationsSchema,
  // The account changed is always the actor's own.
  resource: async (_input, _tx, actor) => ({ user: { id: actor.id } }),
  async run({ actor, input, tx, audit, unchanged }) {
    const user = await tx.user.findUnique({ where: { id: actor.id }, select: { id: true, active: true, emailNotifications: true } });
    if (!user || !user.active) fail("UNAUTHENTICATED", "Your session has ended. Sign in again.");
    if (user.emailNotifications === input.emailNotifications) {
      unchanged();
      return { emailNotifications: user.emailNotifications };
    }
    await tx.user.update({ where: { id: user.id }, data: { emailNotifications: input.emailNotifications } });
    await audit({
      entityType: "User",
      entityId: user.id,
      before: { emailNotifications: user.emailNotifications },
      after: { emailNotifications: input.emailNotifications },
    });
    return { emailNotifications: input.emailNotifications };
  },
});
