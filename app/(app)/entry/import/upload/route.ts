import { importUploadedFile } from "@/lib/api/imports";
import { problemFrom } from "@/lib/api/problem";
import { requireRouteActor } from "@/lib/auth/route";

// POST /entry/import/upload?dryRun=true|false: the import screen's upload (signed-in session),
// answered exactly like POST /api/v1/imports. Same-origin only: a form on another site cannot
// post here with the session (requireRouteActor refuses it, lib/security/origin.ts).
export async function POST(request: Request): Promise<Response> {
  try {
    const actor = await requireRouteActor(request, "measurement.enter");
    return await importUploadedFile(actor, request, "IMPORT");
  } catch (error) {
    return problemFrom(error, request);
  }
}
