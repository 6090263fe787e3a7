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

/** The UTC month ('YYYY-MM-01') of `at`: read it where a test uses "this month", not once at file load. */
export function utcMonth(at: Date = new Date()): string {
  return `${utcDay(at).slice(0, 7)}-01`;
}

/**
 * Runs `call` with the current UTC month and returns the result of a run that began and ended in
 * that month: when the month turned during the call, it runs once more, also when its checks
 * failed (a month turns at most once in a test). For checks whose verdict depends on which month
 * is current, such as "next month has not started yet", with no faked clock: the code under test
 * and the database read the real one. `call` must be safe to run twice (each run makes its own
 * rows, or writes nothing).
 */
export async function inOneMonth<T>(call: (month: string) => Promise<T>): Promise<T> {
  const month = utcMonth();
  try {
    const result = await call(month);
    if (utcMonth() === month) return result;
  } catch (error) {
    if (utcMonth() === month) throw error; // a real failure, not the calendar's
  }
  return call(utcMonth());
}
