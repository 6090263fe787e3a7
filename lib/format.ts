// Display formatting with Intl, shared by server and client components. Numbers arrive here
// already computed (lib/scoring); this only turns them into text.

const LOCALE = "en-GB";

const scoreFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const percentFormat = new Intl.NumberFormat(LOCALE, { style: "percent", maximumFractionDigits: 0 });
const monthFormat = new Intl.DateTimeFormat(LOCALE, { month: "long", year: "numeric", timeZone: "UTC" });
const dateFormat = new Intl.DateTimeFormat(LOCALE, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** A 0..100 score as a whole number, or an en dash when there is none. */
export function formatScore(score: number | null): string {
  return score === null ? "–" : scoreFormat.format(score);
}

/** A 0..1 share as a percentage. */
export function formatShare(share: number): string {
  return percentFormat.format(share);
}

/** 'YYYY-MM-DD' period key as "October 2026" or "Q4 2026". */
export function formatPeriod(key: string, frequency: "MONTHLY" | "QUARTERLY" = "MONTHLY"): string {
  const [year, month] = key.split("-").map(Number) as [number, number];
  if (frequency === "QUARTERLY") return `Q${Math.floor((month - 1) / 3) + 1} ${year}`;
  return monthFormat.format(new Date(Date.UTC(year, month - 1, 1)));
}

export function formatDate(date: Date | string): string {
  return dateFormat.format(typeof date === "string" ? new Date(date) : date);
}
