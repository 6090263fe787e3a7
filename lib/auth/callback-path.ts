// Where to go after signing in: only a path on this site, never another origin
// ("//evil.example", "/\\evil.example", "https://..."), else "/".

export function safeCallbackPath(value: string | null | undefined): string {
  if (!value || value.length > 2000 || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  if (/[\u0000-\u001f]/.test(value)) return "/";
  if (value === "/sign-in" || value.startsWith("/sign-in?") || value.startsWith("/sign-out")) return "/";
  return value;
}

export function signInPath(callbackPath: string): string {
  const target = safeCallbackPath(callbackPath);
  return target === "/" ? "/sign-in" : `/sign-in?callbackUrl=${encodeURIComponent(target)}`;
}
