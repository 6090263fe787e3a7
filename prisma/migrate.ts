// npm run db:migrate — applies pending migrations to the configured database (DATABASE_URL, or
// the embedded one), as the app does when it starts. Stop the app first when it runs on the
// embedded database: one process at a time may open its data folder.
import { closeDatabase, getDatabase } from "@/lib/db";
import { applyMigrations } from "@/lib/db/migrate";

try {
  const database = await getDatabase();
  const result = await applyMigrations(database.pool);
  console.log(
    result.newlyApplied.length > 0
      ? `Applied ${result.newlyApplied.length} migration(s) to the ${database.kind} database: ${result.newlyApplied.join(", ")}`
      : `The ${database.kind} database is up to date (${result.applied.length} migrations, latest ${result.latest ?? "none"}).`,
  );
  if (result.modified.length > 0) console.warn(`Warning: these applied migrations changed since: ${result.modified.join(", ")}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await closeDatabase();
}
