// Period keys and their arithmetic. A period is named by its first day, 'YYYY-MM-DD': the
// first of a month (MONTHLY) or of a quarter's first month, Jan/Apr/Jul/Oct (QUARTERLY). Keys
// sort as strings in time order. Dates are read in UTC, which is how a Postgres `date` column
// arrives; nothing here reads the clock, so "now" is always passed in.

export type Frequency = "MONTHLY" | "QUARTERLY";
export const FREQUENCIES: readonly Frequency[] = Object.freeze(["MONTHLY", "QUARTERLY"]);

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MIN_YEAR = 1;
const MAX_YEAR = 9999;

function monthsPerPeriod(frequency: Frequency): number {
  if (frequency === "MONTHLY") return 1;
  if (frequency === "QUARTERLY") return 3;
  throw new Error(`Invalid frequency ${String(frequency)}`);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// Months counted from year 0: turns period arithmetic into integer arithmetic.
function monthIndex(year: number, month: number): number {
  return year * 12 + (month - 1);
}

function keyFromIndex(index: number): string {
  return formatPeriodKey(Math.floor(index / 12), (index % 12) + 1);
}

/** 'YYYY-MM-01' for a year (1..9999) and a month (1..12). */
export function formatPeriodKey(year: number, month: number): string {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) throw new Error(`Invalid year ${year}`);
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new Error(`Invalid month ${month}`);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-01`;
}

/** Year, month (1..12) and day of a calendar date given as Date (UTC) or 'YYYY-MM-DD'. */
function calendarDate(input: Date | string): { year: number; month: number; day: number } {
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) throw new Error("Invalid date");
    const year = input.getUTCFullYear();
    if (year < MIN_YEAR || year > MAX_YEAR) throw new Error(`Date out of range: ${input.toISOString()}`);
    return { year, month: input.getUTCMonth() + 1, day: input.getUTCDate() };
  }
  const match = typeof input === "string" ? DATE_PATTERN.exec(input) : null;
  if (!match) throw new Error(`Invalid date "${String(input)}": expected YYYY-MM-DD`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < MIN_YEAR || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new Error(`Invalid date "${input}"`);
  }
  return { year, month, day };
}

/** Parses a period key; with a frequency, also checks that the key is a period of it. */
export function parsePeriodKey(key: string, frequency?: Frequency): { year: number; month: number } {
  const { year, month, day } = calendarDate(key);
  if (day !== 1) throw new Error(`Invalid period key "${key}": a period starts on the first day of a month`);
  if (frequency !== undefined && (month - 1) % monthsPerPeriod(frequency) !== 0) {
    throw new Error(`Invalid period key "${key}": a quarter starts in January, April, July or October`);
  }
  return { year, month };
}

export function isPeriodKey(key: unknown, frequency?: Frequency): key is string {
  if (typeof key !== "string") return false;
  try {
    parsePeriodKey(key, frequency);
    return true;
  } catch {
    return false;
  }
}

/** Key of the month that contains the date. */
export function monthStart(date: Date | string): string {
  const { year, month } = calendarDate(date);
  return formatPeriodKey(year, month);
}

/** Key of the quarter that contains the date (or month key). */
export function quarterStart(date: Date | string): string {
  const { year, month } = calendarDate(date);
  return formatPeriodKey(year, month - ((month - 1) % 3));
}

/** Key of the period of `frequency` that contains the date. */
export function periodStart(date: Date | string, frequency: Frequency): string {
  return monthsPerPeriod(frequency) === 3 ? quarterStart(date) : monthStart(date);
}

/** The quarter that holds a month. */
export function quarterOfMonth(monthKey: string): string {
  parsePeriodKey(monthKey);
  return quarterStart(monthKey);
}

/** The three month keys of a quarter, in order. */
export function monthsOfQuarter(quarterKey: string): [string, string, string] {
  const { year, month } = parsePeriodKey(quarterKey, "QUARTERLY");
  return [formatPeriodKey(year, month), formatPeriodKey(year, month + 1), formatPeriodKey(year, month + 2)];
}

/** The period `n` periods after `key` (before it when n < 0). */
export function addPeriods(key: string, frequency: Frequency, n: number): string {
  if (!Number.isInteger(n)) throw new Error(`Invalid period count ${n}`);
  const { year, month } = parsePeriodKey(key, frequency);
  return keyFromIndex(monthIndex(year, month) + n * monthsPerPeriod(frequency));
}

export function nextPeriod(key: string, frequency: Frequency): string {
  return addPeriods(key, frequency, 1);
}

export function previousPeriod(key: string, frequency: Frequency): string {
  return addPeriods(key, frequency, -1);
}

/**
 * Every period from the one containing `from` to the one containing `to`, both included,
 * ascending; empty when `from` lies in a later period than `to`.
 */
export function periodsBetween(from: Date | string, to: Date | string, frequency: Frequency): string[] {
  const step = monthsPerPeriod(frequency);
  const first = parsePeriodKey(periodStart(from, frequency));
  const last = parsePeriodKey(periodStart(to, frequency));
  const keys: string[] = [];
  for (let i = monthIndex(first.year, first.month); i <= monthIndex(last.year, last.month); i += step) {
    keys.push(keyFromIndex(i));
  }
  return keys;
}

/** The `count` periods ending with the one containing `end`, ascending (e.g. the last 24). */
export function lastPeriods(end: Date | string, frequency: Frequency, count: number): string[] {
  if (!Number.isInteger(count) || count < 0) throw new Error(`Invalid period count ${count}`);
  if (count === 0) return [];
  const last = periodStart(end, frequency);
  return periodsBetween(addPeriods(last, frequency, 1 - count), last, frequency);
}

/**
 * The period whose value a monthly view shows for `monthKey`: the month itself for a monthly
 * KPI, the quarter that contains the month for a quarterly one.
 */
export function viewPeriod(frequency: Frequency, monthKey: string): string {
  parsePeriodKey(monthKey);
  return periodStart(monthKey, frequency);
}

/** UTC midnight of the period's first day (the value of a `date` column). */
export function periodToDate(key: string): Date {
  const { year, month } = parsePeriodKey(key);
  const date = new Date(Date.UTC(2000, month - 1, 1));
  date.setUTCFullYear(year); // Date.UTC maps years 0..99 to 1900..1999
  return date;
}

/** A short, locale-free label: '2025-03' for a month, '2025-Q1' for a quarter. */
export function periodLabel(key: string, frequency: Frequency): string {
  const { year, month } = parsePeriodKey(key, frequency);
  const yyyy = String(year).padStart(4, "0");
  return frequency === "QUARTERLY" ? `${yyyy}-Q${(month + 2) / 3}` : `${yyyy}-${String(month).padStart(2, "0")}`;
}

export function comparePeriods(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The row in force in `period` among effective-dated rows (thresholds, weights): the one with
 * the latest effectiveFrom on or before the period. effectiveFrom is a 'YYYY-MM-DD' key.
 */
export function effectiveAt<T extends { effectiveFrom: string }>(rows: ReadonlyArray<T>, period: string): T | undefined {
  let best: T | undefined;
  for (const row of rows) {
    if (row.effectiveFrom <= period && (best === undefined || row.effectiveFrom > best.effectiveFrom)) best = row;
  }
  return best;
}

/** Whether a period's value can be owed yet: OPEN until it ends, DUE once ended, OVERDUE after the grace days. */
export type DueState = "OPEN" | "DUE" | "OVERDUE";

/** Days a period's values may arrive late before they count as overdue (the default). */
export const DEFAULT_GRACE_DAYS = 10;

/**
 * Due state of a period of `frequency` on the day `today` ('YYYY-MM-DD' or a UTC Date): a period
 * ends when the next one starts; it is overdue `graceDays` days after that.
 */
export function dueState(key: string, frequency: Frequency, today: Date | string, graceDays: number = DEFAULT_GRACE_DAYS): DueState {
  if (!Number.isInteger(graceDays) || graceDays < 0) throw new Error(`Invalid grace days ${graceDays}`);
  const end = periodToDate(nextPeriod(key, frequency));
  const { year, month, day } = calendarDate(today);
  const todayDate = new Date(Date.UTC(2000, month - 1, day)); // 2000 is a leap year: 29 Feb survives
  todayDate.setUTCFullYear(year); // Date.UTC maps years 0..99 to 1900..1999
  if (todayDate < end) return "OPEN";
  const overdueFrom = new Date(end.getTime() + graceDays * 86_400_000);
  return todayDate < overdueFrom ? "DUE" : "OVERDUE";
}
