import { NextResponse, type NextRequest } from "next/server";
import { API_POLICY, baseSecurityHeaders, isHttps, newNonce, pagePolicy } from "@/lib/security/headers";

// Two jobs, on every request but Next's static assets:
// 1. Security headers on every page and API answer (lib/security/headers.ts), with a fresh
//    CSP nonce per page request, passed to Next.js on the request so its scripts carry it.
// 2. An optimistic sign-in check for pages: a visitor without a session cookie is sent to
//    /sign-in. Whether the session is valid, the user still active and the role allowed is
//    decided on the server by lib/auth/session (requireActor) and lib/auth/policy on every
//    page, action and route. It passes the requested path on (x-request-path) for callbackUrl.

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];
const PUBLIC_PATHS = ["/sign-in"];

function hasSessionCookie(request: NextRequest): boolean {
  // next-auth splits large tokens into name.0, name.1...
  return request.cookies.getAll().some((c) => SESSION_COOKIES.some((name) => c.name === name || c.name.startsWith(`${name}.`)));
}

/** API routes answer 401/403 JSON themselves; files (favicon, exports) are not pages. */
function isPage(pathname: string): boolean {
  return !pathname.startsWith("/api/") && !/\.[a-zA-Z0-9]+$/.test(pathname);
}

function withHeaders(response: NextResponse, headers: Record<string, string>): NextResponse {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const security = baseSecurityHeaders(isHttps(request.nextUrl, request.headers.get("x-forwarded-proto")));
  if (!isPage(pathname)) {
    return withHeaders(NextResponse.next(), { ...security, "Content-Security-Policy": API_POLICY });
  }

  const nonce = newNonce();
  const policy = pagePolicy(nonce, process.env.NODE_ENV === "development");
  const isPublic = PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`));
  if (!isPublic && !hasSessionCookie(request)) {
    const url = request.nextUrl.clone();
    url.pathname = "/sign-in";
    url.search = pathname === "/" ? "" : `?callbackUrl=${encodeURIComponent(pathname + search)}`;
    return withHeaders(NextResponse.redirect(url), { ...security, "Content-Security-Policy": policy });
  }
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-request-path", pathname + search);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }), { ...security, "Content-Security-Policy": policy });
}

export const config = {
  // Everything but Next's build assets and image optimiser (immutable, cached, never HTML).
  matcher: ["/((?!_next/static|_next/image).*)"],
};
