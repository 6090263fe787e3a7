import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { resolveAuthSecret } from "./secret";
import { normalizeEmail, signInWithPassword } from "./sign-in";
import { SIGN_IN_ERROR } from "./sign-in-errors";

// next-auth 4 configuration: a credentials provider (fields `email`, `password`) always, and an
// OpenID Connect provider when OIDC_ISSUER / OIDC_CLIENT_ID / OIDC_CLIENT_SECRET are set.
// Sessions are JWTs carrying the user id, role and department; lib/auth/session re-reads the
// user on every request, so deactivation and role changes take effect at once.

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;
export const OIDC_PROVIDER_ID = "oidc";

export interface OidcProfile {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  preferred_username?: string;
}

/**
 * The identity claims of an OIDC sign-in: the ID token's, completed from UserInfo when the ID
 * token carries no email. The email and its `email_verified` always come from the same source,
 * so an unverified UserInfo address is never paired with a verification from elsewhere.
 */
export async function claimsWithUserInfo(idToken: OidcProfile, userinfo: () => Promise<Partial<OidcProfile>>): Promise<OidcProfile> {
  if (idToken.email) return idToken;
  const extra = await userinfo();
  if (extra.sub !== undefined && extra.sub !== idToken.sub) throw new Error("UserInfo answered for another subject");
  const { email, email_verified, name, preferred_username } = extra;
  return {
    ...idToken,
    email,
    email_verified,
    name: idToken.name ?? name,
    preferred_username: idToken.preferred_username ?? preferred_username,
  };
}

function oidcProvider(): OAuthConfig<OidcProfile> | null {
  const config = env();
  if (!config.OIDC_ISSUER || !config.OIDC_CLIENT_ID || !config.OIDC_CLIENT_SECRET) return null;
  const issuer = config.OIDC_ISSUER.replace(/\/+$/, "");
  return {
    id: OIDC_PROVIDER_ID,
    name: config.OIDC_DISPLAY_NAME,
    type: "oauth",
    wellKnown: `${issuer}/.well-known/openid-configuration`,
    issuer,
    clientId: config.OIDC_CLIENT_ID,
    clientSecret: config.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    // OIDC Core 5.4: a provider may return `email` and `profile` claims from its UserInfo endpoint
    // rather than in the ID token. next-auth (idToken: true) reads the ID token only, so when it
    // has no email, ask UserInfo (openid-client refuses an answer whose `sub` differs from the
    // ID token's, OIDC Core 5.3.2) and take the email with its own `email_verified`.
    userinfo: {
      async request({ tokens, client }) {
        // At run time `tokens` is openid-client's TokenSet (next-auth's callback.js builds it).
        const tokenSet = tokens as unknown as Extract<Parameters<typeof client.userinfo>[0], { claims: unknown }>;
        return claimsWithUserInfo(tokenSet.claims() as unknown as OidcProfile, () => client.userinfo(tokenSet) as Promise<Partial<OidcProfile>>);
      },
    },
    // Only identity comes from the provider; role and department always come from our database.
    profile(profile) {
      return { id: profile.sub, email: profile.email ?? "", name: profile.name ?? profile.preferred_username ?? profile.email ?? "" };
    },
  };
}

function clientIp(headers: Record<string, unknown> | undefined): string | null {
  const forwarded = headers?.["x-forwarded-for"];
  const value = typeof forwarded === "string" ? forwarded.split(",")[0]?.trim() : undefined;
  if (value) return value.slice(0, 100);
  const real = headers?.["x-real-ip"];
  return typeof real === "string" && real ? real.slice(0, 100) : null;
}

function buildAuthOptions(): NextAuthOptions {
  const oidc = oidcProvider();
  return {
    secret: resolveAuthSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
        },
        async authorize(credentials, req) {
          const result = await signInWithPassword({
            email: credentials?.email,
            password: credentials?.password,
            ip: clientIp(req?.headers),
          });
          if (result.ok) {
            const { actor } = result;
            return { id: actor.id, email: actor.email, name: actor.name, role: actor.role, departmentId: actor.departmentId };
          }
          // next-auth passes a thrown message on as ?error=...; the sign-in page maps these codes
          // to plain-language messages (it never prints the parameter itself).
          if (result.reason === "locked") throw new Error(`${SIGN_IN_ERROR.rateLimited}-${result.minutes}`);
          if (result.reason === "inactive") throw new Error(SIGN_IN_ERROR.inactive);
          return null;
        },
      }),
      ...(oidc ? [oidc] : []),
    ],
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        // An OIDC identity signs in only as an existing, active user with the same (verified) email.
        const claims = profile as OidcProfile | undefined;
        if (!user.email || claims?.email_verified === false) return `/sign-in?error=${SIGN_IN_ERROR.oidcNoAccount}`;
        const db = await getDb();
        const existing = await db.user.findUnique({ where: { email: normalizeEmail(user.email) }, select: { id: true, active: true } });
        if (!existing) return `/sign-in?error=${SIGN_IN_ERROR.oidcNoAccount}`;
        if (!existing.active) return `/sign-in?error=${SIGN_IN_ERROR.inactive}`;
        await db.user.update({ where: { id: existing.id }, data: { lastSignInAt: new Date() } });
        return true;
      },
      async jwt({ token, user, account }) {
        if (!user) return token;
        // At sign-in: the token's subject is our user id (for OIDC, not the provider's subject),
        // and role/department are ours.
        const db = await getDb();
        const where = account?.provider === OIDC_PROVIDER_ID ? { email: normalizeEmail(user.email ?? "") } : { id: user.id };
        const row = await db.user.findUnique({ where, select: { id: true, email: true, name: true, role: true, departmentId: true } });
        if (!row) throw new Error(SIGN_IN_ERROR.oidcNoAccount);
        return { ...token, sub: row.id, email: row.email, name: row.name, role: row.role, departmentId: row.departmentId, signedInAt: Date.now() };
      },
      async session({ session, token }) {
        if (token.sub && token.role) {
          session.user = {
            id: token.sub,
            email: token.email ?? "",
            name: token.name ?? "",
            role: token.role,
            departmentId: token.departmentId ?? null,
            signedInAt: token.signedInAt,
          };
        }
        return session;
      },
    },
    // Through the web logger (lib/log.ts): the code, the provider and an error's message, never
    // the metadata as a whole (it can hold token sets and profiles); the logger redacts secrets too.
    logger: {
      error(code, metadata) {
        const meta = (metadata ?? {}) as { error?: unknown; providerId?: unknown };
        const error = metadata instanceof Error ? metadata : meta.error instanceof Error ? meta.error : undefined;
        log().error({ nextAuthCode: code, providerId: typeof meta.providerId === "string" ? meta.providerId : undefined, reason: error?.message }, `[next-auth] ${code}`);
      },
      warn(code) {
        if (code !== "DEBUG_ENABLED") log().warn({ nextAuthCode: code }, `[next-auth] ${code}`);
      },
      debug() {},
    },
  };
}

let cached: NextAuthOptions | undefined;

/** The next-auth options, built once per process (the secret is resolved on first use, not at import). */
export function getAuthOptions(): NextAuthOptions {
  cached ??= buildAuthOptions();
  return cached;
}

/** Whether the single sign-on button is shown, and its label. */
export function oidcSignIn(): { id: string; name: string } | null {
  const provider = oidcProvider();
  return provider ? { id: provider.id, name: provider.name } : null;
}
