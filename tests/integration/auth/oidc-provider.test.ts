import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import NextAuth from "next-auth";
import Provider from "oidc-provider";
import { afterAll, describe, expect, it } from "vitest";
import { makeUser } from "../commands/fixtures";

// Single sign-on end to end against a real OpenID Connect provider (panva's oidc-provider 8.8.1,
// in-process on a random port): the app's next-auth configuration (lib/auth/options.ts) runs the
// whole authorization-code flow with PKCE and state, the provider's login and consent
// interactions are completed programmatically, and the session next-auth issues is read back.
//
// Two modes of the provider, both standards-conformant:
// - `conformIdTokenClaims: true` (oidc-provider's default, OIDC Core 5.4): claims requested by
//   scope (`email`, `profile`) come only from the UserInfo endpoint; the ID token carries `sub`.
// - `conformIdTokenClaims: false`: the ID token carries them too.
//
// How it is driven: through next-auth's own request handler, NextAuth(req, res, options), with the
// app's options. The App Router route handler (app/api/auth/[...nextauth]/route.ts) calls the
// same NextAuth with a Request; next-auth then reads that request's cookies and headers through
// next/headers, which works only inside a Next.js server's request scope (and next-auth
// `require`s it, so a test cannot stand in for it). So the test calls NextAuth's other adapter
// (req.query/cookies/body, res.status/setHeader): both hand the same request to the same core
// (next-auth/core AuthHandler: the OAuth client, checks, callbacks, JWT). The browser is played
// by this test: a cookie jar per host, and redirects followed by hand.

const APP = "http://localhost:3000";
const CLIENT = { client_id: "persona-scorecard", client_secret: "a-client-secret-for-tests-only" };

interface Person {
  email: string;
  email_verified: boolean;
  name: string;
}
const people = new Map<string, Person>();

function makeProvider(issuer: string, conformIdTokenClaims: boolean): Provider {
  return new Provider(issuer, {
    clients: [{ ...CLIENT, redirect_uris: [`${APP}/api/auth/callback/oidc`], grant_types: ["authorization_code"], response_types: ["code"] }],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    conformIdTokenClaims,
    features: { devInteractions: { enabled: false } },
    cookies: { keys: ["test-cookie-key-one"] },
    async findAccount(_ctx, sub) {
      const person = people.get(sub);
      if (!person) return undefined;
      return { accountId: sub, claims: async () => ({ sub, ...person }) };
    },
  });
}

// One server, one issuer URL; which provider answers is switched per test.
let active: Provider | undefined;
let loginAs = "";
/** Requests to the provider's UserInfo endpoint (/me), to see which mode the app relied on. */
let userinfoCalls = 0;
const server = createServer((req, res) => void route(req, res));
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const ISSUER = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const providers = { userinfoOnly: makeProvider(ISSUER, true), inIdToken: makeProvider(ISSUER, false) };

/** The provider, plus its login and consent screens answered programmatically. */
async function route(req: IncomingMessage, res: ServerResponse) {
  const provider = active!;
  try {
    if (req.url?.startsWith("/interaction/")) {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === "login") {
        await provider.interactionFinished(req, res, { login: { accountId: loginAs } }, { mergeWithLastSubmission: false });
        return;
      }
      // Consent: grant what the app asked for.
      const grant = new provider.Grant({ accountId: details.session!.accountId, clientId: String(details.params.client_id) });
      grant.addOIDCScope(String(details.params.scope));
      await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
      return;
    }
    if (req.url?.startsWith("/me")) userinfoCalls++;
    provider.callback()(req, res);
  } catch (error) {
    res.statusCode = 500;
    res.end(String(error));
  }
}

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

process.env.NEXTAUTH_URL = APP;
process.env.NEXTAUTH_SECRET = "s".repeat(40);
process.env.OIDC_ISSUER = ISSUER;
process.env.OIDC_CLIENT_ID = CLIENT.client_id;
process.env.OIDC_CLIENT_SECRET = CLIENT.client_secret;

const { getAuthOptions } = await import("@/lib/auth/options");

