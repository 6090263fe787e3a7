import type { ClientBase } from "pg";
import { BENCH_DEPARTMENT_PREFIX, BENCH_EMAIL_DOMAIN, BENCH_KPI_PREFIX, BENCH_PERSONA_PREFIX, BENCH_SCORECARD_SLUG } from "./ids";
import { parseBenchDescription, type BenchDescription } from "./plan-strategy";

// What a database holds already: bench rows (told apart by their natural keys), other rows, or nothing.

export interface DatabaseContents {
  /** What the bench scorecard's description says was generated; null when there is no bench scorecard. */
  bench: BenchDescription | null;
  /** Rows that are not bench rows, e.g. "3 User", "2 Scorecard". Empty for a fresh or bench-only database. */
  other: string[];
}

const OTHER_ROWS: Array<[table: string, where: string]> = [
  ["Department", `name NOT LIKE '${BENCH_DEPARTMENT_PREFIX}%'`],
  ["User", `email NOT LIKE '%${BENCH_EMAIL_DOMAIN}'`],
  ["Scorecard", `slug <> '${BENCH_SCORECARD_SLUG}'`],
  ["Persona", `slug NOT LIKE '${BENCH_PERSONA_PREFIX}%'`],
  ["Kpi", `code NOT LIKE '${BENCH_KPI_PREFIX}%'`],
  // The generator writes none of these.
  ["MeasurementRevision", "true"],
  ["Escalation", "true"],
  ["Notification", "true"],
  ["AuditEvent", "true"],
  ["Scenario", "true"],
  ["ApiToken", "true"],
  ["SignInAttempt", "true"],
];

export async function inspectDatabase(client: ClientBase): Promise<DatabaseContents> {
  const counts = await client.query<{ table: string; count: string }>(
    OTHER_ROWS.map(([table, where]) => `SELECT '${table}' AS table, count(*) AS count FROM "${table}" WHERE ${where}`).join(" UNION ALL "),
  );
  const bench = await client.query<{ description: string | null }>(`SELECT description FROM "Scorecard" WHERE slug = $1`, [BENCH_SCORECARD_SLUG]);
  return {
    bench: bench.rows.length > 0 ? (parseBenchDescription(bench.rows[0]!.description) ?? { personas: 0, kpis: 0, months: 0, end: "?", seed: 0 }) : null,
    other: counts.rows.filter((r) => Number(r.count) > 0).map((r) => `${r.count} ${r.table}`),
  };
}

/** Removes the bench rows. A database with nothing else is emptied with TRUNCATE (fast); otherwise only bench rows go. */
export async function removeBenchRows(client: ClientBase, contents: DatabaseContents): Promise<void> {
  if (contents.other.length === 0) {
    const tables = await client.query<{ name: string }>(
      `SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'`,
    );
    if (tables.rows.length > 0) await client.query(`TRUNCATE ${tables.rows.map((t) => t.name).join(", ")} CASCADE`);
    return;
  }
  // Children first where the schema restricts (a KPI keeps its perspective); cascades do the rest.
  await client.query(`DELETE FROM "Kpi" WHERE code LIKE '${BENCH_KPI_PREFIX}%'`);
  await client.query(`DELETE FROM "Persona" WHERE slug LIKE '${BENCH_PERSONA_PREFIX}%'`);
  await client.query(`DELETE FROM "Scorecard" WHERE slug = '${BENCH_SCORECARD_SLUG}'`);
  await client.query(`DELETE FROM "User" WHERE email LIKE '%${BENCH_EMAIL_DOMAIN}'`);
  await client.query(`DELETE FROM "Department" WHERE name LIKE '${BENCH_DEPARTMENT_PREFIX}%'`);
}
