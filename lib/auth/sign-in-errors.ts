// Codes the sign-in flow passes to the sign-in page as ?error=..., and what the page says for
// each. The page shows only these messages, never the raw parameter. No server-only imports:
// the sign-in form (a client component) uses it too.

export const SIGN_IN_ERROR = {
  rateLimited: "RateLimited",
  inactive: "AccountInactive",
  oidcNoAccount: "OidcNoAccount",
} as const;

const MESSAGES: Record<string, string> = {
  CredentialsSignin: "That email and password do not match. Check them and try again.",
  [SIGN_IN_ERROR.inactive]: "This account has been deactivated. Ask an administrator to reactivate it.",
  [SIGN_IN_ERROR.oidcNoAccount]:
    "Single sign-on worked, but there is no active account here for that email address. Ask an administrator to create one.",
  AccessDenied: "You are not allowed to sign in here.",
  SessionRequired: "Please sign in to continue.",
  OAuthSignin: "Single sign-on could not start. Try again, or sign in with your email and password.",
  OAuthCallback: "Single sign-on did not complete. Try again, or sign in with your email and password.",
  Callback: "Single sign-on did not complete. Try again, or sign in with your email and password.",
};

/** The plain-language message for a sign-in error code, or null when there is none. */
export function signInErrorMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  const locked = new RegExp(`^${SIGN_IN_ERROR.rateLimited}-(\\d{1,3})$`).exec(code);
  if (locked) {
    const minutes = Number(locked[1]);
    return `Too many failed sign-ins for this email. For your security, sign-in is paused: try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
  }
  return MESSAGES[code] ?? "Sign-in did not work. Try again.";
}
