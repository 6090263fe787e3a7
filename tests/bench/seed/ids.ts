// Bench rows get deterministic ids the size of a cuid (25 characters): "cb", one letter for the
// table, then a zero-padded number. Seeding twice with the same options gives the same ids.
// Every natural key carries a bench marker too, so bench rows are told apart from others.

export const BENCH_SCORECARD_SLUG = "bench";
export const BENCH_PERSONA_PREFIX = "bench-";
export const BENCH_KPI_PREFIX = "BENCH-";
export const BENCH_EMAIL_DOMAIN = "@bench.test";
export const BENCH_DEPARTMENT_PREFIX = "Bench ";
export const BENCH_EXECUTIVE_EMAIL = `exec${BENCH_EMAIL_DOMAIN}`;

/** The slug of the n-th bench persona (1-based). */
export function benchPersonaSlug(n: number): string {
  return `${BENCH_PERSONA_PREFIX}persona-${String(n).padStart(3, "0")}`;
}

export type IdKind = "d" | "u" | "s" | "p" | "o" | "l" | "k" | "t" | "q" | "a" | "w" | "m";

export function benchId(kind: IdKind, n: number): string {
  return `cb${kind}${String(n).padStart(22, "0")}`;
}

/** The same id, computed in SQL from a bigint expression (for rows generated in the database). */
export function benchIdSql(kind: IdKind, numberSql: string): string {
  return `'cb${kind}' || lpad((${numberSql})::text, 22, '0')`;
}
