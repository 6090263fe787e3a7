import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env, isProductionDatabase, type Env } from "@/lib/env";

// The key that signs and encrypts session cookies. Production (a real database) must be given
// NEXTAUTH_SECRET; the embedded demo makes one on first start and keeps it next to its data
// (<PGLITE_DATA_DIR>/../nextauth-secret, inside the git-ignored .data folder), so sessions
// survive restarts without anyone configuring anything.

export class MissingAuthSecretError extends Error {
  constructor() {
    super(
      "NEXTAUTH_SECRET is not set. Production refuses to start without it: set NEXTAUTH_SECRET to a random " +
        "string of at least 32 characters (for example the output of `openssl rand -base64 32`), the same on every server.",
    );
    this.name = "MissingAuthSecretError";
  }
}

/** Where the embedded demo keeps its generated secret. */
export function demoSecretPath(config: Env = env()): string {
  return path.join(path.dirname(path.resolve(config.PGLITE_DATA_DIR)), "nextauth-secret");
}

let resolved: string | undefined;

function readSecret(file: string): string | null {
  try {
    return readFileSync(file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/**
 * The session secret: NEXTAUTH_SECRET when set; otherwise throws MissingAuthSecretError in
 * production on a real database, and elsewhere reads (or creates once) the demo secret file.
 * Call it at start-up so a misconfigured production server stops with a clear message.
 */
export function resolveAuthSecret(config: Env = env()): string {
  if (config.NEXTAUTH_SECRET) return config.NEXTAUTH_SECRET;
  if (isProductionDatabase(config)) throw new MissingAuthSecretError();
  if (resolved && config === env()) return resolved;

  const file = demoSecretPath(config);
  let secret = readSecret(file);
  if (secret === null || secret.length < 32) {
    mkdirSync(path.dirname(file), { recursive: true });
    const fresh = randomBytes(32).toString("base64url");
    try {
      // wx: when two processes race to create it, the loser reads the winner's secret.
      writeFileSync(file, `${fresh}\n`, { encoding: "utf8", mode: 0o600, flag: secret === null ? "wx" : "w" });
      secret = fresh;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      secret = readSecret(file) ?? "";
    }
  }
  if (config === env()) resolved = secret;
  return secret;
}
