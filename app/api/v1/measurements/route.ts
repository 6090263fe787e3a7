import { bulkUpsertMeasurements } from "@/lib/api/imports";
import { withApiActor } from "@/lib/api/with-api-actor";

// PUT /api/v1/measurements (bearer token): bulk upsert of up to 5,000 values, all or nothing,
// through the import command (shapes: lib/validation/imports.ts bulkMeasurements*Schema).
export const PUT = withApiActor("measurement.enter", bulkUpsertMeasurements);
