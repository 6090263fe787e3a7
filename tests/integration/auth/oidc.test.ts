import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { makeUser } from "../commands/fixtures";

// The OIDC provider, switched on by environment variables: an identity from the provider is
// matched to an existing active user by email, and role and department always come from here.
process.env.NEXTAUTH_SECRET = "x".repeat(40);
process.env.OIDC_ISSUER = "https://id.example.test/realms/acme";
process.env.OIDC_CLIENT_ID = "persona-scorecard";
process.env.OIDC_CLIENT_SECRET = "shh";
process.env.OIDC_DISPLAY_NAME = "Acme SSO";

const { getAuthOptions, oidcSignIn } = await import("@/lib/auth/options");

type Callbacks = Required<NonNullable<ReturnType<typeof getAuthOptions>["callbacks"]>>;
const callbacks = () => getAuthOptions().callbacks as Callbacks;
const oidcAccount = { provider: "oidc", type: "oauth", providerAccountId: "idp-subject" } as const;

describe("OIDC sign-in", () => {
  it("is offered when configured", () => {
    expect(oidcSignIn()).toEqual({ id: "oidc", name: "Acme SSO" });
    const provider = getAuthOptions().providers.find((p) => p.id === "oidc") as { wellKnown?: string; checks?: string[] };
    expect(provider.wellKnown).toBe("https://id.example.test/realms/acme/.well-known/openid-configuration");
    expect(provider.checks).toEqual(["pkce", "state"]);
  });

  it("lets in an existing active user and puts our id, role and department in the token", async () => {
    const user = await makeUser({ role: "KPI_OWNER", email: "sso.user@example.test", password: false });
    const idpUser = { id: "idp-subject", email: "SSO.User@Example.test", name: "From IdP" };
    expect(await callbacks().signIn({ user: idpUser, account: oidcAccount, profile: { sub: "idp-subject", email: idpUser.email, email_verified: true } } as never)).toBe(true);
    const token = await callbacks().jwt({ token: { sub: "idp-subject", role: "ADMIN" }, user: { ...idpUser, role: "ADMIN" }, account: oidcAccount } as never);
    expect(token).toMatchObject({ sub: user.id, role: "KPI_OWNER", departmentId: null, email: "sso.user@example.test" });
  });

  it("never grants a role from the provider's claims", async () => {
    await makeUser({ role: "EXECUTIVE", email: "claims@example.test" });
    const token = await callbacks().jwt({
      token: {},
      user: { id: "x", email: "claims@example.test", role: "ADMIN" },
      account: oidcAccount,
      profile: { roles: ["ADMIN"] },
    } as never);
    expect(token.role).toBe("EXECUTIVE");
  });

  it("refuses an email with no account, a deactivated account, or an unverified email", async () => {
    await makeUser({ email: "inactive.sso@example.test", active: false });
    await makeUser({ email: "unverified@example.test" });
    const attempt = (email: string, verified = true) =>
      callbacks().signIn({ user: { id: "s", email }, account: oidcAccount, profile: { sub: "s", email, email_verified: verified } } as never);
    expect(await attempt("stranger@example.test")).toBe("/sign-in?error=OidcNoAccount");
    expect(await attempt("inactive.sso@example.test")).toBe("/sign-in?error=AccountInactive");
    expect(await attempt("unverified@example.test", false)).toBe("/sign-in?error=OidcNoAccount");
    const db = await getDb();
    expect(await db.user.count({ where: { email: "stranger@example.test" } })).toBe(0);
  });

  it("leaves credentials sign-ins to the credentials provider", async () => {
    expect(await callbacks().signIn({ user: { id: "u" }, account: { provider: "credentials", type: "credentials", providerAccountId: "u" } } as never)).toBe(true);
  });
});
