import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

// Cross-site request refusal for route handlers that change state on a cookie session (OWASP
// ASVS 4.0 V4.2.2, V13.2.3). A browser attaches the session cookie to a form another site posts
// here (SameSite=Lax stops most of it, not all: a sibling subdomain is "same site"), so a
// request with an unsafe method must come from this app's own origin: its Origin header, or
// its Referer when a browser sent no Origin. Applied in one place, lib/auth/route.ts
// requireRouteActor, the only way a route handler reads a cookie session. Not needed for:
// - /api/v1: bearer tokens only (lib/api/with-api-actor.ts); a browser never attaches one;
// - server actions: Next.js compares their Origin with the Host itself and refuses others;
// - /api/auth/*: next-auth's own double-submit CSRF token guards sign-in and sign-out.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export const CROSS_SITE_MESSAGE = "This request came from another site; changes are accepted from this app's own pages only.";

/** The refusal: an AppError FORBIDDEN, so every boundary answers 403 (problem+json on the API). */
export class CrossSiteRequestError extends AppError {
  constructor() {
    super("FORBIDDEN", CROSS_SITE_MESSAGE);
    this.name = "CrossSiteRequestError";
  }
}

function originOf(value: string): string | null {
  if (!URL.canParse(value)) return null;
  const { origin } = new URL(value);
  return origin === "null" ? null : origin;
}

/** The origins this app answers as: NEXTAUTH_URL's, and the one the request was addressed to (Host). */
export function ownOrigins(request: Request): Set<string> {
  const origins = new Set<string>();
  const configured = env().NEXTAUTH_URL;
  if (configured) origins.add(new URL(configured).origin);
  const url = new URL(request.url);
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host") || url.host;
  const proto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || url.protocol.replace(/:$/, "");
  const own = originOf(`${proto}://${host}`);
  if (own) origins.add(own);
  return origins;
}

/**
 * Whether a request may change state here: safe methods always; otherwise its Origin (or, when
 * absent, its Referer's origin) must be one of ownOrigins. `Origin: null` (sandboxed frames,
 * cross-site redirects) is refused. A request with neither header did not come from a browser
 * page (browsers send Origin on every cross-origin POST), so no cookie was ridden: allowed.
 */
export function isSameOriginRequest(request: Request): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return true;
  const origin = request.headers.get("origin");
  const referer = request.headers.get("referer");
  const claimed = origin || referer;
  if (!claimed) return true;
  const from = originOf(claimed);
  return from !== null && ownOrigins(request).has(from);
}

/** Throws CrossSiteRequestError (403) unless isSameOriginRequest. */
export function assertSameOrigin(request: Request): void {
  if (!isSameOriginRequest(request)) throw new CrossSiteRequestError();
}
