import "server-only";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { connection } from "next/server";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/lib/db";
import { PERSONA_SCOPE_SELECT, restrictionOf, type Actor } from "./actor";
import { getAuthOptions } from "./options";
import { signInPath } from "./callback-path";
import { can, type Action, type Resource } from "./policy";

export { safeCallbackPath, signInPath } from "./callback-path";

// The one way a page, layout, server action or route handler learns who is acting.
// The session cookie only says who signed in; every request re-reads that user, so a
// deactivated user's session stops working and a role change applies at once.

/** Request header set by proxy.ts: the path (and query) being requested, for callbackUrl. */
export const REQUEST_PATH_HEADER = "x-request-path";

/** The signed-in, active user of this request, or null. Cached per request. */
export const getActor = cache(async (): Promise<Actor | null> => {
  // Request time only: never during `next build` prerendering, where the options (and their
  // secret, which a build machine need not have) must not be built.
  await connection();
  const session = await getServerSession(getAuthOptions());
  const id = session?.user?.id;
  if (!id) return null;
  const db = await getDb();
  const user = await db.user.findUnique({
    where: { id },
    select: { id: true, role: true, departmentId: true, name: true, email: true, active: true, mustChangePassword: true, sessionsValidFrom: true, ...PERSONA_SCOPE_SELECT },
  });
  if (!user || !user.active) return null;
  // "Sign out everywhere" ended every session that began before it (a session without a start
  // time predates the feature, and counts as begun at 0).
  if (user.sessionsValidFrom && (session?.user?.signedInAt ?? 0) < user.sessionsValidFrom.getTime()) return null;
  return {
    id: user.id,
    role: user.role,
    departmentId: user.departmentId,
    name: user.name,
    email: user.email,
    mustChangePassword: user.mustChangePassword,
    restrictedToPersonaIds: restrictionOf(user),
  };
});

/** The signed-in actor; anonymous visitors are redirected to /sign-in?callbackUrl=<this page>. */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (actor) return actor;
  const path = (await headers()).get(REQUEST_PATH_HEADER);
  redirect(signInPath(path ?? "/"));
}

/**
 * For pages: the signed-in actor when the policy allows the action, otherwise the 403 page
 * (app/forbidden.tsx, via forbidden()). Commands still authorize the write themselves.
 */
export async function requirePermission(action: Action, resource?: Resource): Promise<Actor> {
  const actor = await requireActor();
  if (!can(actor, action, resource)) forbidden();
  return actor;
}
