import "server-only";
import { AppError, HTTP_STATUS, isAppError } from "@/lib/errors";
import type { Actor } from "./actor";
import { authorize, type Action, type Resource } from "./policy";
import { getActor } from "./session";

// Route handlers answer in JSON: 401 when nobody is signed in, 403 when the role may not,
// and the AppError's status otherwise. Never HTML, never data on a refusal.

export interface ErrorBody {
  error: { code: string; message: string; fieldErrors?: Record<string, string[]> };
}

export function errorResponse(error: unknown): Response {
  if (isAppError(error)) {
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (Object.keys(error.fieldErrors).length > 0) body.error.fieldErrors = error.fieldErrors;
    return Response.json(body, { status: HTTP_STATUS[error.code] });
  }
  console.error("Unhandled error in a route handler", error);
  return Response.json({ error: { code: "INTERNAL", message: "Something went wrong on our side." } } satisfies ErrorBody, {
    status: 500,
  });
}

/** The signed-in actor of a route handler; throws AppError UNAUTHENTICATED (401) otherwise. */
export async function requireRouteActor(action?: Action, resource?: Resource): Promise<Actor> {
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
      const actor = await requireRouteActor(action ?? undefined);
      return await handler(actor, request, context);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