/** A browser's cookies, per host. */
class Jar {
  private readonly hosts = new Map<string, Map<string, string>>();
  header(url: string): string {
    return [...(this.hosts.get(new URL(url).host) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  /** Parsed, as a server reads them (values URL-decoded). */
  all(url: string): Record<string, string> {
    return Object.fromEntries([...(this.hosts.get(new URL(url).host) ?? [])].map(([k, v]) => [k, decodeURIComponent(v)]));
  }
  set(url: string, setCookie: string) {
    const host = new URL(url).host;
    const cookies = this.hosts.get(host) ?? new Map<string, string>();
    this.hosts.set(host, cookies);
    const [pair, ...attributes] = setCookie.split(";");
    const at = pair!.indexOf("=");
    const name = pair!.slice(0, at).trim();
    const value = pair!.slice(at + 1).trim();
    const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && new Date(a.split("=")[1]!).getTime() < Date.now()));
    if (expired || value === "") cookies.delete(name);
    else cookies.set(name, value);
  }
}

/** The app's auth endpoint (/api/auth/...), as next-auth answers this browser. */
async function app(jar: Jar, method: "GET" | "POST", path: string, body?: Record<string, string>) {
  const url = new URL(`${APP}/api/auth/${path}`);
  const nextauth = url.pathname.replace("/api/auth/", "").split("/");
  const answer = { status: 200, headers: new Map<string, unknown>(), body: undefined as unknown, redirect: undefined as string | undefined };
  const res = {
    status(code: number) {
      answer.status = code;
      return res;
    },
    getHeader: (name: string) => answer.headers.get(name.toLowerCase()),
    setHeader(name: string, value: unknown) {
      answer.headers.set(name.toLowerCase(), value);
      if (name.toLowerCase() === "location") answer.redirect = String(value);
      return res;
    },
    end: () => res,
    json(value: unknown) {
      answer.body = value;
      return res;
    },
    send(value: unknown) {
      answer.body = value;
      return res;
    },
  };
  const req = { method, query: { ...Object.fromEntries(url.searchParams), nextauth }, body: body ?? {}, cookies: jar.all(APP), headers: { host: "localhost:3000" } };
  await NextAuth(req as never, res as never, getAuthOptions());
  const setCookies = answer.headers.get("set-cookie");
  for (const cookie of (Array.isArray(setCookies) ? setCookies : setCookies ? [setCookies] : []) as string[]) jar.set(APP, cookie);
  if (answer.redirect === undefined && body?.json === "true") answer.redirect = (answer.body as { url?: string } | undefined)?.url;
  return answer;
}

/** Follows the provider's redirects (authorize -> login -> consent -> authorize) until one leaves it. */
async function throughProvider(jar: Jar, start: string): Promise<URL> {
  let url = start;
  for (let hop = 0; hop < 15; hop++) {
    if (!url.startsWith(ISSUER)) return new URL(url);
    const response = await fetch(url, { redirect: "manual", headers: { cookie: jar.header(url) } });
    for (const cookie of response.headers.getSetCookie()) jar.set(url, cookie);
    const location = response.headers.get("location");
    if (!location) throw new Error(`The provider answered ${response.status} at ${url}: ${await response.text()}`);
    url = new URL(location, url).toString();
  }
  throw new Error("Too many redirects at the provider");
}

/** A whole single sign-on as `sub`: where the app sends the browser, and the session it then has. */
async function signIn(sub: string) {
  loginAs = sub;
  userinfoCalls = 0;
  const jar = new Jar();
  const csrf = await app(jar, "GET", "csrf");
  const csrfToken = (csrf.body as { csrfToken: string }).csrfToken;
  expect(csrfToken).toMatch(/^[0-9a-f]{32,}$/);
  const start = await app(jar, "POST", "signin/oidc", { csrfToken, callbackUrl: `${APP}/`, json: "true" });
  expect(start.redirect).toMatch(new RegExp(`^${ISSUER}/auth\\?`));
  const authorize = new URL(start.redirect!);
  expect(authorize.searchParams.get("scope")).toBe("openid email profile");
  expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");

  const back = await throughProvider(jar, start.redirect!);
  expect(`${back.origin}${back.pathname}`).toBe(`${APP}/api/auth/callback/oidc`);
  expect(back.searchParams.get("code")).toBeTruthy();

  const callback = await app(jar, "GET", `callback/oidc${back.search}`);
  const session = await app(jar, "GET", "session");
  return { userinfoCalls, redirect: callback.redirect ?? "", session: session.body as { user?: { id: string; email: string; role: string } } };
}

describe.each([
  { mode: "claims only from UserInfo (conformIdTokenClaims: true)", provider: () => providers.userinfoOnly, idTokenHasEmail: false },
  { mode: "claims in the ID token (conformIdTokenClaims: false)", provider: () => providers.inIdToken, idTokenHasEmail: true },
])("single sign-on with a real OpenID Connect provider, $mode", ({ provider, idTokenHasEmail }) => {
  it("signs in an existing active user as that user, with our role", async () => {
    active = provider();
    const tag = idTokenHasEmail ? "idt" : "ui";
    const user = await makeUser({ role: "EXECUTIVE", email: `sso.${tag}@example.test`, password: false });
    people.set(`idp-${tag}`, { email: `SSO.${tag}@Example.test`, email_verified: true, name: "From the provider" });

    const { redirect, session, userinfoCalls: calls } = await signIn(`idp-${tag}`);
    expect(redirect).toBe(`${APP}/`);
    // The ID token had the email, or the app asked UserInfo for it (exactly once).
    expect(calls).toBe(idTokenHasEmail ? 0 : 1);
    expect(session.user).toMatchObject({ id: user.id, email: `sso.${tag}@example.test`, role: "EXECUTIVE" });
  });

  it("refuses an address the provider marks unverified", async () => {
    active = provider();
    const tag = idTokenHasEmail ? "idt" : "ui";
    await makeUser({ email: `unverified.${tag}@example.test`, password: false });
    people.set(`idp-unverified-${tag}`, { email: `unverified.${tag}@example.test`, email_verified: false, name: "Unverified" });
    const { redirect, session } = await signIn(`idp-unverified-${tag}`);
    expect(redirect).toBe("/sign-in?error=OidcNoAccount");
    expect(session.user).toBeUndefined();
  });

  it("refuses an identity with no account here", async () => {
    active = provider();
    const tag = idTokenHasEmail ? "idt" : "ui";
    people.set(`idp-stranger-${tag}`, { email: `stranger.${tag}@example.test`, email_verified: true, name: "Stranger" });
    const { redirect, session } = await signIn(`idp-stranger-${tag}`);
    expect(redirect).toBe("/sign-in?error=OidcNoAccount");
    expect(session.user).toBeUndefined();
  });
});
