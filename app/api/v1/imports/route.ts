import { importUploadedFile } from "@/lib/api/imports";
import { withApiActor } from "@/lib/api/with-api-actor";

// POST /api/v1/imports?dryRun=true|false (bearer token): a CSV or XLSX file (multipart part
// `file`); the dry run answers every row's verdict, a commit writes all rows or none.
export const POST = withApiActor("measurement.enter", (actor, request) => importUploadedFile(actor, request, "IMPORT"));
