import { withIdempotency } from "@/lib/api/idempotency";
import { importUploadedFile } from "@/lib/api/imports";
import { withApiActor } from "@/lib/api/with-api-actor";

// POST /api/v1/imports?dryRun=true|false (bearer token): a CSV or XLSX file (multipart part
// `file`); the dry run answers every row's verdict, a commit writes all rows or none. An
// Idempotency-Key makes a retried upload safe (the same file replays the first answer).
export const POST = withApiActor("measurement.enter", withIdempotency((actor, request) => importUploadedFile(actor, request, "IMPORT")));
