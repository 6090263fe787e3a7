import { describe, expect, it } from "vitest";
import { EnvError, isProductionDatabase, parseEnv } from "@/lib/env";

describe("parseEnv", () => {
  it("accepts an empty environment: embedded database, development defaults", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PGLITE_DATA_DIR).toBe(".data/pglite");
    expect(env.DATABASE_POOL_SIZE).toBe(10);
    expect(env.SKIP_DEMO_SEED).toBe(false);
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", NEXTAUTH_SECRET: "" }).DATABASE_URL).toBeUndefined();
  });

  it("names a malformed DATABASE_URL", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ connection URL/);
  });

  it("names every bad variable at once", () => {
    try {
      parseEnv({ DATABASE_POOL_SIZE: "zero", NEXTAUTH_SECRET: "short" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      const problems = (error as EnvError).problems.join("\n");
      expect(problems).toMatch(/DATABASE_POOL_SIZE/);
      expect(problems).toMatch(/NEXTAUTH_SECRET must be at least 32 characters/);
    }
  });

  it("turns the read-model cache on by default, off with READ_CACHE=off, and refuses anything else", () => {
    expect(parseEnv({}).READ_CACHE).toBe("on");
    expect(parseEnv({ READ_CACHE: "off" }).READ_CACHE).toBe("off");
    expect(() => parseEnv({ READ_CACHE: "false" })).toThrow(/READ_CACHE/);
  });

  it("requires the OIDC variables together", () => {
    expect(() => parseEnv({ OIDC_ISSUER: "https://id.example.com" })).toThrow(/OIDC_CLIENT_ID is required when OIDC_ISSUER is set/);
    expect(parseEnv({ OIDC_ISSUER: "https://id.example.com", OIDC_CLIENT_ID: "a", OIDC_CLIENT_SECRET: "b" }).OIDC_CLIENT_ID).toBe("a");
  });

  it("calls production only NODE_ENV=production with a real database", () => {
    expect(isProductionDatabase(parseEnv({ NODE_ENV: "production" }))).toBe(false);
    expect(isProductionDatabase(parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgresql://u:p@h/db" }))).toBe(true);
  });
});
