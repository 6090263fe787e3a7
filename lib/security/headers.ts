// Security headers for every page and API answer (OWASP ASVS 4.0 level 2, V14.4), applied by
// proxy.ts. Pages get a Content-Security-Policy with a fresh nonce per request: Next.js reads
// it from the request's CSP header and puts it on its own scripts, so no inline script runs
// without it. Styles keep 'unsafe-inline': React Flow and recharts position nodes with style
// attributes, which a nonce cannot cover; scripts never get it. Edge-safe (no Node imports).

/** 16 random bytes, base64: unguessable and fresh for every request. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** The page policy. Development adds 'unsafe-eval' (React's dev tools and fast refresh need it). */
export function pagePolicy(nonce: string, development: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** API answers and downloads are never rendered as documents: they may load nothing at all. */
export const API_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** Headers every answer carries, whatever its kind. */
export function baseSecurityHeaders(https: boolean): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(https ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}

/** Served over HTTPS, directly or behind a proxy that says so. */
export function isHttps(url: URL, forwardedProto: string | null): boolean {
  return url.protocol === "https:" || forwardedProto?.split(",")[0]?.trim() === "https";
}
