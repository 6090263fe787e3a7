import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { actorFromBearer } from "@/lib/auth/api-token";
import { authorize, type Action, type Resource } from "@/lib/auth/policy";
import { AppError } from "@/lib/errors";
import { problemFrom } from "./problem";

// Wraps a /api/v1 route handler, like lib/auth/route.ts withActor but for API clients: the
// actor comes from the bearer token only (no cookie session on /api/v1 yet), and every error is
// application/problem+json: 401 without a usable token, 403 when the policy refuses, the
// AppError's status otherwise, 500 for anything else.

export function withApiActor<C>(
  action: Action | null,
  handler: (actor: Actor, request: Request, context: C) => Promise<Response>,
  resource?: Resource,
): (request: Request, context: C) => Promise<Response> {
  return async (request, context) => {
    try {
      const actor = await actorFromBearer(request);
      if (!actor) throw new AppError("UNAUTHENTICATED", "Send a valid API token: Authorization: Bearer <token>.");
      if (action) authorize(actor, action, resource);
      return await handler(actor, request, context);
    } catch (error) {
      return problemFrom(error);
    }
  };
}
