// npm run db:backup -- <file>
// Writes a backup of the configured database to <file> (never overwrites one):
//   - DATABASE_URL set: pg_dump custom format, taken while the app runs (one consistent snapshot);
//     pg_dump from this machine (PG_BIN_DIR, or PostgreSQL's client tools), at least the server's version;
//   - unset: the embedded database in PGLITE_DATA_DIR, as PGlite's data-folder archive. Stop the
//     app first: PGlite is one process holding its folder, and this refuses while the app holds it.
// Prints the row count of every table and a checksum of the measurements: db:restore prints the same.
import { env } from "@/lib/env";
import { backupDatabase } from "@/lib/ops/backup";

const USAGE = "Usage: npm run db:backup -- <file>";

try {
  const file = process.argv.slice(2).find((arg) => !arg.startsWith("--"));
  if (!file) throw new Error(USAGE);
  const { lines } = await backupDatabase(env(), file);
  console.log(lines.join("\n"));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
