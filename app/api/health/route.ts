import { getDatabase } from "@/lib/db";
import { migrationStatus } from "@/lib/db/migrate";
import { requestLog } from "@/lib/log";

export const dynamic = "force-dynamic";

// For load balancers and operators: 200 only when the database answers and is fully migrated.
export async function GET(request: Request) {
  let kind: string | undefined;
  try {
    const database = await getDatabase();
    kind = database.kind;
    await database.pool.query("SELECT 1");
    const status = await migrationStatus(database.pool);
    if (status.pending.length > 0 || status.failed.length > 0) {
      return Response.json(
        { status: "behind", database: kind, migration: status.latest, pending: status.pending, failed: status.failed },
        { status: 503 },
      );
    }
    return Response.json({ status: "ok", database: kind, migration: status.latest });
  } catch (error) {
    requestLog(request).error({ err: error }, "health check failed");
    return Response.json({ status: "unavailable", database: kind ?? null, error: "database unreachable" }, { status: 503 });
  }
}
