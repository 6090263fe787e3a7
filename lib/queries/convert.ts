// Conversions at the query boundary: database values in, plain serialisable values out.

/** A `date` column (UTC midnight) as its 'YYYY-MM-DD' period key. */
export function toPeriodKey(date: Date): string {
  return date.toISOString().slice(0, 10);
}

