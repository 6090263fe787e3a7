import "server-only";
import { randomBytes } from "node:crypto";

// Row ids made in code for rows written with raw SQL (bulk statements, a large audit event),
// shaped like the ids Prisma's @default(cuid()) gives the same tables.

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/** `count` new row ids shaped like Prisma's cuid ("c" + 24 lower-case letters and digits), from one random buffer. */
export function newIds(count: number): string[] {
  const bytes = randomBytes(24 * count);
  const out = new Array<string>(count);
  for (let i = 0; i < count; i++) {
    let id = "c";
    for (let j = i * 24, end = j + 24; j < end; j++) id += ALPHABET[(bytes[j] as number) % 36];
    out[i] = id;
  }
  return out;
}

/** A new row id shaped like Prisma's cuid. */
export function newId(): string {
  return newIds(1)[0] as string;
}
