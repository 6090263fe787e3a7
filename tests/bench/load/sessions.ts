// Signing in as a real user would: next-auth's credentials flow over HTTP (GET /api/auth/csrf for
// the CSRF token and its cookie, then POST /api/auth/callback/credentials), keeping the cookies
// the server sets. The session cookie is then sent as the browser would send it.

export interface Session {
  email: string;
  /** The server it signed in on. */
  signedInOn: string;
  /** The Cookie header to send. */
  cookie: string;
}

function cookiesOf(response: Response, into: Map<string, string>): void {
  for (const line of response.headers.getSetCookie()) {
    const pair = line.split(";", 1)[0]!;
    const eq = pair.indexOf("=");
    if (eq > 0) into.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
}

const header = (cookies: Map<string, string>) => [...cookies].map(([k, v]) => `${k}=${v}`).join("; ");

export async function signIn(base: string, email: string, password: string): Promise<Session> {
  const cookies = new Map<string, string>();
  const csrf = await fetch(`${base}/api/auth/csrf`, { redirect: "manual" });
  if (!csrf.ok) throw new Error(`GET ${base}/api/auth/csrf answered ${csrf.status}`);
  cookiesOf(csrf, cookies);
  const { csrfToken } = (await csrf.json()) as { csrfToken?: string };
  if (!csrfToken) throw new Error(`GET ${base}/api/auth/csrf gave no csrfToken`);
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: header(cookies) },
    body: new URLSearchParams({ csrfToken, email, password, json: "true", callbackUrl: `${base}/` }).toString(),
  });
  cookiesOf(response, cookies);
  if (response.status !== 200 || ![...cookies.keys()].some((name) => name.endsWith("session-token"))) {
    throw new Error(`Signing in ${email} on ${base} failed: HTTP ${response.status}, cookies ${[...cookies.keys()].join(", ") || "none"}`);
  }
  return { email, signedInOn: base, cookie: header(cookies) };
}

/** The email of the session as `base` sees it (GET /api/auth/session), or null when it sees none. */
export async function sessionEmail(base: string, session: Session): Promise<string | null> {
  const response = await fetch(`${base}/api/auth/session`, { headers: { cookie: session.cookie }, redirect: "manual" });
  if (!response.ok) return null;
  const body = (await response.json()) as { user?: { email?: string } };
  return body.user?.email ?? null;
}

/**
 * Statelessness: a session signed in on one server is served by the other, both by next-auth
 * (/api/auth/session) and by a signed-in page (200, not a redirect to /sign-in). Throws otherwise.
 */
export async function assertServedElsewhere(session: Session, other: string, page: string): Promise<void> {
  const email = await sessionEmail(other, session);
  if (email !== session.email) {
    throw new Error(`A session signed in on ${session.signedInOn} is not recognised by ${other} (it sees ${email ?? "no session"}): a server keeps state the other lacks.`);
  }
  const response = await fetch(`${other}${page}`, { headers: { cookie: session.cookie }, redirect: "manual" });
  await response.arrayBuffer();
  if (response.status !== 200) {
    throw new Error(`${other}${page} answered ${response.status} (${response.headers.get("location") ?? "no redirect"}) to a session signed in on ${session.signedInOn}.`);
  }
}
