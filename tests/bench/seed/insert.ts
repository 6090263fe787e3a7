import type { ClientBase } from "pg";

// Multi-row INSERT ... SELECT FROM unnest($1::text[], $2::date[], ...): one array parameter per
// column, so a batch of any size is one statement with a handful of parameters.

export type Column<R> =
  | {
      name: string;
      /** Element type of the array parameter: text, date, numeric, int4, float8, bool, timestamp. */
      type: string;
      /** Cast applied in the SELECT, for enums ("Role") and arrays stored as literals (text[]). */
      cast?: string;
      value: (row: R) => unknown;
    }
  | { name: string; sql: string };

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

export function insertSql<R>(table: string, columns: Column<R>[]): string {
  const params: string[] = [];
  const aliases: string[] = [];
  const select = columns.map((c) => {
    if ("sql" in c) return c.sql;
    params.push(`$${params.length + 1}::${c.type}[]`);
    const alias = `c${params.length}`;
    aliases.push(alias);
    return c.cast ? `u.${alias}::${c.cast}` : `u.${alias}`;
  });
  return (
    `INSERT INTO ${quote(table)} (${columns.map((c) => quote(c.name)).join(", ")}) ` +
    `SELECT ${select.join(", ")} FROM unnest(${params.join(", ")}) AS u(${aliases.join(", ")})`
  );
}

export async function insertRows<R>(client: ClientBase, table: string, columns: Column<R>[], rows: R[], batchSize = 5_000): Promise<number> {
  const sql = insertSql(table, columns);
  const valueColumns = columns.filter((c): c is Extract<Column<R>, { value: unknown }> => "value" in c);
  for (let i = 0; i < rows.length; i += batchSize) {
    const batch = rows.slice(i, i + batchSize);
    await client.query(sql, valueColumns.map((c) => batch.map(c.value)));
  }
  return rows.length;
}

/** A Postgres array literal of texts, e.g. {"a","b \"c\""}: one value of a text[] column passed through a text[] parameter. */
export function textArrayLiteral(values: string[]): string {
  return `{${values.map((v) => `"${v.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`).join(",")}}`;
}
