import { addPeriods, isPeriodKey, periodsBetween } from "@/lib/scoring";

// Periods as they arrive in URLs ('YYYY-MM', or a full 'YYYY-MM-01' key) and the month lists
// that period pickers offer.

export type PeriodParam = { ok: true; month: string | null } | { ok: false; message: string };

/** 'YYYY-MM' or 'YYYY-MM-01' -> the month's key; absent -> null (the screen picks a default). */
export function parseMonthParam(raw: string | null | undefined, name = "period"): PeriodParam {
  if (raw === null || raw === undefined || raw === "") return { ok: true, month: null };
  const key = /^\d{4}-\d{2}$/.test(raw) ? `${raw}-01` : raw;
  if (!isPeriodKey(key)) return { ok: false, message: `${name} must be a month written YYYY-MM, such as 2026-10; got "${raw.slice(0, 20)}".` };
  return { ok: true, month: key };
}

/** The months between two keys, newest first (for a picker). */
export function monthsNewestFirst(first: string, last: string): string[] {
  return periodsBetween(first, last, "MONTHLY").reverse();
}

/** The month before, as a key. */
export function previousMonth(month: string): string {
  return addPeriods(month, "MONTHLY", -1);
}

/** 'YYYY-MM' for URLs. */
export function monthParam(month: string): string {
  return month.slice(0, 7);
}

/**
 * The months a month-by-month screen links to from `month`: the one before, and the one after
 * only while it is not after `current` (the month that holds today). Values can be entered up to
 * the current period, never for one that has not started.
 */
export function neighbourMonths(month: string, current: string): { previous: string; next: string | null } {
  const next = addPeriods(month, "MONTHLY", 1);
  return { previous: addPeriods(month, "MONTHLY", -1), next: next <= current ? next : null };
}
