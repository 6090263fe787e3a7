import "server-only";
import { getDb } from "@/lib/db";
import { PERSONA_SCOPE_SELECT, restrictionOf, type Actor } from "./actor";
import { hashApiToken, looksLikeApiToken } from "./api-token-secret";

// Who is calling the REST API: `Authorization: Bearer psk_...` -> the Actor of the token's
// user. Only the sha-256 of the token is looked up. A revoked or expired token, an unknown one,
// or a token of a deactivated user gives null; so does a missing or malformed header.

/** lastUsedAt is written at most once per this many milliseconds per token. */
export const LAST_USED_RESOLUTION_MS = 60_000;

export function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  const match = header?.match(/^Bearer[ \t]+(\S+)[ \t]*$/i);
  return match?.[1] ?? null;
}

/** The caller of an API request: the token's user as an Actor, and the token (for per-token limits). */
export interface ApiCaller {
  actor: Actor;
  tokenId: string;
}

export async function actorFromBearer(request: Request, now: Date = new Date()): Promise<Actor | null> {
  return (await callerFromBearer(request, now))?.actor ?? null;
}

export async function callerFromBearer(request: Request, now: Date = new Date()): Promise<ApiCaller | null> {
  const token = bearerToken(request);
  if (!token || !looksLikeApiToken(token)) return null;
  const db = await getDb();
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashApiToken(token) },
    select: {
      id: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      user: { select: { id: true, role: true, departmentId: true, name: true, email: true, active: true, ...PERSONA_SCOPE_SELECT } },
    },
  });
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now) || !row.user.active) return null;

  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    // Conditional, so concurrent requests write it once; several app servers agree through the row.
    const cutoff = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
    await db.apiToken.updateMany({
      where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: cutoff } }] },
      data: { lastUsedAt: now },
    });
  }
  const { user } = row;
  return {
    actor: { id: user.id, role: user.role, departmentId: user.departmentId, name: user.name, email: user.email, restrictedToPersonaIds: restrictionOf(user) },
    tokenId: row.id,
  };
}
