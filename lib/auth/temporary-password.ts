import { randomInt } from "node:crypto";

// Temporary passwords that admins read out or paste: no look-alike characters (0/o, 1/l/i),
// four groups of four, about 78 bits of entropy. Shown once; only the hash is stored.
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

export function generateTemporaryPassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    let group = "";
    for (let i = 0; i < 4; i++) group += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(group);
  }
  return groups.join("-");
}
