import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { callerFromBearer, type ApiCaller } from "@/lib/auth/api-token";
import { authorize, type Action, type Resource } from "@/lib/auth/policy";
import { AppError } from "@/lib/errors";
import { problem, problemFrom } from "./problem";
import { takeRateLimit } from "./rate-limit";

// Wraps a /api/v1 route handler, like lib/auth/route.ts withActor but for API clients: the
// actor comes from the bearer token only (no cookie session on /api/v1 yet), every request of a
// token counts against its rate limit (lib/api/rate-limit.ts, kept in Postgres), and every error
// is application/problem+json: 401 without a usable token, 429 (with Retry-After) over the rate
// limit, 403 when the policy refuses, the AppError's status otherwise, 500 for anything else.
// The handler gets the token too (4th argument), for wrappers such as withIdempotency.

export type ApiHandler<C> = (actor: Actor, request: Request, context: C, caller: ApiCaller) => Promise<Response>;

export function withApiActor<C>(
  action: Action | null,
  handler: ApiHandler<C>,
  resource?: Resource,
): (request: Request, context: C) => Promise<Response> {
  return async (request, context) => {
    try {
      const caller = await callerFromBearer(request);
      if (!caller) throw new AppError("UNAUTHENTICATED", "Send a valid API token: Authorization: Bearer <token>.");
      const limit = await takeRateLimit(caller.tokenId);
      if (!limit.allowed) {
        return problem(429, "RATE_LIMITED", `This token made more than ${limit.limit} requests in the current window; retry in ${limit.resetSeconds} s.`, {
          headers: {
            "Retry-After": String(limit.resetSeconds),
            "RateLimit-Limit": String(limit.limit),
            "RateLimit-Remaining": "0",
            "RateLimit-Reset": String(limit.resetSeconds),
          },
        });
      }
      if (action) authorize(caller.actor, action, resource);
      return await handler(caller.actor, request, context, caller);
    } catch (error) {
      return problemFrom(error, request);
    }
  };
}
