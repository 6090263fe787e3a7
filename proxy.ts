import { NextResponse, type NextRequest } from "next/server";
import { acceptableRequestId, REQUEST_ID_HEADER } from "@/lib/log-request-id";
import { API_POLICY, baseSecurityHeaders, isHttps, newNonce, pagePolicy } from "@/lib/security/headers";

// Two jobs, on every request but Next's static assets:
// 1. Security headers on every page and API answer (lib/security/headers.ts), with a fresh
//    CSP nonce per page request, passed to Next.js on the request so its scripts carry it.
// 2. A request id (x-request-id) on the request, for route handlers' log lines (lib/log.ts), and
//    on the response, so a user or an operator can quote it: the incoming one when a load
//    balancer set a plain one, a fresh UUID otherwise.
// 3. An optimistic sign-in check for pages: a visitor without a session cookie is sent to
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
  const incoming = request.headers.get(REQUEST_ID_HEADER);
  const requestId = acceptableRequestId(incoming) ? incoming : crypto.randomUUID();
  const security = { ...baseSecurityHeaders(isHttps(request.nextUrl, request.headers.get("x-forwarded-proto"))), [REQUEST_ID_HEADER]: requestId };
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(REQUEST_ID_HEADER, requestId);
  if (!isPage(pathname)) {
    return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }), { ...security, "Content-Security-Policy": API_POLICY });
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
  requestHeaders.set("x-request-path", pathname + search);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }), { ...security, "Content-Security-Policy": policy });
}

export const config = {
  // Everything but Next's build assets and image optimiser (immutable, cached, never HTML).
  matcher: ["/((?!_next/static|_next/image).*)"],
};
