import "server-only";
import { problemFromAppError } from "@/lib/api/problem";
import { AppError, HTTP_STATUS, isAppError } from "@/lib/errors";
import { requestLog } from "@/lib/log";
import { assertSameOrigin, CrossSiteRequestError } from "@/lib/security/origin";
import type { Actor } from "./actor";
import { authorize, type Action, type Resource } from "./policy";
import { getActor } from "./session";

// Route handlers answer in JSON: 401 when nobody is signed in, 403 when the role may not,
// and the AppError's status otherwise. Never HTML, never data on a refusal.

export interface ErrorBody {
  error: { code: string; message: string; fieldErrors?: Record<string, string[]> };
}

export function errorResponse(error: unknown, request?: Request): Response {
  // A cross-site refusal answers problem+json wherever it happens (lib/security/origin.ts).
  if (error instanceof CrossSiteRequestError) return problemFromAppError(error);
  if (isAppError(error)) {
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (Object.keys(error.fieldErrors).length > 0) body.error.fieldErrors = error.fieldErrors;
    return Response.json(body, { status: HTTP_STATUS[error.code] });
  }
  requestLog(request).error({ err: error }, "Unhandled error in a route handler");
  return Response.json({ error: { code: "INTERNAL", message: "Something went wrong on our side." } } satisfies ErrorBody, {
    status: 500,
  });
}

/**
 * The signed-in actor of a route handler; throws AppError UNAUTHENTICATED (401) otherwise. The
 * one place a route handler reads the cookie session, so the one place a request that changes
 * state (POST, PUT, PATCH, DELETE) from another site is refused: CrossSiteRequestError (403).
 */
export async function requireRouteActor(request: Request, action?: Action, resource?: Resource): Promise<Actor> {
  assertSameOrigin(request);
  const actor = await getActor();
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to use this endpoint.");
  if (action) authorize(actor, action, resource);
  return actor;
}

/**
 * Wraps a route handler: resolves the actor (and checks `action` when given) and turns any
 * AppError into its JSON status. `export const GET = withActor("audit.read", async (actor, req) => ...)`.
 */
export function withActor<C>(
  action: Action | null,
  handler: (actor: Actor, request: Request, context: C) => Promise<Response>,
): (request: Request, context: C) => Promise<Response> {
  return async (request, context) => {
    try {
      const actor = await requireRouteActor(request, action ?? undefined);
      return await handler(actor, request, context);
    } catch (error) {
      return errorResponse(error, request);
    }
  };
}
