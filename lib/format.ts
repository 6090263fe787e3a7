// Display formatting with Intl, shared by server and client components. Numbers arrive here
// already computed (lib/scoring); this only turns them into text.

const LOCALE = "en-GB";

const scoreFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const percentFormat = new Intl.NumberFormat(LOCALE, { style: "percent", maximumFractionDigits: 0 });
const smallPercentFormat = new Intl.NumberFormat(LOCALE, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });
const monthFormat = new Intl.DateTimeFormat(LOCALE, { month: "long", year: "numeric", timeZone: "UTC" });
const dateFormat = new Intl.DateTimeFormat(LOCALE, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

const countFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });

/** A count of things ("1,383"). */
export function formatCount(n: number): string {
  return countFormat.format(n);
}

/** A 0..100 score as a whole number, or an en dash when there is none. */
export function formatScore(score: number | null): string {
  return score === null ? "–" : scoreFormat.format(score);
}

/**
 * A 0..1 share as a percentage: whole percents, except near the ends, where rounding would lie: a
 * share that counts but is under 1% gets one decimal ("<0.1%" below that), so it never reads "0%",
 * and one short of complete gets one too (">99.9%" above that), so it never reads "100%".
 */
export function formatShare(share: number): string {
  if (share > 0 && share < 0.0095) return share < 0.0005 ? `<${smallPercentFormat.format(0.001)}` : smallPercentFormat.format(share);
  if (share < 1 && share >= 0.995) return share >= 0.9995 ? `>${smallPercentFormat.format(0.999)}` : smallPercentFormat.format(Math.floor(share * 1000) / 1000);
  return percentFormat.format(share);
}

/**
 * Remembers the texts of string inputs: a persona scorecard formats the same few periods and
 * dates in every one of its up to 150 rows (each sparkline's words name two periods), and each
 * Intl call with a fresh Date costs more on the server than a lookup. Bounded, as inputs are
 * open-ended; the texts depend only on the input (fixed locale and time zone).
 */
function remembered(format: (key: string) => string): (key: string) => string {
  const texts = new Map<string, string>();
  return (key) => {
    let text = texts.get(key);
    if (text === undefined) {
      if (texts.size >= 2000) texts.clear();
      text = format(key);
      texts.set(key, text);
    }
    return text;
  };
}

const monthText = remembered((key) => {
  const [year, month] = key.split("-").map(Number) as [number, number];
  return monthFormat.format(new Date(Date.UTC(year, month - 1, 1)));
});

/** 'YYYY-MM-DD' period key as "October 2026" or "Q4 2026". */
export function formatPeriod(key: string, frequency: "MONTHLY" | "QUARTERLY" = "MONTHLY"): string {
  if (frequency === "QUARTERLY") {
    const [year, month] = key.split("-").map(Number) as [number, number];
    return `Q${Math.floor((month - 1) / 3) + 1} ${year}`;
  }
  return monthText(key);
}

const dateText = remembered((iso) => dateFormat.format(new Date(iso)));

export function formatDate(date: Date | string): string {
  return typeof date === "string" ? dateText(date) : dateFormat.format(date);
}

const valueFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 2 });
const deltaFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1, signDisplay: "exceptZero" });
const dateTimeFormat = new Intl.DateTimeFormat(LOCALE, { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC" });

export interface UnitInfo {
  unit: "PERCENT" | "RATIO" | "COUNT" | "CURRENCY" | "DURATION" | "SCORE";
  currencyCode?: string | null;
  durationUnit?: string | null;
}

const currencyFormats = new Map<string, Intl.NumberFormat>();
function currencyFormat(code: string): Intl.NumberFormat {
  let format = currencyFormats.get(code);
  if (!format) {
    try {
      format = new Intl.NumberFormat(LOCALE, { style: "currency", currency: code, maximumFractionDigits: 2 });
    } catch {
      format = valueFormat; // an unknown currency code still shows its number
    }
    currencyFormats.set(code, format);
  }
  return format;
}

/** A KPI value with its unit ("42.5%", "€1,200", "3.5 days"), or "no data". */
export function formatValue(value: number | null, info: UnitInfo): string {
  if (value === null) return "no data";
  switch (info.unit) {
    case "PERCENT":
      return `${valueFormat.format(value)}%`;
    case "CURRENCY":
      return info.currencyCode ? currencyFormat(info.currencyCode).format(value) : valueFormat.format(value);
    case "DURATION":
      return info.durationUnit ? `${valueFormat.format(value)} ${info.durationUnit}` : valueFormat.format(value);
    default:
      return valueFormat.format(value);
  }
}

/** A signed change ("+2.5", "−1", "0"), or an en dash when there is none. */
export function formatDelta(delta: number | null): string {
  return delta === null ? "–" : deltaFormat.format(delta);
}

const dateTimeText = remembered((iso) => `${dateTimeFormat.format(new Date(iso))} UTC`);

export function formatDateTime(iso: string | Date): string {
  return typeof iso === "string" ? dateTimeText(iso) : `${dateTimeFormat.format(iso)} UTC`;
}

/** The unit in words, for table headers and screen readers. */
export function unitLabel(info: UnitInfo): string {
  switch (info.unit) {
    case "PERCENT":
      return "percent";
    case "RATIO":
      return "ratio";
    case "COUNT":
      return "count";
    case "CURRENCY":
      return info.currencyCode ?? "currency";
    case "DURATION":
      return info.durationUnit ?? "duration";
    case "SCORE":
      return "score";
  }
}

const relativeFormat = new Intl.RelativeTimeFormat(LOCALE, { numeric: "auto" });

/** How long ago an instant was, in words ("3 days ago", "yesterday", "2 months ago"). */
export function formatAge(iso: string | Date, now: Date = new Date()): string {
  const seconds = Math.round(((typeof iso === "string" ? new Date(iso) : iso).getTime() - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 3600) return relativeFormat.format(Math.round(seconds / 60), "minute");
  if (abs < 86_400) return relativeFormat.format(Math.round(seconds / 3600), "hour");
  if (abs < 86_400 * 45) return relativeFormat.format(Math.round(seconds / 86_400), "day");
  if (abs < 86_400 * 365) return relativeFormat.format(Math.round(seconds / (86_400 * 30)), "month");
  return relativeFormat.format(Math.round(seconds / (86_400 * 365)), "year");
}

/**
 * Personas named in a sentence, with those outside the reader's access only counted:
 * "SMB Owner, Student and 2 other personas"; `none` when there are none at all.
 */
export function formatPersonaNames(names: readonly string[], others: number, none: string): string {
  const parts = [...names];
  if (others > 0) parts.push(`${others} other ${others === 1 ? "persona" : "personas"}`);
  if (parts.length === 0) return none;
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}
