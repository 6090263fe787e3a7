// npm run db:restore -- <file> [--force]
// Restores a backup written by db:backup into the configured database, which must be empty:
//   - DATABASE_URL set: pg_restore of a pg_dump archive, in one transaction. --force first DROPS
//     every schema of that database (public and pgboss, with all their data), then restores;
//   - unset: loads a PGlite archive into PGLITE_DATA_DIR (stop the app first). --force moves the
//     existing folder aside to <folder>.before-restore-<time> (nothing deleted), then restores.
// A file of the other kind, or not a backup at all, is refused before anything changes.
// Prints the row count of every table and a checksum of the measurements, to compare with the
// backup's. The app applies pending migrations when it starts, so an older backup is brought up to date.
import { env } from "@/lib/env";
import { restoreDatabase } from "@/lib/ops/backup";

const USAGE = "Usage: npm run db:restore -- <file> [--force]";

try {
  const argv = process.argv.slice(2);
  const unknown = argv.filter((arg) => arg.startsWith("--") && arg !== "--force");
  const file = argv.find((arg) => !arg.startsWith("--"));
  if (!file || unknown.length > 0) throw new Error(USAGE);
  const { lines } = await restoreDatabase(env(), file, { force: argv.includes("--force") });
  console.log(lines.join("\n"));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
