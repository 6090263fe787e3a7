import { NextResponse, type NextRequest } from "next/server";

// Optimistic check only: a visitor without a session cookie is sent to /sign-in. Whether the
// session is valid, the user still active and the role allowed is decided on the server by
// lib/auth/session (requireActor) and lib/auth/policy on every page, action and route.
// It also passes the requested path on (x-request-path) so requireActor can build callbackUrl.

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];
const PUBLIC_PATHS = ["/sign-in"];

function hasSessionCookie(request: NextRequest): boolean {
  // next-auth splits large tokens into name.0, name.1...
  return request.cookies.getAll().some((c) => SESSION_COOKIES.some((name) => c.name === name || c.name.startsWith(`${name}.`)));
}

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const isPublic = PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`));
  if (!isPublic && !hasSessionCookie(request)) {
    const url = request.nextUrl.clone();
    url.pathname = "/sign-in";
    url.search = pathname === "/" ? "" : `?callbackUrl=${encodeURIComponent(pathname + search)}`;
    return NextResponse.redirect(url);
  }
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-request-path", pathname + search);
  return NextResponse.next({ request: { headers: requestHeaders } });
}

export const config = {
  // Not: next-auth and other API routes (they answer 401/403 JSON themselves), Next's assets,
  // and files with an extension (favicon, images).
  matcher: ["/((?!api/|_next/static|_next/image|.*\\.[a-zA-Z0-9]+$).*)"],
};
