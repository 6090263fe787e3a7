// A database's fingerprint: every table's row count (schema public) and an md5 of the
// measurements (every column of every row, in id order). Printed by db:backup and db:restore so
// the restore drill can compare the two, and used by the round-trip test.

/** Runs one SQL statement, returns its rows (a `pg` client or pool, or PGlite). */
export type RunSql = (sql: string) => Promise<Record<string, unknown>[]>;

export interface Fingerprint {
  /** Rows per table of schema public, by table name. */
  rows: Record<string, number>;
  /** md5 per checksummed table (by default Measurement only). */
  checksums: Record<string, string>;
}

export async function databaseFingerprint(run: RunSql, checksumTables: readonly string[] | "all" = ["Measurement"]): Promise<Fingerprint> {
  const tables = (await run(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)).map((r) => String(r.tablename));
  const rows: Record<string, number> = {};
  for (const table of tables) {
    const [count] = await run(`SELECT count(*)::int AS n FROM "${table.replaceAll('"', '""')}"`);
    rows[table] = Number(count?.n ?? 0);
  }
  const checksums: Record<string, string> = {};
  for (const table of checksumTables === "all" ? tables : checksumTables.filter((t) => tables.includes(t))) {
    const quoted = `"${table.replaceAll('"', '""')}"`;
    // The row's text form covers every column; ordered by the whole row so no primary key is assumed.
    const [sum] = await run(`SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text COLLATE "C"), '')) AS md5 FROM ${quoted} t`);
    checksums[table] = String(sum?.md5 ?? "");
  }
  return { rows, checksums };
}

export function describeFingerprint(f: Fingerprint): string {
  const total = Object.values(f.rows).reduce((a, b) => a + b, 0);
  const lines = [`${Object.keys(f.rows).length} tables, ${total} rows:`];
  for (const [table, n] of Object.entries(f.rows)) lines.push(`  ${table.padEnd(28)} ${n}`);
  for (const [table, md5] of Object.entries(f.checksums)) lines.push(`Checksum of ${table} (md5): ${md5}`);
  return lines.join("\n");
}
