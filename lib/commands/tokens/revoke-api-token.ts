import "server-only";
import { revokeApiTokenSchema } from "@/lib/validation/tokens";
import { defineCommand, fail } from "../command";

/** A user revokes one of their API tokens; an admin may revoke anyone's. Revoking twice changes nothing. */
export const revokeApiToken = defineCommand({
  name: "token.revoke",
  action: "token.manage",
  schema: revokeApiTokenSchema,
  resource: async (input, tx) => {
    const token = await tx.apiToken.findUnique({ where: { id: input.tokenId }, select: { userId: true } });
    if (!token) fail("NOT_FOUND", "That token no longer exists. Reload the page.");
    return { user: { id: token.userId } };
  },
  async run({ input, tx, audit, unchanged }) {
    const before = await tx.apiToken.findUniqueOrThrow({
      where: { id: input.tokenId },
      select: { id: true, userId: true, name: true, prefix: true, revokedAt: true },
    });
    if (before.revokedAt) {
      unchanged();
      return { token: { id: before.id, revokedAt: before.revokedAt.toISOString() }, changed: false };
    }
    const after = await tx.apiToken.update({ where: { id: before.id }, data: { revokedAt: new Date() }, select: { id: true, revokedAt: true } });
    const revokedAt = after.revokedAt!.toISOString();
    await audit({
      entityType: "ApiToken",
      entityId: before.id,
      before: { userId: before.userId, name: before.name, prefix: before.prefix, revokedAt: null },
      after: { userId: before.userId, name: before.name, prefix: before.prefix, revokedAt },
    });
    return { token: { id: before.id, revokedAt }, changed: true };
  },
});
