import type { Prisma } from "@/lib/generated/prisma/client";

// Bringing stored rows in line with the plan, for tables whose rows have no unique key Prisma
// can upsert by (or are too many for one upsert each), and the comparisons that decide whether
// a stored row already matches, so an unchanged row is never written.

/** A date column's value as 'YYYY-MM-DD', for natural keys. */
export function dateKey(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function sameDecimal(stored: Prisma.Decimal | null, wanted: number | string | null): boolean {
  if (stored === null || wanted === null) return stored === wanted;
  return stored.equals(wanted);
}

export function sameDate(stored: Date | null, wanted: Date | null): boolean {
  return stored === null || wanted === null ? stored === wanted : stored.getTime() === wanted.getTime();
}

/**
 * One bulk insert for the missing rows, an update only for those that differ. Returns the
 * stored rows the plan does not name, for the caller to keep or delete.
 */
export async function reconcile<D, E extends { id: string }>(args: {
  wanted: D[];
  stored: E[];
  /** The natural key, computed the same way for planned and stored rows. */
  key: (row: D | E) => string;
  same: (wanted: D, stored: E) => boolean;
  create: (rows: D[]) => Promise<unknown>;
  update: (wanted: D, stored: E) => Promise<unknown>;
}): Promise<{ created: number; updated: number; extra: E[] }> {
  const stored = new Map(args.stored.map((row) => [args.key(row), row]));
  const missing: D[] = [];
  let updated = 0;
  const seen = new Set<string>();
  for (const row of args.wanted) {
    const key = args.key(row);
    seen.add(key);
    const existing = stored.get(key);
    if (!existing) missing.push(row);
    else if (!args.same(row, existing)) {
      await args.update(row, existing);
      updated++;
    }
  }
  if (missing.length > 0) await args.create(missing);
  return { created: missing.length, updated, extra: args.stored.filter((row) => !seen.has(args.key(row))) };
}
