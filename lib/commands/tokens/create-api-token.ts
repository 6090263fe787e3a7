import "server-only";
import { generateApiToken } from "@/lib/auth/api-token-secret";
import { createApiTokenSchema } from "@/lib/validation/tokens";
import { defineCommand } from "../command";

/**
 * A user creates an API token for themselves (never for someone else: there is no user id in
 * the input). The token is returned once; only its sha-256 and its first 12 characters are kept.
 */
export const createApiToken = defineCommand({
  name: "token.create",
  action: "token.manage",
  schema: createApiTokenSchema,
  resource: async (_input, _tx, actor) => ({ user: { id: actor.id } }),
  async run({ actor, input, tx, audit }) {
    const { token, tokenHash, prefix } = generateApiToken();
    const row = await tx.apiToken.create({
      data: { userId: actor.id, name: input.name, tokenHash, prefix, expiresAt: input.expiresOn },
      select: { id: true, name: true, prefix: true, expiresAt: true, createdAt: true },
    });
    await audit({
      entityType: "ApiToken",
      entityId: row.id,
      before: null,
      after: { userId: actor.id, name: row.name, prefix: row.prefix, expiresAt: row.expiresAt?.toISOString() ?? null },
    });
    return {
      token: { id: row.id, name: row.name, prefix: row.prefix, expiresAt: row.expiresAt?.toISOString() ?? null, createdAt: row.createdAt.toISOString() },
      /** The token itself: show it once, it cannot be read again. */
      secret: token,
    };
  },
});
