import { decodeCursor, encodeCursor } from "@/lib/api/cursor";
import { withIdempotency } from "@/lib/api/idempotency";
import { bulkUpsertMeasurements } from "@/lib/api/imports";
import { parseQuery } from "@/lib/api/query";
import type { MeasurementPageJson } from "@/lib/api/schemas";
import { withApiActor } from "@/lib/api/with-api-actor";
import { listMeasurementsForApi } from "@/lib/queries/api-measurements";
import { isPeriodKey } from "@/lib/scoring/periods";
import { measurementsQuerySchema } from "@/lib/validation/api";

// GET /api/v1/measurements?kpi=&persona=&from=YYYY-MM&to=YYYY-MM&limit=&cursor= (bearer token):
// stored values a page at a time, in a stable order, with version, not-available reason,
// comment, updatedAt and updatedBy. `nextCursor` (opaque) fetches the next page; null on the last.
// Unknown KPI or persona: 404; a malformed parameter or cursor: 400 naming it.
export const GET = withApiActor("dashboard.read", async (actor, request) => {
  const query = parseQuery(request, measurementsQuerySchema);
  const after = query.cursor === undefined ? null : decodeCursor(query.cursor, 3, ([, , period]) => isPeriodKey(period));
  const page = await listMeasurementsForApi(actor, {
    kpiCode: query.kpi,
    personaSlug: query.persona,
    from: query.from,
    to: query.to,
    limit: query.limit,
    after: after ? { kpiId: after[0]!, personaId: after[1]!, period: after[2]! } : null,
  });
  const nextCursor = page.next ? encodeCursor([page.next.kpiId, page.next.personaId, page.next.period]) : null;
  return Response.json({ measurements: page.measurements, nextCursor } satisfies MeasurementPageJson, { headers: { "Cache-Control": "private, no-store" } });
});

// PUT /api/v1/measurements (bearer token): bulk upsert of up to 5,000 values, all or nothing,
// through the import command (shapes: lib/validation/imports.ts bulkMeasurements*Schema). An
// Idempotency-Key makes a retry safe: the same key and body replays the first answer.
export const PUT = withApiActor("measurement.enter", withIdempotency((actor, request) => bulkUpsertMeasurements(actor, request)));
