import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { demoSecretPath, MissingAuthSecretError, resolveAuthSecret } from "@/lib/auth/secret";
import { parseEnv } from "@/lib/env";

const dataDir = () => path.join(mkdtempSync(path.join(tmpdir(), "ps-secret-")), ".data", "pglite");

describe("resolveAuthSecret", () => {
  it("uses NEXTAUTH_SECRET when it is set", () => {
    const secret = "s".repeat(40);
    expect(resolveAuthSecret(parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://db/app", NEXTAUTH_SECRET: secret }))).toBe(secret);
  });

  it("refuses to run production on a real database without it, saying what to do", () => {
    const config = parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://db/app" });
    expect(() => resolveAuthSecret(config)).toThrow(MissingAuthSecretError);
    expect(() => resolveAuthSecret(config)).toThrow(/NEXTAUTH_SECRET is not set.*openssl rand -base64 32/s);
  });

  it("the embedded demo makes one once, next to its data, and keeps it", () => {
    const config = parseEnv({ NODE_ENV: "production", PGLITE_DATA_DIR: dataDir() });
    const file = demoSecretPath(config);
    expect(path.basename(file)).toBe("nextauth-secret");
    expect(path.dirname(file)).toBe(path.dirname(config.PGLITE_DATA_DIR));
    const first = resolveAuthSecret(config);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(file, "utf8").trim()).toBe(first);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(resolveAuthSecret(config)).toBe(first);
  });

  it("replaces an empty or truncated secret file", () => {
    const config = parseEnv({ PGLITE_DATA_DIR: dataDir() });
    resolveAuthSecret(config);
    writeFileSync(demoSecretPath(config), "short\n");
    expect(resolveAuthSecret(config).length).toBeGreaterThanOrEqual(32);
  });
});
