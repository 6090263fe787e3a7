import { createHash, randomBytes } from "node:crypto";

// The shape of an API token: "psk_" + 32 random bytes in base64url (43 characters). Only its
// sha-256 (hex) is stored; the first 12 characters are kept to recognise it in a list.

export const API_TOKEN_PREFIX = "psk_";
export const API_TOKEN_SHOWN_PREFIX_LENGTH = 12;
const TOKEN_PATTERN = /^psk_[A-Za-z0-9_-]{43}$/;

export function generateApiToken(): { token: string; tokenHash: string; prefix: string } {
  const token = API_TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return { token, tokenHash: hashApiToken(token), prefix: token.slice(0, API_TOKEN_SHOWN_PREFIX_LENGTH) };
}

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function looksLikeApiToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}
