import "server-only";
import { signOutEverywhereSchema } from "@/lib/validation/users";
import { defineCommand, fail } from "../command";

/**
 * Ends every session of a user and revokes all their API tokens at once: sessions that began
 * before now stop counting (lib/auth/session.ts compares their start with sessionsValidFrom), and
 * every token not yet revoked is revoked. For oneself, or by an admin for anyone.
 */
export const signOutEverywhere = defineCommand({
  name: "user.sessions.revoke",
  action: "session.revoke",
  schema: signOutEverywhereSchema,
  resource: async (input) => ({ user: { id: input.userId } }),
  async run({ input, tx, audit }) {
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true, sessionsValidFrom: true } });
    if (!user) fail("NOT_FOUND", "That user no longer exists.");
    const now = new Date();
    await tx.user.update({ where: { id: user.id }, data: { sessionsValidFrom: now } });
    const tokens = await tx.apiToken.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: now } });
    await audit({
      entityType: "User",
      entityId: user.id,
      before: { sessionsValidFrom: user.sessionsValidFrom?.toISOString() ?? null },
      after: { sessionsValidFrom: now.toISOString(), apiTokensRevoked: tokens.count },
    });
    return { user: { id: user.id }, sessionsValidFrom: now.toISOString(), apiTokensRevoked: tokens.count };
  },
});
