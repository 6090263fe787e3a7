// For tests of code that reads the clock itself (a command's "today", a route's current month):
// the days (or months) the call could have seen, taken just before and just after it. Normally
// one; two only when the call straddled midnight UTC (or the turn of a month), so a run at
// 23:59:59 accepts the day the code saw instead of failing on the clock alone, and any other run
// asserts exactly as before.

/** The UTC calendar day (YYYY-MM-DD) of `at`. */
export function utcDay(at: Date = new Date()): string {
  return at.toISOString().slice(0, 10);
}

/** Runs `call` and returns its result with the UTC days it may have seen (one, or two across midnight). */
export async function acrossDays<T>(call: () => Promise<T>): Promise<{ result: T; days: string[] }> {
  const before = utcDay();
  const result = await call();
  const after = utcDay();
  return { result, days: before === after ? [before] : [before, after] };
}

/** The same day shifted by `f` for each day seen: the values a date-dependent result may take. */
export function expectedFor<T>(days: string[], f: (day: Date) => T): T[] {
  return days.map((d) => f(new Date(`${d}T00:00:00.000Z`)));
}
